import type { MikroORM } from '@mikro-orm/postgresql';
import { READ_ALL_SETTING, TENANT_SETTING, type BackgroundTask } from '@kn/platform';
import { sponsorsEnv } from '../env.js';

const NEVER_ATTACHED = `not exists (select 1 from sponsors.file_attachment a where a.tenant_id = f.tenant_id and a.file_id = f.id)`;

/**
 * Removes the uploads never attached that came before `now - maxAgeMs`, tenant by tenant: one
 * transaction per tenant, with that tenant set for row-level security (forced here as everywhere),
 * and one audit row per tenant naming every file removed (actor `system:files-sweep`). The clock is
 * an argument so that a test can run the sweep "a day later".
 */
export async function sweepUnattachedFiles(orm: MikroORM, opts: { now: Date; maxAgeMs: number }): Promise<{ removed: number; tenants: number }> {
  const cutoff = new Date(opts.now.getTime() - opts.maxAgeMs);
  // which tenants have some: the read-all setting lets a read (never a write) see every tenant
  const tenants = await orm.em.fork().transactional(async (em) => {
    await em.execute(`select set_config('${READ_ALL_SETTING}', 'on', true)`);
    const rows = await em.execute(`select distinct f.tenant_id from sponsors.stored_file f where f.uploaded_at < ? and ${NEVER_ATTACHED}`, [cutoff]);
    return rows.map((r) => r.tenant_id as string);
  });
  let removed = 0;
  for (const tenant of tenants) {
    removed += await orm.em.fork().transactional(async (em) => {
      await em.execute(`select set_config('${TENANT_SETTING}', ?, true)`, [tenant]);
      const gone = await em.execute(
        `delete from sponsors.stored_file f where f.tenant_id = ? and f.uploaded_at < ? and ${NEVER_ATTACHED}
         returning f.id, f.name, f.content_type, f.size_bytes, f.sha256, f.uploaded_by, f.uploaded_at`,
        [tenant, cutoff],
      );
      if (gone.length === 0) return 0;
      const before = Object.fromEntries(gone.map((g) => [`StoredFile:${tenant}~~~${g.id}`, { ...g, size_bytes: String(g.size_bytes) }]));
      await em.execute(
        `insert into sponsors.audit_log (tenant_id, actor, actor_roles, via, request_id, operation, changes, before, after)
         values (?, 'system:files-sweep', '{}', 'service', null, 'sweepUnattachedFiles', ?::jsonb, ?::jsonb, ?::jsonb)`,
        [
          tenant,
          JSON.stringify(gone.map((g) => ({ entity: 'StoredFile', key: `${tenant}~~~${g.id}`, type: 'delete' }))),
          JSON.stringify(before),
          JSON.stringify(Object.fromEntries(Object.keys(before).map((k) => [k, null]))),
        ],
      );
      return gone.length;
    });
  }
  return { removed, tenants: tenants.length };
}

/** The sponsors subgraph's periodic sweep (FILES_SWEEP_EVERY_SECONDS, FILES_UNATTACHED_TTL_HOURS). */
export const filesSweep = (): BackgroundTask => {
  const env = sponsorsEnv();
  return {
    name: 'sweepUnattachedFiles',
    everyMs: env.FILES_SWEEP_EVERY_SECONDS * 1000,
    run: (orm, now) => sweepUnattachedFiles(orm, { now, maxAgeMs: env.FILES_UNATTACHED_TTL_HOURS * 3600_000 }),
  };
};
