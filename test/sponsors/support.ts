import { adminSql, gql, ok, tokenFor } from '../support/client.js';
import { createTestTenant } from '../support/tenants.js';

export { adminSql, ok } from '../support/client.js';

/** Audit rows a request left in the sponsors schema. */
export const auditRowsOf = (requestId: string) =>
  adminSql(`select * from sponsors.audit_log where request_id = $1`, [requestId]);

export const CREATE_SPONSOR = `mutation($i: CreateSponsorInput!) { createSponsor(input: $i) { id code version } }`;
export const CREATE_TWINNING = `mutation($i: CreateTwinningInput!) { createTwinning(input: $i) { id code version } }`;
export const RECORD = `mutation($i: RecordContributionInput!, $k: String!) {
  recordContribution(input: $i, idempotencyKey: $k) { id version status cashVnd inKindVnd totalVnd year sponsor { id } twinning { id } } }`;

export interface WritableTenant {
  tenant: string;
  admin: string;
  officer: string;
  analyst: string;
  communes: { id: string; code: string }[];
  programId: string;
  sponsorA: string;
  sponsorB: string;
  twinningA: string;
  twinningB: string;
  partnerA: string;
  partnerB: string;
}

/**
 * A fresh tenant (Cao Bằng's real units) with two sponsors, each twinned with one commune from
 * 2020 to 2026, and tokens for its staff and both partners. Tests that write use one of these.
 */
export async function writableTenant(prefix: string): Promise<WritableTenant> {
  const tenant = await createTestTenant(prefix);
  const admin = await tokenFor(tenant, 'admin', { sub: `admin@${tenant}` });
  const officer = await tokenFor(tenant, 'officer', { sub: `officer@${tenant}` });
  const analyst = await tokenFor(tenant, 'analyst');
  const communes = ok(await gql(admin, `{ communes(filter: { asOf: "2020-01-01" }, first: 4) { nodes { id code } } }`)).communes.nodes;
  // a twinning implements a programme of the province (the sponsors subgraph checks it with programs)
  const programId = ok(
    await gql(officer, `mutation { createProgram(code: "TEST", input: { title: "Chương trình kết nghĩa (thử)", kind: TWINNING, startYear: 2018, endYear: 2030 }) { id } }`),
  ).createProgram.id as string;
  const sponsor = async (code: string, kind: string) =>
    ok(await gql(officer, CREATE_SPONSOR, { i: { code, name: `Đơn vị ${code}`, kind, staffCount: 25 } })).createSponsor.id as string;
  const sponsorA = await sponsor('A', 'ENTERPRISE');
  const sponsorB = await sponsor('B', 'PROVINCIAL_AGENCY');
  const twinning = async (code: string, sponsorId: string, communeId: string) =>
    ok(
      await gql(officer, CREATE_TWINNING, {
        i: { code, sponsorId, communeId, programId, signedOn: '2020-01-10', startsOn: '2020-01-10', endsOn: '2026-12-31' },
      }),
    ).createTwinning.id as string;
  const twinningA = await twinning('TW-A', sponsorA, communes[0].id);
  const twinningB = await twinning('TW-B', sponsorB, communes[1].id);
  const partnerA = await tokenFor(tenant, 'sponsor', { sub: 'partner-a', scope: { sponsorId: sponsorA } });
  const partnerB = await tokenFor(tenant, 'sponsor', { sub: 'partner-b', scope: { sponsorId: sponsorB } });
  return { tenant, admin, officer, analyst, communes, programId, sponsorA, sponsorB, twinningA, twinningB, partnerA, partnerB };
}

export const contributionCount = async (tenant: string, where = 'true', params: unknown[] = []) =>
  Number(
    (await adminSql(`select count(*)::int as n from sponsors.contribution where tenant_id = $1 and ${where}`, [tenant, ...params]))[0].n,
  );
