import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/** The province dashboard (the `web/` package's build), served under `/app/`. */
export const APP_PREFIX = '/app/';
/** Development only: the devkit's demo token endpoint, reached through the gateway. */
export const DEV_TOKEN_PATH = '/dev/token';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The page talks to this origin only: no tile server, no CDN, no inline script. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const notBuilt = (dir: string) =>
  new Response(`The web page is not built (no ${join(dir, 'index.html')}); run: pnpm --dir web build`, {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });

async function serveApp(dir: string, pathname: string): Promise<Response> {
  const rel = normalize(decodeURIComponent(pathname.slice(APP_PREFIX.length)) || 'index.html');
  if (rel.startsWith('..') || rel.includes('\0') || rel.startsWith(sep)) return new Response('not found', { status: 404 });
  const hashed = rel.startsWith(`assets${sep}`);
  try {
    const body = await readFile(join(dir, rel));
    return new Response(body, {
      headers: {
        'content-type': TYPES[extname(rel)] ?? 'application/octet-stream',
        // Vite names built assets by content hash: they never change; the page itself always revalidates
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...SECURITY_HEADERS,
      },
    });
  } catch {
    // a path without an extension is a page of the app: its index (the app reads the URL itself)
    if (extname(rel) || hashed) return new Response('not found', { status: 404 });
    try {
      return new Response(await readFile(join(dir, 'index.html')), {
        headers: { 'content-type': TYPES['.html']!, 'cache-control': 'no-cache', ...SECURITY_HEADERS },
      });
    } catch {
      return notBuilt(dir);
    }
  }
}

/** `GET /app` → `/app/`; `GET /app/…` → the built page and its assets, without a token. */
export function useWebApp(dir: string): GatewayPlugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname === '/app') {
        endResponse(new Response(null, { status: 308, headers: { location: APP_PREFIX } }));
        return;
      }
      if (!url.pathname.startsWith(APP_PREFIX)) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(new Response('method not allowed', { status: 405 }));
        return;
      }
      endResponse(await serveApp(dir, url.pathname));
    },
  };
}

/**
 * `/dev/token` relays to the devkit's token endpoint when the gateway was started with
 * `DEV_TOKEN_URL` (the devkit does, for `pnpm start` and the tests); without it — any deployment —
 * the path does not exist (404).
 */
export function useDevTokens(devTokenUrl: string | undefined): GatewayPlugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname !== DEV_TOKEN_PATH) return;
      if (!devTokenUrl) {
        endResponse(new Response('not found', { status: 404 }));
        return;
      }
      try {
        const res = await fetch(devTokenUrl, {
          method: request.method === 'POST' ? 'POST' : 'GET',
          headers: { 'content-type': 'application/json' },
          body: request.method === 'POST' ? await request.text() : undefined,
          signal: AbortSignal.timeout(5000),
        });
        endResponse(
          new Response(await res.text(), {
            status: res.status,
            headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
          }),
        );
      } catch {
        endResponse(new Response(JSON.stringify({ error: 'the devkit token endpoint does not answer' }), { status: 503 }));
      }
    },
  };
}
