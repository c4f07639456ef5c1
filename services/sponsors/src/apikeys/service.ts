import {
  forbidden,
  hashApiKeySecret,
  isUuid,
  makeApiKeySecret,
  newId,
  notFound,
  parseApiKeySecret,
  requiredText,
} from '@kn/platform';
import { timingSafeEqual } from 'node:crypto';
import type { Ctx } from '../loaders.js';
import { ApiKeyEntity, type ApiKeyRow } from './entities.js';
import { ApiKeyStatus } from './types.js';

/**
 * Partner API keys. An admin creates a key for one of the province's sponsors (the secret is
 * returned once; only its SHA-256 is stored), lists and revokes them. The gateway checks a presented
 * key on every request (`apiKeyCheck`, reachable only with the gateway's service identity), so a
 * revoked key is refused from the next request on.
 */
export class ApiKeysService {
  async create(ctx: Ctx, sponsorId: string, name: string): Promise<{ secret: string; key: ApiKeyRow }> {
    ctx.authorize('sponsors.apiKeys');
    const tenant = ctx.tenant;
    const label = requiredText(name, 'name', 200);
    const sponsor = isUuid(sponsorId) ? await ctx.loaders.sponsorById.load(sponsorId) : null;
    if (!sponsor) throw notFound('Sponsor', { field: 'sponsorId' });
    const id = newId();
    const secret = makeApiKeySecret(tenant, id);
    const key = await ctx.write('createApiKey', async (em) =>
      em.create(ApiKeyEntity, {
        tenantId: tenant,
        id,
        sponsorId: sponsor.id,
        name: label,
        secretHash: hashApiKeySecret(secret),
        createdAt: new Date(),
        createdBy: ctx.identity.subject,
        revokedAt: null,
        revokedBy: null,
      }),
    );
    return { secret, key };
  }

  async list(ctx: Ctx): Promise<ApiKeyRow[]> {
    ctx.authorize('sponsors.apiKeys');
    const em = await ctx.em();
    return em.find(ApiKeyEntity, { tenantId: ctx.tenant }, { orderBy: { createdAt: 'desc', id: 'asc' } });
  }

  async revoke(ctx: Ctx, id: string): Promise<ApiKeyRow> {
    ctx.authorize('sponsors.apiKeys');
    const tenant = ctx.tenant;
    if (!isUuid(id)) throw notFound('API key', { field: 'id' });
    return ctx.write('revokeApiKey', async (em) => {
      const key = await em.findOne(ApiKeyEntity, { tenantId: tenant, id });
      if (!key) throw notFound('API key', { field: 'id' });
      if (!key.revokedAt) {
        key.revokedAt = new Date();
        key.revokedBy = ctx.identity.subject;
      }
      return key;
    });
  }

  /** The gateway's question "whose is this key?" — only for the gateway's own service identity. */
  async check(ctx: Ctx, secret: string): Promise<{ status: ApiKeyStatus; keyId: string | null; sponsorId: string | null }> {
    if (ctx.identity.via !== 'service') throw forbidden('Only the gateway checks API keys');
    const unknown = { status: ApiKeyStatus.UNKNOWN, keyId: null, sponsorId: null };
    const parsed = parseApiKeySecret(secret);
    if (!parsed || parsed.tenant !== ctx.identity.tenant) return unknown;
    const em = await ctx.em();
    const key = await em.findOne(ApiKeyEntity, { tenantId: parsed.tenant, id: parsed.keyId });
    if (!key) return unknown;
    const presented = Buffer.from(hashApiKeySecret(secret), 'hex');
    if (!timingSafeEqual(presented, Buffer.from(key.secretHash, 'hex'))) return unknown;
    if (key.revokedAt) return { status: ApiKeyStatus.REVOKED, keyId: key.id, sponsorId: key.sponsorId };
    return { status: ApiKeyStatus.VALID, keyId: key.id, sponsorId: key.sponsorId };
  }
}

export const apiKeysService = new ApiKeysService();
