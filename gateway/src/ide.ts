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

/**
 * The README's example operations, one tab each: a new user opens the IDE on something that answers.
 * (The IDE's own welcome text only appears when no tab is given.)
 */
export const EXAMPLE_TABS: { query: string; variables?: string }[] = [
  {
    query: `# Which communes were on Lạng Sơn's border in 2019, and what became of them in the 2025 reform
query BorderCommunes {
  communes(filter: { classification: BORDER, asOf: "2019-06-01" }, first: 50) {
    totalCount
    nodes { code name district { name } successors { code name } }
  }
}
`,
  },
  {
    query: `# What the 2019 new-rural-development plan promised, criterion by criterion, and its funding
query NtmPlan2019 {
  programs(filter: { kind: NEW_RURAL_DEVELOPMENT, activeIn: 2019 }) {
    nodes {
      code title fundingTotal
      targets(year: 2019) { indicator { code name } targetValue outOf }
      fundingLines { source amount }
    }
  }
}
`,
  },
  {
    query: `# The province's year in one request (staff: officer, admin, analyst)
query ProvinceDashboard($year: Int!) {
  provinceDashboard(year: $year) {
    borderCommunes borderCommunesWithTwinning totalVnd poorHouseholdsHelped modelsBuilt
    gradeDistribution { grade count }
    overdueReports
    ntm { bands { label communes target { value } } }
    poverty { rate reduction target { value met } }
  }
}
`,
    variables: JSON.stringify({ year: 2019 }, null, 2),
  },
];

export interface IdeOptions {
  /**
   * Development only (the devkit's `/dev/token` exists): the page asks it for a demo officer's token
   * of Lạng Sơn and puts it in the Headers tab. Elsewhere the Headers tab says where a token goes.
   */
  devTokens: boolean;
}

export function renderIde(endpoint: string, { devTokens }: IdeOptions): string {
  const pasteHint = JSON.stringify({ Authorization: 'Bearer <paste your token here>' }, null, 2);
  const opts = JSON.stringify({
    endpoint,
    title: 'Kết nghĩa — GraphQL',
    defaultTabs: EXAMPLE_TABS.map((t) => ({ ...t, headers: pasteHint })),
    // yoga's wrapper passes its own welcome text as the initial query unless `query` is given
    query: EXAMPLE_TABS[0]!.query,
    headers: pasteHint,
    // a real token is not kept in the browser's storage; a dev token is asked for on every load
    shouldPersistHeaders: false,
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
const opts = ${opts};
// a link from the web page (/graphql?query=…&variables=…) opens its operation in a tab of its own
const params = new URLSearchParams(location.search);
if (params.get("query")) { opts.query = params.get("query"); opts.variables = params.get("variables") || undefined; }
async function devHeaders() {
  if (!${devTokens}) return null;
  try {
    const res = await fetch("/dev/token", { method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ tenant: "lang-son", role: "officer" }) });
    if (!res.ok) return null;
    const { token } = await res.json();
    return JSON.stringify({ Authorization: "Bearer " + token }, null, 2);
  } catch { return null; }
}
</script>
<script src="${ASSETS_PREFIX}yoga-graphiql.umd.js"></script>
<script>Promise.all([prepareWorkers(), devHeaders()]).then(([, headers]) => {
  if (headers) { opts.headers = headers; opts.defaultTabs = opts.defaultTabs.map((t) => ({ ...t, headers })); }
}).finally(() => YogaGraphiQL.renderYogaGraphiQL(root, opts));</script>
</body></html>`;
}
