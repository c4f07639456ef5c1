import { seedIds } from '@kn/platform';
import { streamFor } from '@kn/sponsors/seed/prng';
import { NTM_2016_2020, NTM_2021_2025, NTM_2026_2030 } from '../measurements/criteria.js';
import { demoGeography, validOn } from './geography.js';

/**
 * Synthetic yearly measurements of Lạng Sơn's communes (xã), 2018–2026, shaped by the province's 2019
 * NTM plan (seed 003) and its poverty plan (seed 004). Deterministic (the sponsors' demo generator,
 * one stream per commune), labelled synthetic (`synthetic`, and "(dữ liệu mẫu)" in the source).
 *
 * - 2019, the plan's picture: 60 communes meeting all 19 criteria (certified), 2 meeting 15–18,
 *   35 meeting 10–14 — exactly the plan's figures — and every other commune 5–9: the 207 xã of that
 *   day (the communes subgraph's history since issue #18 §3), so this band has the plan's 110.
 *   48 certified in 2018 ("12 more in 2019, 60 in all"), more every year after.
 * - A commune made by a merger before 2025 (1/1/2020: 207 xã became 181; 1/12/2024: 175) carries its
 *   predecessors' figures from the day it exists: households summed, a criterion met only if every
 *   part met it — the rule of the 2025 reform below. Each year counts the xã of its 31 December.
 *   Which criteria a commune meets follows the plan's province-wide counts per criterion
 *   (61/207 for transport, 207/207 for employment…): a weighted draw, so the counts come close.
 * - Poverty: about 17–18 % of households poor in 2018, about 3–4 points less a year to about 11 %
 *   in 2020 (plan 165/KH-UBND: "about 11 % by 2020, −3 %/year"), slower after.
 * - From 1/7/2025 the communes are the new ones: their 2025 and 2026 figures are their predecessors'
 *   (whole, under the first successor by code, as everywhere on the platform); a merged commune
 *   meets a criterion only if every part did; 2026 uses the 10 criteria of Decision 51/2025.
 */

export const SYNTHETIC_SOURCE = 'Số liệu mẫu tổng hợp, không phải số liệu chính thức (dữ liệu mẫu)';

export interface MeasurementSeed {
  id: string;
  communeId: string;
  year: number;
  criteriaSetCode: string;
  criteriaMet: number[];
  ntmCertified: boolean;
  households: number;
  poorHouseholds: number;
  nearPoorHouseholds: number;
}

/** Communes per band by year: [all criteria (certified), 15–18, 10–14]; the rest 5–9. */
const BANDS: Record<number, [number, number, number]> = {
  2018: [48, 4, 30],
  2019: [60, 2, 35],
  2020: [68, 5, 40],
  2021: [74, 8, 42],
  2022: [80, 10, 45],
  2023: [86, 12, 46],
  2024: [92, 12, 48],
  2025: [98, 12, 50],
};
export const FIRST_YEAR = 2018;
export const LAST_OLD_YEAR = 2024;

/** The plan's province-wide count of communes meeting each criterion in 2019, of 207 (criterion 1: stated in words; read as nearly all). */
const PLAN_2019_PER_CRITERION = [195, 61, 160, 125, 64, 66, 175, 68, 128, 70, 77, 207, 99, 193, 133, 103, 65, 71, 194];

interface OldSeries {
  id: string;
  code: string;
  score: number;
  order: number[];
  lowK: number;
  midK: number;
  highK: number;
  households0: number;
  rate0: number;
  nearShare: number;
}

const setFor = (year: number) => (year <= 2020 ? NTM_2016_2020 : year <= 2025 ? NTM_2021_2025 : NTM_2026_2030);

/** Weighted order of criteria (Efraimidis–Spirakis keys): the first k are those a commune with k meets. */
function weightedOrder(rand: () => number, weights: number[]): number[] {
  return weights
    .map((w, i) => ({ n: i + 1, key: Math.pow(rand(), 1 / Math.max(w, 1e-6)) }))
    .sort((a, b) => b.key - a.key || a.n - b.n)
    .map((x) => x.n);
}

