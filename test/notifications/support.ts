import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startWorkerProcess, workerEnvFor } from '@kn/devkit/platform';
import type { ServiceProcess } from '@kn/devkit/processes';
import { todayInVietnam } from '@kn/platform/dates';
import { gql, ok, platform } from '../support/client.js';
import { TEST_WORKER_ENV } from '../support/worker-env.js';

/** One POST the receiver got, and what it answered. */
export interface Received {
  path: string;
  deliveryId: string;
  event: string;
  attempt: number;
  signatureValid: boolean;
  answered: number;
  body: any;
}

/**
 * A real HTTP receiver (node:http) standing for a partner system: it checks each delivery's
 * HMAC-SHA256 signature with the secret and answers what `answer` says (a status, after `delayMs`).
 */
export async function startReceiver(
  secret: string,
  answer: (r: Omit<Received, 'answered'>, seenBefore: number) => number,
  delayMs = 0,
): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
      const given = Buffer.from(String(req.headers['x-kn-signature-256'] ?? ''));
      const r = {
        path: req.url ?? '',
        deliveryId: String(req.headers['x-kn-delivery'] ?? ''),
        event: String(req.headers['x-kn-event'] ?? ''),
        attempt: Number(req.headers['x-kn-attempt'] ?? 0),
        signatureValid: given.length === expected.length && timingSafeEqual(given, expected),
        body: JSON.parse(raw),
      };
      const seen = received.filter((x) => x.deliveryId === r.deliveryId).length;
      const status = answer(r, seen);
      setTimeout(() => {
        received.push({ ...r, answered: status });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'not now');
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Another worker process, as `pnpm start` runs one (several may run). */
export function startExtraWorker(name: string, env: Record<string, string> = {}): Promise<ServiceProcess> {
  return startWorkerProcess({
    name,
    logDir: platform().logDir,
    env: { ...workerEnvFor({ urls: platform().dbUrls }), ...TEST_WORKER_ENV, PORT: '0', LOG_LEVEL: 'info', ...env },
  });
}

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes (then the last value). */
export async function eventually<T>(probe: () => Promise<T>, timeoutMs = 20_000, everyMs = 150): Promise<T> {
  const until = Date.now() + timeoutMs;
  let v = await probe();
  while (!v && Date.now() < until) {
    await new Promise((r) => setTimeout(r, everyMs));
    v = await probe();
  }
  return v;
}

export const NOTIFICATIONS = `query($u: Boolean!) { notifications(unreadOnly: $u, first: 100) {
  totalCount nodes { id event subjectType subjectId payload source occurredAt read } } }`;

/** The caller's notifications (unread only when asked). */
export async function notificationsOf(token: string, unreadOnly = false): Promise<any[]> {
  return ok(await gql(token, NOTIFICATIONS, { u: unreadOnly })).notifications.nodes;
}

/** The day `n` days from today in Việt Nam, and its month and day. */
export function dayFromToday(n: number): { date: string; month: number; day: number } {
  const d = new Date(`${todayInVietnam()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  const date = d.toISOString().slice(0, 10);
  return { date, month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export const REGISTER = `mutation($i: RegisterWebhookInput!) { registerWebhook(input: $i) { id url events active } }`;
