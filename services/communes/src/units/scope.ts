import { type RequestContext } from '@kn/platform';
import type { Loaders } from '../loaders.js';

type Ctx = RequestContext<Loaders>;

/**
 * The administrative units a caller's unit scope reaches (docs/SECURITY.md "Unit scopes"), from
 * this subgraph's geography, as the caller (its tenant's rows only):
 *
 * - `commune:X` → X and, transitively, every unit it succeeded (a new commune reads its
 *   predecessors' history);
 * - `district:D` → D, every commune that ever lay in D, and transitively every successor of those
 *   communes (an abolished district reads its communes' history and what they became);
 * - `agency:S` reaches no unit (a sponsor is the sponsors subgraph's; it narrows by sponsor id).
 *
 * Units of another tenant, unknown ids and ids of the wrong level reach nothing. One statement.
 */
export async function scopeReach(ctx: Ctx): Promise<string[]> {
  const scope = ctx.identity.scope;
  if (!scope) return [];
  const communes = scope.units.filter((u) => u.kind === 'commune').map((u) => u.id);
  const districts = scope.units.filter((u) => u.kind === 'district').map((u) => u.id);
  if (communes.length + districts.length === 0) return [];
  const tenant = ctx.tenant;
  const em = await ctx.em();
  const rows = await em.execute(
    `with recursive
       picked as (
         select a.id, a.level from communes.admin_unit a
          where a.tenant_id = ? and ((a.level = 'COMMUNE' and a.id = any(?::uuid[])) or (a.level = 'DISTRICT' and a.id = any(?::uuid[])))
       ),
       back(id) as (
         select id from picked where level = 'COMMUNE'
         union
         select s.predecessor_id from communes.unit_succession s join back b on s.successor_id = b.id where s.tenant_id = ?
       ),
       forward(id) as (
         select a.id from communes.admin_unit a join picked p on p.level = 'DISTRICT' and a.parent_id = p.id
          where a.tenant_id = ? and a.level = 'COMMUNE'
         union
         select s.successor_id from communes.unit_succession s join forward f on s.predecessor_id = f.id where s.tenant_id = ?
       )
     select id from picked union select id from back union select id from forward order by 1`,
    [tenant, `{${communes.join(',')}}`, `{${districts.join(',')}}`, tenant, tenant, tenant],
  );
  return rows.map((r) => String(r.id));
}
