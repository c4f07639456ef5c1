import { groupedLoader, isUuid, keyedLoader, pgArray, tenantWhere, type RequestContext } from '@kn/platform';
import { TARGET_FROM, TARGET_SELECT, toTarget, type TargetRow } from './rows.js';

export function createTargetLoaders(ctx: RequestContext<unknown>) {
  const load = async (column: 'program_id' | 'id', ids: readonly string[]) => {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const em = await ctx.em();
    const w = tenantWhere('t', ctx.readTenants);
    const rows = await em.execute(
      `select ${TARGET_SELECT} from ${TARGET_FROM}
        where ${w.sql} and t.${column} = any(?::uuid[]) order by t.program_id, t.position, t.id`,
      [...w.params, pgArray(valid)],
    );
    return rows.map(toTarget);
  };
  /** Every target of a programme, in the document's order (the year filter applies on top). */
  const targetsByProgram = groupedLoader<string, TargetRow>((ids) => load('program_id', ids), (t) => t.programId);
  const targetById = keyedLoader<string, TargetRow>((ids) => load('id', ids), (t) => t.id);
  return { targetsByProgram, targetById };
}
