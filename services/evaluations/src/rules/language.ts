import { z } from 'zod';
import { provenanceProblems, ProvenanceKind } from '@kn/platform';

/**
 * The rule language: a province's rating rules as DATA (JSON, validated by this schema, versioned
 * per tenant and programme). No rule is code; no `if (tenant === …)` anywhere.
 *
 * A rule compares one FACT about a sponsor in a year with a threshold, possibly scaled ("per 10
 * staff", "per twinned commune"), for the sponsor kinds it applies to. A rule may be a GATE: when a
 * gate fails, the grade is capped (e.g. no signed plan → at most WEAK, seed 001 §IV.2). Grades come
 * from the share of applicable rules met, by bands; the top band may also require every quantified
 * rule to be exceeded by a margin.
 *
 * Where a document leaves a decision to people, the engine proposes and a person decides:
 * - an EXCLUDING rule ("không xem xét thi đua", seed 001 §IV.2) puts the sponsor out of the rating:
 *   outcome NOT_CONSIDERED, no grade;
 * - `grading.top` (seed 001 §IV.1: every target met "và có các yếu tố tích cực khác" → xuất sắc, tốt):
 *   a sponsor that meets every applicable rule, with at least one quantified rule among them, is
 *   proposed as eligible for those grades (outcome CHOICE_REQUIRED) and the approver chooses one, with
 *   a reason; yes/no paperwork alone never reaches it;
 * - `grading.judgedByApprover`: requirements the data cannot check, shown as the approver's to judge.
 * Every rule, band and requirement may carry its provenance; a set whose rules are not all the
 * document's words does not say it was transcribed.
 */

export const SPONSOR_KINDS = [
  'PROVINCIAL_AGENCY',
  'DISTRICT',
  'ENTERPRISE',
  'ECONOMIC_GROUP',
  'ARMED_FORCES',
  'MASS_ORGANISATION',
  'OTHER',
] as const;
export type SponsorKind = (typeof SPONSOR_KINDS)[number];

export const GRADES = ['EXCELLENT', 'GOOD', 'FAIR', 'AVERAGE', 'WEAK'] as const;
export type Grade = (typeof GRADES)[number];

/** Facts a rule can read; each is an exact number (booleans as 0/1, money in đồng). */
export const FACTS = {
  poorHouseholdsHelped: { unit: 'households', vi: 'hộ nghèo được giúp đỡ', en: 'poor households helped' },
  modelsBuilt: { unit: 'models', vi: 'mô hình xây dựng, nhân rộng', en: 'models built or replicated' },
  totalVnd: { unit: 'VND', vi: 'tổng giá trị hỗ trợ (đồng)', en: 'total support (VND)' },
  cashVnd: { unit: 'VND', vi: 'hỗ trợ bằng tiền (đồng)', en: 'cash support (VND)' },
  peopleTrained: { unit: 'people', vi: 'người được tập huấn', en: 'people trained' },
  contributions: { unit: 'records', vi: 'hoạt động hỗ trợ đã thực hiện', en: 'contributions carried out' },
  activeTwinnings: { unit: 'twinnings', vi: 'xã kết nghĩa đang hoạt động', en: 'active twinnings' },
  planSigned: { unit: 'yes/no', vi: 'có kế hoạch năm đã ký', en: 'a signed yearly plan' },
  planSignedOnTime: { unit: 'yes/no', vi: 'ký kế hoạch năm đúng hạn', en: 'yearly plan signed on time' },
  needsProposalOnTime: { unit: 'yes/no', vi: 'đề xuất nhu cầu đúng hạn', en: 'needs proposal on time' },
  yearEndReportSubmitted: { unit: 'yes/no', vi: 'có báo cáo cuối năm', en: 'a year-end report' },
  reportsOnTime: { unit: 'reports', vi: 'báo cáo nộp đúng hạn', en: 'reports submitted on time' },
  reportsDue: { unit: 'reports', vi: 'báo cáo phải nộp', en: 'reports due' },
  reportsNotOnTime: { unit: 'reports', vi: 'báo cáo đến hạn nhưng không nộp đúng hạn', en: 'reports due but not submitted on time' },
  signedButNotCarriedOut: {
    unit: 'yes/no',
    vi: 'có ký kết nhưng không thực hiện (kế hoạch đã ký, không có hoạt động nào trong năm)',
    en: 'signed but not carried out (a signed plan, nothing done in the year)',
  },
} as const;
export type FactName = keyof typeof FACTS;
export type Facts = Partial<Record<FactName, bigint>> & { staff?: number | null; twinnedCommunes?: number | null };

