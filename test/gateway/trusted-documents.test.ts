import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { platform, tokenFor } from '../support/client.js';

const manifest = JSON.parse(readFileSync(new URL('../../operations/manifest.json', import.meta.url), 'utf8')) as {
  operations: { id: string; name: string; body: string }[];
};

async function post(token: string, body: unknown) {
  const res = await fetch(platform().gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('trusted documents', () => {
  let token: string;
  beforeAll(async () => {
    token = await tokenFor('lang-son', 'analyst');
  });

  it('the manifest names each operation by the sha256 of its document', () => {
    expect(manifest.operations.length).toBeGreaterThan(0);
    for (const op of manifest.operations) expect(op.id).toBe(createHash('sha256').update(op.body).digest('hex'));
  });

  it('a registered operation runs by its id, in both request shapes', async () => {
    const op = manifest.operations.find((o) => o.name === 'PartnerTenant')!;
    const apollo = await post(token, { extensions: { persistedQuery: { version: 1, sha256Hash: op.id } } });
    expect(apollo.body.data.currentTenant.slug).toBe('lang-son');
    const documentId = await post(token, { documentId: `sha256:${op.id}` });
    expect(documentId.body.data.currentTenant.slug).toBe('lang-son');
  });

  it('an unknown id is PERSISTED_QUERY_NOT_FOUND', async () => {
    const r = await post(token, { extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
