import DataLoader from 'dataloader';

/**
 * A per-request grouped loader whose keys carry a parameter: `<id>|<param>` (e.g. a commune and a
 * year). Keys are grouped by parameter and each group is ONE fetch; a page of N parents with the
 * same argument costs one statement.
 */
export function paramGroupedLoader<V>(
  fetch: (ids: string[], param: string) => Promise<V[]>,
  keyOf: (row: V) => string,
): DataLoader<string, V[]> {
  return new DataLoader<string, V[]>(
    async (keys) => {
      const groups = new Map<string, string[]>();
      for (const key of keys) {
        const bar = key.indexOf('|');
        const id = bar < 0 ? key : key.slice(0, bar);
        const param = bar < 0 ? '' : key.slice(bar + 1);
        const list = groups.get(param);
        if (list) list.push(id);
        else groups.set(param, [id]);
      }
      const found = new Map<string, V[]>();
      await Promise.all(
        [...groups].map(async ([param, ids]) => {
          for (const row of await fetch([...new Set(ids)], param)) {
            const k = `${keyOf(row)}|${param}`;
            const list = found.get(k);
            if (list) list.push(row);
            else found.set(k, [row]);
          }
        }),
      );
      return keys.map((k) => found.get(k.includes('|') ? k : `${k}|`) ?? []);
    },
    { maxBatchSize: 1000 },
  );
}

export const paramKey = (id: string, param: string | number | null | undefined) => `${id}|${param ?? ''}`;
