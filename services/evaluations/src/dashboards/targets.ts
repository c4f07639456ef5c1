import type { RequestContext } from '@kn/platform';
import { compareDecimals, subtractDecimals } from '../common/decimal.js';

/**
 * The targets a dashboard compares with, asked of the programs subgraph as the caller: every
 * programme's province-wide targets that apply to the year (a one-year target of that year, or a
 * yearly target of a period covering it), by indicator code. Indicator codes are the shared
 * catalogue's (NTM_C02, POVERTY_RATE_REDUCTION…): provinces differ by data, never by code.
 */
const TARGETS = `query DashboardTargets($year: Int!) {
  programs(first: 500) {
    nodes { id code targets(year: $year) { id year yearly comparison targetValue targetValueMax outOf note scope { kind } indicator { code } } }
  }
}`;

export interface TargetInfo {
  id: string;
  programId: string;
  programCode: string;
  indicator: string;
  comparison: string;
  value: string;
  valueMax: string | null;
  outOf: string | null;
  note: string | null;
}

interface ProgramNode {
  id: string;
  code: string;
  targets: {
    id: string;
    year: number | null;
    yearly: boolean;
    comparison: string | null;
    targetValue: string | null;
    targetValueMax: string | null;
    outOf: string | null;
    note: string | null;
    scope: { kind: string };
    indicator: { code: string };
  }[];
}

export async function fetchTargets(ctx: RequestContext<unknown>, year: number): Promise<Map<string, TargetInfo>> {
  const data = await ctx.peer('programs').query<{ programs: { nodes: ProgramNode[] } }>(ctx.caller, TARGETS, { year });
  const byIndicator = new Map<string, TargetInfo>();
  const programs = [...data.programs.nodes].sort((a, b) => a.code.localeCompare(b.code));
  for (const p of programs) {
    for (const t of p.targets) {
      if (t.scope.kind !== 'PROVINCE' || t.comparison == null || t.targetValue == null) continue;
      if (!(t.year === year || t.yearly)) continue;
      if (byIndicator.has(t.indicator.code)) continue; // the first programme by code names it
      byIndicator.set(t.indicator.code, {
        id: t.id,
        programId: p.id,
        programCode: p.code,
        indicator: t.indicator.code,
        comparison: t.comparison,
        value: t.targetValue,
        valueMax: t.targetValueMax,
        outOf: t.outOf,
        note: t.note,
      });
    }
  }
  return byIndicator;
}

/** A figure against a target, read as the target says. */
export function compareWith(t: TargetInfo | undefined, actual: string | null) {
  if (!t || actual === null) return null;
  let met: boolean | null = null;
  const c = compareDecimals(actual, t.value);
  if (t.comparison === 'AT_LEAST') met = c >= 0;
  else if (t.comparison === 'AT_MOST') met = c <= 0;
  else if (t.comparison === 'BETWEEN') met = c >= 0 && (t.valueMax === null || compareDecimals(actual, t.valueMax) <= 0);
  return {
    target: { id: t.id },
    program: { id: t.programId },
    programCode: t.programCode,
    comparison: t.comparison,
    value: t.value,
    valueMax: t.valueMax,
    outOf: t.outOf,
    actual,
    difference: subtractDecimals(actual, t.value, Math.max(2, t.value.split('.')[1]?.length ?? 0)),
    met,
    note: t.note,
  };
}

/** "NTM_COMMUNES_15_18_CRITERIA" → [15, 18]; "NTM_COMMUNES_19_CRITERIA" → [19, 19]. */
export function bandOf(indicator: string): [number, number] | null {
  const m = /^NTM_COMMUNES_(\d+)(?:_(\d+))?_CRITERIA$/.exec(indicator);
  if (!m) return null;
  const from = Number(m[1]);
  const to = m[2] ? Number(m[2]) : from;
  return from <= to ? [from, to] : null;
}

/** "NTM_C07" → 7. */
export function criterionOf(indicator: string): number | null {
  const m = /^NTM_C(\d{2})$/.exec(indicator);
  return m ? Number(m[1]) : null;
}
