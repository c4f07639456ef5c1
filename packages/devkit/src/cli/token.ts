import { parseArgs } from 'node:util';
import { ROLES, type Role } from '@kn/platform/identity';
import { loadOrCreateSecrets } from '../secrets.js';
import { signUserToken } from '../tokens.js';
import { requireNode22 } from './node-version.js';
import { devkitEnv } from './env.js';

requireNode22();
const usage = `usage: pnpm -s token --tenant <slug> --role <${ROLES.join('|')}> [--role …] [--sponsor <id>] [--scope commune:<id>|district:<id>|agency:<sponsor id> …] [--sub <subject>] [--ttl <seconds>]
Prints only the token: TOKEN=$(pnpm -s token --tenant lang-son --role analyst)`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      tenant: { type: 'string' },
      role: { type: 'string', multiple: true },
      sponsor: { type: 'string' },
      scope: { type: 'string', multiple: true },
      sub: { type: 'string' },
      ttl: { type: 'string' },
      help: { type: 'boolean' },
    },
  }));
} catch (e) {
  console.error(`${(e as Error).message}\n${usage}`);
  process.exit(2);
}
if (values.help || !values.role?.length) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}
const roles = values.role as Role[];
const national = roles.includes('national');
const secrets = await loadOrCreateSecrets(devkitEnv().KN_DATA_DIR);
try {
  const token = await signUserToken(
    secrets.issuer.privateJwk,
    {
      sub: values.sub ?? `dev:${values.tenant ?? 'national'}:${roles.join('+')}`,
      tenant: national ? null : values.tenant,
      roles,
      ...(values.sponsor || values.scope?.length
        ? {
            scope: {
              ...(values.sponsor ? { sponsorId: values.sponsor } : {}),
              ...(values.scope?.length ? { units: values.scope.map((u) => u.trim().toLowerCase()) } : {}),
            },
          }
        : {}),
    },
    { expiresInSeconds: values.ttl ? Number(values.ttl) : undefined },
  );
  process.stdout.write(`${token}\n`);
} catch (e) {
  const issues = (e as { issues?: { message: string }[] }).issues;
  console.error(`cannot make that token: ${issues ? issues.map((i) => i.message).join('; ') : (e as Error).message}\n${usage}`);
  process.exit(2);
}
