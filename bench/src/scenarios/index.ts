import { communeById, communePage, spreadTenants, analystTokens } from './communes.js';
import { analystTotals, communePageFederated, dashboardDirectSql, partnerRecordContribution } from './sponsors.js';
import { graphqlRequest, type Scenario } from './types.js';

/**
 * Every scenario of issue 7. A scenario runs as soon as the subgraphs it `needs` are registered.
 * `province-dashboard` is written against the names the issues fix ("Names to keep") and waits for
 * the evaluations subgraph: check its query when the subgraph lands, and complete its direct SQL.
 */
export const SCENARIOS: Scenario[] = [
  communeById,
  communePage,
  communePageFederated,
  analystTotals,
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
        // the hand-written SQL of the figures that exist today (communes, sponsors), one group per
        // tenant; TODO(evaluations): its statements for gradeDistribution and overdueReports, and a
        // check of the answers against them (as analyst-totals does), when the subgraph lands
        directSql: await dashboardDirectSql(ctx, tenants, 2024),
      };
    },
  },
  partnerRecordContribution,
];

export const scenarioByName = (name: string) => SCENARIOS.find((s) => s.name === name);
