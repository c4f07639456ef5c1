import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';
import { z } from 'zod';
import { ROLES } from '@kn/platform/identity';
import { signUserToken } from './tokens.js';

/**
 * DEVELOPMENT ONLY: a token endpoint for the demo, so that the web page and the GraphQL IDE can sign
 * in as a demo tenant and role without a terminal. It lives in the devkit (the only process that holds
 * the dev issuer's private key), listens on loopback only, and is reached through the gateway's
 * `/dev/token`, which exists only when the devkit starts the gateway with `DEV_TOKEN_URL`. A
 * production gateway is started without it: there, `/dev/token` is 404.
 */
export interface DevTokenServer {
  url: string;
  close(): Promise<void>;
}

const requestSchema = z
  .object({
    tenant: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/).nullable().optional(),
    role: z.enum(ROLES),
    sponsorId: z.string().min(1).max(100).optional(),
  })
  .strict();

/** Short-lived: a demo session of a working day at most. */
const TTL_SECONDS = 8 * 3600;

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 10_000) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startDevTokenServer(issuerPrivateJwk: JWK, port = 0): Promise<DevTokenServer> {
  const json = (status: number, body: unknown) => ({ status, body: JSON.stringify(body) });
  const handle = async (req: IncomingMessage) => {
    if (req.url !== '/token') return json(404, { error: 'not found' });
    if (req.method === 'GET') return json(200, { roles: ROLES, ttlSeconds: TTL_SECONDS });
    if (req.method !== 'POST') return json(405, { error: 'POST {"tenant","role"}' });
    let parsed;
    try {
      parsed = requestSchema.safeParse(JSON.parse(await readBody(req)));
    } catch {
      return json(400, { error: 'expected a JSON body {"tenant": "lang-son", "role": "officer"}' });
    }
    if (!parsed.success) return json(400, { error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') });
    const { tenant, role, sponsorId } = parsed.data;
    const national = role === 'national';
    try {
      const token = await signUserToken(
        issuerPrivateJwk,
        {
          sub: `dev:${national ? 'national' : tenant}:${role}`,
          tenant: national ? null : tenant,
          roles: [role],
          ...(sponsorId ? { scope: { sponsorId } } : {}),
        },
        { expiresInSeconds: TTL_SECONDS },
      );
      return json(200, { token, expiresInSeconds: TTL_SECONDS });
    } catch (e) {
      const issues = (e as { issues?: { message: string }[] }).issues;
      return json(400, { error: issues ? issues.map((i) => i.message).join('; ') : 'cannot make that token' });
    }
  };
  const server: Server = createServer((req, res) => {
    handle(req).then(
      ({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
        res.end(body);
      },
      () => {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: 'internal error' }));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/token`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
