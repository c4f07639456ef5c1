import { flushLogs, installFatalHandlers } from '@kn/platform/logger';
import { exitWithParent } from '@kn/platform/subgraph';
import { startGateway } from './gateway.js';
import { loadGatewayEnv } from './env.js';

/**
 * The gateway process. Shuts down on SIGTERM/SIGINT itself: the runtime's standalone server
 * ignores SIGTERM, so this one is served by node:http and closed here.
 */
async function main() {
  const running = await startGateway(loadGatewayEnv());
  installFatalHandlers(running.logger);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), 10_000).unref();
    running.close().then(
      () => (flushLogs(running.logger), process.exit(0)),
      () => (flushLogs(running.logger), process.exit(1)),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  exitWithParent(stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
