import type { AdminDataset } from '@kn/communes/seed/admin-units';
import type { Rng } from '../../rng.js';
import type { CopyValue } from '../copy.js';

/**
 * SYNTHETIC classifications for the national dataset (the real lists exist only for the demo
 * tenants): a commune is border with p = 0.06, ethnic-minority & mountainous with p = 0.35,
 * extremely difficult with p = 0.12; a district is lowland with p = 0.4. A new commune inherits
 * BORDER and ETHNIC_MINORITY_MOUNTAINOUS from any predecessor, as the demo seed does.
 * Rows: [tenant_id, unit_id, classification, source].
 */
export function* classificationRows(geo: AdminDataset, rng: Rng, source: string): Generator<readonly CopyValue[]> {
  const inherited = new Map<string, Set<string>>(); // `${tenant}:${newId}` → classes
  const successorsOf = new Map<string, string[]>();
  for (const s of geo.successions) {
    const k = `${s.tenantId}:${s.predecessorId}`;
    const list = successorsOf.get(k);
    if (list) list.push(s.successorId);
    else successorsOf.set(k, [s.successorId]);
  }
  const newUnits: typeof geo.units = [];
  for (const u of geo.units) {
    if (u.level === 'DISTRICT') {
      if (rng.chance(0.4)) yield [u.tenantId, u.id, 'LOWLAND', source];
      continue;
    }
    if (u.level !== 'COMMUNE') continue;
    if (u.validFrom !== null) {
      newUnits.push(u);
      continue;
    }
    const classes: string[] = [];
    if (rng.chance(0.06)) classes.push('BORDER');
    if (rng.chance(0.35)) classes.push('ETHNIC_MINORITY_MOUNTAINOUS');
    if (rng.chance(0.12)) classes.push('EXTREMELY_DIFFICULT');
    for (const c of classes) {
      yield [u.tenantId, u.id, c, source];
      if (c === 'EXTREMELY_DIFFICULT') continue;
      for (const succ of successorsOf.get(`${u.tenantId}:${u.id}`) ?? []) {
        const k = `${u.tenantId}:${succ}`;
        const set = inherited.get(k) ?? new Set<string>();
        set.add(c);
        inherited.set(k, set);
      }
    }
  }
  for (const u of newUnits) {
    const classes = inherited.get(`${u.tenantId}:${u.id}`);
    for (const c of [...(classes ?? [])].sort()) yield [u.tenantId, u.id, c, source];
  }
}
