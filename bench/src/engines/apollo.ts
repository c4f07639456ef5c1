import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { IDENTITY_HEADER, REQUEST_ID_HEADER } from '@kn/platform/identity';
import { loadSupergraph } from '@kn/gateway/supergraph';
import { createIdentityForwarder } from './identity.js';
import { DEFAULT_SUPERGRAPH, subgraphUrlsFromEnv, listeningLine, stopOnSignals } from './common.js';

/**
 * Stock @apollo/gateway 2.x inside @apollo/server, as documented: the supergraph from a file and a
 * RemoteGraphQLDataSource whose willSendRequest adds the identity header (and the request id).
 * Served by node:http like the other engines (Apollo Server's standalone server is the same
 * integration without the identity check up front).
 */
interface Ctx {
  identity: string;
  requestId?: string;
}
const forward = await createIdentityForwarder(process.env);
/**
 * The open-source @apollo/gateway refuses a supergraph linking `@authenticated` and
 * `@requiresScopes` `for: SECURITY` (UNSUPPORTED_LINKED_FEATURE: GraphOS Enterprise features). They
 * are declarations here — the subgraphs enforce every permission themselves, and no engine of the
 * bench enforces them (docs/SECURITY.md) — so this engine reads them as plain links: the same query
 * plans, nothing enforced or skipped that the others enforce.
 */
const supergraphSdl = loadSupergraph(process.env.SUPERGRAPH_FILE ?? DEFAULT_SUPERGRAPH, subgraphUrlsFromEnv()).replace(
  /(@link\(url: "https:\/\/specs\.apollo\.dev\/(?:authenticated|requiresScopes)\/v[0-9.]+"), for: SECURITY\)/g,
  '$1)',
);
const gateway = new ApolloGateway({
  supergraphSdl,
  buildService: ({ url }) =>
    new RemoteGraphQLDataSource<Ctx>({
      url,
      willSendRequest({ request, context }) {
        request.http?.headers.set(IDENTITY_HEADER, context.identity);
        if (context.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
      },
    }),
});
const apollo = new ApolloServer<Ctx>({ gateway, introspection: false, csrfPrevention: true });
await apollo.start();

// a client that closes its connection mid-request (autocannon at the end of a run) rejects the body
// read with "aborted": that request is over, the engine is not (it died of it once, and the run with it)
const server = createServer((req, res) => {
  handle(req, res).catch((e: unknown) => {
    if (!res.headersSent && !res.destroyed) res.writeHead(500).end();
    else res.destroy();
    if ((e as { code?: string }).code !== 'ECONNRESET') console.error(e);
  });
});

async function handle(req: IncomingMessage, res: ServerResponse) {
  if (req.url?.split('?')[0] !== '/graphql') {
    res.writeHead(404).end();
    return;
  }
  const identity = await forward(req.headers.authorization);
  if (!identity) {
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":[{"message":"unauthenticated"}]}');
    return;
  }
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  const headers = new HeaderMap();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  let body: unknown = undefined;
  if (req.method === 'POST') {
    try {
      body = JSON.parse(raw);
    } catch {
      res.writeHead(400).end();
      return;
    }
  }
  const rid = req.headers[REQUEST_ID_HEADER];
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'POST', headers, search: new URL(req.url, 'http://x').search, body },
    context: async () => ({ identity, requestId: typeof rid === 'string' ? rid : undefined }),
  });
  const out: Record<string, string> = {};
  for (const [k, v] of response.headers) out[k] = v;
  res.writeHead(response.status ?? 200, out);
  if (response.body.kind === 'complete') res.end(response.body.string);
  else {
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }
}
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => listeningLine(server, 'apollo-gateway'));
stopOnSignals(async () => {
  server.close();
  server.closeIdleConnections();
  await apollo.stop();
});
