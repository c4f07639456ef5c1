import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backoffMs, postWebhook, signBody } from './worker.js';

describe('webhook deliveries', () => {
  it('wait base × 2^(attempts − 1) before the next attempt, capped', () => {
    expect([1, 2, 3, 4, 10].map((a) => backoffMs(a, 10_000, 60_000))).toEqual([10_000, 20_000, 40_000, 60_000, 60_000]);
  });
  it('are signed with HMAC-SHA256 of the exact body', () => {
    const body = '{"event":"SUBMITTED","payload":{"tên":"Xã Đồng Đăng"}}';
    expect(signBody('bí-mật-0123456789', body)).toBe(`sha256=${createHmac('sha256', 'bí-mật-0123456789').update(body).digest('hex')}`);
  });
});

describe('webhook targets at delivery time (SSRF, DNS rebinding)', () => {
  it('a non-public target is refused without a request unless WEBHOOK_ALLOW_PRIVATE; allowed, it is sent', async () => {
    const { createServer } = await import('node:http');
    let requests = 0;
    const server = createServer((req, res) => {
      requests += 1;
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      await expect(postWebhook(`http://127.0.0.1:${port}/x`, '{}', {}, 2000, false)).rejects.toThrow(/WEBHOOK_TARGET_NOT_ALLOWED/);
      await expect(postWebhook(`http://[::ffff:127.0.0.1]:${port}/x`, '{}', {}, 2000, false)).rejects.toThrow(/WEBHOOK_TARGET_NOT_ALLOWED/);
      expect(requests).toBe(0);
      expect(await postWebhook(`http://127.0.0.1:${port}/x`, '{}', { 'content-type': 'application/json' }, 2000, true)).toBe(204);
      expect(requests).toBe(1);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('a receiver that does not answer within the timeout is a failed attempt', async () => {
    const { createServer } = await import('node:http');
    const server = createServer(() => undefined); // never answers
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      await expect(postWebhook(`http://127.0.0.1:${port}/x`, '{}', {}, 200, true)).rejects.toThrow(/no answer within 200 ms/);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
