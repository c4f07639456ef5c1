import { asDateString, toProvenance, type Provenance } from '@kn/platform';

export interface DueRuleRow {
  months: number[];
  quarters: number[];
  day: number | null;
  by: boolean;
  year: number | null;
  intervalMonths: number | null;
}

export interface TaskDueRow {
  kind: string;
  date: string | null;
  rule: DueRuleRow | null;
  wording: string | null;
}

export interface TaskRow {
  tenantId: string;
  id: string;
  programId: string;
  title: string;
  leadAgency: string;
  coordinatingAgencies: string[];
  directingBody: string | null;
  due: TaskDueRow | null;
  status: string;
  reference: string | null;
  provenance: Provenance | null;
  position: number;
  version: number;
}

export const TASK_COLUMNS =
  'k.tenant_id, k.id, k.program_id, k.title, k.lead_agency, k.coordinating_agencies, k.directing_body, k.due_kind, ' +
  'k.due_date, k.due_months, k.due_quarters, k.due_day, k.due_by, k.due_year, k.due_interval_months, k.due_wording, ' +
  'k.status, k.reference, k.provenance, k.position, k.version';

const ints = (v: unknown) => ((v as (number | string)[] | null) ?? []).map(Number);
const int = (v: unknown) => (v == null ? null : Number(v));

export function toTask(r: Record<string, unknown>): TaskRow {
  const kind = (r.due_kind as string | null) ?? null;
  return {
    tenantId: r.tenant_id as string,
    id: r.id as string,
    programId: r.program_id as string,
    title: r.title as string,
    leadAgency: r.lead_agency as string,
    coordinatingAgencies: (r.coordinating_agencies as string[] | null) ?? [],
    directingBody: (r.directing_body as string | null) ?? null,
    due:
      kind == null
        ? null
        : {
            kind,
            date: asDateString(r.due_date),
            rule:
              kind === 'RULE'
                ? {
                    months: ints(r.due_months),
                    quarters: ints(r.due_quarters),
                    day: int(r.due_day),
                    by: Boolean(r.due_by),
                    year: int(r.due_year),
                    intervalMonths: int(r.due_interval_months),
                  }
                : null,
            wording: (r.due_wording as string | null) ?? null,
          },
    status: r.status as string,
    reference: (r.reference as string | null) ?? null,
    provenance: toProvenance(r.provenance),
    position: Number(r.position),
    version: Number(r.version),
  };
}
