import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canonicalDecimal } from '@kn/platform';
import { IndicatorUnit, TargetComparison } from '../common/enums.js';
import { compareDecimal } from '../common/validation.js';
import { DEMO_PROGRAMS } from './documents/index.js';
import { buildProgramsDataset, seededIds, yearsOf } from './index.js';
import { DEMO_INDICATORS } from './indicators.js';
import type { ProgramSeed } from './types.js';

const SOURCES = fileURLToPath(new URL('../../data/sources/', import.meta.url));
/** Whitespace-insensitive and case-insensitive: the copies break lines anywhere and set some headings in capitals. */
const normalise = (s: string) => s.replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');
const documentText = (p: ProgramSeed) => normalise(readFileSync(`${SOURCES}${p.file}`, 'utf8'));

/** Table cells that run across a page break of the copy: the parts are quoted separately. */
const ACROSS_PAGE_BREAK = new Map<string, string[]>([
  ['BCĐ tỉnh, các Sở: VH - TT&DL, TN&MT, NN và PTNT', ['BCĐ tỉnh, các Sở: VH - TT&DL,', 'TN&MT, NN và PTNT']],
]);

/**
 * How a decimal reads in a Vietnamese document: "9.5" → "9,5", "33500" → "33.500", "2" → "02",
 * 200000000 đồng → "200 triệu", 495100000000 đồng → "495,1 tỷ".
 */
function vietnameseForms(value: string, money = false): string[] {
  const write = (v: string) => {
    const [int, frac] = v.split('.') as [string, string?];
    const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    return frac ? `${grouped},${frac}` : grouped;
  };
  const forms = [write(value), `0${write(value)}`];
  if (money) {
    const scaled = (exp: number) => canonicalDecimal((Number(BigInt(value)) / 10 ** exp).toFixed(3));
    forms.push(`${write(scaled(6)!)} triệu`, `${write(scaled(9)!)} tỷ`, `0${write(scaled(9)!)} tỷ`);
  }
  return forms;
}

/** Every text a seed claims to quote, with where it is used. */
function quotes(p: ProgramSeed): [string, string][] {
  const q: [string, string][] = [
    ['title', p.title],
    ['signer', p.signer],
    ...p.objectives.map((o, i): [string, string] => [`objectives[${i}]`, o]),
  ];
  p.provisions.forEach((v, i) => {
    q.push([`provisions[${i}].text`, v.text]);
    if (v.heading) q.push([`provisions[${i}].heading`, v.heading]);
  });
  p.targets.forEach((t, i) => {
    q.push([`targets[${i}].note (${t.indicator})`, t.note]);
    if (t.scope) q.push([`targets[${i}].scope.label`, t.scope.label]);
  });
  for (const k of p.tasks) {
    q.push([`task ${k.ref} title`, k.title], [`task ${k.ref} lead`, k.lead]);
    for (const c of k.coordinating ?? []) q.push([`task ${k.ref} coordinating`, c]);
    if (k.directing) q.push([`task ${k.ref} directing`, k.directing]);
    if (k.due?.wording) q.push([`task ${k.ref} due`, k.due.wording]);
  }
  for (const f of p.funding) q.push([`funding ${f.source}`, f.note]);
  return q;
}

