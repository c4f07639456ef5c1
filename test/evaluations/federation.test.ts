import { seedIds } from '@kn/platform';
import { describe, expect, it } from 'vitest';
import { gql, sqlStatements, tokenFor } from '../support/client.js';
import { ok } from './support.js';

const bySponsor = (list: any[]) => [...list].sort((a, b) => a.sponsor.id.localeCompare(b.sponsor.id));

describe('the seeded evaluations are what evaluateSponsors computes', () => {
  // the seed derives the sponsors' facts from their demo data (it runs before the services); the
  // sponsors subgraph's sponsorFacts statement over the seeded rows must give the same results
  for (const [tenant, code] of [['quang-nam', 'QN-1100-2020']] as const) {
    it(`${tenant}: the approved 2024 results equal a preview computed now`, async () => {
      const officer = await tokenFor(tenant, 'officer');
      const fields = `sponsor { id } outcome eligibleGrades excludedBy ruleSetVersion cappedBy rules { code target actual met gate explanation { vi en } }`;
      const r = ok(
        await gql(officer, `query($p: ID!) { evaluationPreview(programId: $p, year: 2024) { ${fields} }
          evaluationRun(programId: $p, year: 2024) { status ruleSetVersion computedBy evaluations { ${fields} } } }`, { p: seedIds.program(tenant, code) }),
      );
      expect(r.evaluationRun).toMatchObject({ status: 'APPROVED', ruleSetVersion: 1, computedBy: 'system:seed' });
      expect(r.evaluationRun.evaluations.length).toBeGreaterThan(10);
      expect(bySponsor(r.evaluationPreview)).toEqual(bySponsor(r.evaluationRun.evaluations));
    });
  }

  it('Quảng Nam: every outcome of QĐ 1100 §IV among the seeded results, Thăng Bình one đồng short in 2022', async () => {
    const analyst = await tokenFor('quang-nam', 'analyst');
    const p = seedIds.program('quang-nam', 'QN-1100-2020');
    const d = ok(
      await gql(analyst, `query($p: ID!) { evaluationRun(programId: $p, year: 2024) { gradeDistribution { grade count } evaluations { outcome grade decision { reason } } } }`, { p }),
    ).evaluationRun;
    const outcomes = new Set(d.evaluations.map((e: any) => e.outcome));
    expect([...outcomes].sort()).toEqual(expect.arrayContaining(['CHOICE_REQUIRED', 'GRADED', 'NOT_CONSIDERED']));
    // the approved year's choices were made (synthetic demo choices, and they say so)
    const chosen = d.evaluations.filter((e: any) => e.outcome === 'CHOICE_REQUIRED');
    expect(chosen.every((e: any) => e.grade !== null && e.decision.reason.startsWith('Dữ liệu mẫu'))).toBe(true);
    expect(d.evaluations.filter((e: any) => e.outcome === 'NOT_CONSIDERED').every((e: any) => e.grade === null)).toBe(true);
    const tb = ok(
      await gql(analyst, `query($s: ID!, $p: ID!) { sponsor(id: $s) { evaluation(programId: $p, year: 2022) { status rules { code actual met } } } }`, {
        s: seedIds.sponsor('quang-nam', 'QN-H513'),
        p,
      }),
    ).sponsor.evaluation;
    expect(tb.status).toBe('DRAFT');
    expect(tb.rules.find((r: any) => r.code === 'support-lowland')).toEqual({ code: 'support-lowland', actual: '199999999', met: false });
  });
});

describe('lists through federation cost the same statements for 1 item as for many', () => {
  const statements = async (token: string, query: string, variables: Record<string, unknown>) => {
    const r = await gql(token, query, variables);
    ok(r);
    return { n: await sqlStatements(r.requestId), data: r.data };
  };

  it('Sponsor.evaluation for 1 sponsor and for every sponsor of Quảng Nam', async () => {
    const analyst = await tokenFor('quang-nam', 'analyst');
    const q = `query($n: Int!, $p: ID!) { sponsors(first: $n) { nodes { code evaluation(programId: $p, year: 2024) { grade rules { code met } } } } }`;
    const p = seedIds.program('quang-nam', 'QN-1100-2020');
    const one = await statements(analyst, q, { n: 1, p });
    const all = await statements(analyst, q, { n: 500, p });
    expect(all.data.sponsors.nodes.length).toBeGreaterThan(20);
    expect(all.data.sponsors.nodes.filter((s: any) => s.evaluation).length).toBeGreaterThan(20);
    expect(all.n).toBe(one.n);
  });

  it('Commune.measurements for 2 and for 20 border communes, and the roll-up for 3 and for every new commune', async () => {
    const analyst = await tokenFor('lang-son', 'analyst');
    const q = `query($n: Int!, $d: Date!, $y: Int!) { communes(filter: { asOf: $d, classification: BORDER }, first: $n) { nodes { name measurements(year: $y) {
      households criteriaMetCount criteria { number met } parts { households } } } } }`;
    const small = await statements(analyst, q, { n: 2, d: '2019-06-01', y: 2019 });
    const large = await statements(analyst, q, { n: 500, d: '2019-06-01', y: 2019 });
    expect(large.data.communes.nodes.filter((c: any) => c.measurements?.criteria.length === 19)).toHaveLength(20);
    expect(large.n).toBe(small.n);
    const all = q.replace(', classification: BORDER', '');
    const newSmall = await statements(analyst, all, { n: 3, d: '2026-01-01', y: 2024 });
    const newLarge = await statements(analyst, all, { n: 500, d: '2026-01-01', y: 2024 });
    expect(newLarge.data.communes.nodes.filter((c: any) => c.measurements?.parts.length > 0).length).toBeGreaterThan(50);
    expect(newLarge.n).toBe(newSmall.n);
  });

  it('reports with their reporters (sponsors, communes) for 1 and 500', async () => {
    const officer = await tokenFor('quang-nam', 'officer');
    for (const [kind, reporter, rk] of [['YEAR_END_ASSESSMENT', 'sponsor', 'SPONSOR'], ['ANNUAL', 'commune', 'COMMUNE']] as const) {
      const q = `query($n: Int!) { reports(filter: { kind: ${kind}, reporterKind: ${rk} }, first: $n) { nodes { kind status ${reporter} { name } program { code } } } }`;
      const one = await statements(officer, q, { n: 1 });
      const many = await statements(officer, q, { n: 500 });
      expect(many.data.reports.nodes.length).toBeGreaterThan(100);
      expect(many.data.reports.nodes.every((r: any) => r[reporter]?.name)).toBe(true);
      expect(many.n).toBe(one.n);
    }
  });
});
