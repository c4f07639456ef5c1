import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { provenance, provenanceProblems, SOURCE_DOCUMENTS, type ProvenanceData } from '@kn/platform';
import {
  DueKind,
  FundingSource,
  IndicatorUnit,
  ProgramKind,
  ProgramStatus,
  ProvisionKind,
  TargetComparison,
  TargetScopeKind,
} from '../common/enums.js';
import type { IndicatorSeed, ProgramSeed } from './types.js';

/**
 * The programme file (issue #18 §1): one programme of a province — its document, the indicators its
 * targets measure, its targets, tasks, funding, legal bases — as JSON, validated by
 * `programmeFileSchema`. It names no tenant: the onboarding says whose it is. Every target and task
 * says where it comes from (`provenance`, required: the document's words, the platform's reading, a
 * setting the province must confirm, another legal text or demo data). The five seeded documents are
 * files of this format (`services/programs/data/programmes/`), loaded the same way. docs/ONBOARDING.md
 * describes each field.
 */
export const PROGRAMME_FILE_FORMAT = 'kn-programme/1';

const text = z.string().trim().min(1);
const date = z.iso.date();
const year = z.int().min(1945).max(2100);
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'an exact decimal as text, e.g. "12.5"');
const dong = z.string().regex(/^\d+$/, 'a whole number of đồng as digits');

const provenanceSchema = z
  .object({
    kind: z.enum(['DOCUMENT', 'INTERPRETATION', 'PROVINCE_SETTING', 'EXTERNAL', 'SYNTHETIC']),
    document: z.string().nullish(),
    section: z.string().nullish(),
    quote: z.string().nullish(),
    note: z.string().nullish(),
  })
  .strict()
  .superRefine((p, ctx) => {
    for (const message of provenanceProblems(p)) ctx.addIssue({ code: 'custom', message });
  });

const indicatorSchema = z
  .object({ code: z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/), name: text, nameEn: text, unit: z.enum(IndicatorUnit), higherIsBetter: z.boolean().nullable() })
  .strict();

const targetSchema = z
  .object({
    indicator: text,
    year: year.optional(),
    startYear: year.optional(),
    endYear: year.optional(),
    yearly: z.boolean().optional(),
    comparison: z.enum(TargetComparison).nullable(),
    value: decimal.nullable(),
    max: decimal.optional(),
    outOf: decimal.optional(),
    scope: z.object({ kind: z.enum(TargetScopeKind), group: text, label: text, size: z.int().positive().optional() }).strict().optional(),
    note: text,
    section: text,
    baseline: decimal.optional(),
    baselineYear: year.optional(),
    provenance: provenanceSchema,
  })
  .strict()
  .refine((t) => (t.year != null) !== (t.startYear != null && t.endYear != null), 'a target has a year, or a startYear and an endYear')
  .refine((t) => t.startYear == null || t.endYear == null || t.startYear <= t.endYear, 'startYear after endYear');

const dueSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal(DueKind.DATE), date, wording: text.optional() }).strict(),
  z
    .object({
      kind: z.literal(DueKind.RULE),
      months: z.array(z.int().min(1).max(12)).optional(),
      quarters: z.array(z.int().min(1).max(4)).optional(),
      day: z.int().min(1).max(31).optional(),
      by: z.boolean().optional(),
      year: year.optional(),
      intervalMonths: z.int().min(1).max(120).optional(),
      wording: text,
    })
    .strict(),
  z.object({ kind: z.literal(DueKind.ONGOING), wording: text.optional() }).strict(),
  z.object({ kind: z.literal(DueKind.AS_NEEDED), wording: text.optional() }).strict(),
]);

const taskSchema = z
  .object({
    ref: text,
    title: text,
    lead: text,
    coordinating: z.array(text).optional(),
    directing: text.optional(),
    due: dueSchema.optional(),
    provenance: provenanceSchema,
  })
  .strict();

const legalBasisSchema = z
  .object({
    number: z.string().nullable(),
    issuedOn: date.nullable(),
    issuer: z.string().nullable(),
    title: text,
    relation: z.enum(['căn cứ', 'thực hiện', 'theo đề nghị', 'triển khai']),
    note: z.string().optional(),
  })
  .strict();

