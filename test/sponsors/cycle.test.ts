import { beforeAll, describe, expect, it } from 'vitest';
import { codes, gql, tokenFor } from '../support/client.js';
import { adminSql, auditRowsOf, ok, writableTenant, type WritableTenant } from './support.js';

const NEEDS = `mutation($i: SubmitNeedsProposalInput!) { submitNeedsProposal(input: $i) {
  id year submittedOn deadline timeliness version items { category description estimatedCostVnd } twinning { code } } }`;
const PLAN = `mutation($i: SignYearlyPlanInput!) { signYearlyPlan(input: $i) {
  id year signedOn deadline timeliness version items { content place beneficiaries fundingVnd schedule } } }`;

describe('the yearly cycle against deadlines stored as data', () => {
  // QĐ 1100 is dated "ngày 16 tháng 4 năm 2020": its "Trước ngày 31/3 hằng năm" binds no plan of 2020
  it('seeded Quảng Nam: deadlines 28/02 and 31/03 from 16/4/2020; 2020 plans have no deadline (the decision came in April), later years mixed', async () => {
    const qn = await tokenFor('quang-nam', 'analyst');
    const r = ok(await gql(qn, `{
      cycleDeadlines { step month day source effectiveFrom provenance { kind section } }
      y2020: yearlyPlans(filter: { year: 2020 }, first: 500) { totalCount nodes { timeliness deadline signedOn } }
      late: yearlyPlans(filter: { year: 2023, timeliness: LATE }) { totalCount }
      onTime: yearlyPlans(filter: { year: 2023, timeliness: ON_TIME }) { totalCount }
      needsLate: needsProposals(filter: { year: 2023, timeliness: LATE }) { totalCount nodes { submittedOn deadline } } }`));
    expect(r.cycleDeadlines.map((d: any) => `${d.step} ${d.day}/${d.month}`)).toEqual(['NEEDS_PROPOSAL 28/2', 'YEARLY_PLAN 31/3']);
    expect(r.y2020.totalCount).toBeGreaterThan(10);
    expect(r.cycleDeadlines.map((d: any) => [d.effectiveFrom, d.provenance])).toEqual([
      ['2020-04-16', { kind: 'DOCUMENT', section: 'III.2.2.c' }],
      ['2020-04-16', { kind: 'DOCUMENT', section: 'III.2.1.c' }],
    ]);
    for (const p of r.y2020.nodes) expect(p).toMatchObject({ timeliness: 'NO_DEADLINE', deadline: null });
    expect(r.late.totalCount).toBeGreaterThan(0);
    expect(r.onTime.totalCount).toBeGreaterThan(r.late.totalCount);
    for (const n of r.needsLate.nodes) expect(n.submittedOn > n.deadline).toBe(true);
    // some twinnings have no plan at all for a year: what evaluations rate as "no signed plan"
    const [missing] = await adminSql(
      `select count(*)::int as n from sponsors.twinning t where t.tenant_id = 'quang-nam' and t.status = 'ACTIVE' and t.starts_on < '2023-01-01'
          and not exists (select 1 from sponsors.yearly_plan p where p.tenant_id = t.tenant_id and p.twinning_id = t.id and p.year = 2023)`,
    );
    expect(missing.n).toBeGreaterThan(0);
  });

  it('seeded Lạng Sơn has no deadlines: its plans are recorded without one', async () => {
    const ls = await tokenFor('lang-son', 'analyst');
    const r = ok(await gql(ls, `{ cycleDeadlines { step } yearlyPlans(first: 500) { totalCount nodes { timeliness deadline } } }`));
    expect(r.cycleDeadlines).toEqual([]);
    expect(r.yearlyPlans.totalCount).toBeGreaterThan(0);
    for (const p of r.yearlyPlans.nodes) expect(p).toEqual({ timeliness: 'NO_DEADLINE', deadline: null });
  });

  describe('in a province of its own', () => {
    let t: WritableTenant;
    beforeAll(async () => {
      t = await writableTenant('cyc');
    });

    it('without deadlines nothing is late; an admin sets them (an officer may not), audited', async () => {
      const before = ok(await gql(t.officer, NEEDS, { i: { twinningId: t.twinningA, year: 2021, submittedOn: '2021-06-01', items: [] } }));
      expect(before.submitNeedsProposal).toMatchObject({ timeliness: 'NO_DEADLINE', deadline: null });
      expect(codes(await gql(t.officer, `mutation { setCycleDeadline(step: NEEDS_PROPOSAL, month: 2, day: 28) { step } }`))).toEqual(['FORBIDDEN']);
      const set = await gql(t.admin, `mutation { a: setCycleDeadline(step: NEEDS_PROPOSAL, month: 2, day: 28, source: "QĐ thử") { step month day version } }`);
      expect(ok(set).a).toEqual({ step: 'NEEDS_PROPOSAL', month: 2, day: 28, version: 1 });
      expect(await auditRowsOf(set.requestId)).toHaveLength(1);
      ok(await gql(t.admin, `mutation { setCycleDeadline(step: YEARLY_PLAN, month: 3, day: 31) { step } }`));
      expect(codes(await gql(t.admin, `mutation { setCycleDeadline(step: YEARLY_PLAN, month: 2, day: 30) { step } }`))).toEqual(['BAD_USER_INPUT']);
      // a deadline set later does not rewrite what was recorded
      const again = ok(await gql(t.analyst, `{ needsProposals(filter: { twinningId: "${t.twinningA}" }) { nodes { year timeliness } } }`));
      expect(again.needsProposals.nodes).toEqual([{ year: 2021, timeliness: 'NO_DEADLINE' }]);
    });

    it('a needs proposal by 28/02 is on time; after it, late — recorded, not refused', async () => {
      const onTime = ok(await gql(t.officer, NEEDS, {
        i: { twinningId: t.twinningA, year: 2024, submittedOn: '2024-02-28', note: 'Đề xuất của xã',
          items: [{ category: 'INFRASTRUCTURE', description: 'Bê tông hóa 1 km đường thôn', estimatedCostVnd: '350000000' }] },
      })).submitNeedsProposal;
      expect(onTime).toMatchObject({ year: 2024, deadline: '2024-02-28', timeliness: 'ON_TIME', twinning: { code: 'TW-A' } });
      expect(onTime.items).toEqual([{ category: 'INFRASTRUCTURE', description: 'Bê tông hóa 1 km đường thôn', estimatedCostVnd: '350000000' }]);
      const late = ok(await gql(t.officer, NEEDS, { i: { twinningId: t.twinningB, year: 2024, submittedOn: '2024-02-29', items: [] } }));
      expect(late.submitNeedsProposal).toMatchObject({ deadline: '2024-02-28', timeliness: 'LATE' });
      const dup = await gql(t.officer, NEEDS, { i: { twinningId: t.twinningA, year: 2024, submittedOn: '2024-02-01', items: [] } });
      expect(codes(dup)).toEqual(['CONFLICT']);
      // the needs come from the commune: a sponsor does not record them
      expect(codes(await gql(t.partnerA, NEEDS, { i: { twinningId: t.twinningA, year: 2025, submittedOn: '2025-01-01', items: [] } }))).toEqual(['FORBIDDEN']);
      // moving the date re-flags it; the version moves on
      const moved = ok(await gql(t.officer, `mutation { updateNeedsProposal(input: { id: "${onTime.id}", version: 1, submittedOn: "2024-03-05",
          items: [{ category: HEALTH, description: "Khám bệnh", estimatedCostVnd: 5 }] }) { timeliness version items { category } } }`));
      expect(moved.updateNeedsProposal).toEqual({ timeliness: 'LATE', version: 2, items: [{ category: 'HEALTH' }] });
      expect(codes(await gql(t.officer, `mutation { updateNeedsProposal(input: { id: "${onTime.id}", version: 1, note: "x" }) { id } }`))).toEqual(['CONFLICT']);
    });

    it('a sponsor signs the plan of its own twinning (late is recorded), not of another', async () => {
      const items = [{ content: 'Hỗ trợ bò giống', place: 'Thôn Nà Mò', beneficiaries: '10 hộ nghèo', fundingVnd: '150000000', schedule: 'Quý II' }];
      const mine = await gql(t.partnerA, PLAN, { i: { twinningId: t.twinningA, year: 2024, signedOn: '2024-04-02', items } });
      expect(ok(mine).signYearlyPlan).toMatchObject({ year: 2024, signedOn: '2024-04-02', deadline: '2024-03-31', timeliness: 'LATE', items });
      expect(await auditRowsOf(mine.requestId)).toHaveLength(1);
      const theirs = await gql(t.partnerA, PLAN, { i: { twinningId: t.twinningB, year: 2024, signedOn: '2024-03-02', items: [] } });
      expect(codes(theirs)).toEqual(['NOT_FOUND']);
      const officer = ok(await gql(t.officer, PLAN, { i: { twinningId: t.twinningB, year: 2024, signedOn: '2024-03-31', items: [] } }));
      expect(officer.signYearlyPlan.timeliness).toBe('ON_TIME');
      expect(codes(await gql(t.partnerA, `mutation { updateYearlyPlan(input: { id: "${officer.signYearlyPlan.id}", version: 1, note: "x" }) { id } }`))).toEqual(['NOT_FOUND']);
      const outside = await gql(t.officer, PLAN, { i: { twinningId: t.twinningB, year: 2019, signedOn: '2019-03-01', items: [] } });
      expect(codes(outside)).toEqual(['BAD_USER_INPUT']);
      const plans = ok(await gql(t.partnerA, `{ yearlyPlans { totalCount nodes { twinning { code } } } twinning(id: "${t.twinningA}") { plan(year: 2024) { timeliness } plans { year } } }`));
      expect(plans.yearlyPlans.nodes.map((p: any) => p.twinning.code)).toEqual(['TW-A']);
      expect(plans.twinning).toEqual({ plan: { timeliness: 'LATE' }, plans: [{ year: 2024 }] });
    });

    it('29/02 as a deadline falls on 28/02 in common years', async () => {
      ok(await gql(t.admin, `mutation { setCycleDeadline(step: NEEDS_PROPOSAL, month: 2, day: 29) { step } }`));
      const r = ok(await gql(t.officer, NEEDS, { i: { twinningId: t.twinningA, year: 2023, submittedOn: '2023-02-28', items: [] } }));
      expect(r.submitNeedsProposal).toMatchObject({ deadline: '2023-02-28', timeliness: 'ON_TIME' });
      expect(ok(await gql(t.admin, `mutation { removeCycleDeadline(step: NEEDS_PROPOSAL) }`)).removeCycleDeadline).toBe(true);
      const none = ok(await gql(t.officer, NEEDS, { i: { twinningId: t.twinningA, year: 2025, submittedOn: '2025-12-01', items: [] } }));
      expect(none.submitNeedsProposal.timeliness).toBe('NO_DEADLINE');
    });
  });
});
