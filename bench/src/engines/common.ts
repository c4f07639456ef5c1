import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

/** `communes=http://…,sponsors=http://…` → record. */
export function subgraphUrlsFromEnv(): Record<string, string> {
  return Object.fromEntries(
    (process.env.SUBGRAPH_URLS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((pair) => pair.split('=') as [string, string]),
  );
}

export const DEFAULT_SUPERGRAPH = fileURLToPath(new URL('../../../schema/supergraph.graphql', import.meta.url));

/** The line the launcher waits for (same shape as the platform's services). */
export function listeningLine(server: Server, name: string) {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ level: 30, msg: `${name} listening`, url: `http://127.0.0.1:${port}/graphql` }));
}

export function stopOnSignals(close: () => Promise<void>) {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), 5000).unref();
    close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
