import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';

/**
 * Where a seeded (or recorded) fact comes from. One shared value type: targets and tasks (programs),
 * calendar rules, rules, grade bands, rule sets and criteria sets (evaluations), cycle deadlines
 * (sponsors) and classifications (communes) all carry it, so it is declared once, here, identically
 * in every subgraph (`@shareable`).
 *
 * - DOCUMENT: the document says it; `quote` is its words.
 * - INTERPRETATION: the platform's reading of words that leave a gap ("cuối năm" read as 31/12):
 *   `quote` gives the words, `note` the reading. A province can change the value.
 * - PROVINCE_SETTING: the document is silent; a value the province must confirm or change. Seeded
 *   values say so in `note`.
 * - EXTERNAL: another legal text (`document` gives its number, date and issuer).
 * - SYNTHETIC: demo data, made up to show the platform working.
 */
export enum ProvenanceKind {
  DOCUMENT = 'DOCUMENT',
  INTERPRETATION = 'INTERPRETATION',
  PROVINCE_SETTING = 'PROVINCE_SETTING',
  EXTERNAL = 'EXTERNAL',
  SYNTHETIC = 'SYNTHETIC',
}
registerEnumType(ProvenanceKind, {
  name: 'ProvenanceKind',
  description: 'Where a fact comes from.',
  valuesConfig: {
    DOCUMENT: { description: 'The document says it; `quote` is its words.' },
    INTERPRETATION: { description: 'The platform’s reading of words that leave a gap: `quote` the words, `note` the reading.' },
    PROVINCE_SETTING: { description: 'The document is silent: a value the province must confirm or change.' },
    EXTERNAL: { description: 'Another legal text: `document` names it (number, date, issuer).' },
    SYNTHETIC: { description: 'Demo data, made up.' },
  },
});

/** The stored shape (JSON in a `provenance` column, or inside a rule set's definition). */
export interface ProvenanceData {
  kind: ProvenanceKind | `${ProvenanceKind}`;
  /** The document: its number and date, or its title when it has no number. */
  document?: string | null;
  /** Where in it: "III.2.1.a", "IV.1", "Phụ lục, mục XIII". */
  section?: string | null;
  /** Its words, verbatim (DOCUMENT, INTERPRETATION). */
  quote?: string | null;
  /** The reading (INTERPRETATION), what the province must confirm (PROVINCE_SETTING), or what is synthetic. */
  note?: string | null;
}

@Directive('@shareable')
@ObjectType({
  description:
    'Where a fact comes from: the document’s words (DOCUMENT), the platform’s reading of them (INTERPRETATION), ' +
    'a setting the province must confirm (PROVINCE_SETTING), another legal text (EXTERNAL) or demo data (SYNTHETIC).',
})
export class Provenance {
  @Field(() => ProvenanceKind) kind!: ProvenanceKind;
  @Field(() => String, { nullable: true, description: 'The document (number and date, or title).' }) document!: string | null;
  @Field(() => String, { nullable: true, description: 'Where in the document, e.g. "III.2.1.a".' }) section!: string | null;
  @Field(() => String, { nullable: true, description: 'The document’s words, verbatim.' }) quote!: string | null;
  @Field(() => String, { nullable: true, description: 'The reading, or what the province must confirm, or what is synthetic.' })
  note!: string | null;
}

const KINDS = new Set<string>(Object.values(ProvenanceKind));