describe('the demo programmes are the source documents, to the letter', () => {
  for (const p of DEMO_PROGRAMS) {
    it(`${p.code}: every quoted text is in ${p.file}, word for word`, () => {
      const text = documentText(p);
      const missing = quotes(p).filter(([, quote]) => {
        const parts = ACROSS_PAGE_BREAK.get(quote) ?? [quote];
        return !parts.every((part) => text.includes(normalise(part)));
      });
      expect(missing.map(([where, quote]) => `${where}: ${quote.slice(0, 80)}`)).toEqual([]);
    });

    it(`${p.code}: every figure stands in the words it quotes (61 in “61/207 xã”, 9,5 in “9,5-10”, 495,1 in “495,1 tỷ”)`, () => {
      const units = new Map(DEMO_INDICATORS[p.tenant]!.map((i) => [i.code, i.unit]));
      const unstated: string[] = [];
      for (const t of p.targets) {
        const money = units.get(t.indicator) === IndicatorUnit.VND;
        const note = normalise(t.note);
        for (const v of [t.value, t.max].filter((x): x is string => x != null)) {
          if (!vietnameseForms(v, money).some((f) => note.includes(normalise(f)))) unstated.push(`${t.indicator}: ${v}`);
        }
        if (t.outOf != null && !note.includes(`/${t.outOf}`)) unstated.push(`${t.indicator}: /${t.outOf}`);
        if (t.scope?.size != null && !normalise(t.scope.label).match(new RegExp(`\\b0?${t.scope.size}\\b`))) {
          unstated.push(`${t.indicator}: size ${t.scope.size}`);
        }
      }
      for (const f of p.funding) {
        if (!vietnameseForms(f.amount, true).some((form) => normalise(f.note).includes(normalise(form)))) {
          unstated.push(`${f.source}: ${f.amount}`);
        }
      }
      expect(unstated).toEqual([]);
    });

    it(`${p.code}: targets, tasks and funding sit inside the period and read the way the API would accept them`, () => {
      const inPeriod = (y: number) => y >= p.startYear && (p.endYear == null || y <= p.endYear);
      const units = new Map(DEMO_INDICATORS[p.tenant]!.map((i) => [i.code, i.unit]));
      for (const t of p.targets) {
        const where = `${t.indicator} ${t.scope?.group ?? ''}`;
        const [start, end] = yearsOf(t);
        expect(inPeriod(start) && inPeriod(end) && start <= end, where).toBe(true);
        expect(units.has(t.indicator), where).toBe(true);
        expect(t.note.trim(), where).not.toBe('');
        if (t.value == null) {
          expect(t.comparison, where).toBeNull();
          continue;
        }
        expect(t.comparison, where).not.toBeNull();
        for (const v of [t.value, t.max, t.outOf].filter((x): x is string => x != null)) {
          expect(canonicalDecimal(v), where).toBe(v);
          if (units.get(t.indicator) === IndicatorUnit.VND) expect(v, where).toMatch(/^\d+$/);
          if (units.get(t.indicator) === IndicatorUnit.PERCENT) expect(compareDecimal(v, '100'), where).toBeLessThanOrEqual(0);
        }
        expect(t.comparison === TargetComparison.BETWEEN, where).toBe(t.max != null);
        if (t.max != null) expect(compareDecimal(t.max, t.value), where).toBeGreaterThanOrEqual(0);
        if (t.outOf != null) expect(compareDecimal(t.max ?? t.value, t.outOf), where).toBeLessThanOrEqual(0);
      }
      for (const k of p.tasks) {
        if (k.due?.kind === 'RULE' && k.due.year != null) expect(inPeriod(k.due.year), k.ref).toBe(true);
      }
      for (const f of p.funding) {
        expect(f.amount).toMatch(/^\d+$/);
        if (f.year != null) expect(inPeriod(f.year)).toBe(true);
      }
    });
  }

  it('every seeded record has its own stable id; programme ids are seedIds.program(tenant, code)', () => {
    const ds = buildProgramsDataset();
    for (const rows of [ds.indicators, ds.programs, ds.targets, ds.tasks, ds.fundingLines]) {
      const ids = rows.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(ds.programs.map((r) => [r.tenant_id, r.code])).toEqual([
      ['lang-son', 'LS-KN-XBG'],
      ['quang-nam', 'QN-1100-2020'],
      ['lang-son', 'LS-88-2022'],
      ['lang-son', 'LS-NTM-2019'],
      ['lang-son', 'LS-165-2017'],
    ]);
    expect(ds.programs[0]!.id).toBe(seededIds.program('lang-son', 'LS-KN-XBG'));
    expect(buildProgramsDataset().targets.map((r) => r.id)).toEqual(ds.targets.map((r) => r.id));
  });

  it('NTM 2019: the 19 criteria, a distribution of all 207 communes, 3,002.8 billion đồng by source', () => {
    const ntm = DEMO_PROGRAMS.find((p) => p.code === 'LS-NTM-2019')!;
    const criteria = ntm.targets.filter((t) => /^NTM_C\d\d$/.test(t.indicator));
    expect(criteria.map((t) => t.indicator)).toEqual(Array.from({ length: 19 }, (_, i) => `NTM_C${String(i + 1).padStart(2, '0')}`));
    expect(criteria.filter((t) => t.value != null).every((t) => t.outOf === '207')).toBe(true);
    const bands = ntm.targets.filter((t) => /^NTM_COMMUNES_\d+(_\d+)?_CRITERIA$/.test(t.indicator));
    expect(bands.reduce((n, t) => n + Number(t.value), 0)).toBe(207);
    expect(ntm.funding.reduce((n, f) => n + BigInt(f.amount), 0n)).toBe(3_002_800_000_000n);
    expect(ntm.tasks).toHaveLength(31);
  });

  it('88/KH-UBND: the tasks of its 19 agencies, and the two yearly reports', () => {
    const plan = DEMO_PROGRAMS.find((p) => p.code === 'LS-88-2022')!;
    const agencyTasks = plan.tasks.filter((k) => k.ref.startsWith('III.'));
    expect(new Set(agencyTasks.map((k) => k.lead)).size).toBe(19);
    expect(new Set(agencyTasks.map((k) => k.ref.split('-')[0])).size).toBe(19);
    expect(plan.tasks.filter((k) => k.ref.startsWith('IV.')).map((k) => k.due)).toEqual([
      expect.objectContaining({ months: [11], day: 15, by: true }),
      expect.objectContaining({ months: [12] }),
    ]);
  });
});
