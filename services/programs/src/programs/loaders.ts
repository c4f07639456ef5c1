import { groupedLoader, isUuid, keyedLoader, pgArray, tenantWhere, type RequestContext } from '@kn/platform';
import { PROGRAM_COLUMNS, toProgram, type ProgramRow } from './rows.js';

/** Programme lookups: one SQL statement per kind of lookup per tick, whatever the list size. */
export function createProgramLoaders(ctx: RequestContext<unknown>) {
  const programById = keyedLoader<string, ProgramRow>(async (ids) => {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const em = await ctx.em();
    const w = tenantWhere('p', ctx.readTenants);
    const rows = await em.execute(
      `select ${PROGRAM_COLUMNS} from programs.program p where ${w.sql} and p.id = any(?::uuid[])`,
      [...w.params, pgArray(valid)],
    );
    return rows.map(toProgram);
  }, (p) => p.id);

  /** Communes a programme covers (ids of the communes subgraph), in id order. */
  const communeIdsByProgram = groupedLoader<string, { programId: string; communeId: string }>(async (ids) => {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const em = await ctx.em();
    const w = tenantWhere('c', ctx.readTenants);
    const rows = await em.execute(
      `select c.program_id, c.commune_id from programs.covered_commune c
        where ${w.sql} and c.program_id = any(?::uuid[]) order by c.commune_id`,
      [...w.params, pgArray(valid)],
    );
    return rows.map((r) => ({ programId: r.program_id as string, communeId: r.commune_id as string }));
  }, (r) => r.programId);

  /** Programmes covering a commune, by programme code. */
  const programsByCommune = groupedLoader<string, { communeId: string; program: ProgramRow }>(async (ids) => {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const em = await ctx.em();
    const w = tenantWhere('c', ctx.readTenants);
    const rows = await em.execute(
      `select c.commune_id as covered_commune_id, ${PROGRAM_COLUMNS}
         from programs.covered_commune c
         join programs.program p on p.tenant_id = c.tenant_id and p.id = c.program_id
        where ${w.sql} and c.commune_id = any(?::uuid[])
        order by p.code, p.id`,
      [...w.params, pgArray(valid)],
    );
    return rows.map((r) => ({ communeId: r.covered_commune_id as string, program: toProgram(r) }));
  }, (r) => r.communeId);

  return { programById, communeIdsByProgram, programsByCommune };
}
