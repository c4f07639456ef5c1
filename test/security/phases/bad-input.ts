import { randomUUID } from 'node:crypto';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platform } from '../../support/client.js';
import { allTables, checksums, diff, qualified, snapshot, withAdmin, type Snapshot } from '../support/db.js';
import { fillerOf } from '../support/harvest.js';
import { errorsOf, identityClaims, internalIdentity, pool, rawHttp, type Reply } from '../support/http.js';
import { report, writeResult } from '../support/results.js';
import { operation, requiredArgs, rootFields, selection, setAt } from '../support/schema.js';
import { getWorld, phaseEnabled, TENANTS, type World } from '../support/world.js';

type Field = GraphQLField<unknown, unknown>;

const MB = 1024 * 1024;
const oneMb = 'x'.repeat(MB);

/**
 * Values that are hostile but valid text or numbers for some fields (a name may well contain
 * quotes or a < sign; an Int may be negative): sent to queries, which must survive them, but not to
 * mutations, where accepting them is legitimate and would be a write. Money is the exception: a
 * negative or huge amount is always sent (a mutation taking an amount must refuse it).
 */
/** Cases that exist only as JSON variables: written inline, `9007199254740994` is an exact integer literal. */
const VARIABLES_ONLY = new Set(['unsafe integer']);

const VALID_FOR_SOME_FIELDS = new Set(['empty', 'SQL injection', 'LIKE wildcards', 'markup', 'astral characters', 'combining marks', 'right-to-left override', 'negative']);

/** Bad values of a named input type: malformed, out of range, of the wrong type, huge, not UTF-8-safe. */
function badValuesOf(typeName: string, argName: string, enumValues: string[]): [string, unknown][] {
  const common: [string, unknown][] = [
    ['1 MB string', oneMb],
    ['NUL byte', 'a\u0000b'],
    ['lone surrogate (not encodable in UTF-8)', '\ud800'],
    ['object', { a: 1 }],
    ['nested list', [[1]]],
  ];
  switch (typeName) {
    case 'ID':
      return [
        ['empty', ''],
        ['blank', '   '],
        ['not a uuid', 'not-a-uuid'],
        ['SQL injection', "1' or '1'='1"],
        ['SQL statement', "'); delete from communes.admin_unit; --"],
        ['nil uuid', '00000000-0000-0000-0000-000000000000'],
        ['max uuid', 'ffffffff-ffff-ffff-ffff-ffffffffffff'],
        ['10 000 characters', 'x'.repeat(10_000)],
        ['path traversal', '../../etc/passwd'],
        ['negative number', -1],
        ['float', 1.5],
        ['boolean', true],
        ...common,
      ];
    case 'String':
      return [
        ['empty', ''],
        ['100 001 characters', 'y'.repeat(100_001)],
        ['SQL injection', "' or 1=1 --"],
        ['LIKE wildcards', '%_%\\'],
        ['markup', '<script>alert(1)</script>'],
        ['astral characters', '𝕏'.repeat(2000)],
        ['combining marks', `a${'\u0301'.repeat(5000)}`],
        ['right-to-left override', '\u202egnp.exe'],
        ['number', 123],
        ['boolean', false],
        ...common,
      ];
    case 'Int':
      return [
        ['negative', -1],
        ['below Int range', -2147483649],
        ['above Int range', 2147483648],
        ['float', 1.5],
        ['string of digits', '5'],
        ['huge', 1e300],
        ['boolean', true],
        ['object', { a: 1 }],
      ];
    case 'Float':
      return [
        ['string', 'x'],
        ['boolean', true],
        ['object', {}],
      ];
    case 'Boolean':
      return [
        ['string', 'true'],
        ['number', 1],
        ['object', {}],
      ];
    case 'Date':
      return [
        ['29 February of a common year', '2019-02-29'],
        ['month 13', '2019-13-01'],
        ['month 0', '2019-00-10'],
        ['day 0', '2019-01-00'],
        ['31 April', '2019-04-31'],
        ['before 1900', '1899-12-31'],
        ['after 2999', '3000-01-01'],
        ['year 0', '0000-01-01'],
        ['negative year', '-2019-01-01'],
        ['unpadded', '2019-1-1'],
        ['day first', '01/06/2019'],
        ['a timestamp', '2019-06-01T00:00:00Z'],
        ['empty', ''],
        ['leading space', ' 2019-06-01'],
        ['full-width digits', '２０１９-０６-０１'],
        ['NUL after the date', '2019-06-01\u0000'],
        ['a number', 20190601],
        ['boolean', true],
        ['1 MB string', oneMb],
      ];
    case 'Vnd':
      return [
        ['negative', '-1'],
        ['hugely negative', '-100000000000'],
        ['10^18 (out of range)', '1000000000000000000'],
        ['20 digits', '99999999999999999999'],
        ['decimal', '1.5'],
        ['exponent', '1e6'],
        ['empty', ''],
        ['leading space', ' 1'],
        ['hexadecimal', '0x10'],
        ['plus sign', '+1'],
        ['full-width digits', '１２'],
        ['NaN', 'NaN'],
        ['float number', 1.5],
        // a JSON number past 2^53 is no exact integer any more (variables only: written inline, the
        // same digits are an exact integer literal, a legitimate amount)
        ['unsafe integer', 2 ** 53 + 2],
        ['10^18 as an integer (out of range)', 1e18],
        ['1e21 number', 1e21],
        ['negative number', -5],
        ['boolean', true],
        ['1 MB of digits', '9'.repeat(MB)],
      ];
    default:
      if (enumValues.length) {
        return [
          ['unknown value', 'COASTAL_NOT_A_VALUE'],
          ['lower case', enumValues[0]!.toLowerCase()],
          ['empty', ''],
          ['number', 0],
          ['prototype key', '__proto__'],
          ['with SQL', `${enumValues[0]}'; --`],
          ['1 MB string', oneMb],
        ];
      }
      return [
        ['1 MB string', oneMb],
        ['object', { a: 1 }],
        ['NUL byte', 'a\u0000b'],
      ];
  }
}

