import type { ClientBase } from 'pg';
import { inTenant, seedIds, ProvenanceKind, type ProvenanceData } from '@kn/platform';
import { DB_SCHEMA } from '../orm.js';
import { DEMO_SUCCESSIONS, loadTenantSuccessions, type TenantSuccessionSpec } from './succession.js';
import { buildAdminDataset, DEMO_TENANTS, LAST_OLD_DAY, type AdminDataset, type TenantSpec } from './admin-units.js';
import { DEMO_CLASSIFICATIONS, type ClassificationSpec } from './classifications.js';

const S = DB_SCHEMA;

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
           (tenant_id, id, level, code, name, full_name, kind, parent_id, province_id, valid_from, valid_to, search_key,
            latitude, longitude, location_source)
         select * from unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                              $8::uuid[], $9::uuid[], $10::date[], $11::date[], $12::text[],
                              $13::float8[], $14::float8[], $15::text[])
         on conflict do nothing`,
        [col('tenantId'), col('id'), col('level'), col('code'), col('name'), col('fullName'), col('kind'),
         col('parentId'), col('provinceId'), col('validFrom'), col('validTo'), col('searchKey'),
         units.map((u) => u.location?.latitude ?? null), units.map((u) => u.location?.longitude ?? null),
         units.map((u) => u.location?.source ?? null)],
      );
      // a database seeded before positions existed gets them (idempotent: only where none is set)
      const located = units.filter((u) => u.location);
      const positioned = await client.query(
        `update ${S}.admin_unit u set latitude = v.lat, longitude = v.lon, location_source = v.src
           from unnest($2::uuid[], $3::float8[], $4::float8[], $5::text[]) as v(id, lat, lon, src)
          where u.tenant_id = $1 and u.id = v.id and u.latitude is null`,
        [t.slug, located.map((u) => u.id), located.map((u) => u.location!.latitude),
         located.map((u) => u.location!.longitude), located.map((u) => u.location!.source)],
      );
      // the earlier changes (issue #18 §3): a database seeded before them gets the units' days of validity
      const dated = units.filter((u) => u.validFrom !== null);
      const redated = await client.query(
        `update ${S}.admin_unit u set valid_from = v.valid_from
           from unnest($2::uuid[], $3::date[]) as v(id, valid_from)
          where u.tenant_id = $1 and u.id = v.id and u.valid_from is null`,
        [t.slug, dated.map((u) => u.id), dated.map((u) => u.validFrom)],
      );
      const changes = data.changes.filter((c) => c.tenantId === t.slug);
      const recorded = await client.query(
        `insert into ${S}.unit_change (tenant_id, id, kind, level, effective_on, legal_basis, provenance, note, recorded_by)
         select v.tenant_id, v.id, v.kind, v.level, v.effective_on, v.legal_basis, v.provenance, v.note, 'system:seed'
           from unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::date[], $6::text[], $7::jsonb[], $8::text[])
             as v(tenant_id, id, kind, level, effective_on, legal_basis, provenance, note)
         on conflict do nothing`,
        [changes.map((c) => c.tenantId), changes.map((c) => c.id), changes.map((c) => c.kind), changes.map((c) => c.level),
         changes.map((c) => c.effectiveOn), changes.map((c) => c.legalBasis), changes.map((c) => JSON.stringify(c.provenance)),
         changes.map((c) => c.note)],
      );
      const linked = await client.query(
        `insert into ${S}.unit_succession (tenant_id, predecessor_id, successor_id, kind, change_id)
         select * from unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::uuid[]) on conflict do nothing`,
        [links.map((l) => l.tenantId), links.map((l) => l.predecessorId), links.map((l) => l.successorId), links.map((l) => l.kind),
         links.map((l) => l.changeId ?? null)],
      );
      // a database seeded before the 2025 reform's changes were recorded gets its links tied to them
      const tied = links.filter((l) => l.changeId);
      const attached = await client.query(
        `update ${S}.unit_succession s set change_id = v.change_id
           from unnest($2::uuid[], $3::uuid[], $4::uuid[]) as v(predecessor_id, successor_id, change_id)
          where s.tenant_id = $1 and s.predecessor_id = v.predecessor_id and s.successor_id = v.successor_id and s.change_id is null`,
        [t.slug, tied.map((l) => l.predecessorId), tied.map((l) => l.successorId), tied.map((l) => l.changeId)],
      );
      const written = [inserted, positioned, redated, recorded, linked, attached].reduce((n, r) => n + (r.rowCount ?? 0), 0);
      if (written > 0) {
        await audit(client, t.slug, 'seed:admin-units', {
          units: inserted.rowCount, successions: linked.rowCount, locations: positioned.rowCount,
          validFrom: redated.rowCount, changes: recorded.rowCount, linksTied: attached.rowCount,
        });
      }
    });
  }
}

/**
 * A class a commune formed on 1/7/2025 inherits from its predecessor is the platform's reading, not
 * the document's words (the document knew the old commune): an INTERPRETATION of the same words, or
 * the same province setting, saying so.
 */
function inheritedProvenance(p: ProvenanceData): ProvenanceData {
  const note = `Inherited by the commune formed on 1/7/2025 from a classified commune (the platform’s reading). ${p.note ?? ''}`.trim();
  return p.kind === 'DOCUMENT' ? { ...p, kind: ProvenanceKind.INTERPRETATION, note } : { ...p, note };
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
        // the units of those codes on 30/6/2025, and their earlier states (issue #18 §3: the district of
        // Nông Sơn ended on 31/12/2024; a code kept under another name is the same place before)
        const direct = await client.query(
          `with target as (
             select u.id from ${S}.admin_unit u
              where u.tenant_id = $1 and (u.id = any($4::uuid[])
                 or (u.level = $7 and u.code = any($8::text[]) and u.valid_to < '${LAST_OLD_DAY}')))
           insert into ${S}.unit_classification (tenant_id, unit_id, classification, source, provenance)
           select $1, u.id, $2, $3, $6::jsonb from ${S}.admin_unit u
            where u.tenant_id = $1 and (u.id in (select id from target) or ($5 and u.parent_id in (select id from target)))
           on conflict do nothing`,
          [tenant, spec.classification, spec.source, ids, spec.withCommunes ?? false, JSON.stringify(spec.provenance), spec.level, spec.codes],
        );
        n += direct.rowCount ?? 0;
        if (spec.classification === 'BORDER' || spec.classification === 'ETHNIC_MINORITY_MOUNTAINOUS') {
          const inherited = await client.query(
            `insert into ${S}.unit_classification (tenant_id, unit_id, classification, source, provenance)
             select distinct $1, s.successor_id, $2, 'kế thừa từ đơn vị trước 1/7/2025: ' || $3, $4::jsonb
               from ${S}.unit_succession s
               join ${S}.unit_classification c on c.tenant_id = s.tenant_id and c.unit_id = s.predecessor_id
               join ${S}.admin_unit u on u.tenant_id = s.tenant_id and u.id = s.successor_id and u.level = 'COMMUNE'
              where s.tenant_id = $1 and c.classification = $2
             on conflict do nothing`,
            [tenant, spec.classification, spec.source, JSON.stringify(inheritedProvenance(spec.provenance))],
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
  successions?: TenantSuccessionSpec[];
}

/** The demo data of this subgraph: the two demo tenants' real units and their classifications. */
export async function seedCommunes(client: ClientBase, opts: CommunesSeedOptions = {}): Promise<void> {
  await loadAdminDataset(client, buildAdminDataset(opts.tenants ?? DEMO_TENANTS));
  await loadClassifications(client, opts.classifications ?? DEMO_CLASSIFICATIONS);
  await loadTenantSuccessions(client, opts.successions ?? DEMO_SUCCESSIONS);
}

export { buildAdminDataset, DEMO_TENANTS, nationalTenants } from './admin-units.js';
