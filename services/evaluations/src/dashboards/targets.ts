import type { RequestContext } from '@kn/platform';
import { compareDecimals, subtractDecimals } from '../common/decimal.js';
import { DASHBOARD_TARGETS } from '../peers.js';

/**
 * The targets a dashboard compares with, asked of the programs subgraph as the caller: every
 * programme's province-wide targets that apply to the year (a one-year target of that year, or a
 * yearly target of a period covering it), by indicator code. Indicator codes are the shared
 * catalogue's (NTM_C02, POVERTY_RATE_REDUCTION…): provinces differ by data, never by code.
 */
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
  /** The period of a target judged as an average over it (“bình quân 3%/năm” 2016–2020). */
  startYear: number;
  endYear: number;
}

/**
 * The province-wide targets that apply to a year, by indicator: `ofYear`, a one-year target of that
 * year or a yearly target of a period covering it, compared with the year's figure; `averages`, a
 * period target that is neither (no year, not yearly), judged as the average over its period — a
 * year's figure is progress toward it, never a yearly failure (165/KH-UBND I.1.c “bình quân”).
 */
export interface YearTargets {
  ofYear: Map<string, TargetInfo>;
  averages: Map<string, TargetInfo>;
}

export async function fetchTargets(ctx: RequestContext<unknown>, year: number): Promise<YearTargets> {
  const data = await ctx.peer('programs').query(ctx.caller, DASHBOARD_TARGETS, { year });
  const out: YearTargets = { ofYear: new Map(), averages: new Map() };
  const programs = [...data.programs.nodes].sort((a, b) => a.code.localeCompare(b.code));
  for (const p of programs) {
    for (const t of p.targets) {
      if (t.scope.kind !== 'PROVINCE' || t.comparison == null || t.targetValue == null) continue;
      const into = t.year === year || t.yearly ? out.ofYear : t.year == null ? out.averages : null;
      if (!into || into.has(t.indicator.code)) continue; // the first programme by code names it
      into.set(t.indicator.code, {
        id: t.id,
        programId: p.id,
        programCode: p.code,
        indicator: t.indicator.code,
        comparison: t.comparison,
        value: t.targetValue,
        valueMax: t.targetValueMax,
        outOf: t.outOf,
        note: t.note,
        startYear: t.startYear,
        endYear: t.endYear,
      });
    }
  }
  return out;
}

/** A figure against a target, read as the target says. */
export function compareWith(t: TargetInfo | undefined, actual: string | null) {
  if (!t || actual === null) return null;
  let met: boolean | null = null;
  const c = compareDecimals(actual, t.value);
  if (t.comparison === 'AT_LEAST') met = c >= 0;
  else if (t.comparison === 'AT_MOST') met = c <= 0;
  // a range is a lower bound, not a cap: "bình quân 11–11,5 tiêu chí/xã" is reached at 11 and not failed above 11,5
  else if (t.comparison === 'BETWEEN') met = c >= 0;
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
