import { getNamedType, isNonNullType, isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { gqlRaw, codesOf, type TokenPool } from './http.js';
import {
  itemType,
  operation,
  optionalDatePaths,
  requiredArgs,
  rootFields,
  selection,
  setAt,
  ValueStore,
  type Filler,
} from './schema.js';

export interface TenantData {
  tenant: string;
  store: ValueStore;
  /** A sponsor id of the tenant when the schema has sponsors (for sponsor-role tokens). */
  sponsorId: string;
}

/** Fills arguments with a tenant's own values (first seen id of the entity, code…). */
export function fillerOf(store: ValueStore, tenant: string | null): Filler {
  return {
    tenant,
    idOf: (entity) => (entity ? store.get(entity, 'id')[0] : undefined) ?? [...store.ids][0],
    codeOf: (entity) => (entity ? store.get(entity, 'code')[0] : undefined),
  };
}

/** Spread sample of at most `k` values (first, last, and evenly in between). */
export function sample<T>(values: readonly T[], k: number): T[] {
  if (values.length <= k) return [...values];
  const out: T[] = [];
  for (let i = 0; i < k; i++) out.push(values[Math.floor((i * (values.length - 1)) / (k - 1 || 1))]!);
  return [...new Set(out)];
}

/**
 * Runs one query field with adaptive size: the deepest selection the gateway's limits accept.
 * Returns the field's data (or undefined when every attempt was refused).
 */
export async function readField(
  schema: GraphQLSchema,
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  token: string,
): Promise<unknown> {
  for (const [depth, first] of [
    [3, 50],
    [2, 20],
    [1, 10],
  ] as const) {
    const withFirst = field.args.some((a) => a.name === 'first') ? { ...args, first } : args;
    const op = operation('query', field, withFirst, selection(schema, field.type, { depth, first: 10 }));
    const r = await harvestRead(token, op.query, op.variables);
    if (codesOf(r).includes('QUERY_TOO_COMPLEX')) continue;
    return r.body?.data?.[field.name];
  }
  return undefined;
}

/** Codes that say the platform was too busy, not that the read is refused: asked again. */
const TRANSIENT = new Set(['SERVICE_UNAVAILABLE', 'RATE_LIMITED', 'TIMEOUT']);

/**
 * A harvest read, asked again (at most 4 times, backing off) while the answer is a transient
 * refusal: on a loaded machine a page that timed out would leave a tenant's own value unknown, and
 * the attacks would then report that value, probed by its own tenant, as another tenant's leak.
 * Still transient after that: the harvest stops with an error rather than going on incomplete.
 */
async function harvestRead(token: string, query: string, variables: Record<string, unknown>) {
  for (let attempt = 1; ; attempt++) {
    const r = await gqlRaw(token, query, variables);
    const transient = r.status === 429 || r.status >= 500 || codesOf(r).some((c) => TRANSIENT.has(String(c)));
    if (!transient) return r;
    if (attempt === 4) throw new Error(`harvest: a read stayed refused as transient (${r.status} ${codesOf(r).join(',')}): ${query.slice(0, 200)}`);
    await new Promise((done) => setTimeout(done, 500 * 2 ** attempt));
  }
}

/**
 * Every page of a root connection (rows' own fields only), at most `maxRows`: the deep reads above
 * see a first page, and a tenant's value beyond it (its 60th indicator code) would otherwise pass
 * for one it does not have — the attacks would then report its own code as another tenant's leak.
 */
async function readAllPages(
  schema: GraphQLSchema,
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  token: string,
  store: ValueStore,
  maxRows = 2000,
): Promise<void> {
  const connection = getNamedType(field.type);
  if (!field.args.some((a) => a.name === 'after') || !isObjectType(connection) || !connection.getFields().pageInfo) return;
  let after: string | undefined;
  for (let rows = 0; rows < maxRows; ) {
    const op = operation('query', field, { ...args, first: 100, ...(after ? { after } : {}) }, selection(schema, field.type, { depth: 1, first: 10 }));
    const r = await harvestRead(token, op.query, op.variables);
    const data = r.body?.data?.[field.name] as { nodes?: unknown[]; pageInfo?: { hasNextPage?: boolean; endCursor?: string } } | undefined;
    if (!data) return;
    store.harvest(schema, field.type, data);
    rows += data.nodes?.length ?? 0;
    if (!data.pageInfo?.hasNextPage || !data.pageInfo.endCursor) return;
    after = data.pageInfo.endCursor;
  }
}

/**
 * Collects a tenant's real values (ids, codes, slugs, dates) by reading every query field of the
 * schema with the tenant's admin token: first with no optional arguments, then again on every date
 * seen so far (so that units of other periods show up), then fields needing ids with the ids found.
 */
export async function harvest(schema: GraphQLSchema, tenant: string, tokens: TokenPool): Promise<TenantData> {
  const store = new ValueStore();
  const token = await tokens.get({ tenant, role: 'admin' });
  const fields = rootFields(schema, 'query');
  const seenDates = new Set<string>();
  for (let pass = 0; pass < 3; pass++) {
    const dates = pass === 0 ? [undefined] : [undefined, ...sample([...store.dates].sort(), 4).filter((d) => !seenDates.has(d))];
    for (const d of dates) if (d) seenDates.add(d);
    for (const field of fields) {
      const needsArgs = field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined);
      if (pass === 0 && needsArgs) continue;
      for (const d of dates) {
        let args = requiredArgs(schema, field, fillerOf(store, tenant));
        if (d) for (const p of optionalDatePaths(field)) args = setAt(args, p, d);
        const data = await readField(schema, field, args, token);
        store.harvest(schema, field.type, data);
      }
    }
  }
  // every page of the lists that need no argument
  for (const field of fields) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    await readAllPages(schema, field, {}, token, store);
  }
  // by-id lookups of what the lists found (fills types only reachable by id)
  for (const field of fields) {
    const idArg = field.args.find((a) => a.name === 'id' && getNamedType(a.type).name === 'ID');
    if (!idArg) continue;
    for (const id of sample(store.get(itemType(field.type).name, 'id'), 5)) {
      store.harvest(schema, field.type, await readField(schema, field, { id }, token));
    }
  }
  return { tenant, store, sponsorId: store.get('Sponsor', 'id')[0] ?? `sponsor-of-${tenant}` };
}
