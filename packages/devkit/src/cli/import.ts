import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { createOrm, dbRoles, RequestContext, type Identity } from '@kn/platform';
import { parseContributionFile } from '@kn/sponsors/imports/parse';
import { importsService, type ImportReportData } from '@kn/sponsors/imports/service';
import { createLoaders, type Loaders } from '@kn/sponsors/loaders';
import * as sponsorsOrm from '@kn/sponsors/orm';
import { DATABASE } from '../database.js';
import { prepareDatabase } from '../platform.js';
import { loadOrCreateSecrets } from '../secrets.js';
import { requireNode22 } from './node-version.js';
import { devkitEnv } from './env.js';

const env = devkitEnv();

requireNode22();

const usage = `usage: pnpm run import contributions <file.xlsx|file.csv> --tenant <slug> [--dry-run] [--json] [--as <who>] [--database-url <url>]

Imports a spreadsheet of contributions (layout: docs/IMPORT.md) into a province, all or nothing,
through the sponsors service's own checks, in one transaction, with one audit record.
(\`pnpm import\` is a built-in command of pnpm: run the script with \`pnpm run import\`.)

  --tenant        the province (tenant slug), e.g. lang-son
  --dry-run       check the file, write nothing
  --json          print the report as JSON
  --as            who imports, for the audit trail (default: cli:<your user name>)
  --database-url  the sponsors service's database role (default: the local platform of \`pnpm start\`,
                  or KN_SPONSORS_DATABASE_URL)
exit status: 0 imported (or nothing to do), 1 rejected (nothing written), 2 usage or system error`;

let values: Record<string, string | boolean | undefined>;
let positionals: string[];
try {
  ({ values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      tenant: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      as: { type: 'string' },
      'database-url': { type: 'string' },
      help: { type: 'boolean' },
    },
  }));
} catch (e) {
  console.error(`${(e as Error).message}\n${usage}`);
  process.exit(2);
}
const [what, file] = positionals;
if (values.help || what !== 'contributions' || !file || typeof values.tenant !== 'string') {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}
const tenant = values.tenant;

async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(true));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(false)));
  });
}

/** The sponsors app role's URL: given, or the local platform's (starting its PostgreSQL if it is not running). */
async function databaseUrl(): Promise<{ url: string; stop: () => Promise<void> }> {
  const given = (values['database-url'] as string | undefined) ?? env.KN_SPONSORS_DATABASE_URL;
  if (given) return { url: given, stop: async () => {} };
  const dataDir = env.KN_DATA_DIR;
  const pgPort = env.KN_PG_PORT;
  if (!env.DATABASE_URL && (await portInUse(pgPort))) {
    // `pnpm start` is running: use its embedded server with the role's password from the data dir
    const secrets = await loadOrCreateSecrets(dataDir);
    const role = dbRoles(sponsorsOrm.DB_SCHEMA).app;
    const pw = secrets.rolePasswords[role];
    if (!pw) throw new Error(`no password for ${role} in ${dataDir}/secrets.json: run \`pnpm migrate\` first`);
    return { url: `postgres://${role}:${encodeURIComponent(pw)}@127.0.0.1:${pgPort}/${DATABASE}`, stop: async () => {} };
  }
  const { pg, layout } = await prepareDatabase({
    dataDir,
    databaseUrl: env.DATABASE_URL,
    pgPort,
    persistent: true,
    seed: false,
  });
  return { url: layout.urls.sponsors!.app, stop: async () => pg?.stop() };
}

function print(report: ImportReportData) {
  if (values.json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  if (!report.ok) {
    console.error(`Rejected: nothing was written. ${report.errors.length} problem(s) in ${report.rowCount} row(s):`);
    for (const e of report.errors) console.error(`  line ${e.line}${e.column ? `, ${e.column}` : ''}: ${e.message} [${e.code}]`);
  } else if (report.alreadyImported) {
    console.log(`Nothing written: these ${report.rowCount} rows were imported before (batch ${report.batchId}).`);
  } else if (report.dryRun) {
    console.log(`Dry run: all ${report.rowCount} rows are valid; nothing written.`);
  } else {
    console.log(`Imported ${report.imported} contribution(s) into ${tenant} (batch ${report.batchId}).`);
  }
}

let exitCode = 2;
try {
  const parsed = await parseContributionFile(file);
  const db = await databaseUrl();
  const orm = await createOrm({ url: db.url, schema: sponsorsOrm.DB_SCHEMA, entities: sponsorsOrm.entities, poolMax: 2 });
  try {
    const identity: Identity = {
      subject: (values.as as string | undefined) ?? `cli:${userInfo().username}`,
      tenant,
      roles: ['officer'],
      sponsorId: null,
      scope: null,
      predecessors: [],
      succeededOn: null,
      via: 'service',
    };
    const ctx = new RequestContext<Loaders>(orm as never, sponsorsOrm.DB_SCHEMA, identity, `cli-import-${randomUUID()}`);
    ctx.operation = 'mutation';
    ctx.loaders = createLoaders(ctx);
    let report: ImportReportData;
    try {
      report = await importsService.importRows(ctx, parsed.rows, basename(file), {
        dryRun: Boolean(values['dry-run']),
        fileProblems: parsed.problems,
      });
      await ctx.finish(report.ok);
    } catch (e) {
      await ctx.finish(false);
      throw e;
    }
    print(report);
    exitCode = report.ok ? 0 : 1;
  } finally {
    await orm.close();
    await db.stop();
  }
} catch (e) {
  console.error(`import failed: ${e instanceof Error ? e.message : String(e)}`);
  exitCode = 2;
}
process.exit(exitCode);
