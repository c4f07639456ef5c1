import { Kind, parse, print } from 'graphql';
import { FIELD_PERMISSIONS, PERMISSIONS, ROOT_TYPES } from '@kn/platform/permissions';

/**
 * Where the supergraph's declared requirements (`@authenticated`, `@requiresScopes`) and the code
 * disagree: a public root field (Query, Mutation; not `@inaccessible`) without `@authenticated`; a
 * scope that is not an action of PERMISSIONS; a field whose scopes are not exactly the one its
 * FIELD_PERMISSIONS entry names; an entry naming a field the graph does not have. (That each
 * declared scope is the action the field's service authorizes is test/gateway/declared-scopes.test.ts.)
 */
export function requirementProblems(supergraphSdl: string, table: Record<string, string | null> = FIELD_PERMISSIONS): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const def of parse(supergraphSdl).definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const field of def.fields ?? []) {
      const key = `${def.name.value}.${field.name.value}`;
      const named = (n: string) => field.directives?.filter((d) => d.name.value === n) ?? [];
      const inaccessible = named('inaccessible').length > 0;
      const authenticated = named('authenticated').length > 0;
      const scopes = named('requiresScopes').flatMap((d) => {
        const arg = d.arguments?.find((a) => a.name.value === 'scopes');
        if (!arg || arg.value.kind !== Kind.LIST) return [`(unreadable: ${print(d)})`];
        return arg.value.values.map((alt) => (alt.kind === Kind.LIST ? alt.values.map((v) => (v.kind === Kind.STRING ? v.value : print(v))).join(' & ') : print(alt)));
      });
      if (key in table) seen.add(key);
      const root = (ROOT_TYPES as readonly string[]).includes(def.name.value);
      if (root && !inaccessible && !authenticated) problems.push(`${key}: a root field with no declared requirement (@authenticated)`);
      for (const alt of scopes) {
        for (const s of alt.split(' & ')) if (!(s in PERMISSIONS)) problems.push(`${key}: declared scope "${s}" is not an action of PERMISSIONS`);
      }
      if (key in table) {
        const want = table[key] ? [table[key]] : [];
        if (JSON.stringify(scopes) !== JSON.stringify(want)) {
          problems.push(`${key}: declares scopes ${JSON.stringify(scopes)}, FIELD_PERMISSIONS says ${JSON.stringify(want)}`);
        }
        if (!authenticated) problems.push(`${key}: in FIELD_PERMISSIONS but not @authenticated in the supergraph`);
      } else if (scopes.length || authenticated) {
        problems.push(`${key}: declares a requirement FIELD_PERMISSIONS does not have`);
      }
    }
  }
  for (const key of Object.keys(table)) if (!seen.has(key)) problems.push(`${key}: in FIELD_PERMISSIONS, but the graph has no such field`);
  return problems;
}
