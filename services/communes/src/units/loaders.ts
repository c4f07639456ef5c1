import DataLoader from 'dataloader';
import { groupedLoader, isUuid, keyedLoader, pgArray, tenantWhere, type RequestContext } from '@kn/platform';
import { UNIT_COLUMNS, VALID_ON, toUnit, type UnitRow } from './rows.js';

export interface Link {
  from: string;
  unit: UnitRow;
  /** MERGE: the whole predecessor went into the successor; SPLIT: part of it did. */
  kind: 'MERGE' | 'SPLIT';
}

/** Every batched lookup of this subgraph: one SQL statement per kind of lookup per request tick. */
export function createUnitLoaders(ctx: RequestContext<unknown>) {
  const t = () => tenantWhere('u', ctx.readTenants);

  const unitById = keyedLoader<string, UnitRow>(async (ids) => {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const em = await ctx.em();
    const w = t();
    const rows = await em.execute(
      `select ${UNIT_COLUMNS} from communes.admin_unit u where ${w.sql} and u.id = any(?::uuid[])`,
      [...w.params, pgArray(valid)],
    );
    return rows.map(toUnit);
  }, (u) => u.id);

  /** Links from a unit to the units that replaced it (`successors`) or that it replaced (`predecessors`). */
  const links = (direction: 'successors' | 'predecessors') =>
    groupedLoader<string, Link>(async (ids) => {
      const valid = ids.filter(isUuid);
      if (valid.length === 0) return [];
      const [fromCol, toCol] = direction === 'successors' ? ['predecessor_id', 'successor_id'] : ['successor_id', 'predecessor_id'];
      const em = await ctx.em();
      const w = t();
      const rows = await em.execute(
        `select s.${fromCol} as link_from, s.kind as link_kind, ${UNIT_COLUMNS}
           from communes.unit_succession s
           join communes.admin_unit u on u.tenant_id = s.tenant_id and u.id = s.${toCol}
          where ${w.sql} and s.${fromCol} = any(?::uuid[])
          order by u.code, u.id`,
        [...w.params, pgArray(valid)],
      );
      return rows.map((r) => ({ from: r.link_from as string, kind: r.link_kind as Link['kind'], unit: toUnit(r) }));
    }, (l) => l.from);

  const classificationsOf = groupedLoader<string, { unitId: string; classification: string; source: string | null; provenance: unknown }>(async (ids) => {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const em = await ctx.em();
    const w = tenantWhere('c', ctx.readTenants);
    const rows = await em.execute(
      `select c.unit_id, c.classification, c.source, c.provenance from communes.unit_classification c
        where ${w.sql} and c.unit_id = any(?::uuid[]) order by c.classification`,
      [...w.params, pgArray(valid)],
    );
    return rows.map((r) => ({
      unitId: r.unit_id as string,
      classification: r.classification as string,
      source: (r.source as string | null) ?? null,
      provenance: r.provenance ?? null,
    }));
  }, (c) => c.unitId);

  /** Units under a parent, valid on a date. Key: `column|parentId|LEVEL|asOf`, column `parent` or `province`. */
  const childrenOf = new DataLoader<string, UnitRow[]>(async (keys) => {
    const groups = new Map<string, string[]>();
    for (const key of keys) {
      const [column, parentId, level, asOf] = key.split('|') as [string, string, string, string];
      if (!isUuid(parentId)) continue;
      const g = `${column}|${level}|${asOf}`;
      const list = groups.get(g);
      if (list) list.push(parentId);
      else groups.set(g, [parentId]);
    }
    const em = await ctx.em();
    const found = new Map<string, UnitRow[]>();
    await Promise.all(
      [...groups].map(async ([g, parents]) => {
        const [column, level, asOf] = g.split('|') as [string, string, string];
        const col = column === 'province' ? 'u.province_id' : 'u.parent_id';
        const w = t();
        const rows = await em.execute(
          `select ${UNIT_COLUMNS}, ${col} as link_from from communes.admin_unit u
            where ${w.sql} and u.level = ? and ${VALID_ON} and ${col} = any(?::uuid[])
            order by u.code, u.id`,
          [...w.params, level, asOf, asOf, pgArray(parents)],
        );
        for (const r of rows) {
          const k = `${column}|${r.link_from as string}|${level}|${asOf}`;
          const list = found.get(k);
          if (list) list.push(toUnit(r));
          else found.set(k, [toUnit(r)]);
        }
      }),
    );
    return keys.map((k) => found.get(k) ?? []);
  });

  const tenantBySlug = keyedLoader<string, { slug: string; name: string }>(async (slugs) => {
    const em = await ctx.em();
    const w = tenantWhere('t', ctx.readTenants);
    const rows = await em.execute(
      `select t.tenant_id, t.name from communes.tenant t where ${w.sql} and t.tenant_id = any(?::text[])`,
      [...w.params, pgArray(slugs)],
    );
    return rows.map((r) => ({ slug: r.tenant_id as string, name: r.name as string }));
  }, (t) => t.slug);

  return {
    tenantBySlug,
    unitById,
    successorsOf: links('successors'),
    predecessorsOf: links('predecessors'),
    classificationsOf,
    childrenOf,
  };
}

export type UnitLoaders = ReturnType<typeof createUnitLoaders>;