const decimal = z.string().regex(/^\d+(\.\d+)?$/, 'a non-negative decimal written with a dot, e.g. "2" or "9.5"');
const text = z.object({ vi: z.string().min(1), en: z.string().min(1) });

/** The platform's shared provenance value (packages/platform), validated the same way. */
export const provenanceSchema = z
  .object({
    kind: z.enum(Object.values(ProvenanceKind) as [ProvenanceKind, ...ProvenanceKind[]]),
    document: z.string().min(1).optional(),
    section: z.string().min(1).optional(),
    quote: z.string().min(1).optional(),
    note: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    for (const message of provenanceProblems(p)) ctx.addIssue({ code: 'custom', message });
  });
export type ProvenanceValue = z.infer<typeof provenanceSchema>;

export const ruleSchema = z
  .object({
    code: z.string().regex(/^[a-z0-9-]+$/),
    title: text,
    /** Where the rule comes from, quoted. */
    source: z.string().min(1),
    appliesTo: z.object({
      kinds: z.array(z.enum(SPONSOR_KINDS)).min(1),
      lowland: z.boolean().optional(),
    }),
    fact: z.enum(Object.keys(FACTS) as [FactName, ...FactName[]]),
    comparison: z.enum(['>=', '>', '=', '<=', '<']),
    threshold: decimal,
    /** Scale the threshold: per 10 staff (biên chế), per twinned commune, or not at all. */
    per: z.enum(['STAFF_10', 'TWINNED_COMMUNE']).optional(),
    /** A failed gate caps the grade at `grading.gateCap`. */
    gate: z.boolean().default(false),
    /** A failed excluding rule puts the sponsor out of the rating: outcome NOT_CONSIDERED, no grade. */
    excludes: z.boolean().default(false),
    provenance: provenanceSchema.optional(),
  })
  .strict();
export type Rule = z.infer<typeof ruleSchema>;

export const ruleSetSchema = z
  .object({
    code: z.string().min(1),
    title: text,
    rules: z.array(ruleSchema).min(1),
    grading: z
      .object({
        /** From the best grade down: the first band whose minimum share of met rules is reached wins. */
        bands: z
          .array(
            z.object({
              grade: z.enum(GRADES),
              minShareMet: decimal,
              /** Every quantified rule met with at least this factor (e.g. "1.5"). */
              minMargin: decimal.optional(),
              provenance: provenanceSchema.optional(),
            }),
          )
          .min(1),
        gateCap: z.enum(GRADES).default('WEAK'),
        /** Every applicable rule met (with a quantified one among them) → these grades are proposed; a person chooses. */
        top: z
          .object({
            grades: z.array(z.enum(GRADES)).min(1),
            requiresQuantified: z.boolean().default(true),
            provenance: provenanceSchema.optional(),
          })
          .strict()
          .optional(),
        /** Requirements the data cannot check: the approver judges them. */
        judgedByApprover: z
          .array(z.object({ code: z.string().regex(/^[a-z0-9-]+$/), title: text, provenance: provenanceSchema.optional() }).strict())
          .default([]),
      })
      .strict(),
    /** Where the set as a whole comes from; derived from its rules when absent. */
    provenance: provenanceSchema.optional(),
  })
  .strict()
  .superRefine((set, ctx) => {
    const codes = set.rules.map((r) => r.code);
    if (new Set(codes).size !== codes.length) ctx.addIssue({ code: 'custom', message: 'rule codes must be unique' });
    if (set.grading.bands.at(-1)?.minShareMet !== '0') {
      ctx.addIssue({ code: 'custom', message: 'the last band must accept any result (minShareMet "0")' });
    }
  });
export type RuleSet = z.infer<typeof ruleSetSchema>;
