import type { ClientBase } from 'pg';
import { inTenant, SOURCE_DOCUMENTS, provenance, seedIds } from '@kn/platform';
import { IndicatorUnit, TaskStatus } from '../common/enums.js';
import { DB_SCHEMA } from '../orm.js';
import { indicatorSearchKey } from '../indicators/service.js';
import { programSearchKey } from '../programs/service.js';
import { DEMO_PROGRAMS } from './documents/index.js';
import { DEMO_INDICATORS } from './indicators.js';
import { readDemoProgrammeFiles } from './demo-files.js';
import { programmeOfFile, type LoadableProgramme, type ProgrammeFile } from './file.js';
import type { IndicatorSeed, ProgramSeed, TargetSeed } from './types.js';

const S = DB_SCHEMA;

/**
 * Stable ids of the seeded records. Programme ids are `seedIds.program(tenant, code)` (other
 * subgraphs name programmes by it); the rest follow the same idea so a re-run finds its rows.
 */
export const seededIds = {
  program: (tenant: string, code: string) => seedIds.program(tenant, code),
  indicator: (tenant: string, code: string) => seedIds.of('indicator', tenant, code),
  target: (tenant: string, programCode: string, t: TargetSeed) =>
    seedIds.of('target', tenant, programCode, t.indicator, t.scope?.group ?? 'PROVINCE', ...yearsOf(t).map(String)),
  task: (tenant: string, programCode: string, ref: string) => seedIds.of('task', tenant, programCode, ref),
  fundingLine: (tenant: string, programCode: string, source: string, year: number | undefined) =>
    seedIds.of('funding', tenant, programCode, source, String(year ?? '')),
};

export function yearsOf(t: TargetSeed): [number, number] {
  if (t.year != null) return [t.year, t.year];
  return [t.startYear!, t.endYear!];
}

type Row = Record<string, unknown>;

export interface ProgramsDataset {
  tenants: string[];
  indicators: Row[];
  programs: Row[];
  coveredCommunes: Row[];
  targets: Row[];
  tasks: Row[];
  fundingLines: Row[];
}

/** Turns the transcribed documents into table rows (snake_case, exact values as text). */
export function buildProgramsDataset(
  programs: (ProgramSeed | LoadableProgramme)[] = DEMO_PROGRAMS,
  catalogues: Record<string, IndicatorSeed[]> = DEMO_INDICATORS,
): ProgramsDataset {
  const ds: ProgramsDataset = { tenants: [], indicators: [], programs: [], coveredCommunes: [], targets: [], tasks: [], fundingLines: [] };
  const units = new Map<string, IndicatorUnit>();
  for (const [tenant, list] of Object.entries(catalogues)) {
    for (const i of list) {
      units.set(`${tenant}:${i.code}`, i.unit);
      ds.indicators.push({
        tenant_id: tenant,
        id: seededIds.indicator(tenant, i.code),
        code: i.code,
        name: i.name,
        name_en: i.nameEn,
        unit: i.unit,
        higher_is_better: i.higherIsBetter,
        search_key: indicatorSearchKey(i),
      });
    }
  }
  for (const p of programs) {
    const programId = seededIds.program(p.tenant, p.code);
    const documentName = 'documentName' in p ? p.documentName : SOURCE_DOCUMENTS[p.document];
    ds.programs.push({
      tenant_id: p.tenant,
      id: programId,
      code: p.code,
      title: p.title,
      title_en: p.titleEn,
      kind: p.kind,
      status: p.status,
      document_number: p.documentNumber,
      issued_on: p.issuedOn,
      issuer: p.issuer,
      signer: p.signer,
      signer_title: p.signerTitle,
      start_year: p.startYear,
      end_year: p.endYear,
      objectives: p.objectives,
      provisions: p.provisions.map((v) => ({ kind: v.kind, heading: v.heading ?? null, text: v.text, reference: v.reference ?? null })),
      source_note: p.sourceNote,
      legal_bases: p.legalBases,
      search_key: programSearchKey(p),
    });
    for (const code of p.coveredCommuneCodes) {
      ds.coveredCommunes.push({ tenant_id: p.tenant, program_id: programId, commune_id: seedIds.unit(p.tenant, 'COMMUNE', code, 'old') });
    }
    p.targets.forEach((t, i) => {
      const unit = units.get(`${p.tenant}:${t.indicator}`);
      if (!unit) throw new Error(`${p.code}: indicator ${t.indicator} is not in ${p.tenant}'s catalogue`);
      const money = unit === IndicatorUnit.VND;
      const [start, end] = yearsOf(t);
      ds.targets.push({
        tenant_id: p.tenant,
        id: seededIds.target(p.tenant, p.code, t),
        program_id: programId,
        indicator_id: seededIds.indicator(p.tenant, t.indicator),
        start_year: start,
        end_year: end,
        yearly: t.yearly ?? false,
        comparison: t.comparison,
        target_value: money ? null : t.value,
        target_value_max: money ? null : (t.max ?? null),
        target_amount: money ? t.value : null,
        target_amount_max: money ? (t.max ?? null) : null,
        out_of: t.outOf ?? null,
        baseline: t.baseline ?? null,
        baseline_year: t.baselineYear ?? null,
        scope_kind: t.scope?.kind ?? 'PROVINCE',
        scope_group: t.scope?.group ?? null,
        scope_label: t.scope?.label ?? 'toàn tỉnh',
        scope_size: t.scope?.size ?? null,
        note: t.note,
        provenance: t.provenance ?? provenance.document(documentName, t.section, t.note),
        position: i + 1,
      });
    });
    p.tasks.forEach((k, i) => {
      const due = k.due;
      const rule = due?.kind === 'RULE' ? due : null;
      ds.tasks.push({
        tenant_id: p.tenant,
        id: seededIds.task(p.tenant, p.code, k.ref),
        program_id: programId,
        title: k.title,
        lead_agency: k.lead,
        coordinating_agencies: k.coordinating ?? [],
        directing_body: k.directing ?? null,
        due_kind: due?.kind ?? null,
        due_date: due?.kind === 'DATE' ? due.date : null,
        due_months: rule?.months ?? [],
        due_quarters: rule?.quarters ?? [],
        due_day: rule?.day ?? null,
        due_by: rule?.by ?? false,
        due_year: rule?.year ?? null,
        due_interval_months: rule?.intervalMonths ?? null,
        due_wording: due?.wording ?? null,
        status: TaskStatus.PLANNED,
        reference: k.ref,
        provenance: k.provenance ?? provenance.document(documentName, k.ref, k.title),
        position: i + 1,
      });
    });
    p.funding.forEach((f, i) => {
      ds.fundingLines.push({
        tenant_id: p.tenant,
        id: seededIds.fundingLine(p.tenant, p.code, f.source, f.year),
        program_id: programId,
        source: f.source,
        amount: f.amount,
        year: f.year ?? null,
        note: f.note,
        position: i + 1,
      });
    });
  }
  ds.tenants = [...new Set([...Object.keys(catalogues), ...programs.map((p) => p.tenant)])];
  return ds;
}

