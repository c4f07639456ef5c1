import { Agent, request } from 'node:http';
import { importJWK, SignJWT, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { platform } from '../support/client.js';

/**
 * Found by the security suite: a subgraph answered 413 to an oversized body but kept the connection
 * open with the rest of the body unread, so the next request a keep-alive client (the gateway) sent
 * on that connection waited forever.
 */
describe('a subgraph refusing an oversized body', () => {
  it('closes the connection, and the next request on the same client is answered', async () => {
    const identity = await new SignJWT({ tenant: 'lang-son', roles: ['analyst'], via: 'token' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject('test')
      .setIssuer('kn-gateway')
      .setAudience('kn-subgraphs')
      .setExpirationTime('1m')
      .sign(await importJWK(platform().gatewayPrivateJwk as JWK, 'EdDSA'));
    const url = new URL(platform().subgraphUrls.communes!);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const post = (body: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, timeout: 5000, headers: { 'content-type': 'application/json', 'x-kn-identity': identity, 'content-length': Buffer.byteLength(body) } },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('timeout', () => req.destroy(new Error('timed out')));
        req.on('error', reject);
        req.end(body);
      });
    try {
      expect(await post(JSON.stringify({ query: '{ __typename }', variables: { x: 'x'.repeat(3 * 1024 * 1024) } }))).toBe(413);
      expect(await post(JSON.stringify({ query: '{ __typename }' }))).toBe(200);
    } finally {
      agent.destroy();
    }
  });
});
