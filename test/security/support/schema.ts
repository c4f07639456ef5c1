import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  parse,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { todayInVietnam } from '@kn/platform/dates';
import { subgraphGql, type Who } from './http.js';

/** The public schema clients see (committed; `pnpm schema:check` keeps it equal to the code). */
export function publicSchema(): GraphQLSchema {
  const file = fileURLToPath(new URL('../../../schema/public.graphql', import.meta.url));
  return buildSchema(readFileSync(file, 'utf8'));
}

export interface SubgraphSchema {
  name: string;
  url: string;
  schema: GraphQLSchema;
  /** Entity types this subgraph resolves, with their key fields (`@key(fields: "id")`). */
  entities: { type: string; keyFields: string[]; resolvable: boolean }[];
}

/** A subgraph's own schema (introspection) and its entities (from `_service { sdl }`). */
export async function subgraphSchema(name: string, url: string, who: Who): Promise<SubgraphSchema> {
  const intro = await subgraphGql(url, who, getIntrospectionQuery());
  if (!intro.body?.data) throw new Error(`introspection of ${name} failed: ${intro.text.slice(0, 300)}`);
  const schema = buildClientSchema(intro.body.data);
  const sdl = await subgraphGql(url, who, '{ _service { sdl } }');
  const doc = parse(String(sdl.body?.data?._service?.sdl ?? ''));
  const union = schema.getType('_Entity');
  const members = new Set(union && isUnionType(union) ? union.getTypes().map((t) => t.name) : []);
  const entities: SubgraphSchema['entities'] = [];
  for (const def of doc.definitions) {
    if (def.kind !== 'ObjectTypeDefinition' && def.kind !== 'ObjectTypeExtension') continue;
    for (const dir of def.directives ?? []) {
      if (dir.name.value !== 'key') continue;
      const fieldsArg = dir.arguments?.find((a) => a.name.value === 'fields');
      const resolvableArg = dir.arguments?.find((a) => a.name.value === 'resolvable');
      const fields = fieldsArg?.value.kind === 'StringValue' ? fieldsArg.value.value : '';
      const resolvable = !(resolvableArg?.value.kind === 'BooleanValue' && resolvableArg.value.value === false);
      if (!fields || /[{}]/.test(fields)) continue; // nested keys: not generated (none so far)
      entities.push({ type: def.name.value, keyFields: fields.split(/\s+/).filter(Boolean), resolvable: resolvable && members.has(def.name.value) });
    }
  }
  return { name, url, schema, entities };
}

export const isFederationField = (name: string) => name === '_entities' || name === '_service';

export function rootFields(schema: GraphQLSchema, kind: 'query' | 'mutation'): GraphQLField<unknown, unknown>[] {
  const root = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
  return root ? Object.values(root.getFields()).filter((f) => !isFederationField(f.name) && !f.name.startsWith('__')) : [];
}

/** The type a field's items are: `[X!]!` → X, `XConnection` → X (its `nodes`). */
export function itemType(type: GraphQLOutputType): GraphQLNamedType {
  const named = getNamedType(type);
  if (isObjectType(named) && /Connection$/.test(named.name)) {
    const nodes = named.getFields().nodes;
    if (nodes) return getNamedType(nodes.type);
  }
  return named;
}

/** Today in Vietnam, the default value of a required Date. */
export const today = () => todayInVietnam();

export interface SelectionOptions {
  depth: number;
  /** `first` given to list fields that take it. */
  first: number;
  /** Max fields per object (keeps documents under the gateway's token limit). */
  maxFields?: number;
  /**
   * Only the fields this (subgraph's) schema has: what that subgraph resolves by itself — keys of
   * the other subgraphs' entities included, their other fields not.
   */
  only?: GraphQLSchema;
}

/**
 * A selection set covering a type: every leaf field, and object fields down to `depth`, with
 * `__typename` everywhere (so a response can be read back against the schema). Fields whose
 * required arguments we cannot fill are left out; optional arguments are omitted except `first`.
 */
export function selection(schema: GraphQLSchema, type: GraphQLOutputType, opts: SelectionOptions): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (isUnionType(named) || isInterfaceType(named)) {
    const possible = schema.getPossibleTypes(named);
    return `{ __typename ${possible.map((p) => `... on ${p.name} ${selection(schema, p, opts)}`).join(' ')} }`;
  }
  const obj = named as GraphQLObjectType;
  const parts: string[] = ['__typename'];
  const own = opts.only?.getType(obj.name);
  if (opts.only && !(own && isObjectType(own))) return '';
  const fields = Object.values(obj.getFields()).filter((f) => !f.name.startsWith('__') && (!own || !!(own as GraphQLObjectType).getFields()[f.name]));
  const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type)));
  const objects = fields.filter((f) => !isLeafType(getNamedType(f.type)));
  for (const f of leaves.slice(0, opts.maxFields ?? 40)) parts.push(f.name);
  if (opts.depth > 0) {
    for (const f of objects) {
      if (f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
      const sub = selection(schema, f.type, { ...opts, depth: opts.depth - 1 });
      if (!sub) continue;
      const first = f.args.find((a) => a.name === 'first');
      parts.push(`${f.name}${first ? `(first: ${opts.first})` : ''} ${sub}`);
    }
  }
  return `{ ${parts.join(' ')} }`;
}

