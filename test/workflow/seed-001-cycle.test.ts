import { beforeAll, describe, expect, it } from 'vitest';
import { codes, gql, tokenFor } from '../support/client.js';
import { dayFromToday, eventually, notificationsOf } from '../notifications/support.js';
import { CREATE_TWINNING, ok, writableTenant, type WritableTenant } from '../sponsors/support.js';

/**
 * Issue #14, "Done when": seed 001's yearly cycle end to end through the gateway
 * (docs/WORKFLOW.md "Seen end to end"). Year 2024, before the reform of 1/7/2025, so the chain has
 * its district level (commune → district → province; agency → district → province for plans).
 *
 * - a commune-scoped officer sends its needs proposal before 28/02 (seed 001 III.2.2.c);
 * - the district's officer returns it with a reason; the commune corrects and sends it again;
 * - a department's (agency-scoped) officer signs and sends its yearly plan before 31/03 (III.2.1.c);
 * - the province accepts both;
 * - each sees only its part: another commune's officer gets NOT_FOUND and empty lists;
 * - each is told by the worker (SUBMITTED / RETURNED / ACCEPTED in its own `notifications`), and
 *   reminded before a deadline (DEADLINE_APPROACHING). The worker's reminder scan judges "today" by
 *   the real day in Việt Nam (`todayInVietnam()` in services/worker; no clock can be injected), so
 *   the reminder is made honestly: the province moves this year's deadlines to a few days from
 *   today with `setCycleDeadline`, as an admin may, and nobody has sent this year's documents yet.
 */
const NP = `id status version submittedOn timeliness history { by byLevel from to reason }`;
const YP = `id status version signedOn timeliness history { by byLevel from to reason }`;
const SUBMIT = `mutation($i: SubmitNeedsProposalInput!) { submitNeedsProposal(input: $i) { ${NP} } }`;
const UPDATE = `mutation($i: UpdateNeedsProposalInput!) { updateNeedsProposal(input: $i) { ${NP} } }`;
const RESUBMIT = `mutation($id: ID!, $v: Int!) { resubmitNeedsProposal(id: $id, version: $v) { ${NP} } }`;
const RETURN = `mutation($id: ID!, $v: Int!, $r: String!) { returnNeedsProposal(id: $id, version: $v, reason: $r) { ${NP} } }`;
const ACCEPT = `mutation($id: ID!, $v: Int!) { acceptNeedsProposal(id: $id, version: $v) { ${NP} } }`;
const SIGN = `mutation($i: SignYearlyPlanInput!) { signYearlyPlan(input: $i) { ${YP} } }`;
const ACCEPT_PLAN = `mutation($id: ID!, $v: Int!) { acceptYearlyPlan(id: $id, version: $v) { ${YP} } }`;
const RETURN_PLAN = `mutation($id: ID!, $v: Int!, $r: String!) { returnYearlyPlan(id: $id, version: $v, reason: $r) { ${YP} } }`;
const NEEDS = `query($y: Int) { needsProposals(filter: { year: $y }, first: 50) { nodes { id } } }`;
const PLANS = `query($y: Int) { yearlyPlans(filter: { year: $y }, first: 50) { nodes { id } } }`;
const CHAIN = `mutation($i: CycleReviewChainInput!) { setCycleReviewChain(input: $i) { level } }`;
const DEADLINE = `mutation($s: CycleStep!, $m: Int!, $d: Int!, $src: String) { setCycleDeadline(step: $s, month: $m, day: $d, source: $src) { step } }`;

const REASON = 'Thiếu dự toán kinh phí cho từng hạng mục, đề nghị bổ sung';
const YEAR = 2024;

