import DataLoader from 'dataloader';

/**
 * A per-request DataLoader that loads many keys with one query and returns results in key order.
 * `fetch` receives distinct keys and returns rows; `keyOf` says which key a row answers.
 */
export function keyedLoader<K extends string, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(
    async (keys) => {
      const rows = await fetch(keys);
      const byKey = new Map<K, V>();
      for (const row of rows) byKey.set(keyOf(row), row);
      return keys.map((k) => byKey.get(k) ?? null);
    },
    { maxBatchSize: 1000 },
  );
}

/** Like `keyedLoader`, but each key has a list of rows (one-to-many). */
export function groupedLoader<K extends string, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(
    async (keys) => {
      const rows = await fetch(keys);
      const byKey = new Map<K, V[]>();
      for (const row of rows) {
        const k = keyOf(row);
        const list = byKey.get(k);
        if (list) list.push(row);
        else byKey.set(k, [row]);
      }
      return keys.map((k) => byKey.get(k) ?? []);
    },
    { maxBatchSize: 1000 },
  );
}

/**
 * A DataLoader whose keys are objects (`{ year, asOf }`), never strings joined by hand: two keys
 * with the same fields are one key (`cacheKeyFn`, a stable JSON of the fields in a fixed order).
 */
export function objectKeyLoader<K extends Record<string, string | number | boolean | null>, V>(
  batch: (keys: readonly K[]) => Promise<V[]>,
  fields: readonly (keyof K & string)[],
): DataLoader<K, V, string> {
  return new DataLoader<K, V, string>(async (keys) => batch(keys), {
    cacheKeyFn: (k) => JSON.stringify(fields.map((f) => k[f])),
    maxBatchSize: 1000,
  });
}
