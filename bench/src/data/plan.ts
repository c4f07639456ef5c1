import { apportion, Rng } from '../rng.js';

/**
 * How big the national dataset is, and how it is spread over tenants and years. Pure and
 * deterministic: the per-subgraph generators take their counts from here, so every subgraph's
 * rows agree with every other's (the same sponsors per tenant, the same contributions per year).
 */
export interface ScaleSpec {
  sponsors: number;
  contributions: number;
  yearFrom: number;
  yearTo: number;
}

/** The national scale: ~20,000 sponsors, 1,000,000 contributions over 2016–2026. */
export const NATIONAL_SCALE: ScaleSpec = { sponsors: 20_000, contributions: 1_000_000, yearFrom: 2016, yearTo: 2026 };
/** A small scale for tests and quick checks. */
export const SMALL_SCALE: ScaleSpec = { sponsors: 400, contributions: 20_000, yearFrom: 2016, yearTo: 2026 };

export interface TenantPlan {
  tenant: string;
  /** Commune-level units the tenant owns (old and new): the weight of everything else. */
  communes: number;
  sponsors: number;
  /** Contributions per calendar year, `yearFrom` first. */
  contributionsByYear: number[];
}

export interface DatasetPlan {
  seed: string;
  scale: ScaleSpec;
  years: number[];
  tenants: TenantPlan[];
}

/**
 * Spreads the scale over tenants in proportion to their communes, and each tenant's contributions
 * over the years with a gentle growth and a seeded jitter (programmes grew after 2020; 2026 is a
 * part year). The totals are exact.
 */
export function planDataset(seed: string, scale: ScaleSpec, communesByTenant: ReadonlyMap<string, number>): DatasetPlan {
  const tenants = [...communesByTenant.keys()].sort();
  const weights = tenants.map((t) => communesByTenant.get(t)!);
  const sponsors = apportion(scale.sponsors, weights);
  const contributions = apportion(scale.contributions, weights);
  const years: number[] = [];
  for (let y = scale.yearFrom; y <= scale.yearTo; y++) years.push(y);
  return {
    seed,
    scale,
    years,
    tenants: tenants.map((tenant, i) => {
      const rng = new Rng(seed, `plan:${tenant}`);
      const yearWeights = years.map((y, k) => {
        const growth = 1 + 0.06 * k;
        const partYear = y === scale.yearTo ? 0.5 : 1;
        return growth * partYear * (0.85 + 0.3 * rng.next());
      });
      return {
        tenant,
        communes: communesByTenant.get(tenant)!,
        sponsors: sponsors[i]!,
        contributionsByYear: apportion(contributions[i]!, yearWeights),
      };
    }),
  };
}
