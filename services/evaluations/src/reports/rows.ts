import { toProvenance, type Provenance } from '@kn/platform';
import { day, dayOrNull } from '../common/sql.js';

export interface ReportRow {
  tenantId: string;
  id: string;
  programId: string;
  kind: string;
  reporterKind: string;
  reporterId: string;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
  calendarRuleId: string | null;
  submittedOn: string | null;
  note: string | null;
  version: number;
  /** Where it is in the reporting chain. */
  reviewStatus: string;
  /** The day the list it came from derived statuses against (the `status` field's default). */
  asOf?: string;
}

export const REPORT_COLUMNS = `r.tenant_id, r.id, r.program_id, r.kind, r.reporter_kind, r.reporter_id, r.period_start, r.period_end,
  r.due_on, r.calendar_rule_id, r.submitted_on, r.note, r.version, r.status`;

export function toReport(r: Record<string, unknown>, asOf?: string): ReportRow {
  return {
    tenantId: r.tenant_id as string,
    id: r.id as string,
    programId: r.program_id as string,
    kind: r.kind as string,
    reporterKind: r.reporter_kind as string,
    reporterId: r.reporter_id as string,
    periodStart: day(r.period_start),
    periodEnd: day(r.period_end),
    dueOn: day(r.due_on),
    calendarRuleId: (r.calendar_rule_id as string | null) ?? null,
    submittedOn: dayOrNull(r.submitted_on),
    note: (r.note as string | null) ?? null,
    version: Number(r.version),
    reviewStatus: (r.status as string | undefined) ?? 'DRAFT',
    ...(asOf ? { asOf } : {}),
  };
}

export interface CalendarRuleRow {
  id: string;
  programId: string;
  code: string;
  kind: string;
  reporterKind: string;
  reporters: string;
  classification: string | null;
  reporterIds: string[];
  periodicity: 'YEAR' | 'HALF_YEAR' | 'QUARTER';
  dueMonth: number | null;
  dueDay: number | null;
  dueYearOffset: number;
  dueDaysAfterPeriod: number | null;
  firstYear: number;
  lastYear: number | null;
  titleVi: string;
  titleEn: string;
  source: string;
  /** The day of the document that creates the duty: nothing falls due before it. */
  effectiveFrom: string | null;
  provenance: Provenance | null;
  version: number;
}

export const RULE_COLUMNS = `c.id, c.program_id, c.code, c.kind, c.reporter_kind, c.reporters, c.classification, c.reporter_ids,
  c.periodicity, c.due_month, c.due_day, c.due_year_offset, c.due_days_after_period, c.first_year, c.last_year, c.title_vi,
  c.title_en, c.source, c.effective_from, c.provenance, c.version`;

const uuidList = (v: unknown): string[] => {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') return v.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
  return [];
};
const intOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function toCalendarRule(r: Record<string, unknown>): CalendarRuleRow {
  return {
    id: r.id as string,
    programId: r.program_id as string,
    code: r.code as string,
    kind: r.kind as string,
    reporterKind: r.reporter_kind as string,
    reporters: r.reporters as string,
    classification: (r.classification as string | null) ?? null,
    reporterIds: uuidList(r.reporter_ids),
    periodicity: r.periodicity as CalendarRuleRow['periodicity'],
    dueMonth: intOrNull(r.due_month),
    dueDay: intOrNull(r.due_day),
    dueYearOffset: Number(r.due_year_offset ?? 0),
    dueDaysAfterPeriod: intOrNull(r.due_days_after_period),
    firstYear: Number(r.first_year),
    lastYear: intOrNull(r.last_year),
    titleVi: r.title_vi as string,
    titleEn: r.title_en as string,
    source: r.source as string,
    effectiveFrom: r.effective_from == null ? null : day(r.effective_from),
    provenance: toProvenance(r.provenance),
    version: Number(r.version),
  };
}
