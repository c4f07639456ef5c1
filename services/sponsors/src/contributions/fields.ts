import { createHash } from 'node:crypto';
import { CATEGORY_VALUES, MODEL_KIND_VALUES } from '../common/enums.js';
import type { TwinningRow } from '../twinnings/rows.js';

/** The figures of one contribution after normalisation: what is stored and what is hashed. */
export interface ContributionFields {
  twinningId: string;
  contributedOn: string;
  category: string;
  description: string;
  cashVnd: bigint;
  inKindVnd: bigint;
  poorHouseholdsHelped: number;
  modelsBuilt: number;
  modelKind: string | null;
  peopleTrained: number;
  beneficiaries: number;
  status: string;
}

/** A problem with one field: `field` is the input path (GraphQL) or the column (imports). */
export interface FieldProblem {
  field: keyof ContributionFields;
  code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'FORBIDDEN';
  message: string;
}

const COUNTS = ['poorHouseholdsHelped', 'modelsBuilt', 'peopleTrained', 'beneficiaries'] as const;

/** Every rule on the figures themselves (the same for the API and for imports). */
export function fieldProblems(f: ContributionFields): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!CATEGORY_VALUES.includes(f.category)) {
    out.push({ field: 'category', code: 'BAD_USER_INPUT', message: `unknown category "${f.category}"` });
  }
  if (f.description.length === 0) out.push({ field: 'description', code: 'BAD_USER_INPUT', message: 'the description is empty' });
  if (f.description.length > 2000) out.push({ field: 'description', code: 'BAD_USER_INPUT', message: 'the description exceeds 2000 characters' });
  if (f.cashVnd < 0n) out.push({ field: 'cashVnd', code: 'BAD_USER_INPUT', message: 'cash must not be negative' });
  if (f.inKindVnd < 0n) out.push({ field: 'inKindVnd', code: 'BAD_USER_INPUT', message: 'in-kind value must not be negative' });
  for (const k of COUNTS) {
    const v = f[k];
    if (!Number.isInteger(v) || v < 0 || v > 10_000_000) {
      out.push({ field: k, code: 'BAD_USER_INPUT', message: `${k} must be a whole number, not negative` });
    }
  }
  if (f.modelKind !== null && !MODEL_KIND_VALUES.includes(f.modelKind)) {
    out.push({ field: 'modelKind', code: 'BAD_USER_INPUT', message: `unknown model kind "${f.modelKind}"` });
  }
  if (f.modelsBuilt > 0 && f.modelKind === null) {
    out.push({ field: 'modelKind', code: 'BAD_USER_INPUT', message: 'say which kind of model was built (modelKind)' });
  }
  if (f.modelsBuilt === 0 && f.modelKind !== null) {
    out.push({ field: 'modelKind', code: 'BAD_USER_INPUT', message: 'a model kind without models built' });
  }
  if (!['PLANNED', 'DONE', 'VERIFIED'].includes(f.status)) {
    out.push({ field: 'status', code: 'BAD_USER_INPUT', message: `unknown status "${f.status}"` });
  }
  return out;
}

/** The rules that need the twinning: its period and its state. */
export function twinningProblems(t: TwinningRow, contributedOn: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (contributedOn < t.startsOn || (t.endsOn !== null && contributedOn > t.endsOn)) {
    out.push({
      field: 'contributedOn',
      code: 'BAD_USER_INPUT',
      message: `the date ${contributedOn} is outside the twinning's period (${t.startsOn} – ${t.endsOn ?? 'open'})`,
    });
  }
  if (t.status === 'PROPOSED') {
    out.push({ field: 'twinningId', code: 'BAD_USER_INPUT', message: 'the twinning is only proposed, not signed' });
  }
  return out;
}

/**
 * The canonical form of a payload (fixed key order, amounts as digit strings, text NFC-trimmed) and
 * its SHA-256: the same figures always hash the same, however the client spelled them.
 */
export function canonicalHash(value: unknown): string {
  const canonical = JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
