import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { parseProgrammeFile, ProgrammeFileError } from '@kn/programs/seed/file';
import { DATABASE, withClient } from '../database.js';
import { onboardTenant, OnboardingError, type OnboardRequest } from '../onboarding.js';
import { prepareDatabase } from '../platform.js';
import { loadOrCreateSecrets } from '../secrets.js';
import { requireNode22 } from './node-version.js';
import { devkitEnv } from './env.js';

const env = devkitEnv();

requireNode22();

const usage = `usage: pnpm run tenant add --tenant <slug> --name <name> --province <code>[,<code>] [--old <code>[,<code>]]
                          [--programme <file.json>]... [--as <who>] [--json] [--database-url <url>]
       pnpm run tenant list [--json] [--database-url <url>]

Onboards a province (docs/ONBOARDING.md): the tenant, the real units of its provinces before and
after the 2025 reform with their succession, and its programmes from programme files
(format kn-programme/1) — in one transaction, all or nothing; run twice, it writes once; audited.

  --tenant        the tenant id, e.g. cao-bang
  --name          its name, e.g. "Tỉnh Cao Bằng"
  --province      its province code(s) from 1/7/2025, e.g. 04 (Đà Nẵng: 48)
  --old           its province code(s) before 1/7/2025 (default: the same; Đà Nẵng: 48,49)
  --programme     a programme file (repeatable)
  --as            who onboards, for the audit trail (default: operator:<your user name>)
  --database-url  a superuser's URL of the platform's database (default: the local platform of
                  \`pnpm start\`, starting its PostgreSQL if it is not running; or DATABASE_URL)
exit status: 0 onboarded (or already), 1 refused (nothing written), 2 usage or system error`;

let values: Record<string, string | boolean | string[] | undefined>;
let positionals: string[];
try {
  ({ values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      tenant: { type: 'string' },
      name: { type: 'string' },
      province: { type: 'string' },
      old: { type: 'string' },
      programme: { type: 'string', multiple: true },
      as: { type: 'string' },
      json: { type: 'boolean' },
      'database-url': { type: 'string' },
      help: { type: 'boolean' },
    },
  }));
} catch (e) {
  console.error(`${(e as Error).message}\n${usage}`);
  process.exit(2);
}
const [command] = positionals;
if (values.help || (command !== 'add' && command !== 'list')) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

const codes = (v: unknown) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);

async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(true));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(false)));
  });
}

/** A superuser's URL: given, or the local platform's (starting its PostgreSQL if it is not running). */
async function adminUrl(): Promise<{ url: string; stop: () => Promise<void> }> {
  const given = (values['database-url'] as string | undefined) ?? env.DATABASE_URL;
  if (given) return { url: given, stop: async () => {} };
  if (await portInUse(env.KN_PG_PORT)) {
    // `pnpm start` is running: its embedded server, with the administrator's password from the data dir
    const secrets = await loadOrCreateSecrets(env.KN_DATA_DIR);
    return { url: `postgres://postgres:${encodeURIComponent(secrets.pgAdminPassword)}@127.0.0.1:${env.KN_PG_PORT}/${DATABASE}`, stop: async () => {} };
  }
  const { pg, adminDbUrl } = await prepareDatabase({ dataDir: env.KN_DATA_DIR, pgPort: env.KN_PG_PORT, persistent: true, seed: false });
  return { url: adminDbUrl, stop: async () => pg?.stop() };
}

function request(): OnboardRequest {
  const tenant = values.tenant;
  const name = values.name;
  const province = codes(values.province);
  if (typeof tenant !== 'string' || typeof name !== 'string' || province.length === 0) {
    throw new OnboardingError('BAD_INPUT', '--tenant, --name and --province are required');
  }
  const files = (values.programme as string[] | undefined) ?? [];
  return {
    slug: tenant,
    name,
    newProvinces: province,
    oldProvinces: values.old ? codes(values.old) : province,
    programmes: files.map((path) => {
      const text = readFileSync(path, 'utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw new ProgrammeFileError(path, [`not JSON: ${(e as Error).message}`]);
      }
      return { where: basename(path), text, file: parseProgrammeFile(json, path) };
    }),
    actor: (values.as as string | undefined) ?? `operator:${userInfo().username}`,
    via: 'cli',
  };
}

async function list(url: string): Promise<void> {
  const rows = await withClient(url, async (c) => (await c.query(`select tenant_id, name, province_codes from communes.tenant order by tenant_id`)).rows);
  if (values.json) console.log(JSON.stringify(rows, null, 2));
  else for (const r of rows) console.log(`${r.tenant_id}\t${r.name}\tprovinces ${(r.province_codes as string[]).join(', ')}`);
}

let exitCode = 2;
try {
  // the files and arguments are checked before any database is touched
  const req = command === 'add' ? request() : null;
  const db = await adminUrl();
  try {
    if (!req) {
      await list(db.url);
      exitCode = 0;
    } else {
      const result = await onboardTenant(db.url, req);
      if (values.json) console.log(JSON.stringify(result, null, 2));
      else if (!result.changed) console.log(`${result.tenant}: already onboarded as asked; nothing written.`);
      else {
        const grown = Object.entries(result.counts).filter(([, v]) => v.after !== v.before).map(([t, v]) => `${t} ${v.before} → ${v.after}`);
        console.log(`${result.tenant} onboarded (audited as ${req.actor}):\n  ${grown.join('\n  ')}`);
      }
      exitCode = 0;
    }
  } finally {
    await db.stop();
  }
} catch (e) {
  if (e instanceof OnboardingError || e instanceof ProgrammeFileError) {
    console.error(`Refused: nothing was written. ${e.message}`);
    exitCode = 1;
  } else {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  }
}
process.exit(exitCode);
