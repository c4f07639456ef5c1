import { randomBytes } from 'node:crypto';
import { buildAdminDataset } from '@kn/communes/seed/admin-units';
import { loadAdminDataset } from '@kn/communes/seed/index';
import { platform, withDb } from './client.js';

/**
 * A fresh tenant for a test that writes, so tests never depend on each other's leftovers.
 * It owns the real units of one small province (Cao Bằng, 04, by default).
 */
export async function createTestTenant(prefix = 't', province = '04'): Promise<string> {
  const slug = `${prefix}-${randomBytes(4).toString('hex')}`;
  await withDb(platform().dbUrls.communes!.owner, (c) =>
    loadAdminDataset(c, buildAdminDataset([{ slug, name: `Test ${slug}`, oldProvinces: [province], newProvinces: [province] }])),
  );
  return slug;
}
