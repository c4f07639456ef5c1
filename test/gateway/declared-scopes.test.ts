import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kind, parse, print, type GraphQLField } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIELD_NARROWINGS, FIELD_PERMISSIONS, rolesOf, type Action } from '@kn/platform/permissions';
import { ROLES, type Role } from '@kn/platform/identity';
import { codes, gql, tokenFor } from '../support/client.js';
import { writableTenant, type WritableTenant } from '../sponsors/support.js';
import { operation, publicSchema, requiredArgs, rootFields, selection, type Filler } from '../security/support/schema.js';

/**
 * The requirements the schema declares are the ones the services enforce. For every public root
 * field, its declared scopes are read from the committed supergraph (what the gateway serves; `pnpm
 * schema:check` keeps it equal to the code and to FIELD_PERMISSIONS), and the field is called
 * through the gateway with each of the five roles, with generated valid arguments (the security
 * suite's generator): a role that holds none of the declared scopes must get FORBIDDEN from the
 * service, a role that holds one must not — unless FIELD_NARROWINGS names it for that field (a row
 * scope narrower than the action). So the set of roles a service lets through each field is exactly
 * the set the declaration names. Without a token, every field is refused (`@authenticated`).
 */
const supergraph = readFileSync(fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url)), 'utf8');

/** `Type.field` → its `@requiresScopes` alternatives (each an AND of scopes), and whether it is `@authenticated`. */
function declarations(sdl: string): Map<string, { authenticated: boolean; scopes: string[][] }> {
  const out = new Map<string, { authenticated: boolean; scopes: string[][] }>();
  for (const def of parse(sdl).definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    for (const f of def.fields ?? []) {
      const scopes: string[][] = [];
      for (const d of f.directives ?? []) {
        if (d.name.value !== 'requiresScopes') continue;
        const arg = d.arguments?.find((a) => a.name.value === 'scopes')?.value;
        if (arg?.kind !== Kind.LIST) throw new Error(`unreadable ${print(d)}`);
        for (const alt of arg.values) scopes.push(alt.kind === Kind.LIST ? alt.values.map((v) => (v.kind === Kind.STRING ? v.value : print(v))) : [print(alt)]);
      }
      out.set(`${def.name.value}.${f.name.value}`, { authenticated: !!f.directives?.some((d) => d.name.value === 'authenticated'), scopes });
    }
  }
  return out;
}

const holds = (role: Role, scopes: string[][]) => scopes.length === 0 || scopes.some((alt) => alt.every((s) => rolesOf(s as Action).includes(role)));