/**
 * A GraphQL literal for a value at a position of type `type` (the same cases written inline instead
 * of as variables). A string is written bare only where an enum is expected (`kind: COASTAL…`):
 * elsewhere it stays a quoted string — a bare `true` where a Boolean is expected would turn the
 * case "a string for a Boolean" into a valid Boolean.
 */
function literal(v: unknown, type: GraphQLInputType | null): string {
  const named = type ? getNamedType(type) : null;
  const nullable = type ? getNullableType(type) : null;
  if (typeof v === 'string') return named && isEnumType(named) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(v) ? v : JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map((x) => literal(x, nullable && isListType(nullable) ? nullable.ofType : type)).join(', ')}]`;
  if (typeof v === 'object') {
    const fields = named && isInputObjectType(named) ? named.getFields() : {};
    return `{ ${Object.entries(v as object).map(([k, x]) => `${k}: ${literal(x, fields[k]?.type ?? null)}`).join(', ')} }`;
  }
  return 'null';
}

interface Leaf {
  path: string[];
  type: GraphQLInputType;
}

/** Every argument and input-object field of a root field, as paths. */
function leaves(field: Field): Leaf[] {
  const out: Leaf[] = [];
  const walk = (type: GraphQLInputType, path: string[], depth: number) => {
    out.push({ path, type });
    const named = getNamedType(type);
    if (isInputObjectType(named) && depth < 3) for (const f of Object.values(named.getFields())) walk(f.type, [...path, f.name], depth + 1);
  };
  for (const a of field.args) walk(a.type, [a.name], 0);
  return out;
}

/** The bad values for one position, by its type: scalars, enums, lists, input objects, nulls. */
function casesFor(leaf: Leaf, kind: 'query' | 'mutation'): [string, unknown | typeof OMIT][] {
  const named = getNamedType(leaf.type);
  const out: [string, unknown][] = [];
  if (isInputObjectType(named)) {
    out.push(['input object with an unknown field', { notAField: 1 }]);
    out.push(['input object as a string', 'x']);
    if (Object.values(named.getFields()).some((f) => isNonNullType(f.type))) out.push(['input object missing a required field', {}]);
  } else {
    const enumValues = isEnumType(named) ? named.getValues().map((v) => v.value as string) : [];
    for (const c of badValuesOf(named.name, leaf.path.at(-1)!, enumValues)) out.push(c);
  }
  if (kind === 'mutation' && !['ID', 'Vnd', 'Date'].includes(named.name)) {
    for (let i = out.length - 1; i >= 0; i--) if (VALID_FOR_SOME_FIELDS.has(out[i]![0])) out.splice(i, 1);
  }
  const nullable = getNullableType(leaf.type);
  if (isListType(nullable)) {
    if (isNonNullType(nullable.ofType)) out.push(['null element in a list', [null]]);
    if (getNamedType(leaf.type).name === 'ID') out.push(['10 000 unknown ids', Array.from({ length: 10_000 }, () => randomUUID())]);
  }
  if (isNonNullType(leaf.type)) {
    out.push(['null for a required value', null]);
    if (leaf.path.length === 1) out.push(['required argument missing', OMIT]);
  }
  return out;
}

const OMIT = Symbol('omit');

function withValue(args: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  if (value !== OMIT) return setAt(args, path, value);
  const copy = structuredClone(args);
  delete copy[path[0]!];
  return copy;
}

/** An operation with the arguments inline (literals), the bad value included. */
function literalOperation(kind: 'query' | 'mutation', field: Field, args: Record<string, unknown>, sel: string): string | null {
  const parts: string[] = [];
  for (const a of field.args) {
    if (!(a.name in args)) continue;
    parts.push(`${a.name}: ${literal(args[a.name], a.type)}`);
  }
  return `${kind} { ${field.name}${parts.length ? `(${parts.join(', ')})` : ''} ${sel} }`;
}

interface Verdict {
  serverError: boolean;
  uncoded: boolean;
  leak: boolean;
  summary: string;
}

/** No 5xx, no INTERNAL_SERVER_ERROR; every error with a code; no stack trace or SQL in the answer. */
function judge(r: Reply, method = 'POST'): Verdict {
  const errors = errorsOf(r);
  const serverError = r.status >= 500 || r.status === 0 || errors.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR');
  let uncoded = errors.some((e) => typeof e.extensions?.code !== 'string');
  // an error answer that is not a GraphQL error document has no code either
  if (r.status >= 400 && method !== 'HEAD' && !Array.isArray(r.body?.errors)) uncoded = true;
  const leak = /\n\s+at [^\n]+:\d+:\d+|"stack"|syntax error at or near|violates|relation "|node_modules/.test(r.text);
  const codes = errors.map((e) => e.extensions?.code ?? 'no code');
  return { serverError, uncoded, leak, summary: `HTTP ${r.status} ${[...new Set(codes)].join(',')} ${r.text.slice(0, 160).replace(/\s+/g, ' ')}` };
}

class BadTally {
  cases = 0;
  serverErrors = 0;
  uncoded = 0;
  failures: string[] = [];
  constructor(readonly part: string) {}
  record(name: string, r: Reply, method?: string): void {
    this.cases++;
    const v = judge(r, method);
    if (v.serverError) this.serverErrors++;
    if (v.uncoded) this.uncoded++;
    if (v.serverError || v.uncoded || v.leak) {
      this.failures.push(`${name}: ${v.serverError ? 'server error ' : ''}${v.uncoded ? 'uncoded ' : ''}${v.leak ? 'internals shown ' : ''}— ${v.summary}`);
    }
  }
  save(writes = 0, note = ''): void {
    writeResult(`bad-input-${this.part}`, {
      part: this.part,
      cases: this.cases,
      serverErrors: this.serverErrors,
      uncoded: this.uncoded,
      writes,
      failures: this.failures,
      note: `${this.uncoded} uncoded${note ? `; ${note}` : ''}`,
    });
    report(`bad input/${this.part}: ${this.cases} cases, ${this.serverErrors} server errors, ${this.uncoded} uncoded, ${this.failures.length} failures`);
  }
}

describe.skipIf(!phaseEnabled('bad-input'))('bad input', () => {
  let w: World;
  let before: Snapshot;
  let beforeSums: Map<string, string>;
  const tenant = TENANTS[0];
  const gateway = () => platform().gatewayUrl;
  // a token from the pool for every request: its subject rotates, so hundreds of cases do not
  // spend one user's rate limit (and leave it spent for the phases after this one)
  const post = async (body: unknown, headers: Record<string, string> = {}) =>
    rawHttp(gateway(), {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await w.tokens.get(w.who(tenant, 'admin'))}`, ...headers },
      body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    w = await getWorld();
    before = await snapshot();
    beforeSums = await checksums();
    phaseStart = new Date();
  });

  const argsTally = new BadTally('arguments');
  const docsTally = new BadTally('documents');
  const httpTally = new BadTally('http');
  const subgraphTally = new BadTally('subgraph-http');
  let writes = 0;
  let changed: Record<string, number> = {};
  /** Request id → case, for every mutation sent: a write is traced to the case that made it. */
  const sentMutations = new Map<string, string>();
  let phaseStart = new Date();
  afterAll(() => {
    argsTally.save();
    docsTally.save();
    httpTally.save();
    subgraphTally.save(writes, writes ? `rows changed: ${JSON.stringify(changed)}` : 'database unchanged (every table of every schema)');
  });

  it("every argument of every field, with bad values generated from its type (variables and inline), as the tenant's admin", async () => {
    const jobs: (() => Promise<void>)[] = [];
    const byType = new Map<string, number>();
    for (const kind of ['query', 'mutation'] as const) {
      for (const field of rootFields(w.schema, kind)) {
        const sel = selection(w.schema, field.type, { depth: 1, first: 5 });
        const base = requiredArgs(w.schema, field, fillerOf(w.tenants[tenant]!.store, tenant));
        for (const leaf of leaves(field)) {
          for (const [name, value] of casesFor(leaf, kind)) {
            const args = withValue(base, leaf.path, value);
            const label = `${kind} ${field.name}(${leaf.path.join('.')}: ${String(getNamedType(leaf.type))} ← ${name})`;
            byType.set(getNamedType(leaf.type).name, (byType.get(getNamedType(leaf.type).name) ?? 0) + 1);
            jobs.push(async () => {
              const op = operation(kind, field, args, sel);
              const r = await post({ query: op.query, variables: op.variables });
              if (kind === 'mutation') sentMutations.set(r.requestId, `${label} [variables]`);
              argsTally.record(`${label} [variables]`, r);
            });
            // the same, written inline (parseLiteral paths), when small enough to be a document —
            // except the cases that only mean something in JSON (an unsafe number)
            if (value !== OMIT && !VARIABLES_ONLY.has(name) && JSON.stringify(value ?? null).length < 20_000) {
              jobs.push(async () => {
                const q = literalOperation(kind, field, args, sel);
                if (!q) return;
                const r = await post({ query: q });
                if (kind === 'mutation') sentMutations.set(r.requestId, `${label} [inline]`);
                argsTally.record(`${label} [inline]`, r);
              });
            }
          }
        }
      }
    }
    await pool(jobs, 4, (job) => job());
    report(`bad input/arguments by type: ${[...byType].map(([t, n]) => `${t} ${n}`).join(', ')}; Vnd ${byType.get('Vnd') ?? 0}${byType.has('Vnd') ? '' : ' (no field takes a Vnd yet)'}`);
    expect(argsTally.failures).toEqual([]);
  });

  it('hostile documents: deep, wide, alias, fragment and directive bombs, batches, odd operations', async () => {
    const deep = deepSelection(w.schema, 60);
    const listField = rootFields(w.schema, 'query').find((f) => f.args.some((a) => a.name === 'first')) ?? rootFields(w.schema, 'query')[0]!;
    const listSel = selection(w.schema, listField.type, { depth: 2, first: 500 });
    const fragments = (n: number) =>
      `query { ...F${n} } ${Array.from({ length: n + 1 }, (_, i) => (i === 0 ? 'fragment F0 on Query { __typename }' : `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`)).join(' ')}`;
    const docs: [string, unknown][] = [
      ['depth 60', { query: `query { ${deep} }` }],
      ['depth 13', { query: `query { ${deepSelection(w.schema, 13)} }` }],
      ['2 000 fields wide', { query: `query { ${Array.from({ length: 2000 }, () => '__typename').join(' ')} }` }],
      ['1 000 aliases', { query: `query { ${Array.from({ length: 1000 }, (_, i) => `a${i}: __typename`).join(' ')} }` }],
      ['100 aliases of the largest list', { query: `query { ${Array.from({ length: 100 }, (_, i) => `a${i}: ${listField.name}${listField.args.some((a) => a.name === 'first') ? '(first: 500)' : ''} ${listSel}`).join(' ')} }` }],
      ['31 aliases of a list of 500', { query: `query { ${Array.from({ length: 31 }, (_, i) => `a${i}: ${listField.name}${listField.args.some((a) => a.name === 'first') ? '(first: 500)' : ''} ${listSel}`).join(' ')} }` }],
      ['fragment bomb 2^20', { query: fragments(20) }],
      ['fragment bomb 2^40', { query: fragments(40) }],
      ['fragment cycle', { query: 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }' }],
      ['self-referencing fragment', { query: 'query { ...A } fragment A on Query { __typename ...A }' }],
      ['1 000 directives', { query: `query { __typename ${Array.from({ length: 1000 }, () => '@include(if: true)').join(' ')} }` }],
      ['unknown directive', { query: 'query { __typename @kn_admin }' }],
      ['@defer', { query: `query { ... @defer { __typename } }` }],
      ['1 MB string literal', { query: `query { __typename(x: "${'z'.repeat(MB)}") }` }],
      ['30 000 characters of whitespace', { query: `query {${' '.repeat(30_000)}__typename }` }],
      ['huge integer literal', { query: `query { ${listField.name}(first: 99999999999999999999) { __typename } }` }],
      ['invalid unicode escape', { query: 'query { __typename(x: "\\uD800") }' }],
      ['escape past U+10FFFF', { query: 'query { __typename(x: "\\u{110000}") }' }],
      ['NUL in the document', { query: 'query { __typename\u0000 }' }],
      ['control characters', { query: 'query { \u0007__typename\u001b }' }],
      ['two operations, no operationName', { query: 'query A { __typename } query B { __typename }' }],
      ['unknown operationName', { query: 'query A { __typename }', operationName: 'B' }],
      ['1 MB operationName', { query: 'query A { __typename }', operationName: 'A'.repeat(MB) }],
      ['subscription (none exist)', { query: 'subscription { __typename }' }],
      ['anonymous mutation of nothing', { query: 'mutation { __typename }' }],
      ['10 000 variable definitions', { query: `query(${Array.from({ length: 10_000 }, (_, i) => `$v${i}: Int`).join(', ')}) { __typename }` }],
      ['variables with __proto__', { query: 'query($x: String) { __typename }', variables: JSON.parse('{"__proto__": {"polluted": true}, "x": "a"}') }],
      ['undeclared variable', { query: 'query { __typename(x: $y) }' }],
      ['variable of an unknown type', { query: 'query($x: NoSuchType) { __typename }', variables: { x: 1 } }],
      ['deep introspection', { query: `query { __schema { types { ${'fields { type { ofType { '.repeat(8)}name${' } } }'.repeat(8)} } } }` }],
      ['introspection of every type, 20 aliases', { query: `query { ${Array.from({ length: 20 }, (_, i) => `s${i}: __schema { types { name fields { name args { name } } } }`).join(' ')} }` }],
      ['__typename on a mutation only', { query: 'mutation { __typename }' }],
    ];
    for (const [name, body] of docs) docsTally.record(name, await post(body));
    // batches: arrays of operations
    docsTally.record('batch of 2 operations', await post([{ query: '{ __typename }' }, { query: '{ __typename }' }]));
    docsTally.record('batch of 1 000 operations', await post(Array.from({ length: 1000 }, () => ({ query: `{ ${listField.name} ${listSel} }` }))));
    docsTally.record('empty batch', await post([]));
    // a trusted-document id that does not exist, and a persisted-query hash that is not one
    docsTally.record('unknown documentId', await post({ documentId: 'sha256:' + 'a'.repeat(64) }));
    docsTally.record('persisted query with a bogus hash', await post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'not-a-hash' } } }));
    docsTally.record('persisted query with a 1 MB hash', await post({ extensions: { persistedQuery: { version: 1, sha256Hash: oneMb } } }));
    expect(docsTally.failures).toEqual([]);
  });

  it('broken HTTP: bodies, encodings, content types, methods', async () => {
    const url = gateway();
    const auth = { authorization: `Bearer ${await w.tokens.get(w.who(tenant, 'admin'))}` };
    const json = { 'content-type': 'application/json', ...auth };
    const q = '{ __typename }';
    const bodies: [string, Buffer | string][] = [
      ['empty body', ''],
      ['truncated JSON', '{"query": '],
      ['JSON null', 'null'],
      ['JSON array of nothing', '[]'],
      ['JSON string', '"{ __typename }"'],
      ['JSON number', '123'],
      ['JSON true', 'true'],
      ['query null', '{"query": null}'],
      ['query number', '{"query": 123}'],
      ['query object', '{"query": {"a": 1}}'],
      ['variables a string', JSON.stringify({ query: q, variables: 'x' })],
      ['variables an array', JSON.stringify({ query: q, variables: [] })],
      ['operationName a number', JSON.stringify({ query: q, operationName: 5 })],
      ['extensions a string', JSON.stringify({ query: q, extensions: 'x' })],
      ['NaN literal', '{"query": NaN}'],
      ['trailing garbage', `{"query": "${q}"} trailing`],
      ['duplicate keys', `{"query": "${q}", "query": "mutation { x }"}`],
      ['UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ query: q }))])],
      ['invalid UTF-8 in a variable', Buffer.concat([Buffer.from('{"query":"query($x: String) { __typename }","variables":{"x":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('"}}')])],
      ['invalid UTF-8 in the document', Buffer.concat([Buffer.from('{"query":"{ __typename '), Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80]), Buffer.from(' }"}')])],
      ['UTF-16 body', Buffer.from(JSON.stringify({ query: q }), 'utf16le')],
      ['JSON nested 100 000 deep', `{"query": "${q}", "variables": {"x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}}`],
    ];
    for (const [name, body] of bodies) httpTally.record(name, await rawHttp(url, { headers: json, body }));
    // oversized bodies: announced in full, the first 2.5 MB sent, the answer awaited
    const start = Buffer.from(JSON.stringify({ query: q, variables: { x: 'x'.repeat(2.5 * MB) } }).slice(0, -3));
    for (const [name, size] of [['3 MB body', 3 * MB], ['20 MB body', 20 * MB], ['1 GB body', 1024 * MB]] as const) {
      httpTally.record(name, await rawHttp(url, { headers: json, body: start, declaredLength: size }));
    }
    const contentTypes = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/graphql', 'application/xml', 'application/json; charset=utf-16', 'application/json; charset=latin1', ''];
    for (const ct of contentTypes) {
      const headers: Record<string, string> = { ...auth };
      if (ct) headers['content-type'] = ct;
      httpTally.record(`content-type "${ct || '(none)'}"`, await rawHttp(url, { headers, body: JSON.stringify({ query: q }) }));
    }
    httpTally.record('multipart with a file part', await rawHttp(url, {
      headers: { ...auth, 'content-type': 'multipart/form-data; boundary=xyz' },
      body: `--xyz\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"mutation($f: Upload) { x }","variables":{"f":null}}\r\n--xyz\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.f"]}\r\n--xyz\r\nContent-Disposition: form-data; name="0"; filename="a.txt"\r\n\r\nhello\r\n--xyz--\r\n`,
    }));
    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE']) {
      httpTally.record(`method ${method}`, await rawHttp(url, { method, headers: json, body: method === 'HEAD' || method === 'TRACE' ? undefined : JSON.stringify({ query: q }) }), method);
    }
    const mutation = rootFields(w.schema, 'mutation')[0];
    if (mutation) {
      const args = requiredArgs(w.schema, mutation, fillerOf(w.tenants[tenant]!.store, tenant));
      const op = operation('mutation', mutation, args, selection(w.schema, mutation.type, { depth: 0, first: 1 }));
      httpTally.record('GET with a mutation', await rawHttp(`${url}?query=${encodeURIComponent(op.query)}&variables=${encodeURIComponent(JSON.stringify(op.variables))}`, { method: 'GET', headers: { ...auth, accept: 'application/json' } }), 'GET');
    }
    httpTally.record('GET with a broken percent-encoding', await rawHttp(`${url}?query=%ZZ%7B`, { method: 'GET', headers: { ...auth, accept: 'application/json' } }), 'GET');
    httpTally.record('GET with variables that are not JSON', await rawHttp(`${url}?query=${encodeURIComponent('query($x: Int) { __typename }')}&variables=%7Bx`, { method: 'GET', headers: { ...auth, accept: 'application/json' } }), 'GET');
    httpTally.record('GET with a 12 KB query string', await rawHttp(`${url}?query=${'a'.repeat(12_000)}`, { method: 'GET', headers: { ...auth, accept: 'application/json' } }), 'GET');
    httpTally.record('unknown path', await rawHttp(url.replace(/\/graphql$/, '/graphql/../../etc/passwd'), { headers: json, body: JSON.stringify({ query: q }) }));
    httpTally.record('accept: application/xml', await rawHttp(url, { headers: { ...json, accept: 'application/xml' }, body: JSON.stringify({ query: q }) }));
    expect(httpTally.failures).toEqual([]);
  });

  it('broken HTTP straight at every subgraph, with a genuine gateway identity', async () => {
    const identity = await internalIdentity(identityClaims({ tenant, role: 'admin' }));
    const q = '{ __typename }';
    for (const [name, url] of Object.entries(platform().subgraphUrls)) {
      const headers = { 'content-type': 'application/json', 'x-kn-identity': identity };
      const cases: [string, Parameters<typeof rawHttp>[1]][] = [
        ['empty body', { headers, body: '' }],
        ['truncated JSON', { headers, body: '{"query": ' }],
        ['JSON null', { headers, body: 'null' }],
        ['batch of 2', { headers, body: JSON.stringify([{ query: q }, { query: q }]) }],
        ['invalid UTF-8', { headers, body: Buffer.concat([Buffer.from('{"query":"query($x: String) { __typename }","variables":{"x":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}}')]) }],
        ['NUL in a variable', { headers, body: JSON.stringify({ query: 'query($x: String) { __typename }', variables: { x: 'a\u0000b' } }) }],
        ['JSON nested 100 000 deep', { headers, body: `{"query": "${q}", "variables": {"x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}}` }],
        ['3 MB body', { headers, body: Buffer.from(JSON.stringify({ query: q, variables: { x: 'x'.repeat(2.5 * MB) } }).slice(0, -3)), declaredLength: 3 * MB }],
        ['text/plain', { headers: { ...headers, 'content-type': 'text/plain' }, body: JSON.stringify({ query: q }) }],
        ['no content-type', { headers: { 'x-kn-identity': identity }, body: JSON.stringify({ query: q }) }],
        ['method PUT', { method: 'PUT', headers, body: JSON.stringify({ query: q }) }],
        ['GET with a mutation', { method: 'GET', headers: { 'x-kn-identity': identity, 'apollo-require-preflight': 'true' } }],
        ['fragment bomb 2^40', { headers, body: JSON.stringify({ query: `query { ...F40 } ${Array.from({ length: 41 }, (_, i) => (i === 0 ? 'fragment F0 on Query { __typename }' : `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`)).join(' ')}` }) }],
        ['depth 60', { headers, body: JSON.stringify({ query: `query { ${deepSelection(w.schema, 60)} }` }) }],
        ['unknown route', { headers, body: '{}' }],
      ];
      for (const [caseName, init] of cases) {
        const target = caseName === 'unknown route' ? url.replace(/\/graphql$/, '/nope') : caseName === 'GET with a mutation' ? `${url}?query=${encodeURIComponent('mutation { __typename }')}` : url;
        subgraphTally.record(`${name}: ${caseName}`, await rawHttp(target, init), init?.method);
      }
    }
    expect(subgraphTally.failures).toEqual([]);
  });

  it('the database is exactly as before: every table of every schema, audit_log included', async () => {
    const afterSums = await checksums();
    const d = diff(before, await snapshot());
    writes = d.total;
    changed = d.byTable;
    const sumsChanged = [...afterSums].filter(([t, s]) => beforeSums.get(t) !== s).map(([t]) => t);
    report(`bad input: ${afterSums.size} tables checksummed before and after; changed: ${sumsChanged.length ? sumsChanged.join(', ') : 'none'}`);
    if (d.total > 0) {
      // which request wrote: every write leaves an audit record with its request id
      const records = await withAdmin(async (c) => {
        const out: { schema: string; request_id: string | null; operation: string; at: Date }[] = [];
        for (const t of (await allTables(c)).filter((x) => x.table === 'audit_log')) {
          const { rows } = await c.query(`select '${t.schema}' as schema, request_id, operation, at from ${qualified(t)} where at >= $1 order by at`, [phaseStart]);
          out.push(...rows);
        }
        return out;
      });
      for (const r of records) {
        const label = r.request_id ? sentMutations.get(r.request_id) : undefined;
        const line = `${r.schema}.audit_log ${r.operation} at ${r.at.toISOString()}: ${label ? `written by the case ${label}` : `request ${r.request_id} is not one of this phase's cases`}`;
        report(`bad input: write — ${line}`);
        subgraphTally.failures.push(`write — ${line}`);
      }
    }
    expect(sumsChanged).toEqual([]);
    expect(d.byTable).toEqual({});
  });
});

/** A selection nested `depth` levels down through object fields without required arguments. */
function deepSelection(schema: GraphQLSchema, depth: number): string {
  const query = schema.getQueryType()!;
  const pickField = (fields: Field[]) =>
    fields.find((f) => isObjectType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type)) && hasObjectChild(getNamedType(f.type) as never));
  const hasObjectChild = (t: { getFields(): Record<string, Field> }) => Object.values(t.getFields()).some((f) => isObjectType(getNamedType(f.type)));
  let type = query as unknown as { getFields(): Record<string, Field> };
  const names: string[] = [];
  for (let i = 0; i < depth; i++) {
    const f = pickField(Object.values(type.getFields()));
    if (!f) break;
    names.push(f.name);
    type = getNamedType(f.type) as never;
  }
  return names.reduceRight((inner, name) => `${name} { __typename ${inner} }`, '__typename');
}
