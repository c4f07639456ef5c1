import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayEnv, startGatewayProcess, startPlatform, type Platform } from '@kn/devkit/platform';
import type { ServiceProcess } from '@kn/devkit/processes';
import { urlOnHost } from '@kn/devkit/replica';
import { signUserToken } from '@kn/devkit/tokens';
import type { Role } from '@kn/platform/identity';
import { buildAdminDataset } from '@kn/communes/seed/admin-units';
import { loadAdminDataset } from '@kn/communes/seed/index';

/**
 * Read replicas on real engines (docs/SCALING.md §2): the embedded PostgreSQL and a streaming
 * replica made from it (base backup through SQL, standby.signal, primary_conninfo), replaying half a
 * second late — and, where a test must see a stale read to prove where a read went, with its replay
 * paused (`pg_wal_replay_pause()`), so that timing on a busy machine cannot decide the outcome.
 * Subgraphs read there; writes go to the primary; a caller reads its own writes; a replica that
 * stops costs no error, and reads return when it is back.
 */
const APPLY_DELAY_MS = 500;

/** Runs `fn` with the replica's replay paused: whatever is written meanwhile is not on it yet. */
async function withReplayPaused<T>(fn: () => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: p.replica!.adminUrl() });
  await c.connect();
  try {
    await c.query('select pg_wal_replay_pause()');
    return await fn();
  } finally {
    await c.query('select pg_wal_replay_resume()');
    await c.end();
  }
}

let p: Platform;
let dataDir: string;
let extraGateway: ServiceProcess | undefined;

const token = (sub: string, roles: Role[]) =>
  signUserToken(p.secrets.issuer.privateJwk as JWK, { sub, tenant: 'lang-son', roles });

