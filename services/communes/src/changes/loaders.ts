import { groupedLoader, isUuid, pgArray, tenantWhere, type RequestContext } from '@kn/platform';

/** A link a recorded change made: predecessor → successor. */
export interface ChangeLink {
  changeId: string;
  predecessorId: string;
  successorId: string;
}

/** The links of recorded changes, batched: one statement per request tick whatever the page. */
export function createChangeLoaders(ctx: RequestContext<unknown>) {
  const linksOfChange = groupedLoader<string, ChangeLink>(async (ids) => {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const em = await ctx.em();
    const w = tenantWhere('s', ctx.readTenants);
    const rows = await em.execute(
      `select s.change_id, s.predecessor_id, s.successor_id from communes.unit_succession s
        where ${w.sql} and s.change_id = any(?::uuid[]) order by s.predecessor_id, s.successor_id`,
      [...w.params, pgArray(valid)],
    );
    return rows.map((r) => ({ changeId: r.change_id as string, predecessorId: r.predecessor_id as string, successorId: r.successor_id as string }));
  }, (l) => l.changeId);
  return { linksOfChange };
}

export type ChangeLoaders = ReturnType<typeof createChangeLoaders>;
