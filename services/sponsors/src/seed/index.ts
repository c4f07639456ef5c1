import type { ClientBase } from 'pg';
import { fold, inTenant, seedReviewChains } from '@kn/platform';
import { DB_SCHEMA } from '../orm.js';
import { demoTenants, type DemoTenant } from './demo.js';
import { REVIEW_CHAINS } from './review-chains.js';

const S = DB_SCHEMA;

const col = <T, K extends keyof T>(rows: T[], k: K) => rows.map((r) => r[k]);
const str = <T, K extends keyof T>(rows: T[], k: K) => rows.map((r) => (r[k] == null ? null : String(r[k])));

/** Loads one tenant's demo data, table by table, in one transaction. Idempotent (existing rows stay). */
export async function loadDemoTenant(client: ClientBase, t: DemoTenant): Promise<Record<string, number>> {
  return inTenant(client, t.slug, async () => {
    const n: Record<string, number> = {};
    const tenant = (rows: unknown[]) => rows.map(() => t.slug);
    n.deadlines = (
      await client.query(
        `insert into ${S}.cycle_deadline (tenant_id, step, month, day, source, effective_from, provenance)
         select u.tenant_id, u.step, u.month, u.day, u.source, u.effective_from, u.provenance::jsonb
           from unnest($1::text[], $2::text[], $3::smallint[], $4::smallint[], $5::text[], $6::date[], $7::text[])
             as u(tenant_id, step, month, day, source, effective_from, provenance)
         on conflict do nothing`,
        [tenant(t.deadlines), col(t.deadlines, 'step'), col(t.deadlines, 'month'), col(t.deadlines, 'day'), col(t.deadlines, 'source'),
         col(t.deadlines, 'effectiveFrom'), t.deadlines.map((d) => JSON.stringify(d.provenance))],
      )
    ).rowCount ?? 0;
    const sp = t.sponsors;
    n.sponsors = (
      await client.query(
        `insert into ${S}.sponsor (tenant_id, id, code, name, search_key, kind, staff_count, lowland, inside_province,
                                   district_id, contact_name, contact_phone)
         select * from unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[],
                              $8::boolean[], $9::boolean[], $10::uuid[], $11::text[], $12::text[])
         on conflict do nothing`,
        [tenant(sp), col(sp, 'id'), col(sp, 'code'), col(sp, 'name'), sp.map((s) => fold(`${s.name} ${s.code}`)), col(sp, 'kind'),
         col(sp, 'staffCount'), col(sp, 'lowland'), col(sp, 'insideProvince'), col(sp, 'districtId'), col(sp, 'contactName'),
         col(sp, 'contactPhone')],
      )
    ).rowCount ?? 0;
    const tw = t.twinnings;
    n.twinnings = (
      await client.query(
        `insert into ${S}.twinning (tenant_id, id, code, sponsor_id, commune_id, program_id, signed_on, starts_on, ends_on,
                                    status, successor_commune_id, note)
         select * from unnest($1::text[], $2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::date[], $8::date[],
                              $9::date[], $10::text[], $11::uuid[], $12::text[])
         on conflict do nothing`,
        [tenant(tw), col(tw, 'id'), col(tw, 'code'), col(tw, 'sponsorId'), col(tw, 'communeId'), col(tw, 'programId'),
         col(tw, 'signedOn'), col(tw, 'startsOn'), col(tw, 'endsOn'), col(tw, 'status'), col(tw, 'successorCommuneId'), col(tw, 'note')],
      )
    ).rowCount ?? 0;
    for (const [table, dateCol, docs] of [
      ['needs_proposal', 'submitted_on', t.proposals],
      ['yearly_plan', 'signed_on', t.plans],
    ] as const) {
      n[table] = (
        await client.query(
          `insert into ${S}.${table} (tenant_id, id, twinning_id, year, ${dateCol}, deadline, on_time, note)
           select * from unnest($1::text[], $2::uuid[], $3::uuid[], $4::smallint[], $5::date[], $6::date[], $7::boolean[], $8::text[])
           on conflict do nothing`,
          [tenant(docs), col(docs, 'id'), col(docs, 'twinningId'), col(docs, 'year'), col(docs, 'on'), col(docs, 'deadline'),
           col(docs, 'onTime'), col(docs, 'note')],
        )
      ).rowCount ?? 0;
    }
    const ni = t.needsItems;
    n.needs_item = (
      await client.query(
        `insert into ${S}.needs_item (tenant_id, id, proposal_id, position, category, description, estimated_cost_vnd)
         select * from unnest($1::text[], $2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::text[], $7::bigint[])
         on conflict do nothing`,
        [tenant(ni), col(ni, 'id'), col(ni, 'proposalId'), col(ni, 'position'), col(ni, 'category'), col(ni, 'description'),
         str(ni, 'estimatedCostVnd')],
      )
    ).rowCount ?? 0;
    const pi = t.planItems;
    n.plan_item = (
      await client.query(
        `insert into ${S}.plan_item (tenant_id, id, plan_id, position, content, place, beneficiaries, funding_vnd, schedule)
         select * from unnest($1::text[], $2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::text[])
         on conflict do nothing`,
        [tenant(pi), col(pi, 'id'), col(pi, 'planId'), col(pi, 'position'), col(pi, 'content'), col(pi, 'place'),
         col(pi, 'beneficiaries'), str(pi, 'fundingVnd'), col(pi, 'schedule')],
      )
    ).rowCount ?? 0;
    // originals first, then the reversals that reference them
    let contributions = 0;
    for (const batch of [t.contributions.filter((c) => !c.reversesId), t.contributions.filter((c) => c.reversesId)]) {
      contributions += (
        await client.query(
          `insert into ${S}.contribution (tenant_id, id, twinning_id, sponsor_id, commune_id, program_id, contributed_on, category,
                                          description, cash_vnd, in_kind_vnd, poor_households_helped, models_built, model_kind,
                                          people_trained, beneficiaries, status, reverses_id, reversal_reason, created_by)
           select u.*, 'system:seed' from unnest($1::text[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::date[],
                              $8::text[], $9::text[], $10::bigint[], $11::bigint[], $12::int[], $13::int[], $14::text[], $15::int[],
                              $16::int[], $17::text[], $18::uuid[], $19::text[]) as u
           on conflict do nothing`,
          [tenant(batch), col(batch, 'id'), col(batch, 'twinningId'), col(batch, 'sponsorId'), col(batch, 'communeId'),
           col(batch, 'programId'), col(batch, 'contributedOn'), col(batch, 'category'), col(batch, 'description'),
           str(batch, 'cashVnd'), str(batch, 'inKindVnd'), col(batch, 'poorHouseholdsHelped'), col(batch, 'modelsBuilt'),
           col(batch, 'modelKind'), col(batch, 'peopleTrained'), col(batch, 'beneficiaries'), col(batch, 'status'),
           col(batch, 'reversesId'), col(batch, 'reversalReason')],
        )
      ).rowCount ?? 0;
    }
    n.contributions = contributions;
    n.review_chain = await seedReviewChains(client, t.slug, S, REVIEW_CHAINS[t.slug] ?? []);
    if (Object.values(n).some((v) => v > 0)) {
      await client.query(
        `insert into ${S}.audit_log (tenant_id, actor, actor_roles, via, operation, changes, before, after)
         values ($1, 'system:seed', '{}', 'service', 'seed:sponsors', '[]', '{}', $2)`,
        [t.slug, JSON.stringify(n)],
      );
    }
    return n;
  });
}

/**
 * The demo data of this subgraph (see demo.ts): both demo tenants, loaded as the owner role with the
 * tenant set per transaction. Idempotent.
 */
export async function seedSponsors(client: ClientBase, tenants: DemoTenant[] = demoTenants()): Promise<void> {
  for (const t of tenants) await loadDemoTenant(client, t);
}

export { demoTenants } from './demo.js';
