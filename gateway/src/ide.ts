import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';

const require = createRequire(import.meta.url);
/** GraphiQL's own built files, served by the gateway: the IDE works with no internet. */
const ASSETS_DIR = join(dirname(require.resolve('@graphql-yoga/graphiql/package.json')), 'dist');
export const ASSETS_PREFIX = '/ide-assets/';

const TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export async function serveAsset(pathname: string): Promise<Response> {
  const rel = normalize(pathname.slice(ASSETS_PREFIX.length));
  if (rel.startsWith('..') || rel.includes('\0')) return new Response('not found', { status: 404 });
  try {
    const body = await readFile(join(ASSETS_DIR, rel));
    const type = TYPES[rel.slice(rel.lastIndexOf('.'))] ?? 'application/octet-stream';
    return new Response(body, { headers: { 'content-type': type, 'cache-control': 'public, max-age=3600' } });
  } catch {
    return new Response('not found', { status: 404 });
  }
}

const DEFAULT_QUERY = `# Paste a token into the Headers tab: {"Authorization": "Bearer <token>"}
# (get one with: pnpm -s token --tenant lang-son --role analyst)
query BorderCommunes {
  communes(filter: { classification: BORDER, asOf: "2019-06-01" }, first: 50) {
    totalCount
    nodes { code name district { name } successors { code name } }
  }
}
`;

export function renderIde(endpoint: string): string {
  const opts = JSON.stringify({
    endpoint,
    title: 'Kết nghĩa — GraphQL',
    defaultQuery: DEFAULT_QUERY,
    headers: JSON.stringify({ Authorization: 'Bearer <token>' }, null, 2),
    shouldPersistHeaders: true,
  }).replace(/</g, '\\u003c');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Kết nghĩa — GraphQL</title>
<link rel="stylesheet" href="${ASSETS_PREFIX}graphiql.css"></head>
<body id="body" class="no-focus-outline"><div id="root">Loading the IDE…</div>
<script>
const workers = {};
const workerUrls = {
  editorWorkerService: "${ASSETS_PREFIX}monacoeditorwork/editor.worker.bundle.js",
  json: "${ASSETS_PREFIX}monacoeditorwork/json.worker.bundle.js",
  graphql: "${ASSETS_PREFIX}monacoeditorwork/graphql.worker..bundle.js"
};
function prepareWorkers() {
  return Promise.all(Object.entries(workerUrls).map(async ([k, u]) => {
    const text = await (await fetch(u)).text();
    workers[k] = URL.createObjectURL(new Blob([text], { type: "application/javascript" }));
  }));
}
self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_id, label) => workers[label] };
</script>
<script src="${ASSETS_PREFIX}yoga-graphiql.umd.js"></script>
<script>prepareWorkers().finally(() => YogaGraphiQL.renderYogaGraphiQL(root, ${opts}));</script>
</body></html>`;
}
