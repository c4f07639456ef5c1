import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canonicalDecimal, provenanceProblems, SOURCE_DOCUMENTS } from '@kn/platform';
import { IndicatorUnit, TargetComparison } from '../common/enums.js';
import { compareDecimal } from '../common/validation.js';
import { DEMO_PROGRAMS } from './documents/index.js';
import { buildProgramsDataset, seededIds, yearsOf } from './index.js';
import { DEMO_INDICATORS } from './indicators.js';
import type { ProgramSeed } from './types.js';

const SOURCES = fileURLToPath(new URL('../../data/sources/', import.meta.url));
/**
 * Whitespace-insensitive and case-insensitive: the copies break lines anywhere and set some headings in
 * capitals. A hyphen that ends a line joins what follows ("630-⏎TB/TU" is "630-TB/TU"): the seeds write
 * document numbers whole, and the copy is read the same way.
 */
const normalise = (s: string) =>
  s
    .replace(/(\S)-\s+(?=\S)/g, '$1-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLocaleLowerCase('vi');
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
  for (const b of p.legalBases) q.push([`legal basis ${b.number ?? b.title}`, b.title]);
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

  it('every seeded target and task carries a valid provenance; a DOCUMENT one quotes its document word for word', () => {
    const ds = buildProgramsDataset();
    const byId = new Map(DEMO_PROGRAMS.map((p) => [seededIds.program(p.tenant, p.code), p]));
    const problems: string[] = [];
    for (const r of [...ds.targets, ...ds.tasks]) {
      const p = byId.get(r.program_id as string)!;
      const where = `${p.code} ${(r.reference as string) ?? (r.note as string)?.slice(0, 40)}`;
      const v = r.provenance as { kind: string; document?: string; quote?: string } | undefined;
      for (const e of provenanceProblems(v)) problems.push(`${where}: ${e}`);
      if (v?.kind === 'DOCUMENT' || v?.kind === 'INTERPRETATION') {
        if (v.document !== SOURCE_DOCUMENTS[p.document]) problems.push(`${where}: names ${v.document}`);
        if (!documentText(p).includes(normalise(v.quote!))) problems.push(`${where}: quote not in the document`);
      }
    }
    expect(problems).toEqual([]);
  });

  // The copies break lines inside document numbers ("Thông báo số 630-⏎TB/TU", "203/HD-⏎HĐTĐKT", "Sở LĐ-⏎TB&XH",
  // "2019-⏎2020"); seeds repair them. QĐ 1100 VI.2 reads "Thông báo số 630-\n\nTB/TU ngày 24/10/2019".
  it('no seeded text keeps a document number broken by a joined line break ("630- TB/TU", "LĐ- TB&XH", "2019- 2020")', () => {
    const broken = /\d- \S|[A-ZĐ&]- [A-ZĐ&]/u;
    const found = DEMO_PROGRAMS.flatMap((p) => quotes(p).filter(([, q]) => broken.test(q)).map(([where, q]) => `${p.code} ${where}: ${q.match(broken)![0]}`));
    const ds = buildProgramsDataset();
    for (const r of ds.programs) for (const b of r.legal_bases as { number: string | null }[]) if (b.number && /\s/.test(b.number)) found.push(b.number);
    expect(found).toEqual([]);
    expect(DEMO_PROGRAMS.find((p) => p.code === 'QN-1100-2020')!.tasks.find((k) => k.ref === 'VI.2')!.title).toContain('Thông báo số 630-TB/TU');
  });

  it('every programme lists its legal bases (003: 1600/QĐ-TTg of 16/8/2016; 001: Tờ trình 184/TTr-BDT; 000: 20/NQ-CP, 90-CTr/TU, 16-NQ/TW)', () => {
    const bases = (code: string) => DEMO_PROGRAMS.find((p) => p.code === code)!.legalBases;
    for (const p of DEMO_PROGRAMS) expect(p.legalBases.length, p.code).toBeGreaterThan(0);
    expect(bases('LS-NTM-2019')[0]).toMatchObject({ number: '1600/QĐ-TTg', issuedOn: '2016-08-16', issuer: 'Thủ tướng Chính phủ' });
    expect(bases('QN-1100-2020').map((b) => b.number)).toContain('184/TTr-BDT');
    expect(bases('LS-KN-XBG').map((b) => b.number)).toEqual(['433/KH-UBND', '20/NQ-CP', '90-CTr/TU', '16-NQ/TW']);
    expect(bases('LS-88-2022')[0]).toMatchObject({ number: '23/NQ-CP', issuedOn: '2022-03-02' });
  });

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

  // 003 I.2, tiêu chí số 2: "Năm 2019, phấn đấu có thêm 12 xã đạt chuẩn tiêu chí, nâng tổng số xã đạt tiêu chí lên 61/207 xã"
  it('NTM 2019: the increments "có thêm N xã" of 16 criteria are data, with the 2018 baselines they imply', () => {
    const ntm = DEMO_PROGRAMS.find((p) => p.code === 'LS-NTM-2019')!;
    const withBase = ntm.targets.filter((t) => /^NTM_C\d\d$/.test(t.indicator) && t.baseline != null);
    expect(withBase.map((t) => Number(t.indicator.slice(5)))).toEqual([2, 3, 4, 5, 6, 7, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19]);
    const c = (n: string) => withBase.find((t) => t.indicator === n)!;
    expect([c('NTM_C02').baseline, c('NTM_C02').baselineYear, c('NTM_C15').baseline]).toEqual(['49', 2018, '107']);
    for (const t of withBase) {
      const increment = Number(t.value) - Number(t.baseline);
      // the increment stands in the words: "thêm 12 xã", "hoàn thành 9 xã", "thêm 09 xã"
      expect(normalise(t.note), t.indicator).toMatch(new RegExp(`(thêm|hoàn thành|hoàn thành thêm) 0?${increment} xã`));
    }
  });

  // 003 I.1: "bình quân 01 xã trên địa bàn tỉnh đạt từ 11 – 11,5 tiêu chí"; "ít nhất từ 1-2 "khu dân cư kiểu mẫu""
  it('NTM 2019: ranges are lower bounds, said so; "ít nhất từ 1-2" is at least 1', () => {
    const ntm = DEMO_PROGRAMS.find((p) => p.code === 'LS-NTM-2019')!;
    const model = ntm.targets.find((t) => t.indicator === 'NTM_MODEL_RESIDENTIAL_AREAS')!;
    expect(model).toMatchObject({ comparison: TargetComparison.AT_LEAST, value: '1', provenance: { kind: 'INTERPRETATION' } });
    expect(model.max).toBeUndefined();
    const ranges = ntm.targets.filter((t) => t.comparison === TargetComparison.BETWEEN);
    expect(ranges.length).toBe(3);
    for (const t of ranges) expect(t.provenance?.note).toContain('lower bound');
  });

  // 002 III.10: "duy trì 100% trạm y tế xã khu vực biên giới đều có bác sĩ"; 004 I.1.c "giảm tỷ lệ hộ nghèo bình quân 3%/năm"
  it('88/KH-UBND: 100 % of border health stations with a doctor is a target; 165/KH-UBND: −3 %/year is an average, not yearly', () => {
    const plan88 = DEMO_PROGRAMS.find((p) => p.code === 'LS-88-2022')!;
    expect(plan88.targets.map((t) => [t.indicator, t.value, t.section])).toEqual([['BORDER_HEALTH_STATIONS_WITH_DOCTOR_RATE', '100', 'III.10']]);
    const plan165 = DEMO_PROGRAMS.find((p) => p.code === 'LS-165-2017')!;
    for (const t of plan165.targets.filter((x) => x.indicator === 'POVERTY_RATE_REDUCTION')) {
      expect(t).toMatchObject({ yearly: false, startYear: 2016, endYear: 2020 });
    }
  });

  // 003 II.6: "Tiếp tục hỗ trợ 02 xã điểm (xã Hoàng Đồng - thành phố Lạng sơn và xã Chi Lăng - huyện Chi Lăng)"
  it('NTM 2019: §II priorities, the two pilot communes of the advanced standard and criterion 8’s 12 communes are provisions', () => {
    const ntm = DEMO_PROGRAMS.find((p) => p.code === 'LS-NTM-2019')!;
    expect(ntm.provisions.filter((v) => v.kind === 'PRIORITY').map((v) => v.reference)).toEqual(['II.1', 'II.4', 'II.5', 'II.6', 'II.8']);
    expect(ntm.provisions.find((v) => v.reference === 'II.6')!.text).toContain('xã Hoàng Đồng - thành phố Lạng sơn và xã Chi Lăng - huyện Chi Lăng');
    expect(ntm.provisions.find((v) => v.reference === 'I.2, tiêu chí số 8')!.text).toContain('tại 12 xã phấn đấu đạt chuẩn năm 2019');
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
