import { fold, provenance, seedIds, type ProvenanceData } from '@kn/platform';
import type { SeedChange } from './history.js';
import type { SeedSuccession, SeedUnit } from './units.js';

/** The 2025 reform's day (the old units' last day is the day before). */
const REFORM_DAY = '2025-07-01';

/** The mapping table every link of the reform follows (a copy in `data/`). */
const MAPPING = 'convert_legacy_2025_simple.csv (tranngocminhhieu/vietnamadminunits, MIT)';

/** The provinces: one resolution of the National Assembly. */
const PROVINCE_RESOLUTION = '202/2025/QH15 (12/6/2025) của Quốc hội về việc sắp xếp đơn vị hành chính cấp tỉnh năm 2025';

/**
 * The communes: one resolution of the Standing Committee per province. Those whose text the
 * platform holds (`../shared/data/admin-units/`) are named; the others are for the province to
 * confirm.
 */
const COMMUNE_RESOLUTIONS: Record<string, { basis: string; note: string }> = {
  '20': {
    basis: '1672/NQ-UBTVQH15 (16/6/2025) về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Lạng Sơn năm 2025',
    note: 'The resolution’s text is bundled (shared/data/admin-units/NQ1672_langson.md: 65 units from 1/7/2025).',
  },
};

const same = (a: string, b: string) => fold(a) === fold(b);

/**
 * The 2025 reform as recorded changes (issue #18 §3): one change per unit formed on 1/7/2025 — the
 * new communes and the merged provinces — grouping the succession links that formed it, with its
 * legal basis and provenance. The kind: MERGE from two or more units; SPLIT when its one
 * predecessor was divided among several; else RECLASSIFY (another kind of unit: xã → phường),
 * RENAME (another name) or TRANSFER (same name and kind, another province or code); a province that
 * changed merged. Sets each link's
 * `changeId`; returns the changes.
 */
export function reformChanges(
  tenant: string,
  links: SeedSuccession[],
  units: ReadonlyMap<string, SeedUnit>,
  /** How many units formed a new commune in the whole country (some may be another tenant's). */
  formedFrom: (successorCode: string) => number,
): SeedChange[] {
  const bySuccessor = new Map<string, SeedSuccession[]>();
  const successorsOf = new Map<string, number>();
  for (const l of links) {
    bySuccessor.set(l.successorId, [...(bySuccessor.get(l.successorId) ?? []), l]);
    successorsOf.set(l.predecessorId, (successorsOf.get(l.predecessorId) ?? 0) + 1);
  }
  const changes: SeedChange[] = [];
  for (const [successorId, formed] of bySuccessor) {
    const successor = units.get(successorId);
    const preds = formed.map((l) => units.get(l.predecessorId)).filter((u): u is SeedUnit => u !== undefined);
    if (!successor || preds.length !== formed.length) continue;
    // a province that changed merged (the others kept their unit); a commune formed from units of
    // two tenants is a merge even where this tenant sees one of them
    const single = preds.length === 1 && successor.level !== 'PROVINCE' && formedFrom(successor.code) === 1 ? preds[0]! : null;
    let kind: SeedChange['kind'] = 'MERGE';
    if (single) {
      if ((successorsOf.get(single.id) ?? 0) > 1) kind = 'SPLIT';
      else if (single.kind !== successor.kind) kind = 'RECLASSIFY';
      else if (!same(single.name, successor.name)) kind = 'RENAME';
      else kind = 'TRANSFER';
    }
    const what = `${preds.map((p) => `${p.code} ${p.fullName}`).join(', ')} → ${successor.code} ${successor.fullName} on ${REFORM_DAY}.`;
    let legalBasis: string;
    let prov: ProvenanceData;
    if (successor.level === 'PROVINCE') {
      legalBasis = PROVINCE_RESOLUTION;
      prov = provenance.external(PROVINCE_RESOLUTION, `${what} The links follow the mapping table ${MAPPING}; the resolution’s text is not bundled.`);
    } else {
      const oldProvince = units.get(preds[0]!.provinceId ?? '')?.code ?? '';
      const known = COMMUNE_RESOLUTIONS[oldProvince];
      if (known) {
        legalBasis = known.basis;
        prov = provenance.external(known.basis, `${what} ${known.note} The links follow the mapping table ${MAPPING}, not checked article by article.`);
      } else {
        legalBasis = `not recorded: the 2025 resolution of the Standing Committee of the National Assembly on the communes of province ${oldProvince} (under 76/2025/UBTVQH15)`;
        prov = provenance.setting(`${what} The links follow the mapping table ${MAPPING}. The number and day of the province’s resolution are not recorded: the province must confirm them.`);
      }
    }
    const id = seedIds.of('unit-change', tenant, successor.level, REFORM_DAY, successor.id);
    changes.push({ tenantId: tenant, id, kind, level: successor.level, effectiveOn: REFORM_DAY, legalBasis, provenance: prov, note: what });
    for (const l of formed) l.changeId = id;
  }
  return changes;
}
