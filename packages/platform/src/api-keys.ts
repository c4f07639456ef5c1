import { createHash, randomBytes } from 'node:crypto';

/**
 * Partner API keys: `knk.<tenant>.<key id as 32 hex>.<64 hex of randomness>`. The tenant and key id
 * let the gateway ask the right tenant (row-level security applies to the lookup as to everything
 * else); only the SHA-256 of the whole secret is stored. 256 random bits need no slow hash.
 */
const KEY_RE = /^knk\.([a-z0-9][a-z0-9-]{0,62})\.([0-9a-f]{32})\.([0-9a-f]{64})$/;

export function makeApiKeySecret(tenant: string, keyId: string): string {
  return `knk.${tenant}.${keyId.replace(/-/g, '')}.${randomBytes(32).toString('hex')}`;
}

export function parseApiKeySecret(secret: string): { tenant: string; keyId: string } | null {
  const m = KEY_RE.exec(secret);
  if (!m) return null;
  const h = m[2]!;
  return { tenant: m[1]!, keyId: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}` };
}

export const hashApiKeySecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');
