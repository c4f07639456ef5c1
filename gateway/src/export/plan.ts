import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isEnumType,
  isListType,
  isObjectType,
  isInterfaceType,
  isScalarType,
  parse,
  print,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/** How a column's values are written into a spreadsheet cell. */
export type CellKind = 'vnd' | 'int' | 'float' | 'decimal' | 'date' | 'datetime' | 'boolean' | 'text';

export interface Column {
  /** Response keys from the row's object down to the leaf (aliases as the client wrote them). */
  path: string[];
  header: string;
  kind: CellKind;
  /** Some segment of the path is a list: the cell joins its values with "; ". */
  list: boolean;
}

export interface ExportPlan {
  /** The document of the first page: the paged connection asks its pageInfo and totalCount itself. */
  document: string;
  /** The document of the following pages: without totalCount (counting again on every page costs a count per page). */
  nextDocument: string;
  operationName: string | null;
  /** Response keys from `data` down to the rows' list (`nodes`), or to the one object exported as a single row. */
  rowsPath: string[];
  /** Response keys from `data` down to the paged connection, when the rows are a connection's nodes. */
  connectionPath: string[] | null;
  columns: Column[];
  /** The type of one row (the connection's node type, the list's item type, or Query for a single row). */
  rowType: GraphQLNamedType;
}

/** Injected into the paged connection (names a client would not choose; not reserved `__` names). */
export const AFTER_VAR = 'kn_export_after';
export const PAGE_ALIAS = 'kn_export_page';
export const TOTAL_ALIAS = 'kn_export_total';

export class ExportError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly reason: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const bad = (message: string, reason: string) => new ExportError(message, 'BAD_USER_INPUT', reason);

