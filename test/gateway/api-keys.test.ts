import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceProcess } from '@kn/devkit/processes';
import { codes, gql, logsContaining, platform, subgraphCalls } from '../support/client.js';
import { startExtraGateway } from '../support/gateway.js';
import { adminSql, ok, writableTenant, type WritableTenant } from '../sponsors/support.js';

const manifest = JSON.parse(readFileSync(new URL('../../operations/manifest.json', import.meta.url), 'utf8')) as {
  operations: { id: string; name: string }[];
};
const opId = (name: string) => manifest.operations.find((o) => o.name === name)!.id;

/** Sends a request with `Authorization: ApiKey <secret>`, by registered operation id or with a document. */
async function partner(secret: string, body: Record<string, unknown>, url = platform().gatewayUrl, requestId = `pk-${randomUUID()}`) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `ApiKey ${secret}`, 'x-request-id': requestId },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
  return { status: res.status, requestId, ...json, codes: (json.errors ?? []).map((e) => e.extensions?.code) };
}

const CREATE = `mutation($s: ID!, $n: String!) { createApiKey(sponsorId: $s, name: $n) { secret key { id name createdAt revokedAt sponsor { id } } } }`;

describe('partner API keys', () => {
  let t: WritableTenant;
  let secret: string;
  let keyId: string;

  beforeAll(async () => {
    t = await writableTenant('apikey');
    const created = ok(await gql(t.admin, CREATE, { s: t.sponsorA, n: 'Hệ thống kế toán của doanh nghiệp A' })).createApiKey;
    secret = created.secret;
    keyId = created.key.id;
    expect(created.key).toMatchObject({ name: 'Hệ thống kế toán của doanh nghiệp A', revokedAt: null, sponsor: { id: t.sponsorA } });
  });

  const record = (key: string, twinningId: string, idempotencyKey = randomUUID()) =>
    partner(key, {
      extensions: { persistedQuery: { version: 1, sha256Hash: opId('RecordContribution') } },
      variables: {
        idempotencyKey,
        input: { twinningId, contributedOn: '2025-05-20', category: 'EDUCATION', description: 'Tặng 40 bộ sách giáo khoa', inKindVnd: '12000000' },
      },
    });

  it('an admin creates, lists and only a hash is stored; officers cannot', async () => {
    expect(secret).toMatch(/^knk\./);
    const listed = ok(await gql(t.admin, `{ apiKeys { id name revokedAt sponsor { id } } }`)).apiKeys;
    expect(listed).toEqual([{ id: keyId, name: 'Hệ thống kế toán của doanh nghiệp A', revokedAt: null, sponsor: { id: t.sponsorA } }]);
    expect(JSON.stringify(listed)).not.toContain(secret.slice(-20));
    const [row] = await adminSql(`select * from sponsors.api_key where tenant_id = $1 and id = $2`, [t.tenant, keyId]);
    expect(JSON.stringify(row)).not.toContain(secret.split('.').at(-1));
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(codes(await gql(t.officer, CREATE, { s: t.sponsorA, n: 'x' }))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(t.officer, `{ apiKeys { id } }`))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(t.partnerA, CREATE, { s: t.sponsorA, n: 'x' }))).toEqual(['FORBIDDEN']);
  });

  it('a key acts as its sponsor: records its own contribution through a registered operation, audited as the key', async () => {
    const r = await record(secret, t.twinningA);
    expect(r.errors).toBeUndefined();
    expect(r.data.recordContribution).toMatchObject({ category: 'EDUCATION', inKindVnd: '12000000', totalVnd: '12000000' });
    const [audit] = await adminSql(`select * from sponsors.audit_log where request_id = $1`, [r.requestId]);
    expect(audit).toMatchObject({ tenant_id: t.tenant, actor: `apikey:${keyId}`, actor_roles: ['sponsor'], via: 'apiKey', operation: 'recordContribution' });
    // and reads only its own sponsor's twinnings
    const mine = await partner(secret, { documentId: `sha256:${opId('MyTwinnings')}`, variables: { year: 2025 } });
    expect(mine.errors).toBeUndefined();
    expect(mine.data.twinnings.nodes.map((n: { id: string }) => n.id)).toEqual([t.twinningA]);
  });

  it("cannot write for another sponsor's twinning", async () => {
    const r = await record(secret, t.twinningB);
    expect(r.codes).toEqual(['NOT_FOUND']);
  });

  it('must use a registered operation: a free document is refused before any subgraph runs it', async () => {
    const requestId = `pk-free-${randomUUID()}`;
    const r = await partner(secret, { query: '{ twinnings(first: 5) { nodes { id } } }' }, undefined, requestId);
    expect(r.status).toBe(400);
    expect(r.codes).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    // only the key check itself reached a subgraph
    expect(await subgraphCalls(requestId)).toBe(1);
    const unknown = await partner(secret, { extensions: { persistedQuery: { version: 1, sha256Hash: 'cd'.repeat(32) } } });
    expect(unknown.codes).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });

  it('malformed, forged and other-tenant keys are UNAUTHENTICATED', async () => {
    const parts = secret.split('.');
    const forgedSecret = [...parts.slice(0, 3), 'f'.repeat(64)].join('.');
    const otherTenant = ['knk', 'lang-son', parts[2], parts[3]].join('.');
    for (const bad of ['nope', 'knk.x.y.z', forgedSecret, otherTenant]) {
      const r = await partner(bad, { documentId: `sha256:${opId('PartnerTenant')}` });
      expect(r.status, bad).toBe(401);
      expect(r.codes).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('a revoked key is refused at once', async () => {
    const other = ok(await gql(t.admin, CREATE, { s: t.sponsorA, n: 'to revoke' })).createApiKey;
    expect((await partner(other.secret, { documentId: `sha256:${opId('PartnerTenant')}` })).data.currentTenant.slug).toBe(t.tenant);
    const revoked = ok(await gql(t.admin, `mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }`, { id: other.key.id })).revokeApiKey;
    expect(revoked.revokedAt).toBeTruthy();
    const after = await partner(other.secret, { documentId: `sha256:${opId('PartnerTenant')}` });
    expect(after.status).toBe(401);
    expect(after.codes).toEqual(['UNAUTHENTICATED']);
    // the other key still works
    expect((await partner(secret, { documentId: `sha256:${opId('PartnerTenant')}` })).data.currentTenant.slug).toBe(t.tenant);
  });

  it('denials are counted by reason and logged without the secret', async () => {
    const metrics = await (await fetch(platform().gatewayUrl.replace(/\/graphql$/, '/metrics'))).text();
    for (const reason of ['revoked_api_key', 'bad_api_key', 'unregistered_operation', 'unknown_operation']) {
      expect(metrics, reason).toMatch(new RegExp(`kn_gateway_denied_total\\{reason="${reason}"\\} [1-9]`));
    }
    const logs = await logsContaining(['gateway', 'sponsors'].map((n) => `${platform().logDir}/${n}.log`), 'revoked API key');
    expect(logs).toContain('revoked API key');
    expect(logs).not.toContain(secret.split('.').at(-1)!);
  });

  describe('rate limits per key', () => {
    let gw: ServiceProcess;
    beforeAll(async () => {
      gw = await startExtraGateway('gateway-apikey-limit', { RATE_LIMIT_PER_API_KEY: '3', RATE_LIMIT_WINDOW_SECONDS: '60' });
    });
    afterAll(() => gw.stop());

    it('trips with RATE_LIMITED after the configured number of requests', async () => {
      const body = { documentId: `sha256:${opId('PartnerTenant')}` };
      for (let i = 0; i < 3; i++) expect((await partner(secret, body, gw.url)).errors).toBeUndefined();
      const over = await partner(secret, body, gw.url);
      expect(over.status).toBe(429);
      expect(over.codes).toEqual(['RATE_LIMITED']);
    });
  });
});