/**
 * The dataset of programme files, each `tenant`'s: the files' indicators make each tenant's
 * catalogue (one definition per code, or an error naming both files).
 */
export function buildProgramsDatasetFromFiles(entries: { tenant: string; file: ProgrammeFile; where: string }[]): ProgramsDataset {
  const catalogues: Record<string, IndicatorSeed[]> = {};
  const seen = new Map<string, { where: string; json: string }>();
  const programs: LoadableProgramme[] = [];
  for (const e of entries) {
    const { programme, indicators } = programmeOfFile(e.tenant, e.file);
    for (const i of indicators) {
      const key = `${e.tenant}:${i.code}`;
      const json = JSON.stringify(i);
      const before = seen.get(key);
      if (before && before.json !== json) throw new Error(`indicator ${i.code} of ${e.tenant} is defined differently in ${before.where} and ${e.where}`);
      if (before) continue;
      seen.set(key, { where: e.where, json });
      (catalogues[e.tenant] ??= []).push(i);
    }
    programs.push(programme);
  }
  return buildProgramsDataset(programs, catalogues);
}

/** One `insert … select from jsonb_to_recordset` per table: rows already there are left alone. */
const TABLES: [keyof Omit<ProgramsDataset, 'tenants'>, string, string][] = [
  [
    'indicators',
    'indicator',
    'tenant_id text, id uuid, code text, name text, name_en text, unit text, higher_is_better boolean, search_key text',
  ],
  [
    'programs',
    'program',
    'tenant_id text, id uuid, code text, title text, title_en text, kind text, status text, document_number text, issued_on date, ' +
      'issuer text, signer text, signer_title text, start_year int, end_year int, objectives text[], provisions jsonb, source_note text, legal_bases jsonb, search_key text',
  ],
  ['coveredCommunes', 'covered_commune', 'tenant_id text, program_id uuid, commune_id uuid'],
  [
    'targets',
    'target',
    'tenant_id text, id uuid, program_id uuid, indicator_id uuid, start_year int, end_year int, yearly boolean, comparison text, ' +
      'target_value numeric, target_value_max numeric, target_amount bigint, target_amount_max bigint, out_of numeric, baseline numeric, baseline_year int, ' +
      'scope_kind text, scope_group text, scope_label text, scope_size int, note text, provenance jsonb, position int',
  ],
  [
    'tasks',
    'task',
    'tenant_id text, id uuid, program_id uuid, title text, lead_agency text, coordinating_agencies text[], directing_body text, ' +
      'due_kind text, due_date date, due_months smallint[], due_quarters smallint[], due_day smallint, due_by boolean, due_year int, ' +
      'due_interval_months smallint, due_wording text, status text, reference text, provenance jsonb, position int',
  ],
  ['fundingLines', 'funding_line', 'tenant_id text, id uuid, program_id uuid, source text, amount bigint, year int, note text, position int'],
];

/** Loads a dataset tenant by tenant, as the schema's owner with row-level security in force. Idempotent. */
export async function loadProgramsDataset(client: ClientBase, ds: ProgramsDataset): Promise<void> {
  for (const tenant of ds.tenants) {
    await inTenant(client, tenant, async () => {
      const counts: Record<string, number> = {};
      for (const [key, table, columns] of TABLES) {
        const rows = ds[key].filter((r) => r.tenant_id === tenant);
        if (rows.length === 0) continue;
        const names = columns.split(', ').map((c) => c.split(' ')[0]).join(', ');
        const result = await client.query(
          `insert into ${S}.${table} (${names})
           select ${names} from jsonb_to_recordset($1::jsonb) as x(${columns})
           on conflict do nothing`,
          [JSON.stringify(rows)],
        );
        counts[table] = result.rowCount ?? 0;
      }
      if (Object.values(counts).some((n) => n > 0)) {
        await client.query(
          `insert into ${S}.audit_log (tenant_id, actor, actor_roles, via, operation, changes, before, after)
           values ($1, 'system:seed', '{}', 'service', 'seed:programs', '[]', '{}', $2)`,
          [tenant, JSON.stringify(counts)],
        );
      }
    });
  }
}

/** The demo data of this subgraph: the five source documents as programmes of their tenants. */
export async function seedPrograms(client: ClientBase): Promise<void> {
  await loadProgramsDataset(client, buildProgramsDatasetFromFiles(readDemoProgrammeFiles()));
}

export { DEMO_PROGRAMS, DEMO_INDICATORS };