/** Problems of a provenance value (empty: valid). DOCUMENT and INTERPRETATION need a quote; the others a note. */
export function provenanceProblems(p: unknown): string[] {
  if (p == null || typeof p !== 'object') return ['provenance is required'];
  const v = p as Record<string, unknown>;
  const out: string[] = [];
  if (typeof v.kind !== 'string' || !KINDS.has(v.kind)) out.push(`kind must be one of ${[...KINDS].join(', ')}`);
  for (const k of ['document', 'section', 'quote', 'note'] as const) {
    if (v[k] != null && typeof v[k] !== 'string') out.push(`${k} must be text`);
  }
  for (const k of Object.keys(v)) if (!['kind', 'document', 'section', 'quote', 'note'].includes(k)) out.push(`unknown field ${k}`);
  const filled = (k: string) => typeof v[k] === 'string' && (v[k] as string).trim().length > 0;
  if ((v.kind === 'DOCUMENT' || v.kind === 'INTERPRETATION') && (!filled('quote') || !filled('document'))) {
    out.push(`${v.kind} needs the document and its words (quote)`);
  }
  if (v.kind === 'INTERPRETATION' && !filled('note')) out.push('INTERPRETATION needs the reading (note)');
  if (v.kind === 'PROVINCE_SETTING' && !filled('note')) out.push('PROVINCE_SETTING needs a note saying what the province must confirm');
  if (v.kind === 'EXTERNAL' && !filled('document')) out.push('EXTERNAL needs the document (number, date, issuer)');
  if (v.kind === 'SYNTHETIC' && !filled('note')) out.push('SYNTHETIC needs a note');
  return out;
}

/** A stored provenance as the API shows it (absent fields null); null stays null. */
export function toProvenance(p: unknown): Provenance | null {
  if (p == null) return null;
  const v = (typeof p === 'string' ? JSON.parse(p) : p) as ProvenanceData;
  return {
    kind: v.kind as ProvenanceKind,
    document: v.document ?? null,
    section: v.section ?? null,
    quote: v.quote ?? null,
    note: v.note ?? null,
  };
}

/** Constructors for seeds: say what kind of fact it is where it is written. */
export const provenance = {
  document: (document: string, section: string, quote: string, note?: string): ProvenanceData => ({
    kind: ProvenanceKind.DOCUMENT,
    document,
    section,
    quote,
    ...(note ? { note } : {}),
  }),
  interpretation: (document: string, section: string, quote: string, note: string): ProvenanceData => ({
    kind: ProvenanceKind.INTERPRETATION,
    document,
    section,
    quote,
    note,
  }),
  setting: (note: string, document?: string, section?: string, quote?: string): ProvenanceData => ({
    kind: ProvenanceKind.PROVINCE_SETTING,
    ...(document ? { document } : {}),
    ...(section ? { section } : {}),
    ...(quote ? { quote } : {}),
    note,
  }),
  external: (document: string, note?: string, quote?: string): ProvenanceData => ({
    kind: ProvenanceKind.EXTERNAL,
    document,
    ...(quote ? { quote } : {}),
    ...(note ? { note } : {}),
  }),
  synthetic: (note: string): ProvenanceData => ({ kind: ProvenanceKind.SYNTHETIC, note }),
};

/**
 * The five source documents, as provenance names them (number and date; 000 and 003 have none
 * printed: they are named by title and what the copy shows).
 */
export const SOURCE_DOCUMENTS = {
  '000': 'Chương trình kết nối các đơn vị hành chính cấp huyện, các doanh nghiệp, tập đoàn kinh tế kết nghĩa, hỗ trợ phát triển kinh tế - xã hội các xã biên giới tỉnh Lạng Sơn (thực hiện KH 433/KH-UBND ngày 31/10/2018; số, ngày không in trong bản sao)',
  '001': 'QĐ 1100/QĐ-UBND ngày 16/4/2020 của UBND tỉnh Quảng Nam',
  '002': 'KH 88/KH-UBND ngày 22/4/2022 của UBND tỉnh Lạng Sơn',
  '003': 'Kế hoạch thực hiện Chương trình MTQG xây dựng nông thôn mới tỉnh Lạng Sơn năm 2019 (số, ngày để trống: “/KH-UBND ngày /02/2019”)',
  '004': 'KH 165/KH-UBND ngày 26/9/2017 của UBND tỉnh Lạng Sơn',
} as const;
export type SourceDocument = keyof typeof SOURCE_DOCUMENTS;
