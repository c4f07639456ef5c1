import { z } from 'zod';

/**
 * A report template, as data: the document's title and headings, and per section the GraphQL query
 * whose answer fills its table (asked at the gateway as the caller who generates the report) and the
 * table's columns. The figures are never in the template: every cell is read from the graph's answer.
 *
 * A section's query may use the period's variables: `$year: Int`, `$from: Date`, `$to: Date`,
 * `$asOf: Date` (= `$to`) and `$programId: ID` (the template's programme). Its rows are the nodes of
 * the one connection (every page), the items of the one list, or — with no list — the answer itself.
 */
export const reportColumnSchema = z.object({
  header: z.string().min(1).max(200),
  /**
   * Dotted path in a row (`sponsor.name`, `key.category`); values of a list are joined with "; ".
   * Alternatives separated by `|` (`district.name|sponsor.name`): the first that has a value.
   */
  value: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*(\|[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*)*$/, 'a dotted path such as sponsor.name'),
  /**
   * `enum`: shown by the value's Vietnamese description in the schema (EXCELLENT → "Xuất sắc");
   * `count`: how many values the path has (e.g. the sponsors of a commune); `index`: the row's number.
   */
  kind: z.enum(['text', 'int', 'vnd', 'decimal', 'date', 'enum', 'boolean', 'count', 'index']).default('text'),
  /** How a boolean reads. */
  yes: z.string().max(50).default('Có'),
  no: z.string().max(50).default('Không'),
  /** Summed (exactly) in the section's total row. */
  total: z.boolean().default(false),
  /** Shown when the graph answers null. */
  empty: z.string().max(100).default(''),
  width: z.number().int().min(4).max(80).optional(),
});

export const reportSectionSchema = z.object({
  heading: z.string().min(1).max(300),
  /** The document's words this section answers, quoted. */
  note: z.string().max(2000).optional(),
  query: z.string().min(1).max(20_000),
  columns: z.array(reportColumnSchema).min(1).max(30),
  /** Label of the total row; no total row without it. */
  totalLabel: z.string().max(100).optional(),
});

export const reportTemplateSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/),
  /** Who sends it (the heading's left block), e.g. "SỞ KẾ HOẠCH VÀ ĐẦU TƯ". */
  issuer: z.string().min(1).max(300),
  title: z.string().min(1).max(500),
  subtitle: z.string().max(500).optional(),
  /** HALF_YEAR: periods "2019-H1", "2019-H2"; YEAR: "2019". */
  period: z.enum(['HALF_YEAR', 'YEAR']),
  /** Where the report is asked for, quoted from the document. */
  source: z.string().min(1).max(2000),
  sections: z.array(reportSectionSchema).min(1).max(20),
});
export type ReportTemplateDefinition = z.infer<typeof reportTemplateSchema>;
export type ReportColumn = z.infer<typeof reportColumnSchema>;