/** A description written in Vietnamese (it has a letter only Vietnamese spelling uses). */
const VIETNAMESE = /[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/;

/**
 * The column header a field's description gives: its first phrase ("Tiền mặt, đồng (negative only
 * on a reversal)." → "Tiền mặt, đồng"), when the description is Vietnamese; otherwise none.
 */
export function headerFromDescription(description: string | null | undefined): string | null {
  if (!description || !VIETNAMESE.test(description)) return null;
  const first = description.split(/\s*[(.:\n]/, 1)[0]!.trim();
  return first.length > 0 && first.length <= 80 ? first : null;
}

const SCALAR_KIND: Record<string, CellKind> = {
  Vnd: 'vnd',
  Int: 'int',
  Float: 'float',
  Decimal: 'decimal',
  Date: 'date',
  DateTimeISO: 'datetime',
  Boolean: 'boolean',
};

const isConnection = (type: GraphQLNamedType) =>
  isObjectType(type) && /Connection$/.test(type.name) && !!type.getFields().pageInfo && !!type.getFields().nodes;

type Parent = GraphQLNamedType;

function fieldDef(parent: Parent, name: string): GraphQLField<unknown, unknown> | null {
  if (!(isObjectType(parent) || isInterfaceType(parent))) return null;
  return parent.getFields()[name] ?? null;
}

/** The fields of a selection set, fragments spread in place (as the response will have them). */
function flatFields(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): FieldNode[] {
  const out: FieldNode[] = [];
  for (const sel of set.selections as readonly SelectionNode[]) {
    if (sel.kind === Kind.FIELD) out.push(sel);
    else if (sel.kind === Kind.INLINE_FRAGMENT) out.push(...flatFields(sel.selectionSet, fragments, seen));
    else {
      const f = fragments.get(sel.name.value);
      if (!f || seen.has(f.name.value)) continue;
      out.push(...flatFields(f.selectionSet, fragments, new Set([...seen, f.name.value])));
    }
  }
  // the same response key twice (a field and a fragment both asking it) is one column
  const byKey = new Map<string, FieldNode>();
  for (const f of out) if (!byKey.has(f.alias?.value ?? f.name.value)) byKey.set(f.alias?.value ?? f.name.value, f);
  return [...byKey.values()];
}

const keyOf = (f: FieldNode) => f.alias?.value ?? f.name.value;

/** The columns under an object: every leaf of its selection, nested objects flattened into their leaves. */
function columnsOf(
  set: SelectionSetNode,
  parent: Parent,
  fragments: Map<string, FragmentDefinitionNode>,
  prefix: string[],
  labels: string[],
  inList: boolean,
  out: Column[],
) {
  for (const f of flatFields(set, fragments)) {
    const key = keyOf(f);
    if (f.name.value === '__typename') {
      out.push({ path: [...prefix, key], header: [...labels, key].join(' – '), kind: 'text', list: inList });
      continue;
    }
    const def = fieldDef(parent, f.name.value);
    if (!def) continue; // validation refuses it when the page is asked
    const named = getNamedType(def.type);
    const list = inList || isListType(getNullableType(def.type));
    const label = headerFromDescription(def.description) ?? key;
    if (f.selectionSet) {
      if (isConnection(named)) throw bad(`\`${[...prefix, key].join('.')}\`: a connection inside the exported rows cannot be paged; export it on its own`, 'NESTED_CONNECTION');
      columnsOf(f.selectionSet, named, fragments, [...prefix, key], [...labels, label], list, out);
    } else {
      const kind: CellKind = isScalarType(named) ? (SCALAR_KIND[named.name] ?? 'text') : isEnumType(named) ? 'text' : 'text';
      out.push({ path: [...prefix, key], header: [...labels, label].join(' – '), kind, list });
    }
  }
}

/** Replaces (or adds) an argument of a field. */
function withArgument(args: readonly ArgumentNode[] | undefined, arg: ArgumentNode): ArgumentNode[] {
  return [...(args ?? []).filter((a) => a.name.value !== arg.name.value), arg];
}

/**
 * Plans an export of a GraphQL query: the rows are the nodes of the one connection (or the items of
 * the one list) the operation selects, reached through single objects from the root; every leaf
 * under a row is a column, headed by the field's Vietnamese description where the schema gives one.
 * The connection is asked `first: pageSize, after: $kn_export_after` and its `pageInfo`, so the
 * exporter can follow every page (under the document's `orderBy`; its `last`/`before`, if any, are
 * dropped: an export is the whole list); nothing else of the client's document changes.
 */
export function planExport(schema: GraphQLSchema, source: string, operationName: string | null | undefined, pageSize: number): ExportPlan {
  let doc: DocumentNode;
  try {
    doc = parse(source);
  } catch (e) {
    throw bad(`The document does not parse: ${(e as GraphQLError).message}`, 'SYNTAX');
  }
  const operations = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!op) throw bad(operationName ? `No operation named ${operationName}` : 'Name the operation to export (the document has several)', 'OPERATION');
  if (op.operation !== 'query') throw bad('Only queries can be exported', 'NOT_A_QUERY');
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  // walk down from the root through single objects to the one list or connection
  type Found = { path: FieldNode[]; named: GraphQLNamedType; connection: boolean };
  const found: Found[] = [];
  const walk = (set: SelectionSetNode, parent: Parent, path: FieldNode[]) => {
    for (const sel of set.selections) {
      if (sel.kind !== Kind.FIELD) {
        if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet, parent, path);
        continue; // a fragment spread at this level is allowed but not searched: write the paged field in the operation
      }
      const def = fieldDef(parent, sel.name.value);
      if (!def || !sel.selectionSet) continue;
      const named = getNamedType(def.type);
      if (isConnection(named)) found.push({ path: [...path, sel], named, connection: true });
      else if (isListType(getNullableType(def.type))) found.push({ path: [...path, sel], named, connection: false });
      else walk(sel.selectionSet, named, [...path, sel]);
    }
  };
  const root = schema.getQueryType()!;
  walk(op.selectionSet, root, []);
  if (found.length > 1) {
    throw bad(`Export one list at a time; this query selects ${found.map((f) => f.path.map(keyOf).join('.')).join(', ')}`, 'SEVERAL_LISTS');
  }
  const target = found[0];

  if (!target) {
    // no list: the answer is one row (a dashboard, a single record)
    const columns: Column[] = [];
    columnsOf(op.selectionSet, root, fragments, [], [], false, columns);
    return { document: print(doc), operationName: op.name?.value ?? null, rowsPath: [], connectionPath: null, columns, rowType: root, nextDocument: print(doc) };
  }

  const keys = target.path.map(keyOf);
  const leaf = target.path[target.path.length - 1]!;
  if (!target.connection) {
    const columns: Column[] = [];
    columnsOf(leaf.selectionSet!, target.named, fragments, [], [], false, columns);
    return { document: print(doc), operationName: op.name?.value ?? null, rowsPath: keys, connectionPath: null, columns, rowType: target.named, nextDocument: print(doc) };
  }

  // the rows are `nodes { … }` (or `edges { node { … } }`) of the connection
  const connFields = flatFields(leaf.selectionSet!, fragments);
  const nodesField = connFields.find((f) => f.name.value === 'nodes');
  const edgesField = connFields.find((f) => f.name.value === 'edges');
  const nodeType = (target.named as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields().nodes!.type;
  const nodeNamed = getNamedType(nodeType);
  let rowsKeys: string[];
  let rowSet: SelectionSetNode;
  if (nodesField?.selectionSet) {
    rowsKeys = [keyOf(nodesField)];
    rowSet = nodesField.selectionSet;
  } else {
    const nodeField = edgesField?.selectionSet ? flatFields(edgesField.selectionSet, fragments).find((f) => f.name.value === 'node') : undefined;
    if (!edgesField || !nodeField?.selectionSet) throw bad(`Select \`nodes { … }\` of \`${keys.join('.')}\` to export its rows`, 'NO_NODES');
    rowsKeys = [keyOf(edgesField), keyOf(nodeField)];
    rowSet = nodeField.selectionSet;
  }
  const columns: Column[] = [];
  columnsOf(rowSet, nodeNamed, fragments, [], [], false, columns);

  // rewrite: the connection field gets first/after and asks its pageInfo and totalCount under our aliases
  const rewrite = (withTotal: boolean) => {
    const pageSelection = parse(`{ ${PAGE_ALIAS}: pageInfo { hasNextPage endCursor } ${withTotal ? `${TOTAL_ALIAS}: totalCount` : ''} }`).definitions[0] as OperationDefinitionNode;
    const rewrittenLeaf: FieldNode = {
      ...leaf,
      // the whole list, forwards, in the document's own orderBy: a `last`/`before` of the document is dropped
      arguments: withArgument(
        withArgument(leaf.arguments?.filter((a) => a.name.value !== 'last' && a.name.value !== 'before'), { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'first' }, value: { kind: Kind.INT, value: String(pageSize) } }),
        { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'after' }, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: AFTER_VAR } } },
      ),
      selectionSet: { ...leaf.selectionSet!, selections: [...leaf.selectionSet!.selections, ...pageSelection.selectionSet.selections] },
    };
    const rebuild = (set: SelectionSetNode, depth: number): SelectionSetNode => ({
      ...set,
      selections: set.selections.map((sel) => {
        if (sel.kind === Kind.INLINE_FRAGMENT) return { ...sel, selectionSet: rebuild(sel.selectionSet, depth) };
        if (sel !== target.path[depth]) return sel;
        return depth === target.path.length - 1 ? rewrittenLeaf : { ...sel, selectionSet: rebuild(sel.selectionSet!, depth + 1) };
      }),
    });
    const rewrittenOp: OperationDefinitionNode = {
      ...op,
      variableDefinitions: [
        ...(op.variableDefinitions ?? []).filter((v) => v.variable.name.value !== AFTER_VAR),
        {
          kind: Kind.VARIABLE_DEFINITION,
          variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: AFTER_VAR } },
          type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } },
        },
      ],
      selectionSet: rebuild(op.selectionSet, 0),
    };
    return print({ ...doc, definitions: doc.definitions.map((d) => (d === op ? rewrittenOp : d)) });
  };
  return { document: rewrite(true), nextDocument: rewrite(false), operationName: op.name?.value ?? null, rowsPath: [...keys, ...rowsKeys], connectionPath: keys, columns, rowType: nodeNamed };
}

/** The value(s) at a column's path in a row; lists along the way are flattened. */
export function valuesAt(row: unknown, path: string[]): unknown[] {
  let current: unknown[] = [row];
  for (const key of path) {
    const next: unknown[] = [];
    for (const v of current) {
      if (v === null || v === undefined) continue;
      const child = (v as Record<string, unknown>)[key];
      if (Array.isArray(child)) next.push(...child);
      else if (child !== null && child !== undefined) next.push(child);
    }
    current = next;
  }
  return current;
}

export function at(data: unknown, path: string[]): unknown {
  let v = data;
  for (const key of path) v = v === null || v === undefined ? undefined : (v as Record<string, unknown>)[key];
  return v;
}
