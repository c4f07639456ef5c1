import { createServer } from 'node:http';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { IDENTITY_HEADER, REQUEST_ID_HEADER } from '@kn/platform/identity';
import { loadSupergraph } from '@kn/gateway/supergraph';
import { createIdentityForwarder } from './identity.js';
import { DEFAULT_SUPERGRAPH, subgraphUrlsFromEnv, listeningLine, stopOnSignals } from './common.js';

/**
 * The Hive Gateway runtime bare: no plugins but the identity forwarding the subgraphs require.
 * PLANNER=rust uses the Rust query planner (`unifiedGraphHandler` of @graphql-hive/router-runtime,
 * as the shipped gateway does); PLANNER=js the runtime's default JavaScript planner.
 */
const planner = process.env.PLANNER === 'js' ? 'js' : 'rust';
const forward = await createIdentityForwarder(process.env);
const identities = new WeakMap<Request, string>();

const identityPlugin: GatewayPlugin = {
  async onRequest({ request, url, endResponse }) {
    if (url.pathname !== '/graphql') return;
    const token = await forward(request.headers.get('authorization'));
    if (!token) return endResponse(new Response('{"errors":[{"message":"unauthenticated"}]}', { status: 401, headers: { 'content-type': 'application/json' } }));
    identities.set(request, token);
  },
  onFetch({ context, options, setOptions }) {
    const request = (context as { request?: Request } | undefined)?.request;
    const token = request ? identities.get(request) : undefined;
    if (!request || !token) return;
    const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined), [IDENTITY_HEADER]: token };
    const rid = request.headers.get(REQUEST_ID_HEADER);
    if (rid) headers[REQUEST_ID_HEADER] = rid;
    setOptions({ ...options, headers });
  },
};

const gateway = createGatewayRuntime({
  supergraph: loadSupergraph(process.env.SUPERGRAPH_FILE ?? DEFAULT_SUPERGRAPH, subgraphUrlsFromEnv()),
  ...(planner === 'rust' ? { unifiedGraphHandler } : {}),
  transports: { http: httpTransport },
  // as the shipped gateway: the executor's in-flight deduplication keys on URL and body only (the
  // identity header is added later, in onFetch), so two tenants sending the same query at the same
  // moment would share the first one's answer — wrong rows, and a throughput no real gateway has
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
  graphqlEndpoint: '/graphql',
  landingPage: false,
  graphiql: false,
  logging: 'error',
  plugins: () => [identityPlugin],
});
const server = createServer(gateway);
server.keepAliveTimeout = 65_000;
const port = Number(process.env.PORT ?? 0);
server.listen(port, '127.0.0.1', () => listeningLine(server, `hive-${planner}-bare`));
stopOnSignals(async () => {
  server.close();
  server.closeIdleConnections();
  await gateway.dispose();
});