/** Values seen in responses, by type and field: ids, codes, dates, slugs… */
export class ValueStore {
  readonly values = new Map<string, Map<string, Set<string>>>();
  /** Every value of a field typed ID, whatever the type. */
  readonly ids = new Set<string>();
  readonly dates = new Set<string>();

  add(type: string, field: string, value: string): void {
    let byField = this.values.get(type);
    if (!byField) this.values.set(type, (byField = new Map()));
    let set = byField.get(field);
    if (!set) byField.set(field, (set = new Set()));
    set.add(value);
  }

  get(type: string, field: string): string[] {
    return [...(this.values.get(type)?.get(field) ?? [])];
  }

  /** Reads a response back against the schema, keeping every scalar leaf. */
  harvest(schema: GraphQLSchema, type: GraphQLOutputType, data: unknown): void {
    if (data == null) return;
    if (Array.isArray(data)) {
      for (const d of data) this.harvest(schema, type, d);
      return;
    }
    const named = getNamedType(type);
    if (typeof data !== 'object') return;
    const record = data as Record<string, unknown>;
    const concrete = typeof record.__typename === 'string' ? schema.getType(record.__typename) : named;
    if (!concrete || !isObjectType(concrete)) return;
    const fields = concrete.getFields();
    for (const [key, value] of Object.entries(record)) {
      const field = fields[key];
      if (!field || value == null) continue;
      const leaf = getNamedType(field.type);
      if (isLeafType(leaf)) {
        for (const v of Array.isArray(value) ? value : [value]) {
          if (typeof v !== 'string' && typeof v !== 'number') continue;
          const s = String(v);
          this.add(concrete.name, key, s);
          if (leaf.name === 'ID') this.ids.add(s);
          if (leaf.name === 'Date') this.dates.add(s);
        }
      } else {
        this.harvest(schema, field.type, value);
      }
    }
  }
}

/**
 * What an argument names: an id, a code or a tenant, of which entity. `names`: the argument does not
 * point at an existing row but NAMES the row the mutation writes (`createSponsor(input.code)`,
 * `createIndicator(code)`): codes are unique per tenant, so another tenant's code there is a
 * legitimate, free code — the call succeeds and writes (see phases/isolation.ts).
 */
export type Target = { kind: 'id' | 'code' | 'tenant'; entity: string | null; names?: boolean };

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * What an argument (or input field) named `name` refers to: an id, a code or a tenant, of which
 * entity — `communeId` → Commune ids, `provinceCode` → Province codes, `id` → the field's own type.
 */
export function targetOf(schema: GraphQLSchema, name: string, type: GraphQLInputType, owner: GraphQLNamedType | null): Target | null {
  const named = getNamedType(type);
  if (!isScalarType(named) || (named.name !== 'ID' && named.name !== 'String')) return null;
  const entity = (prefix: string) => (schema.getType(cap(prefix)) && isObjectType(schema.getType(cap(prefix))) ? cap(prefix) : null);
  if (/^ids?$/.test(name)) return { kind: 'id', entity: owner?.name ?? null };
  let m = /^(.+?)Ids?$/.exec(name);
  if (m) return { kind: 'id', entity: entity(m[1]!) };
  if (name === 'code' || name === 'codes') return { kind: 'code', entity: owner?.name ?? null };
  m = /^(.+?)Codes?$/.exec(name);
  if (m) return { kind: 'code', entity: entity(m[1]!) };
  if (/^(tenant|tenantId|tenantSlug|slug|province)$/.test(name)) return { kind: 'tenant', entity: null };
  if (named.name === 'ID') return { kind: 'id', entity: null };
  return null;
}

/** A position in a field's arguments: `['filter', 'provinceCode']`. */
export interface ArgLeaf {
  path: string[];
  type: GraphQLInputType;
  target: Target;
}

/**
 * Whether an argument leaf of a mutation names the row the mutation writes: `code` as an argument
 * or as a field of its input object, when the mutation returns a type that has a `code`.
 */
export function namesWrittenRow(field: GraphQLField<unknown, unknown>, path: string[]): string | null {
  const owner = itemType(field.type);
  if (path.at(-1) !== 'code' || path.length > 2 || !isObjectType(owner) || !owner.getFields().code) return null;
  return owner.name;
}

