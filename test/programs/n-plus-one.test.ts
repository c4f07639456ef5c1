import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { gql, sqlStatements, tokenFor } from '../support/client.js';
import { createTestTenant } from '../support/tenants.js';

/** A request's SQL statement count must not grow with the number of programmes, targets or communes it returns. */
describe('SQL statements per programmes request', () => {
  const N = 20;
  let tenant: string;
  let token: string;

  /** Runs one request and returns its statement count, summed over every subgraph it touched. */
  const cost = async (query: string, variables: Record<string, unknown>, check: (data: any) => void) => {
    const requestId = `n1-${randomUUID()}`;
    const r = await gql(token, query, variables, { requestId });
    expect(r.errors).toBeUndefined();
    check(r.data);
    return sqlStatements(requestId);
  };

  beforeAll(async () => {
    tenant = await createTestTenant('n1');
    token = await tokenFor(tenant, 'officer');
    const ok = (r: { errors?: unknown; body: unknown }) => expect(r.errors, JSON.stringify(r.body).slice(0, 500)).toBeUndefined();
    ok(await gql(token, `mutation { a: createIndicator(code: "HOUSEHOLDS_HELPED", input: { name: "Số hộ được giúp đỡ", unit: HOUSEHOLDS }) { id }
      b: createIndicator(code: "SUPPORT_AMOUNT", input: { name: "Kinh phí hỗ trợ", unit: VND }) { id } }`));
    const programs = Array.from({ length: N }, (_, i) => `p${i}: createProgram(code: "N-${String(i).padStart(2, '0')}",
      input: { title: "Kế hoạch ${i}", kind: TWINNING, startYear: 2024, endYear: 2026 }) { id }`);
    const created = await gql(token, `mutation { ${programs.join('\n')} }`);
    ok(created);
    const ids = Object.values(created.data).map((p: any) => p.id as string);
    const communes = (await gql(token, `{ communes(filter: { asOf: "2020-01-01" }, first: ${2 * N}) { nodes { id } } }`)).data.communes.nodes.map(
      (n: { id: string }) => n.id,
    );
    const children = ids.flatMap((id, i) => [
      `t${i}a: createTarget(programId: "${id}", input: { indicatorCode: "HOUSEHOLDS_HELPED", year: 2025, comparison: AT_LEAST, targetValue: "${i + 1}" }) { id }`,
      `t${i}b: createTarget(programId: "${id}", input: { indicatorCode: "SUPPORT_AMOUNT", startYear: 2024, endYear: 2026, yearly: true, comparison: AT_LEAST, targetValue: "200000000" }) { id }`,
      `t${i}c: createTarget(programId: "${id}", input: { indicatorCode: "HOUSEHOLDS_HELPED", year: 2026, comparison: BETWEEN, targetValue: "9.5", targetValueMax: "10",
        scope: { kind: COMMUNE_GROUP, group: "BORDER_COMMUNES", label: "xã biên giới" } }) { id }`,
      `k${i}a: createTask(programId: "${id}", input: { title: "Báo cáo", leadAgency: "Sở", due: { kind: RULE, months: [6, 12] } }) { id }`,
      `k${i}b: createTask(programId: "${id}", input: { title: "Ký kết", leadAgency: "Sở", due: { kind: RULE, months: [3], day: 31, by: true } }) { id }`,
      `f${i}a: createFundingLine(programId: "${id}", input: { source: LOCAL_BUDGET, amount: "157700000000" }) { id }`,
      `f${i}b: createFundingLine(programId: "${id}", input: { source: CREDIT, amount: "1800000000000" }) { id }`,
      `c${i}: setProgramCommunes(id: "${id}", version: 1, communeIds: ["${communes[2 * i]}", "${communes[2 * i + 1]}"]) { id }`,
    ]);
    // the gateway allows a limited number of aliases per request: send them in batches
    for (let i = 0; i < children.length; i += 25) ok(await gql(token, `mutation { ${children.slice(i, i + 25).join('\n')} }`));
  }, 120_000);

  it(`listing ${N} programmes with targets, tasks, funding and covered communes (and their names) costs the same as listing 3`, async () => {
    const query = `query($first: Int!) { programs(first: $first) { totalCount nodes {
      code fundingTotal tenant { name }
      targets { indicator { code unit } targetValue targetAmount scope { label } }
      in2025: targets(year: 2025) { targetValue }
      tasks { title due { kind rule { months day by } } }
      fundingLines { source amount }
      coveredCommunes { code name district { name } }
    } } }`;
    const counts: Record<number, number> = {};
    for (const first of [3, N]) {
      counts[first] = await cost(query, { first }, (data) => {
        expect(data.programs.totalCount).toBe(N);
        expect(data.programs.nodes).toHaveLength(first);
        for (const p of data.programs.nodes) {
          expect(p.targets).toHaveLength(3);
          expect(p.in2025).toHaveLength(2);
          expect(p.tasks).toHaveLength(2);
          expect(p.fundingTotal).toBe('1957700000000');
          expect(p.coveredCommunes).toHaveLength(2);
          expect(p.coveredCommunes[0].name).toBeTruthy();
        }
      });
    }
    expect(counts[3]).toBeGreaterThan(0);
    expect(counts[N]).toBe(counts[3]);
    // programs: BEGIN, tenant, page+count, targets(+indicators), tasks, funding lines, covered communes, COMMIT;
    // communes: BEGIN, tenant, communes by id, districts by id, tenant by slug, COMMIT
    expect(counts[N]).toBeLessThanOrEqual(14);
  });

  it('the communes of a province with their programmes and targets: the same cost for 5 communes as for all of them', async () => {
    const query = `query($first: Int!) { communes(filter: { asOf: "2020-01-01" }, first: $first) { nodes {
      code programs { code targets { targetValue } fundingTotal } } } }`;
    const counts: Record<number, number> = {};
    for (const first of [5, 2 * N]) {
      counts[first] = await cost(query, { first }, (data) => {
        expect(data.communes.nodes).toHaveLength(first);
        for (const c of data.communes.nodes) expect(c.programs).toHaveLength(1);
      });
    }
    expect(counts[2 * N]).toBe(counts[5]);
  });

  it('the NTM plan alone (45 targets, 31 tasks, 7 funding lines) costs no more than the smallest programme', async () => {
    const ls = await tokenFor('lang-son', 'analyst');
    const query = `query($code: String!) { programs(filter: { search: $code }) { nodes {
      code targets { indicator { code } targetValue outOf } tasks { title due { kind } } fundingLines { amount } fundingTotal } } }`;
    const measure = async (code: string) => {
      const requestId = `n1-${randomUUID()}`;
      const r = await gql(ls, query, { code }, { requestId });
      expect(r.data.programs.nodes[0].code).toBe(code);
      return { statements: await sqlStatements(requestId), targets: r.data.programs.nodes[0].targets.length };
    };
    const big = await measure('LS-NTM-2019');
    const small = await measure('LS-KN-XBG');
    expect(big.targets).toBe(45);
    expect(small.targets).toBe(1);
    expect(big.statements).toBe(small.statements);
  });
});
