import DataLoader from 'dataloader';
import { groupedLoader, isUuid, pgArray, type RequestContext } from '@kn/platform';
import { DECISION_JOIN, EVALUATION_COLUMNS, IN_FORCE_ORDER, toEvaluation, type EvaluationRow } from './rows.js';

/**
 * A loader whose keys are `<id>|<param>`: keys are grouped by param and each group is ONE statement,
 * so a page of sponsors asking the same `evaluation(programId, year)` costs one statement.
 */
function paramLoader<V>(fetch: (ids: string[], param: string) => Promise<V[]>, keyOf: (row: V) => string) {
  return new DataLoader<string, V | null>(
    async (keys) => {
      const groups = new Map<string, string[]>();
      for (const key of keys) {
        const bar = key.indexOf('|');
        const param = key.slice(bar + 1);
        groups.set(param, [...(groups.get(param) ?? []), key.slice(0, bar)]);
      }
      const found = new Map<string, V>();
      await Promise.all(
        [...groups].map(async ([param, ids]) => {
          for (const row of await fetch([...new Set(ids)], param)) found.set(`${keyOf(row)}|${param}`, row);
        }),
      );
      return keys.map((k) => found.get(k) ?? null);
    },
    { maxBatchSize: 1000 },
  );
}

export function createEvaluationLoaders(ctx: RequestContext<unknown>) {
  /** A run's evaluations, by sponsor id. */
  const evaluationsByRun = groupedLoader<string, EvaluationRow>(async (runIds) => {
    const valid = runIds.filter(isUuid);
    if (valid.length === 0) return [];
    const em = await ctx.em();
    const rows = await em.execute(
      `select ${EVALUATION_COLUMNS} from evaluations.sponsor_evaluation e
         join evaluations.evaluation_run r on r.tenant_id = e.tenant_id and r.id = e.run_id
         ${DECISION_JOIN}
        where e.tenant_id = any(?::text[]) and e.run_id = any(?::uuid[]) order by e.sponsor_id`,
      [ctx.readTenantsParam, pgArray(valid)],
    );
    return rows.map(toEvaluation);
  }, (e) => e.runId!);

  /** param: `<programId>:<year>:<status or empty>`; the sponsors' evaluations in the run in force (or of that status). */
  const evaluationOfSponsor = paramLoader<EvaluationRow>(async (sponsorIds, param) => {
    const [programId, year, status] = param.split(':');
    const statuses = status ? [status] : ['APPROVED', 'DRAFT'];
    const em = await ctx.em();
    const rows = await em.execute(
      `with run as (
         select r.* from evaluations.evaluation_run r
          where r.tenant_id = any(?::text[]) and r.program_id = ?::uuid and r.year = ? and r.status = any(?::text[])
          order by ${IN_FORCE_ORDER} limit 1)
       select ${EVALUATION_COLUMNS} from evaluations.sponsor_evaluation e
         join run r on r.tenant_id = e.tenant_id and r.id = e.run_id
         ${DECISION_JOIN}
        where e.sponsor_id = any(?::uuid[])`,
      [ctx.readTenantsParam, programId, Number(year), pgArray(statuses), pgArray(sponsorIds)],
    );
    return rows.map(toEvaluation);
  }, (e) => e.sponsorId);

  return { evaluationsByRun, evaluationOfSponsor };
}