/** Every argument leaf of a field that names an id, a code or a tenant (inside input objects too). */
export function targetLeaves(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>, kind: 'query' | 'mutation' = 'query'): ArgLeaf[] {
  const owner = itemType(field.type);
  const out: ArgLeaf[] = [];
  const walk = (name: string, type: GraphQLInputType, path: string[], depth: number) => {
    const named = getNamedType(type);
    if (isInputObjectType(named)) {
      if (depth > 3) return;
      for (const f of Object.values(named.getFields())) walk(f.name, f.type, [...path, f.name], depth + 1);
      return;
    }
    const written = kind === 'mutation' ? namesWrittenRow(field, path) : null;
    const target: Target | null = written ? { kind: 'code', entity: written, names: true } : targetOf(schema, name, type, path.length === 1 ? owner : null);
    if (target) out.push({ path, type, target });
  };
  for (const a of field.args) walk(a.name, a.type, [a.name], 0);
  return out;
}

/** Valid-looking values of a tenant, to fill the arguments that are not under attack. */
export interface Filler {
  idOf(entity: string | null, name: string): string | undefined;
  codeOf(entity: string | null, name: string): string | undefined;
  tenant: string | null;
}

/** A value of `type` that passes validation: first enum value, today, one đồng… and the tenant's own ids. */
export function validValue(
  schema: GraphQLSchema,
  type: GraphQLInputType,
  name: string,
  fill: Filler,
  owner: GraphQLNamedType | null,
  depth = 0,
): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const v = validValue(schema, nullable.ofType, name, fill, owner, depth + 1);
    return v === undefined ? [] : [v];
  }
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]?.value;
  if (isInputObjectType(named)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(named.getFields())) {
      if (!isNonNullType(f.type) || f.defaultValue !== undefined) continue;
      out[f.name] = validValue(schema, f.type, f.name, fill, null, depth + 1);
    }
    return out;
  }
  const target = targetOf(schema, name, type, owner);
  switch (named.name) {
    case 'ID':
    case 'String':
      if (target?.kind === 'id') return fill.idOf(target.entity, name) ?? '00000000-0000-4000-8000-000000000001';
      if (target?.kind === 'code') return fill.codeOf(target.entity, name) ?? '01';
      if (target?.kind === 'tenant') return fill.tenant ?? 'none';
      // no spaces: also a valid key or reference where one is expected (`idempotencyKey`)
      return named.name === 'ID' ? '00000000-0000-4000-8000-000000000001' : `security-suite-${name}`;
    case 'Int':
      // a year is this year (1 would be refused as a year before anything else is looked at)
      if (/(^y|Y)ear$/.test(name)) return Number(today().slice(0, 4));
      return name === 'first' ? 5 : 1;
    case 'Float':
      return 1.5;
    case 'Boolean':
      return false;
    case 'Date':
      return today();
    case 'Vnd':
      return '1000000';
    default:
      return 'x';
  }
}

/** Sets `value` at `path` in an arguments object (creating input objects on the way). */
export function setAt(args: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(args);
  let cur: Record<string, unknown> = copy;
  for (const p of path.slice(0, -1)) {
    const next = cur[p];
    if (next == null || typeof next !== 'object' || Array.isArray(next)) cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  // a list argument takes the value as its one element
  cur[last] = value;
  return copy;
}

/** The required arguments of a field, filled with valid values. */
export function requiredArgs(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>, fill: Filler): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const owner = itemType(field.type);
  for (const a of field.args) {
    if (isNonNullType(a.type) && a.defaultValue === undefined) out[a.name] = validValue(schema, a.type, a.name, fill, owner);
  }
  return out;
}

export function typeAt(field: GraphQLField<unknown, unknown>, path: string[]): GraphQLInputType | null {
  let args: readonly { name: string; type: GraphQLInputType }[] = field.args as readonly GraphQLArgument[];
  let type: GraphQLInputType | null = null;
  for (const p of path) {
    const a = args.find((x) => x.name === p);
    if (!a) return null;
    type = a.type;
    const named = getNamedType(a.type);
    args = isInputObjectType(named) ? Object.values(named.getFields()) : [];
  }
  return type;
}

/** One operation calling one root field with its arguments as variables. */
export function operation(
  kind: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  sel: string,
): { query: string; variables: Record<string, unknown> } {
  const used = field.args.filter((a) => a.name in args);
  const decl = used.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = used.map((a) => `${a.name}: $${a.name}`).join(', ');
  const variables: Record<string, unknown> = {};
  for (const a of used) variables[a.name] = args[a.name];
  return {
    query: `${kind} Sec${decl ? `(${decl})` : ''} { ${field.name}${call ? `(${call})` : ''} ${sel} }`,
    variables,
  };
}

/** Optional Date arguments of a field (top level or one input object down), e.g. `asOf`, `filter.asOf`. */
export function optionalDatePaths(field: GraphQLField<unknown, unknown>): string[][] {
  const out: string[][] = [];
  for (const a of field.args) {
    const named = getNamedType(a.type);
    if (named.name === 'Date' && !isNonNullType(a.type)) out.push([a.name]);
    if (isInputObjectType(named)) {
      for (const f of Object.values(named.getFields())) {
        if (getNamedType(f.type).name === 'Date' && !isNonNullType(f.type)) out.push([a.name, f.name]);
      }
    }
  }
  return out;
}
