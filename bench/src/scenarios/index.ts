import { communeById, communePage, communePool, COMMUNE_PAGE_FIELDS, spreadTenants, analystTokens } from './communes.js';
import { graphqlRequest, type Scenario } from './types.js';

/**
 * Every scenario of issue 7. A scenario runs as soon as the subgraphs it `needs` are registered;
 * the ones below the line are written against the names the issues fix ("Names to keep") and
 * have not been run yet: check their queries when the subgraph lands, and add `directSql` /
 * `sqlProbe` where marked.
 */
export const SCENARIOS: Scenario[] = [
  communeById,
  communePage,
  // ---- waiting for the programs and sponsors subgraphs -------------------------------------
  {
    name: 'commune-page-federated',
    title: 'commune page across 3 subgraphs: the commune, its programmes, twinnings and sponsors',
    needs: ['communes', 'programs', 'sponsors'],
    targets: { p95Ms: 50 },
    async prepare(ctx) {
      const pool = await communePool(
        ctx,
        `query CommunePageFederated($id: ID!) { commune(id: $id) { ${COMMUNE_PAGE_FIELDS}
          programs { id code title }
          twinnings(year: 2024) { id status sponsor { id name kind } }
          sponsorship(year: 2024) { activeTwinnings totalVnd poorHouseholdsHelped modelsBuilt } } }`,
      );
      return { ...pool, check: (data) => (data?.commune?.id ? null : 'commune not found') };
      // TODO(sponsors): sqlProbe over N communes (communes(first) with twinnings and sponsorship).
    },
  },
  {
    name: 'analyst-totals',
    title: "analyst's grouped totals over a province and ten years (contributionTotals by year × district)",
    needs: ['communes', 'sponsors'],
    async prepare(ctx) {
      const tenants = spreadTenants(ctx.tenants);
      const tokens = await analystTokens(ctx, tenants);
      const query = `query Totals { contributionTotals(filter: { yearFrom: 2016, yearTo: 2025 }, groupBy: [YEAR, DISTRICT]) {
        key { year districtCode } cashVnd inKindVnd totalVnd poorHouseholdsHelped modelsBuilt count } }`;
      return {
        requests: tenants.flatMap((t) => tokens.get(t)!.map((tok) => graphqlRequest(tok, query))),
        describe: `${tenants.length} tenants, 2016–2025, grouped by year and district`,
        check: (data) => (Array.isArray(data?.contributionTotals) ? null : 'no totals'),
        // TODO(sponsors): directSql — the hand-written GROUP BY over the contributions table for one
        // tenant, 2016–2025, by year and district (across the reform), run as the app role.
        // TODO(sponsors): sqlProbe at 10 and 1,000 groups (e.g. groupBy [COMMUNE] over a district vs a province).
      };
    },
  },
  {
    name: 'province-dashboard',
    title: 'province dashboard (provinceDashboard(year)) in one request',
    needs: ['communes', 'programs', 'sponsors', 'evaluations'],
    targets: { p95Ms: 150, maxRatioToSql: 3 },
    async prepare(ctx) {
      const tenants = spreadTenants(ctx.tenants);
      const tokens = await analystTokens(ctx, tenants);
      const query = `query Dashboard { provinceDashboard(year: 2024) { borderCommunes borderCommunesWithTwinning totalVnd
        poorHouseholdsHelped modelsBuilt gradeDistribution { grade count } overdueReports } }`;
      return {
        requests: tenants.flatMap((t) => tokens.get(t)!.map((tok) => graphqlRequest(tok, query))),
        describe: `${tenants.length} tenants, year 2024`,
        check: (data) => (data?.provinceDashboard ? null : 'no dashboard'),
        // TODO(evaluations): directSql — the same figures by hand-written SQL, per subgraph, to
        // report end-to-end / SQL (target ≤ 3×).
      };
    },
  },
  {
    name: 'partner-record-contribution',
    title: "partner's recordContribution through a trusted document with an API key",
    needs: ['communes', 'sponsors'],
    todo:
      'needs partner API keys at the gateway (issue 6) and twinnings to write to (sponsors): register the mutation in operations/, ' +
      'issue a key per partner sponsor, send {documentId, variables} with a fresh idempotencyKey per request; count SQL per write',
  },
];

export const scenarioByName = (name: string) => SCENARIOS.find((s) => s.name === name);
