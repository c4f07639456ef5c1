import { gatewayEnv, startGatewayProcess } from '@kn/devkit/platform';
import type { ServiceProcess } from '@kn/devkit/processes';
import { platform } from './client.js';

/**
 * A second gateway in front of the same subgraphs, with its own settings (e.g. a tiny rate limit),
 * so a test can change gateway configuration without touching the shared one.
 */
export async function startExtraGateway(name: string, env: Record<string, string>): Promise<ServiceProcess> {
  const p = platform();
  return startGatewayProcess({
    name,
    logDir: p.logDir,
    env: { ...gatewayEnv(p.issuerPublicJwk, p.gatewayPrivateJwk, p.subgraphUrls), PORT: '0', LOG_LEVEL: 'info', ...env },
  });
}
