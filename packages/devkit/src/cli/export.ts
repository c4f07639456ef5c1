import { createWriteStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { requireNode22 } from './node-version.js';
import { devkitEnv } from './env.js';

requireNode22();

const usage = `usage: pnpm run export <query.graphql | -> --format <csv|xlsx|jsonl> [--out <file>] [--variables '<json>']
                       [--operation <name>] [--document-id <sha256:…>] [--url http://localhost:4000] [--token <token>]

Exports a query's whole answer as a file, through the gateway's POST /export as a job: every page
of its connection, run as you (your token: --token or KN_TOKEN), with a progress bar; then downloads it.
(\`pnpm export\` is not this: run the script with \`pnpm run export\`.)

  TOKEN=$(pnpm -s run token --tenant lang-son --role analyst)
  echo '{ contributions(filter: { year: 2019 }) { nodes { contributedOn cashVnd sponsor { name } } } }' \\
    | pnpm -s run export - --format xlsx --out dong-gop-2019.xlsx --token "$TOKEN"

exit status: 0 written, 1 the export failed (its coded error is printed), 2 usage error`;

let values: Record<string, string | boolean | undefined>;
let positionals: string[];
try {
  ({ values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      variables: { type: 'string' },
      operation: { type: 'string' },
      'document-id': { type: 'string' },
      url: { type: 'string', default: devkitEnv().KN_GATEWAY_URL },
      token: { type: 'string', default: devkitEnv().KN_TOKEN },
      help: { type: 'boolean' },
    },
  }));
} catch (e) {
  console.error(`${(e as Error).message}\n${usage}`);
  process.exit(2);
}
const format = values.format as string | undefined;
const source = positionals[0];
if (values.help || !format || !['csv', 'xlsx', 'jsonl'].includes(format) || (!source && !values['document-id']) || !values.token) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

const base = String(values.url).replace(/\/graphql\/?$/, '').replace(/\/$/, '');
const headers = { 'content-type': 'application/json', authorization: `Bearer ${values.token}` };

function fail(body: unknown): never {
  const errors = (body as { errors?: { message: string; extensions?: { code?: string } }[] } | null)?.errors ?? [];
  for (const e of errors) console.error(`${e.extensions?.code ?? 'ERROR'}: ${e.message}`);
  if (!errors.length) console.error(JSON.stringify(body));
  process.exit(1);
}

async function main() {
  const query = source ? (source === '-' ? readFileSync(0, 'utf8') : readFileSync(source, 'utf8')) : undefined;
  const variables = values.variables ? JSON.parse(String(values.variables)) : undefined;
  const started = await fetch(`${base}/export`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, documentId: values['document-id'], operationName: values.operation, variables, format, job: true }),
  });
  const job = (await started.json()) as { id: string; status: string; progress: { done: number; total: number | null } };
  if (started.status !== 202) fail(job);

  const bar = new cliProgress.SingleBar(
    { format: ' {bar} {percentage}% | {value}/{total} rows | {duration_formatted}', hideCursor: true, stream: process.stderr, noTTYOutput: true, notTTYSchedule: 2000 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1, 0);
  let state = job as typeof job & { url: string | null; filename?: string; error?: { code: string; message: string } | null };
  while (state.status === 'RUNNING') {
    await delay(300);
    const res = await fetch(`${base}/export/jobs/${job.id}`, { headers });
    state = (await res.json()) as typeof state;
    if (res.status !== 200) {
      bar.stop();
      fail(state);
    }
    bar.setTotal(Math.max(1, state.progress.total ?? state.progress.done));
    bar.update(state.progress.done);
  }
  bar.stop();
  if (state.status !== 'DONE' || !state.url) fail({ errors: [{ message: state.error?.message ?? 'export failed', extensions: { code: state.error?.code } }] });
  const file = await fetch(`${base}${state.url}`, { headers });
  if (file.status !== 200) fail(await file.json().catch(() => null));
  const name = /filename="([^"]+)"/.exec(file.headers.get('content-disposition') ?? '')?.[1];
  const out = typeof values.out === 'string' ? values.out : (name ?? `export.${format}`);
  await pipeline(Readable.fromWeb(file.body as never), createWriteStream(out));
  console.error(`${state.progress.done} rows → ${out}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(2);
});
