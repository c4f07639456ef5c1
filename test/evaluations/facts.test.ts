import { seedIds } from '@kn/platform';
import { describe, expect, it } from 'vitest';
import { codes, gql, sqlStatements, tokenFor } from '../support/client.js';
import { adminSql, ok } from './support.js';

const FACTS = `query($p: ID!, $y: Int!) { sponsorFacts(programId: $p, year: $y) {
  sponsorId code kind lowland staffCount twinnings twinnedCommunes cashVnd inKindVnd totalVnd poorHouseholdsHelped modelsBuilt
  contributions plansSigned plansSignedOnTime plansSignedLate needsProposals needsProposalsLate planSigned planSignedOnTime needsProposalOnTime } }`;

/** The sponsors subgraph's facts, which the evaluations subgraph rates: one statement, equal to SQL. */
describe('sponsorFacts (sponsors subgraph)', () => {
  const program = seedIds.program('quang-nam', 'QN-1100-2020');

  it('one SQL statement (in one read-only transaction) for every sponsor of Quảng Nam’s 2022, equal to hand-written SQL', async () => {
    const officer = await tokenFor('quang-nam', 'officer');
    const r = await gql(officer, FACTS, { p: program, y: 2022 });
    const facts = ok(r).sponsorFacts;
    // BEGIN READ ONLY with the tenant's settings (one message), the one SELECT, COMMIT — for one sponsor as for all
    expect(await sqlStatements(r.requestId)).toBe(3);
    const partner = await tokenFor('quang-nam', 'sponsor', { scope: { sponsorId: seedIds.sponsor('quang-nam', 'QN-BDT') } });
    const one = await gql(partner, FACTS, { p: program, y: 2022 });
    expect(ok(one).sponsorFacts).toHaveLength(1);
    expect(await sqlStatements(one.requestId)).toBe(3);
    const money = await adminSql(
      `select sponsor_id, sum(cash_vnd + in_kind_vnd)::text as total, sum(poor_households_helped)::int as households, sum(models_built)::int as models
         from sponsors.contribution where tenant_id = 'quang-nam' and program_id = $1 and year = 2022 and status in ('DONE', 'VERIFIED')
        group by sponsor_id`,
      [program],
    );
    const plans = await adminSql(
      `select t.sponsor_id, count(*)::int as twinnings, count(p.id)::int as plans, count(p.id) filter (where p.on_time = false)::int as late
         from sponsors.twinning t left join sponsors.yearly_plan p on p.tenant_id = t.tenant_id and p.twinning_id = t.id and p.year = 2022
        where t.tenant_id = 'quang-nam' and t.program_id = $1 and t.status in ('ACTIVE', 'ENDED') and t.starts_on <= '2022-12-31'
          and (t.ends_on is null or t.ends_on >= '2022-01-01') group by t.sponsor_id`,
      [program],
    );
    expect(facts.length).toBe(new Set([...money.map((m) => m.sponsor_id), ...plans.map((p) => p.sponsor_id)]).size);
    for (const f of facts) {
      const m = money.find((x) => x.sponsor_id === f.sponsorId);
      const p = plans.find((x) => x.sponsor_id === f.sponsorId);
      expect(f, f.code).toMatchObject({
        totalVnd: m?.total ?? '0',
        poorHouseholdsHelped: m?.households ?? 0,
        modelsBuilt: m?.models ?? 0,
        twinnings: p?.twinnings ?? 0,
        plansSigned: p?.plans ?? 0,
        planSigned: !!p && p.plans >= p.twinnings,
        planSignedOnTime: !!p && p.plans >= p.twinnings && p.late === 0,
      });
    }
    expect(facts.find((f: any) => f.code === 'QN-H513')).toMatchObject({ kind: 'DISTRICT', lowland: true, totalVnd: '199999999', twinnedCommunes: 2 });
    expect(facts.find((f: any) => f.code === 'QN-BDT')).toMatchObject({ kind: 'PROVINCIAL_AGENCY', staffCount: 25 });
  });

  it('a partner gets its own row; the national role none', async () => {
    const own = seedIds.sponsor('quang-nam', 'QN-BDT');
    const partner = await tokenFor('quang-nam', 'sponsor', { scope: { sponsorId: own } });
    const rows = ok(await gql(partner, FACTS, { p: program, y: 2022 })).sponsorFacts;
    expect(rows.map((f: any) => f.sponsorId)).toEqual([own]);
    expect(codes(await gql(await tokenFor(null, 'national'), FACTS, { p: program, y: 2022 }))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(partner, FACTS, { p: 'not-an-id', y: 2022 }))).toEqual(['BAD_USER_INPUT']);
  });
});
