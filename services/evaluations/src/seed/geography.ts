import { buildAdminDataset, DEMO_TENANTS, type SeedUnit } from '@kn/communes/seed/admin-units';
import { DEMO_CLASSIFICATIONS } from '@kn/communes/seed/classifications';
import { Geography, withContinuityDistricts, type GeoCommune } from '@kn/sponsors/geography/model';

/**
 * The demo tenants' communes, from the communes subgraph's own source lists (the same files and
 * the same stable ids its seed uses) — never from its tables. The seed needs them to name the
 * communes it measures and the districts and communes that owe reports.
 */
export interface DemoGeography {
  units: SeedUnit[];
  byId: Map<string, SeedUnit>;
  /** Successors of a unit, ordered by code (as the communes subgraph lists them). */
  successors: Map<string, SeedUnit[]>;
  predecessors: Map<string, SeedUnit[]>;
  /** Pre-reform codes of the units classified BORDER. */
  borderCodes: Set<string>;
  /** The sponsors subgraph's model of the same communes (`currentOf`: where a twinning continues). */
  geo: Geography;
}

const cache = new Map<string, DemoGeography>();

export function demoGeography(slug: string): DemoGeography {
  const hit = cache.get(slug);
  if (hit) return hit;
  const spec = DEMO_TENANTS.find((t) => t.slug === slug);
  if (!spec) throw new Error(`no demo tenant ${slug}`);
  const data = buildAdminDataset([spec]);
  const byId = new Map(data.units.map((u) => [u.id, u]));
  const successors = new Map<string, SeedUnit[]>();
  const predecessors = new Map<string, SeedUnit[]>();
  for (const s of data.successions) {
    successors.set(s.predecessorId, [...(successors.get(s.predecessorId) ?? []), byId.get(s.successorId)!]);
    predecessors.set(s.successorId, [...(predecessors.get(s.successorId) ?? []), byId.get(s.predecessorId)!]);
  }
  for (const list of successors.values()) list.sort((a, b) => a.code.localeCompare(b.code) || a.id.localeCompare(b.id));
  const borderCodes = new Set(
    DEMO_CLASSIFICATIONS.filter((c) => c.tenant === slug && c.level === 'COMMUNE' && c.classification === 'BORDER').flatMap((c) => c.codes),
  );
  const communes: GeoCommune[] = data.units
    .filter((u) => u.level === 'COMMUNE')
    .map((u) => ({
      id: u.id,
      code: u.code,
      name: u.name,
      validFrom: u.validFrom,
      validTo: u.validTo,
      districtCode: u.parentId ? (byId.get(u.parentId)?.code ?? null) : null,
      successors: (successors.get(u.id) ?? []).map((s) => s.id),
      predecessors: [],
      classifications: [],
    }));
  const result: DemoGeography = {
    units: data.units,
    byId,
    successors,
    predecessors,
    borderCodes,
    geo: new Geography(withContinuityDistricts(communes)),
  };
  cache.set(slug, result);
  return result;
}

/**
 * Ids of the communes (pre-reform units and their successors are not included) a classification of the
 * demo data covers: the communes a COMMUNE-level spec lists, and every commune of a DISTRICT-level spec
 * `withCommunes`. The same rule as the communes subgraph's seed.
 */
export function classifiedCommunes(slug: string, classification: string): Set<string> {
  const g = demoGeography(slug);
  const out = new Set<string>();
  for (const c of DEMO_CLASSIFICATIONS.filter((x) => x.tenant === slug && x.classification === classification)) {
    const codes = new Set(c.codes);
    for (const u of g.units) {
      if (u.level !== 'COMMUNE' || u.validTo === null) continue;
      const district = u.parentId ? g.byId.get(u.parentId) : undefined;
      if (c.level === 'COMMUNE' ? codes.has(u.code) : c.withCommunes && district && codes.has(district.code)) out.add(u.id);
    }
  }
  return out;
}

export const validOn = (u: Pick<SeedUnit, 'validFrom' | 'validTo'>, day: string) =>
  (u.validFrom === null || u.validFrom <= day) && (u.validTo === null || u.validTo >= day);
