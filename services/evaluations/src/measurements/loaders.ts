import DataLoader from 'dataloader';
import { pgArray, type RequestContext } from '@kn/platform';
import { unitScope } from '../common/scope.js';
import { PREDECESSORS } from '../peers.js';
import { CRITERIA_SET_COLUMNS, MEASUREMENT_COLUMNS, rolledUp, toCriteriaSet, toMeasurement, type CriteriaSetRow, type CriterionRow, type MeasurementRow } from './rows.js';

/**
 * `Commune.measurements(year)` for every commune of a request in at most two statements and one
 * request to the communes subgraph: the communes' own figures first; for those without, their
 * predecessors (asked of the communes subgraph, as the caller) whose figures continue in them — a
 * merged commune's in its one successor, a split commune's whole in its first successor by code
 * (the sponsors subgraph's rule: a figure is never divided nor counted twice).
 */
export function createMeasurementLoaders(ctx: RequestContext<unknown>) {
  const measurementOf = new DataLoader<{ communeId: string; year: number }, MeasurementRow | null, string>(
    async (keys) => {
      const wanted = keys.map((k) => ({ id: k.communeId.toLowerCase(), year: k.year }));
      const em = await ctx.em();
      const tenant = ctx.tenant;
      const years = [...new Set(wanted.map((w) => w.year))];
      const scope = unitScope(ctx, { unit: 'm.commune_id' });
      const own = new Map<string, MeasurementRow>();
      const ownRows = await em.execute(
        `select ${MEASUREMENT_COLUMNS} from evaluations.commune_measurement m
          where m.tenant_id = ? and m.commune_id = any(?::uuid[]) and m.year = any(?::int[]) and ${scope.sql}`,
        [tenant, pgArray([...new Set(wanted.map((w) => w.id))]), pgArray(years), ...scope.params],
      );
      for (const r of ownRows.map(toMeasurement)) own.set(`${r.communeId}|${r.year}`, r);
      const missing = wanted.filter((w) => !own.has(`${w.id}|${w.year}`));
      const sources = new Map<string, string[]>();
      if (missing.length > 0) {
        const ids = [...new Set(missing.map((m) => m.id))];
        const data = await ctx.peer('communes').query(ctx.caller, PREDECESSORS, { r: ids.map((id) => ({ __typename: 'Commune', id })) });
        for (const node of data._entities) {
          if (!node) continue;
          // a predecessor's figures continue in its first successor (the only one, after a merge)
          sources.set(node.id, node.predecessors.filter((p) => p.successors[0]?.id === node.id).map((p) => p.id));
        }
        const predIds = [...new Set([...sources.values()].flat())];
        if (predIds.length > 0) {
          const predRows = await em.execute(
            `select ${MEASUREMENT_COLUMNS} from evaluations.commune_measurement m
              where m.tenant_id = ? and m.commune_id = any(?::uuid[]) and m.year = any(?::int[]) and ${scope.sql}`,
            [tenant, pgArray(predIds), pgArray(years), ...scope.params],
          );
          for (const r of predRows.map(toMeasurement)) own.set(`${r.communeId}|${r.year}`, r);
        }
      }
      return wanted.map((w) => {
        const mine = own.get(`${w.id}|${w.year}`);
        if (mine && mine.communeId === w.id) return mine;
        const parts = (sources.get(w.id) ?? []).map((p) => own.get(`${p}|${w.year}`)).filter((p): p is MeasurementRow => !!p);
        return parts.length > 0 ? rolledUp(w.id, w.year, parts) : null;
      });
    },
    { maxBatchSize: 500, cacheKeyFn: (k) => `${k.communeId.toLowerCase()}|${k.year}` },
  );

  /** Criteria sets by code, with their criteria: one statement for every set a request needs. */
  const criteriaSetByCode = new DataLoader<string, { set: CriteriaSetRow; criteria: CriterionRow[] } | null>(async (codes) => {
    const em = await ctx.em();
    const rows = await em.execute(
      `select ${CRITERIA_SET_COLUMNS},
              coalesce((select json_agg(json_build_object('number', c.number, 'nameVi', c.name_vi, 'nameEn', c.name_en) order by c.number)
                          from evaluations.criterion c where c.tenant_id = s.tenant_id and c.set_code = s.code), '[]') as criteria
         from evaluations.criteria_set s where s.tenant_id = ? and s.code = any(?::text[])`,
      [ctx.tenant, pgArray([...codes])],
    );
    const byCode = new Map(
      rows.map((r) => {
        const list = (typeof r.criteria === 'string' ? JSON.parse(r.criteria) : r.criteria) as { number: number; nameVi: string; nameEn: string }[];
        const set = toCriteriaSet(r);
        return [set.code, { set, criteria: list.map((c) => ({ setCode: set.code, ...c })) }] as const;
      }),
    );
    return codes.map((c) => byCode.get(c) ?? null);
  });

  return { measurementOf, criteriaSetByCode };
}