function householdsOf(s: OldSeries, year: number) {
  const households = Math.round(s.households0 * Math.pow(1.012, year - FIRST_YEAR));
  let rate = s.rate0;
  for (let y = FIRST_YEAR + 1; y <= year; y++) {
    const fall = Math.max(0.012, Math.min(0.05, 0.2 * rate + 0.005)) * (y > 2020 ? 0.55 : 1);
    rate = Math.max(0.01, rate - fall);
  }
  const poor = Math.round(households * rate);
  const nearPoor = Math.min(households - poor, Math.round(households * s.nearShare));
  return { households, poor, nearPoor };
}

function criteriaOf(s: OldSeries, rank: number, year: number): number[] {
  const [full, high, mid] = BANDS[year]!;
  let k: number;
  if (rank < full) k = 19;
  else if (rank < full + high) k = s.highK;
  else if (rank < full + high + mid) k = s.midK;
  else k = year <= 2018 ? Math.max(5, s.lowK - 1) : Math.min(9, s.lowK + Math.floor((year - 2019) / 2));
  return s.order.slice(0, k).sort((a, b) => a - b);
}

export function langSonMeasurements(): MeasurementSeed[] {
  const slug = 'lang-son';
  const g = demoGeography(slug);
  const weights = PLAN_2019_PER_CRITERION.map((n) => n / 207);
  // figures of its own: every xã of 2019 (207), and any later xã that no merger made
  const isXa = (u: { level: string; kind: string }) => u.level === 'COMMUNE' && u.kind === 'COMMUNE';
  const merged = (u: { id: string }) => (g.predecessors.get(u.id) ?? []).length > 0;
  const old: OldSeries[] = g.units
    .filter((u) => isXa(u) && u.validTo !== null && u.validTo >= `${FIRST_YEAR}-12-31` && (validOn(u, `${FIRST_YEAR + 1}-12-31`) || !merged(u)))
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((u) => {
      const rng = streamFor(`evaluations:measurement:${slug}:${u.code}`);
      const score = rng.float();
      return {
        id: u.id,
        code: u.code,
        score,
        order: weightedOrder(() => rng.float(), weights),
        lowK: rng.int(5, 9),
        midK: rng.int(10, 14),
        highK: rng.int(15, 18),
        households0: rng.int(500, 2500),
        // poorer where development is behind
        rate0: 0.03 + 0.37 * Math.pow(1 - score, 1.7) * (0.6 + 0.8 * rng.float()),
        nearShare: 0.05 + 0.07 * rng.float(),
      };
    });
  const ranked = [...old].sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
  const rankOf = new Map(ranked.map((s, i) => [s.id, i]));
  // the 2019 criteria of the communes not certified add up to the plan's counts per criterion (less
  // the certified communes'): drawn counts are lowered, in a seeded turn, within their bands
  const slots = PLAN_2019_PER_CRITERION.reduce((a, n) => a + n, 0) - 19 * BANDS[2019]![0];
  const fit = streamFor(`evaluations:measurement:${slug}:fit`);
  const lowerable = ranked.slice(BANDS[2019]![0]).map((s) => ({ s, key: fit.float() })).sort((a, b) => a.key - b.key).map((x) => x.s);
  const taken = () => lowerable.reduce((a, s) => a + criteriaOf(s, rankOf.get(s.id)!, 2019).length, 0);
  for (let over = taken() - slots, i = 0, idle = 0; over > 0 && idle < lowerable.length; i = (i + 1) % lowerable.length) {
    const s = lowerable[i]!;
    const rank = rankOf.get(s.id)!;
    const [full, high] = BANDS[2019]!;
    const key = rank < full + high ? 'highK' : rank < full + high + BANDS[2019]![2] ? 'midK' : 'lowK';
    const floor = key === 'highK' ? 15 : key === 'midK' ? 10 : 5;
    if (s[key] > floor) {
      s[key] -= 1;
      over -= 1;
      idle = 0;
    } else idle++;
  }
  // which criteria the communes not yet certified in 2019 meet: in turn (a seeded order), each takes the
  // criteria with the most of the plan's count still to reach; that order is the commune's for every year,
  // so a commune meeting more criteria later still meets those it met before
  const remaining = PLAN_2019_PER_CRITERION.map((n) => n - BANDS[2019]![0]);
  const turn = streamFor(`evaluations:measurement:${slug}:turns`);
  const uncertified = ranked.slice(BANDS[2019]![0]).map((s) => ({ s, key: turn.float() })).sort((a, b) => a.key - b.key);
  for (const { s } of uncertified) {
    const k = criteriaOf(s, rankOf.get(s.id)!, 2019).length;
    const jitter = streamFor(`evaluations:measurement:${slug}:${s.code}:jitter`);
    s.order = remaining
      // a criterion whose count is reached is taken last, those the plan counts most first (the
      // communes' slots exceed the plan's counts by a few: they go where the count is largest)
      .map((left, i) => ({ n: i + 1, score: left > 0 ? left * (0.75 + 0.5 * jitter.float()) : (0.5 * PLAN_2019_PER_CRITERION[i]!) / 207 }))
      .sort((a, b) => b.score - a.score || a.n - b.n)
      .map((x) => x.n);
    for (const n of s.order.slice(0, k)) remaining[n - 1]! -= 1;
  }
  const out: MeasurementSeed[] = [];
  const push = (communeId: string, year: number, criteria: number[], certified: boolean, h: ReturnType<typeof householdsOf>) =>
    out.push({
      id: seedIds.of('measurement', slug, communeId, String(year)),
      communeId,
      year,
      criteriaSetCode: setFor(year).code,
      criteriaMet: criteria,
      ntmCertified: certified,
      households: h.households,
      poorHouseholds: h.poor,
      nearPoorHouseholds: h.nearPoor,
    });
  const oldById = new Map(old.map((s) => [s.id, s]));
  /** A commune's figures of `year`: its own, or its predecessors' that continue in it (first successor by code). */
  const figuresOf = (id: string, year: number): { criteria: number[]; h: ReturnType<typeof householdsOf> } | null => {
    const s = oldById.get(id);
    // (after 2025 only the households are read: the 10 criteria of 2026 are drawn below)
    if (s) return { criteria: criteriaOf(s, rankOf.get(s.id)!, Math.min(year, 2025)), h: householdsOf(s, year) };
    const parts = (g.predecessors.get(id) ?? [])
      .filter((p) => isXa(p) && g.successors.get(p.id)?.[0]?.id === id)
      .map((p) => figuresOf(p.id, year))
      .filter((f): f is NonNullable<typeof f> => f !== null);
    if (parts.length === 0) return null; // made only of wards or townships: no commune figures to carry on
    const each = parts.map((p) => new Set(p.criteria));
    return {
      criteria: [...each[0]!].filter((c) => each.every((e) => e.has(c))).sort((x, y) => x - y),
      h: {
        households: parts.reduce((a, p) => a + p.h.households, 0),
        poor: parts.reduce((a, p) => a + p.h.poor, 0),
        nearPoor: parts.reduce((a, p) => a + p.h.nearPoor, 0),
      },
    };
  };
  const oldCommunes = g.units.filter((u) => isXa(u) && u.validTo !== null).sort((a, b) => a.code.localeCompare(b.code) || a.id.localeCompare(b.id));
  for (let year = FIRST_YEAR; year <= LAST_OLD_YEAR; year++) {
    for (const u of oldCommunes.filter((c) => validOn(c, `${year}-12-31`))) {
      const f = figuresOf(u.id, year);
      if (f) push(u.id, year, f.criteria, f.criteria.length === 19, f.h);
    }
  }
  // the new communes: their predecessors' figures, whole, under the first successor by code
  const newCommunes = g.units
    .filter((u) => isXa(u) && u.validFrom !== null && u.validFrom > `${LAST_OLD_YEAR}-12-31`)
    .sort((a, b) => a.code.localeCompare(b.code));
  for (const n of newCommunes) {
    const of2025 = figuresOf(n.id, 2025);
    if (of2025 === null) continue; // made only of wards or townships: no commune figures to carry on
    const rng = streamFor(`evaluations:measurement:${slug}:new:${n.code}`);
    const order10 = weightedOrder(() => rng.float(), NTM_2026_2030.criteria.map(() => 1));
    // criteria of 2025 (the 19 of 2021–2025) that every part meets
    const common = of2025.criteria;
    for (const year of [2025, 2026]) {
      const { h } = year === 2025 ? of2025 : figuresOf(n.id, year)!;
      if (year === 2025) push(n.id, year, common, common.length === 19, h);
      else {
        // the 10 criteria of 2026–2030 are harder: a commune starts a little lower than its share of the 19
        const k = Math.max(0, Math.min(10, Math.round((common.length * 10) / 19) - (common.length === 19 ? 0 : 1)));
        const criteria = order10.slice(0, k).sort((a, b) => a - b);
        push(n.id, year, criteria, k === 10, h);
      }
    }
  }
  return out;
}
