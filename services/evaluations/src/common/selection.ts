import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * True when the field being resolved selects any of `paths` below it (`'bands'`, `'criteria.target'`),
 * through fragments too: lets a resolver skip a peer request whose answer nobody asked for.
 */
export function selects(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, paths: string[]): boolean {
  const fieldsOf = (set: SelectionSetNode | undefined, out: FieldNode[] = []): FieldNode[] => {
    for (const s of set?.selections ?? []) {
      if (s.kind === 'Field') out.push(s);
      else if (s.kind === 'InlineFragment') fieldsOf(s.selectionSet, out);
      else fieldsOf(info.fragments[s.name.value]?.selectionSet, out);
    }
    return out;
  };
  const has = (nodes: readonly FieldNode[], path: string[]): boolean => {
    const [head, ...rest] = path;
    const children = nodes.flatMap((n) => fieldsOf(n.selectionSet)).filter((f) => f.name.value === head);
    return children.length > 0 && (rest.length === 0 || has(children, rest));
  };
  return paths.some((p) => has(info.fieldNodes, p.split('.')));
}