const programmeSchema = z
  .object({
    code: z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,63}$/, 'capitals, digits and dashes, e.g. "CB-12-2024"'),
    title: text,
    titleEn: text,
    kind: z.enum(ProgramKind),
    status: z.enum(ProgramStatus),
    documentNumber: z.string().nullable(),
    issuedOn: date.nullable(),
    issuer: text,
    signer: text,
    signerTitle: text,
    startYear: year,
    endYear: year.nullable(),
    sourceNote: z.string().nullable(),
    legalBases: z.array(legalBasisSchema),
    objectives: z.array(text),
    provisions: z.array(z.object({ kind: z.enum(ProvisionKind), heading: text.optional(), text, reference: text.optional() }).strict()),
    coveredCommuneCodes: z.array(z.string().regex(/^\d{5}$/, 'a commune code of 5 digits (before the 2025 reform)')),
    targets: z.array(targetSchema),
    tasks: z.array(taskSchema),
    funding: z.array(z.object({ source: z.enum(FundingSource), amount: dong, year: year.optional(), note: text }).strict()),
  })
  .strict()
  .refine((p) => p.endYear == null || p.startYear <= p.endYear, 'startYear after endYear');

export const programmeFileSchema = z
  .object({
    format: z.literal(PROGRAMME_FILE_FORMAT),
    /** How provenance names the document: its number and date, or its title. */
    document: text,
    /** The source text the programme was transcribed from, where the platform keeps it. */
    source: z.string().optional(),
    indicators: z.array(indicatorSchema),
    programme: programmeSchema,
  })
  .strict()
  .superRefine((f, ctx) => {
    const codes = new Set(f.indicators.map((i) => i.code));
    if (codes.size !== f.indicators.length) ctx.addIssue({ code: 'custom', path: ['indicators'], message: 'an indicator code appears twice' });
    f.programme.targets.forEach((t, i) => {
      if (!codes.has(t.indicator)) ctx.addIssue({ code: 'custom', path: ['programme', 'targets', i, 'indicator'], message: `${t.indicator} is not among the file's indicators` });
    });
    const refs = new Set<string>();
    f.programme.tasks.forEach((k, i) => {
      if (refs.has(k.ref)) ctx.addIssue({ code: 'custom', path: ['programme', 'tasks', i, 'ref'], message: `task ref ${k.ref} appears twice` });
      refs.add(k.ref);
    });
  });

export type ProgrammeFile = z.infer<typeof programmeFileSchema>;

/** A programme ready for the dataset builder: a seed's shape with its document named in words. */
export type LoadableProgramme = Omit<ProgramSeed, 'document' | 'file'> & { documentName: string };

/** A file that is not a valid programme file: every problem, each with where it is. */
export class ProgrammeFileError extends Error {
  constructor(
    readonly where: string,
    readonly problems: string[],
  ) {
    super(`${where}: not a valid programme file (${PROGRAMME_FILE_FORMAT}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ProgrammeFileError';
  }
}

/** Validates parsed JSON as a programme file (`where` names it in the error). */
export function parseProgrammeFile(json: unknown, where: string): ProgrammeFile {
  const r = programmeFileSchema.safeParse(json);
  if (!r.success) throw new ProgrammeFileError(where, r.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(file)'}: ${i.message}`));
  return r.data;
}

/** Reads and validates a programme file from disk. */
export function readProgrammeFile(path: string): ProgrammeFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ProgrammeFileError(path, [`not JSON: ${e instanceof Error ? e.message : String(e)}`]);
  }
  return parseProgrammeFile(json, path);
}

/** The programme of a file, as `tenant`'s. */
export function programmeOfFile(tenant: string, f: ProgrammeFile): { programme: LoadableProgramme; indicators: IndicatorSeed[] } {
  return { programme: { ...f.programme, tenant, documentName: f.document }, indicators: f.indicators };
}

/**
 * The file of a transcribed seed document: the same facts, each target's and task's provenance
 * written out (what the builder would default to), the indicators its targets measure (and, with
 * `extraIndicators`, catalogue entries no programme uses yet).
 */
export function programmeFileOf(p: ProgramSeed, catalogue: IndicatorSeed[], extraIndicators: string[] = []): ProgrammeFile {
  const document = SOURCE_DOCUMENTS[p.document];
  const used = new Set([...p.targets.map((t) => t.indicator), ...extraIndicators]);
  const { tenant: _tenant, document: _document, file, ...programme } = p;
  const withProvenance = <T extends { provenance?: ProvenanceData }>(x: T, fallback: ProvenanceData) => ({ ...x, provenance: x.provenance ?? fallback });
  return {
    format: PROGRAMME_FILE_FORMAT,
    document,
    source: `shared/seeds/${file}`,
    indicators: catalogue.filter((i) => used.has(i.code)),
    programme: {
      ...programme,
      targets: p.targets.map((t) => withProvenance(t, provenance.document(document, t.section, t.note))),
      tasks: p.tasks.map((k) => withProvenance(k, provenance.document(document, k.ref, k.title))),
    },
  } as ProgrammeFile;
}
