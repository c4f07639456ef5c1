import { beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../support/client.js';
import { adminSql, contributionCount, writableTenant, type WritableTenant } from './support.js';

/**
 * Money past 2^53 (the security suite's "unsafe integer" case). As a JSON variable such a number is
 * no exact integer any more (JSON parsers read it as a double): refused. Written inline it is an
 * exact integer literal — its digits reach the Vnd scalar unchanged, through the gateway and its
 * query planner — so it is a legitimate amount, stored to the last digit.
 */
describe('Vnd amounts past 2^53', () => {
  let t: WritableTenant;
  beforeAll(async () => {
    t = await writableTenant('money');
  });

  it('an integer literal keeps every digit through the gateway', async () => {
    const key = `literal-${Date.now()}`;
    const r = await gql(
      t.officer,
      `mutation($k: String!, $t: ID!) { recordContribution(idempotencyKey: $k, input: {
         twinningId: $t, contributedOn: "2024-05-01", category: EDUCATION, description: "Số lớn", cashVnd: 9007199254740993 }) { id cashVnd } }`,
      { k: key, t: t.twinningA },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.recordContribution.cashVnd).toBe('9007199254740993');
    const rows = await adminSql(`select cash_vnd::text as v from sponsors.contribution where tenant_id = $1 and id = $2`, [t.tenant, r.data.recordContribution.id]);
    expect(rows[0].v).toBe('9007199254740993');
  });

  it('a JSON number past 2^53 is refused, nothing written', async () => {
    const before = await contributionCount(t.tenant);
    const r = await gql(
      t.officer,
      `mutation($k: String!, $i: RecordContributionInput!) { recordContribution(idempotencyKey: $k, input: $i) { id } }`,
      { k: `json-${Date.now()}`, i: { twinningId: t.twinningA, contributedOn: '2024-05-01', category: 'EDUCATION', description: 'Số lớn', cashVnd: 2 ** 53 + 2 } },
    );
    expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(await contributionCount(t.tenant)).toBe(before);
  });
});