/** Waits (bounded) until `token`'s notifications hold every `event:subjectId` asked for; returns them. */
async function toldOf(token: string, wanted: string[]): Promise<any[]> {
  const got = await eventually(async () => {
    const list = await notificationsOf(token);
    const have = new Set(list.map((n) => `${n.event}:${n.subjectId}`));
    return wanted.every((w) => have.has(w)) ? list : null;
  }, 30_000);
  if (!got) {
    const have = (await notificationsOf(token)).map((n) => `${n.event}:${n.subjectId}`);
    expect(have).toEqual(expect.arrayContaining(wanted));
  }
  return got!;
}

describe("seed 001's yearly cycle, end to end: commune, district, department, province", () => {
  let t: WritableTenant;
  let commune: string; // officer of commune 0 (Xã)
  let district: string; // officer of commune 0's district (Huyện)
  let department: string; // officer of a department (Sở, a PROVINCIAL_AGENCY sponsor)
  let otherCommune: string; // officer of commune 2, in no part of this cycle
  let province: string;
  let deptTwinning: string;
  let proposalId: string;
  let planId: string;

  beforeAll(async () => {
    t = await writableTenant('cy');
    const c = ok(await gql(t.admin, `query($id: ID!) { commune(id: $id) { id district { id } } }`, { id: t.communes[0]!.id })).commune;
    // the department (sponsor B is a PROVINCIAL_AGENCY: sở, ban, ngành) is twinned with commune 0 too
    deptTwinning = ok(
      await gql(t.officer, CREATE_TWINNING, {
        i: { code: 'TW-SO', sponsorId: t.sponsorB, communeId: c.id, programId: t.programId, signedOn: '2020-01-10', startsOn: '2020-01-10', endsOn: '2026-12-31' },
      }),
    ).createTwinning.id;
    const scoped = (sub: string, units: string[]) => tokenFor(t.tenant, 'officer', { sub, scope: { units } });
    commune = await scoped('xa@cy', [`commune:${c.id}`]);
    district = await scoped('huyen@cy', [`district:${c.district.id}`]);
    department = await scoped('so@cy', [`agency:${t.sponsorB}`]);
    otherCommune = await scoped('xa-khac@cy', [`commune:${t.communes[2]!.id}`]);
    province = t.officer;
    // the chains as docs/WORKFLOW.md draws them (before 1/7/2025 with the district; after, without)
    for (const [kind, sender] of [
      ['NEEDS_PROPOSAL', 'COMMUNE'],
      ['YEARLY_PLAN', 'AGENCY'],
    ] as const) {
      const steps = (withDistrict: boolean) => [
        { level: sender, maySubmit: true },
        ...(withDistrict ? [{ level: 'DISTRICT', mayReturn: true }] : []),
        { level: 'PROVINCE', mayReturn: true, mayAccept: true },
      ];
      ok(await gql(t.admin, CHAIN, { i: { programId: t.programId, kind, validUntil: '2025-07-01', steps: steps(true), source: 'QĐ 1100, mục III.2.1.c, III.2.2.c và VI.4 (thử)' } }));
      ok(await gql(t.admin, CHAIN, { i: { programId: t.programId, kind, validFrom: '2025-07-01', steps: steps(false), source: 'Sau sắp xếp 1/7/2025 (thử)' } }));
    }
    ok(await gql(t.admin, DEADLINE, { s: 'NEEDS_PROPOSAL', m: 2, d: 28, src: 'QĐ 1100, mục III.2.2.c' }));
    ok(await gql(t.admin, DEADLINE, { s: 'YEARLY_PLAN', m: 3, d: 31, src: 'QĐ 1100, mục III.2.1.c' }));
  });

  it('the commune sends its needs proposal before 28/02; the district returns it with a reason; the commune sends it again', async () => {
    const p = ok(
      await gql(commune, SUBMIT, {
        i: { twinningId: t.twinningA, year: YEAR, submittedOn: '2024-02-20', items: [{ category: 'EDUCATION', description: 'Sách vở cho học sinh', estimatedCostVnd: '5000000' }] },
      }),
    ).submitNeedsProposal;
    expect(p).toMatchObject({ status: 'SUBMITTED', timeliness: 'ON_TIME', version: 1 });
    proposalId = p.id;
    // the district is told it has a proposal to review
    await toldOf(district, [`SUBMITTED:${p.id}`]);

    const back = ok(await gql(district, RETURN, { id: p.id, v: 1, r: REASON })).returnNeedsProposal;
    expect(back).toMatchObject({ status: 'RETURNED', version: 2 });
    // the commune is told it was returned, with the reason
    const told = await toldOf(commune, [`SUBMITTED:${p.id}`, `RETURNED:${p.id}`]);
    expect(JSON.parse(told.find((n) => n.event === 'RETURNED' && n.subjectId === p.id).payload)).toMatchObject({ reason: REASON, twinningId: t.twinningA });

    ok(await gql(commune, UPDATE, { i: { id: p.id, version: 2, items: [{ category: 'EDUCATION', description: 'Sách vở cho 40 học sinh', estimatedCostVnd: '6000000' }] } }));
    const again = ok(await gql(commune, RESUBMIT, { id: p.id, v: 3 })).resubmitNeedsProposal;
    // on time is judged on the first submission (docs/WORKFLOW.md "Timeliness")
    expect(again).toMatchObject({ status: 'SUBMITTED', version: 4, submittedOn: '2024-02-20', timeliness: 'ON_TIME' });
  });

  it("the department's officer signs and sends its yearly plan before 31/03; it cannot touch the commune's proposal", async () => {
    const plan = ok(
      await gql(department, SIGN, {
        i: { twinningId: deptTwinning, year: YEAR, signedOn: '2024-03-15', items: [{ content: 'Xây nhà văn hóa thôn', fundingVnd: '150000000', schedule: 'Quý II/2024' }] },
      }),
    ).signYearlyPlan;
    expect(plan).toMatchObject({ status: 'SUBMITTED', timeliness: 'ON_TIME' });
    expect(plan.history).toEqual([{ by: 'so@cy', byLevel: 'AGENCY', from: 'DRAFT', to: 'SUBMITTED', reason: null }]);
    planId = plan.id;
    // the department sees its own plan, not the commune's proposal made with another sponsor
    expect(ok(await gql(department, PLANS, { y: YEAR })).yearlyPlans.nodes.map((n: any) => n.id)).toEqual([planId]);
    expect(ok(await gql(department, NEEDS, { y: YEAR })).needsProposals.nodes).toEqual([]);
    expect(codes(await gql(department, ACCEPT, { id: proposalId, v: 4 }))).toEqual(['NOT_FOUND']);
    // an agency may send, not accept its own plan
    expect(codes(await gql(department, ACCEPT_PLAN, { id: planId, v: plan.version }))).toEqual(['FORBIDDEN']);
    // the district of the plan's commune sees it
    expect(ok(await gql(district, PLANS, { y: YEAR })).yearlyPlans.nodes.map((n: any) => n.id)).toContain(planId);
  });

  it('the province accepts both; each is told', async () => {
    const accepted = ok(await gql(province, ACCEPT, { id: proposalId, v: 4 })).acceptNeedsProposal;
    expect(accepted.history.map((h: any) => `${h.byLevel}:${h.to}`)).toEqual(['COMMUNE:SUBMITTED', 'DISTRICT:RETURNED', 'COMMUNE:SUBMITTED', 'PROVINCE:ACCEPTED']);
    expect(accepted.history[1]!.reason).toBe(REASON);
    const plans = ok(await gql(province, `query($y: Int) { yearlyPlans(filter: { year: $y }, first: 50) { nodes { id version } } }`, { y: YEAR })).yearlyPlans.nodes;
    const v = plans.find((x: any) => x.id === planId).version;
    const plan = ok(await gql(province, ACCEPT_PLAN, { id: planId, v })).acceptYearlyPlan;
    expect(plan.history.map((h: any) => `${h.byLevel}:${h.to}`)).toEqual(['AGENCY:SUBMITTED', 'PROVINCE:ACCEPTED']);

    // each person's own notifications say what happened to its part
    await toldOf(commune, [`SUBMITTED:${proposalId}`, `RETURNED:${proposalId}`, `ACCEPTED:${proposalId}`]);
    await toldOf(department, [`SUBMITTED:${planId}`, `ACCEPTED:${planId}`]);
    await toldOf(district, [`SUBMITTED:${proposalId}`, `ACCEPTED:${proposalId}`, `SUBMITTED:${planId}`, `ACCEPTED:${planId}`]);
    await toldOf(province, [`SUBMITTED:${proposalId}`, `RETURNED:${proposalId}`, `ACCEPTED:${proposalId}`, `SUBMITTED:${planId}`, `ACCEPTED:${planId}`]);
    // and not of the other's: the department is not told of the commune's proposal (another sponsor)
    expect((await notificationsOf(department)).map((n) => n.subjectId)).not.toContain(proposalId);
  });

  it("another commune's officer sees none of it: NOT_FOUND, empty lists, no notifications", async () => {
    expect(codes(await gql(otherCommune, RETURN, { id: proposalId, v: 5, r: REASON }))).toEqual(['NOT_FOUND']);
    expect(codes(await gql(otherCommune, RETURN_PLAN, { id: planId, v: 1, r: REASON }))).toEqual(['NOT_FOUND']);
    expect(ok(await gql(otherCommune, NEEDS, { y: YEAR })).needsProposals.nodes).toEqual([]);
    expect(ok(await gql(otherCommune, PLANS, { y: YEAR })).yearlyPlans.nodes).toEqual([]);
    const theirs = (await notificationsOf(otherCommune)).map((n) => n.subjectId);
    expect(theirs).not.toContain(proposalId);
    expect(theirs).not.toContain(planId);
  });

  it("each is reminded before this year's deadlines (DEADLINE_APPROACHING), and only of its part", async () => {
    // this year's deadlines moved to a few days from today (the scan judges by the real day; see above)
    const needsDue = dayFromToday(4);
    const planDue = dayFromToday(5);
    ok(await gql(t.admin, DEADLINE, { s: 'NEEDS_PROPOSAL', m: needsDue.month, d: needsDue.day, src: 'thử nghiệm nhắc hạn' }));
    ok(await gql(t.admin, DEADLINE, { s: 'YEARLY_PLAN', m: planDue.month, d: planDue.day, src: 'thử nghiệm nhắc hạn' }));
    const reminder = (n: any, twinning: string, step: string) => n.event === 'DEADLINE_APPROACHING' && n.subjectId === twinning && JSON.parse(n.payload).step === step;
    const remindedOf = async (token: string, wanted: [string, string][]) =>
      eventually(async () => {
        const list = await notificationsOf(token);
        return wanted.every(([tw, step]) => list.some((n) => reminder(n, tw, step))) ? list : null;
      }, 30_000);

    const forCommune = await remindedOf(commune, [
      [t.twinningA, 'NEEDS_PROPOSAL'],
      [deptTwinning, 'YEARLY_PLAN'],
    ]);
    expect(forCommune).not.toBeNull();
    const n = forCommune!.find((x) => reminder(x, t.twinningA, 'NEEDS_PROPOSAL'));
    expect(JSON.parse(n.payload)).toMatchObject({ deadline: needsDue.date, daysLeft: 4 });
    expect(await remindedOf(district, [[t.twinningA, 'NEEDS_PROPOSAL']])).not.toBeNull();
    const forDept = await remindedOf(department, [[deptTwinning, 'YEARLY_PLAN']]);
    expect(forDept).not.toBeNull();
    // the department is not reminded of the other sponsor's twinning; the other commune not of these
    expect(forDept!.map((x) => x.subjectId)).not.toContain(t.twinningA);
    const theirs = (await notificationsOf(otherCommune)).map((x) => x.subjectId);
    expect(theirs).not.toContain(t.twinningA);
    expect(theirs).not.toContain(deptTwinning);
  });
});
