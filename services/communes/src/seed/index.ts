import type { ClientBase } from 'pg';
import { seedIds } from '@kn/platform';
import { DB_SCHEMA } from '../orm.js';
import { buildAdminDataset, DEMO_TENANTS, type AdminDataset, type TenantSpec } from './admin-units.js';
import { DEMO_CLASSIFICATIONS, type ClassificationSpec } from './classifications.js';

const S = DB_SCHEMA;

async function inTenant<T>(client: ClientBase, tenant: string, fn: () => Promise<T>): Promise<T> {
  await client.query('begin');
  try {
    await client.query(`select set_config('app.tenant_id', $1, true), set_config('app.read_all', 'off', true)`, [tenant]);
    const result = await fn();
    await client.query('commit');
    return result;
  } catch (e) {
    await client.query('rollback');
    throw e;
  }
}

async function audit(client: ClientBase, tenant: string, operation: string, after: Record<string, unknown>) {
  await client.query(
    `insert into ${S}.audit_log (tenant_id, actor, actor_roles, via, operation, changes, before, after)
     values ($1, 'system:seed', '{}', 'service', $2, '[]', '{}', $3)`,
    [tenant, operation, JSON.stringify(after)],
  );
}

/** Loads units and succession links, tenant by tenant, with RLS in force. Idempotent. */
export async function loadAdminDataset(client: ClientBase, data: AdminDataset): Promise<void> {
  for (const t of data.tenants) {
    const units = data.units.filter((u) => u.tenantId === t.slug);
    const links = data.successions.filter((s) => s.tenantId === t.slug);
    await inTenant(client, t.slug, async () => {
      await client.query(
        `insert into ${S}.tenant (tenant_id, name, province_codes) values ($1, $2, $3)
         on conflict (tenant_id) do update set name = excluded.name, province_codes = excluded.province_codes`,
        [t.slug, t.name, [...new Set([...t.oldProvinces, ...t.newProvinces])]],
      );
      const col = <K extends keyof (typeof units)[number]>(k: K) => units.map((u) => u[k]);
      const inserted = await client.query(
        `insert into ${S}.admin_unit
           (tenant_id, id, level, code, name, full_name, kind, parent_id, province_id, valid_from, valid_to, search_key)
         select * from unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                              $8::uuid[], $9::uuid[], $10::date[], $11::date[], $12::text[])
         on conflict do nothing`,
        [col('tenantId'), col('id'), col('level'), col('code'), col('name'), col('fullName'), col('kind'),
         col('parentId'), col('provinceId'), col('validFrom'), col('validTo'), col('searchKey')],
      );
      const linked = await client.query(
        `insert into ${S}.unit_succession (tenant_id, predecessor_id, successor_id, kind)
         select * from unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[]) on conflict do nothing`,
        [links.map((l) => l.tenantId), links.map((l) => l.predecessorId), links.map((l) => l.successorId), links.map((l) => l.kind)],
      );
      if ((inserted.rowCount ?? 0) + (linked.rowCount ?? 0) > 0) {
        await audit(client, t.slug, 'seed:admin-units', { units: inserted.rowCount, successions: linked.rowCount });
      }
    });
  }
}

/** Applies classifications; successors of classified communes inherit BORDER / mountainous classes. */
export async function loadClassifications(client: ClientBase, specs: ClassificationSpec[]): Promise<void> {
  const byTenant = new Map<string, ClassificationSpec[]>();
  for (const s of specs) byTenant.set(s.tenant, [...(byTenant.get(s.tenant) ?? []), s]);
  for (const [tenant, list] of byTenant) {
    await inTenant(client, tenant, async () => {
      let n = 0;
      for (const spec of list) {
        const ids = spec.codes.map((c) => seedIds.unit(tenant, spec.level, c, 'old'));
        const direct = await client.query(
          `insert into ${S}.unit_classification (tenant_id, unit_id, classification, source)
           select $1, u.id, $2, $3 from ${S}.admin_unit u
            where u.tenant_id = $1 and (u.id = any($4::uuid[]) or ($5 and u.parent_id = any($4::uuid[])))
           on conflict do nothing`,
          [tenant, spec.classification, spec.source, ids, spec.withCommunes ?? false],
        );
        n += direct.rowCount ?? 0;
        if (spec.classification === 'BORDER' || spec.classification === 'ETHNIC_MINORITY_MOUNTAINOUS') {
          const inherited = await client.query(
            `insert into ${S}.unit_classification (tenant_id, unit_id, classification, source)
             select distinct $1, s.successor_id, $2, 'kế thừa từ đơn vị trước 1/7/2025: ' || $3
               from ${S}.unit_succession s
               join ${S}.unit_classification c on c.tenant_id = s.tenant_id and c.unit_id = s.predecessor_id
               join ${S}.admin_unit u on u.tenant_id = s.tenant_id and u.id = s.successor_id and u.level = 'COMMUNE'
              where s.tenant_id = $1 and c.classification = $2
             on conflict do nothing`,
            [tenant, spec.classification, spec.source],
          );
          n += inherited.rowCount ?? 0;
        }
      }
      if (n > 0) await audit(client, tenant, 'seed:classifications', { classifications: n });
    });
  }
}

export interface CommunesSeedOptions {
  tenants?: TenantSpec[];
  classifications?: ClassificationSpec[];
}

/** The demo data of this subgraph: the two demo tenants' real units and their classifications. */
export async function seedCommunes(client: ClientBase, opts: CommunesSeedOptions = {}): Promise<void> {
  await loadAdminDataset(client, buildAdminDataset(opts.tenants ?? DEMO_TENANTS));
  await loadClassifications(client, opts.classifications ?? DEMO_CLASSIFICATIONS);
}

export { buildAdminDataset, DEMO_TENANTS, nationalTenants } from './admin-units.js';