describe('the requirements declared in the schema are what the services enforce', () => {
  const schema = publicSchema();
  const declared = declarations(supergraph);
  const fields = [...rootFields(schema, 'query').map((f) => ['query', f] as const), ...rootFields(schema, 'mutation').map((f) => ['mutation', f] as const)];
  let t: WritableTenant;
  let fill: Filler;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    t = await writableTenant('scopes');
    const ids: Record<string, string> = { Commune: t.communes[0]!.id, Program: t.programId, Sponsor: t.sponsorA, Twinning: t.twinningA };
    fill = { tenant: t.tenant, idOf: (entity) => (entity ? ids[entity] : undefined), codeOf: () => undefined };
    for (const role of ROLES) {
      tokens[role] =
        role === 'national'
          ? await tokenFor(null, 'national')
          : await tokenFor(t.tenant, role, role === 'sponsor' ? { scope: { sponsorId: t.sponsorA } } : {});
    }
  });

  it('every public root field is declared: @authenticated, and its scopes are actions of PERMISSIONS', () => {
    expect(fields.length).toBeGreaterThan(80);
    const undeclared = fields.map(([kind, f]) => `${kind === 'query' ? 'Query' : 'Mutation'}.${f.name}`).filter((k) => !declared.get(k)?.authenticated);
    expect(undeclared).toEqual([]);
  });

  const call = (kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, token: string | null) => {
    const op = operation(kind, field, requiredArgs(schema, field, fill), selection(schema, field.type, { depth: 0, first: 1 }));
    return gql(token, op.query, op.variables);
  };

  /** The object fields of FIELD_PERMISSIONS, each reached through a root field every role may call. */
  const OBJECT_FIELDS: Record<string, { parent: string; query: string; variables: () => Record<string, unknown> }> = {
    'Commune.programs': { parent: 'Query.commune', query: 'query($c: ID!) { commune(id: $c) { id programs { id } } }', variables: () => ({ c: t.communes[0]!.id }) },
    'Commune.measurements': { parent: 'Query.commune', query: 'query($c: ID!) { commune(id: $c) { id measurements(year: 2024) { year } } }', variables: () => ({ c: t.communes[0]!.id }) },
    'Commune.twinnings': { parent: 'Query.commune', query: 'query($c: ID!) { commune(id: $c) { id twinnings { id } } }', variables: () => ({ c: t.communes[0]!.id }) },
    'Commune.sponsorship': { parent: 'Query.commune', query: 'query($c: ID!) { commune(id: $c) { id sponsorship(year: 2024) { __typename } } }', variables: () => ({ c: t.communes[0]!.id }) },
    'Program.twinnings': { parent: 'Query.program', query: 'query($p: ID!) { program(id: $p) { id twinnings { id } } }', variables: () => ({ p: t.programId }) },
    // sponsors' field on the evaluations subgraph's report (its roles are the report's own: sponsors.read = evaluations.read)
    'Report.files': { parent: 'Query.report', query: 'query($r: ID!) { report(id: $r) { id files { id } } }', variables: () => ({ r: randomUUID() }) },
    'Sponsor.evaluation': {
      parent: 'Query.sponsor',
      query: 'query($s: ID!, $p: ID!) { sponsor(id: $s) { id evaluation(programId: $p, year: 2024) { __typename } } }',
      variables: () => ({ s: t.sponsorA, p: t.programId }),
    },
  };

  it('every object field of FIELD_PERMISSIONS has an operation here', () => {
    expect(Object.keys(OBJECT_FIELDS).sort()).toEqual(Object.keys(FIELD_PERMISSIONS).filter((k) => !/^(Query|Mutation)\./.test(k)).sort());
  });

  for (const [key, fixture] of Object.entries(OBJECT_FIELDS)) {
    it(key, async () => {
      const own = declared.get(key) ?? { authenticated: false, scopes: [] };
      const parent = declared.get(fixture.parent) ?? { authenticated: false, scopes: [] };
      expect(own.authenticated, `${key} is @authenticated`).toBe(true);
      const narrowed = (FIELD_NARROWINGS as Record<string, Partial<Record<Role, string>>>)[key] ?? {};
      const wrong: string[] = [];
      for (const role of ROLES) {
        const r = await gql(tokens[role], fixture.query, fixture.variables());
        const expectForbidden = !holds(role, own.scopes) || !holds(role, parent.scopes) || role in narrowed;
        const forbidden = codes(r).includes('FORBIDDEN');
        const refused = forbidden ? /may not do this \(([\w.]+)\)/.exec(r.errors?.find((e: { extensions?: { code?: string } }) => e.extensions?.code === 'FORBIDDEN')?.message ?? '')?.[1] : undefined;
        if (r.status >= 500) wrong.push(`${role}: HTTP ${r.status}`);
        else if (forbidden !== expectForbidden) wrong.push(`${role}: ${forbidden ? 'FORBIDDEN' : `not FORBIDDEN (${codes(r).join(',') || 'ok'})`}, declared ${JSON.stringify(own.scopes)}`);
        else if (refused && !own.scopes.flat().includes(refused) && !parent.scopes.flat().includes(refused)) {
          wrong.push(`${role}: the service refused action ${refused}, the schema declares ${JSON.stringify(own.scopes)} (its parent ${JSON.stringify(parent.scopes)})`);
        }
        // the field's own refusal: the parent was read, the field was not
        if (holds(role, parent.scopes) && !holds(role, own.scopes) && refused !== own.scopes[0]?.[0]) wrong.push(`${role}: expected the refusal of ${own.scopes[0]?.[0]}, got ${refused}`);
      }
      expect(wrong, key).toEqual([]);
    });
  }

  for (const [kind, field] of fields) {
    const key = `${kind === 'query' ? 'Query' : 'Mutation'}.${field.name}`;
    it(key, async () => {
      const { scopes } = declared.get(key) ?? { scopes: [] };
      const narrowed = (FIELD_NARROWINGS as Record<string, Partial<Record<Role, string>>>)[key] ?? {};
      const wrong: string[] = [];
      let lacking = 0;
      let named = 0;
      for (const role of ROLES) {
        const r = await call(kind, field, tokens[role]);
        const expectForbidden = !holds(role, scopes) || role in narrowed;
        const forbidden = codes(r).includes('FORBIDDEN');
        // ctx.authorize names the action it refused: `Your role may not do this (<action>)`
        const refused = forbidden ? /may not do this \(([\w.]+)\)/.exec(r.errors?.find((e: { extensions?: { code?: string } }) => e.extensions?.code === 'FORBIDDEN')?.message ?? '')?.[1] : undefined;
        if (refused) {
          named++;
          if (!scopes.flat().includes(refused)) wrong.push(`${role}: the service refused action ${refused}, the schema declares ${JSON.stringify(scopes)}`);
        }
        if (!holds(role, scopes)) lacking++;
        if (r.status >= 500) wrong.push(`${role}: HTTP ${r.status} ${JSON.stringify(r.errors?.[0] ?? r.body).slice(0, 200)}`);
        else if (forbidden !== expectForbidden) {
          wrong.push(`${role}: ${forbidden ? 'FORBIDDEN' : `not FORBIDDEN (${codes(r).join(',') || 'ok'})`}, declared ${JSON.stringify(scopes)}${expectForbidden ? ' — expected FORBIDDEN' : ''}`);
        }
      }
      // a field some role may not call: the service's refusal names the declared action at least once
      if (lacking > 0 && named === 0) wrong.push(`no refusal named the action (declared ${JSON.stringify(scopes)})`);
      const anonymous = await call(kind, field, null);
      if (anonymous.status !== 401 || !codes(anonymous).includes('UNAUTHENTICATED')) wrong.push(`no token: HTTP ${anonymous.status} ${codes(anonymous).join(',')}`);
      expect(wrong, key).toEqual([]);
    });
  }
});
