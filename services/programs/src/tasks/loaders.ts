import { groupedLoader, isUuid, keyedLoader, pgArray, tenantWhere, type RequestContext } from '@kn/platform';
import { TASK_COLUMNS, toTask, type TaskRow } from './rows.js';

export function createTaskLoaders(ctx: RequestContext<unknown>) {
  const load = async (column: 'program_id' | 'id', ids: readonly string[]) => {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const em = await ctx.em();
    const w = tenantWhere('k', ctx.readTenants);
    const rows = await em.execute(
      `select ${TASK_COLUMNS} from programs.task k
        where ${w.sql} and k.${column} = any(?::uuid[]) order by k.program_id, k.position, k.id`,
      [...w.params, pgArray(valid)],
    );
    return rows.map(toTask);
  };
  const tasksByProgram = groupedLoader<string, TaskRow>((ids) => load('program_id', ids), (t) => t.programId);
  const taskById = keyedLoader<string, TaskRow>((ids) => load('id', ids), (t) => t.id);
  return { tasksByProgram, taskById };
}