async function gql(url: string, tok: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tok}`, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
  return { status: res.status, body, readAfter: res.headers.get('kn-read-after') };
}

interface Stats {
  replicas: { up: boolean; reads: number }[];
  primaryReads: number;
  heldForOwnWrites: number;
  retried: number;
  behind: number;
}
const stats = async (subgraph = 'sponsors'): Promise<Stats> =>
  (await fetch(p.subgraphUrls[subgraph]!.replace(/\/graphql$/, '/debug/replicas'))).json() as Promise<Stats>;

const CREATE = `mutation($i: CreateSponsorInput!) { createSponsor(input: $i) { id version name } }`;
const UPDATE = `mutation($i: UpdateSponsorInput!) { updateSponsor(input: $i) { id version name } }`;
const READ = `query($id: ID!) { sponsor(id: $id) { id name version } }`;

beforeAll(async () => {
  dataDir = mkdtempSync(join(process.env.KN_TEST_TMP ?? tmpdir(), 'kn-replica-'));
  p = await startPlatform({
    dataDir,
    persistent: false,
    gatewayPort: 0,
    subgraphPorts: 'random',
    seed: true,
    exposeSqlCounts: true,
    logLevel: 'info', // the launcher waits for each service's "listening" line
    readReplica: { applyDelayMs: APPLY_DELAY_MS },
  });
}, 240_000);

afterAll(async () => {
  await extraGateway?.stop();
  await p?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a streaming read replica of the embedded PostgreSQL', () => {
  it('streams from the primary, and RLS with the tenant setting works on it as on the primary', async () => {
    expect(p.replica).not.toBeNull();
    const replicaUrl = urlOnHost(p.layout.urls.sponsors!.app, '127.0.0.1', p.replica!.port);
    const c = new pg.Client({ connectionString: replicaUrl });
    await c.connect();
    try {
      expect((await c.query('select pg_is_in_recovery() as r')).rows[0].r).toBe(true);
      await c.query('begin read only');
      await c.query(`set local app.tenant_id = 'lang-son'`);
      const tenants = (await c.query('select distinct tenant_id from sponsors.sponsor')).rows.map((r) => r.tenant_id);
      await c.query('commit');
      expect(tenants).toEqual(['lang-son']);
      expect((await c.query('select count(*)::int as n from sponsors.sponsor')).rows[0].n).toBe(0); // no tenant: no rows
      await expect(c.query(`insert into sponsors.sponsor (tenant_id) values ('lang-son')`)).rejects.toThrow(/read-only/);
    } finally {
      await c.end();
    }
  });

  it('another caller reads the replica (so it sees a write only after replay); the writer reads its own write at once', async () => {
    const officer = await token('replica-test:officer', ['officer']);
    const analyst = await token('replica-test:analyst', ['analyst']);
    const before = await stats();
    const id = await withReplayPaused(async () => {
      const created = await gql(p.gatewayUrl, officer, CREATE, { i: { code: `rr-${Date.now()}`, name: 'Đơn vị đọc bản sao', kind: 'ENTERPRISE', staffCount: 12 } });
      expect(created.body.errors).toBeUndefined();
      const sponsorId = created.body.data.createSponsor.id as string;
      expect(created.readAfter).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
      const [own, other] = await Promise.all([gql(p.gatewayUrl, officer, READ, { id: sponsorId }), gql(p.gatewayUrl, analyst, READ, { id: sponsorId })]);
      expect(own.body.data.sponsor?.id).toBe(sponsorId);
      // the replica has not replayed the write: a read there cannot see the sponsor — proof that it went there
      expect(other.body.errors).toBeUndefined();
      expect(other.body.data.sponsor).toBeNull();
      return sponsorId;
    });
    const after = await stats();
    expect(after.replicas[0]!.reads).toBeGreaterThan(before.replicas[0]!.reads);
    expect(after.heldForOwnWrites).toBeGreaterThan(before.heldForOwnWrites);
    // and once replayed, the other caller sees it from the replica
    const until = Date.now() + 30_000;
    let seen = false;
    while (!seen && Date.now() < until) {
      seen = (await gql(p.gatewayUrl, analyst, READ, { id })).body.data.sponsor?.id === id;
      if (!seen) await new Promise((r) => setTimeout(r, 200));
    }
    expect(seen).toBe(true);
  });

  it('a tenant onboarded while the replica is behind is known at once: the tenant check reads it again on the primary', async () => {
    const slug = `rr-tenant-${Date.now().toString(36)}`;
    const before = await stats('communes');
    await withReplayPaused(async () => {
      const c = new pg.Client({ connectionString: p.layout.urls.communes!.owner });
      await c.connect();
      try {
        await loadAdminDataset(c, buildAdminDataset([{ slug, name: `Thử ${slug}`, oldProvinces: ['04'], newProvinces: ['04'] }]));
      } finally {
        await c.end();
      }
      const tok = await signUserToken(p.secrets.issuer.privateJwk as JWK, { sub: `replica-test:${slug}`, tenant: slug, roles: ['admin'] });
      // not on the replica yet: read there, the gateway's tenant check would answer "unknown tenant"
      const r = await gql(p.gatewayUrl, tok, `{ currentTenant { slug } communes(first: 1) { nodes { id } } }`);
      expect(r.body.errors).toBeUndefined();
      expect(r.status).toBe(200);
      expect(r.body.data.currentTenant.slug).toBe(slug);
    });
    const after = await stats('communes');
    expect(after.behind).toBeGreaterThan(before.behind);
  });

  it('1,000 writes, each read back at once by its writer, never read stale', async () => {
    const workers = 8;
    const perWorker = 125;
    let stale = 0;
    let errors = 0;
    await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        const officer = await token(`replica-test:writer-${w}`, ['officer']);
        const created = await gql(p.gatewayUrl, officer, CREATE, { i: { code: `ryw-${w}-${Date.now()}`, name: `Đơn vị ${w}`, kind: 'ENTERPRISE', staffCount: 10 } });
        let { id, version } = created.body.data.createSponsor as { id: string; version: number };
        for (let i = 0; i < perWorker; i++) {
          const name = `Đơn vị ${w} lần ${i}`;
          const u = await gql(p.gatewayUrl, officer, UPDATE, { i: { id, version, name } });
          if (u.body.errors) {
            errors++;
            continue;
          }
          version = u.body.data.updateSponsor.version;
          const r = await gql(p.gatewayUrl, officer, READ, { id });
          if (r.body.errors) errors++;
          else if (r.body.data.sponsor?.name !== name || r.body.data.sponsor?.version !== version) stale++;
        }
      }),
    );
    expect({ stale, errors }).toEqual({ stale: 0, errors: 0 });
  }, 300_000);

  it('through another gateway process, the client’s kn-read-after header keeps its reads fresh', async () => {
    extraGateway = await startGatewayProcess({
      name: 'gateway-2',
      logDir: join(dataDir, 'logs'),
      env: { ...gatewayEnv(p.secrets.issuer.publicJwk, p.secrets.gateway.privateJwk, p.subgraphUrls), PORT: '0', LOG_LEVEL: 'info' },
    });
    const officer = await token('replica-test:two-gateways', ['officer']);
    await withReplayPaused(async () => {
      const created = await gql(p.gatewayUrl, officer, CREATE, { i: { code: `gw2-${Date.now()}`, name: 'Qua cổng thứ hai', kind: 'ENTERPRISE', staffCount: 3 } });
      const id = created.body.data.createSponsor.id as string;
      const [withHeader, without] = await Promise.all([
        gql(extraGateway!.url, officer, READ, { id }, { 'kn-read-after': created.readAfter! }),
        gql(extraGateway!.url, officer, READ, { id }),
      ]);
      expect(withHeader.body.data.sponsor?.id).toBe(id);
      expect(without.body.data.sponsor).toBeNull(); // that gateway never saw the write: the replica answered, stale
    });
  });

  it('a replica that stops: reads go to the primary with no error; when it is back, reads return to it', async () => {
    const analyst = await token('replica-test:fault', ['analyst']);
    const q = `{ sponsors(first: 5) { totalCount nodes { id } } }`;
    expect((await gql(p.gatewayUrl, analyst, q)).body.errors).toBeUndefined();
    await p.replica!.halt('immediate');
    const failures: string[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await gql(p.gatewayUrl, analyst, q);
      if (r.status !== 200 || r.body.errors) failures.push(JSON.stringify(r.body.errors ?? r.status));
    }
    expect(failures).toEqual([]);
    const down = await stats();
    expect(down.replicas[0]!.up).toBe(false);
    await p.replica!.resume();
    const until = Date.now() + 30_000;
    let back = await stats();
    while (!back.replicas[0]!.up && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 250));
      back = await stats();
    }
    expect(back.replicas[0]!.up).toBe(true);
    const readsBefore = back.replicas[0]!.reads;
    for (let i = 0; i < 10; i++) expect((await gql(p.gatewayUrl, analyst, q)).body.errors).toBeUndefined();
    expect((await stats()).replicas[0]!.reads).toBeGreaterThan(readsBefore);
  }, 120_000);
});
