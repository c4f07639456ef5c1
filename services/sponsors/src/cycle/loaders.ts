import { isUuid, pgArray, tenantWhere, type RequestContext } from '@kn/platform';
import { groupedLoader } from '@kn/platform';
import { paramGroupedLoader } from '../common/loaders.js';
import { sponsorScope } from '../common/scope.js';
import { toCycleDoc, type CycleDocRow, type NeedsItemRow, type PlanItemRow } from './rows.js';

export function createCycleLoaders(ctx: RequestContext<unknown>) {
  /** A twinning's needs proposals or plans; param: a year or empty. */
  const docsOf = (table: 'needs_proposal' | 'yearly_plan') =>
    paramGroupedLoader<CycleDocRow>(async (ids, year) => {
      const valid = ids.filter(isUuid);
      if (valid.length === 0) return [];
      const em = await ctx.em();
      const w = tenantWhere('d', ctx.readTenants);
      const scope = sponsorScope(ctx, 't.sponsor_id');
      const rows = await em.execute(
        `select d.* from sponsors.${table} d
           join sponsors.twinning t on t.tenant_id = d.tenant_id and t.id = d.twinning_id
          where ${w.sql} and ${scope.sql} and d.twinning_id = any(?::uuid[]) ${year ? 'and d.year = ?' : ''}
          order by d.year`,
        [...w.params, ...scope.params, pgArray(valid), ...(year ? [Number(year)] : [])],
      );
      return rows.map(toCycleDoc);
    }, (d) => d.twinningId);

  const needsItemsOf = groupedLoader<string, NeedsItemRow>(async (ids) => {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const em = await ctx.em();
    const w = tenantWhere('i', ctx.readTenants);
    const rows = await em.execute(
      `select i.* from sponsors.needs_item i where ${w.sql} and i.proposal_id = any(?::uuid[]) order by i.position`,
      [...w.params, pgArray(valid)],
    );
    return rows.map((r) => ({
      id: r.id as string,
      proposalId: r.proposal_id as string,
      position: Number(r.position),
      category: r.category as string,
      description: r.description as string,
      estimatedCostVnd: BigInt(r.estimated_cost_vnd as string),
    }));
  }, (i) => i.proposalId);

  const planItemsOf = groupedLoader<string, PlanItemRow>(async (ids) => {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const em = await ctx.em();
    const w = tenantWhere('i', ctx.readTenants);
    const rows = await em.execute(
      `select i.* from sponsors.plan_item i where ${w.sql} and i.plan_id = any(?::uuid[]) order by i.position`,
      [...w.params, pgArray(valid)],
    );
    return rows.map((r) => ({
      id: r.id as string,
      planId: r.plan_id as string,
      position: Number(r.position),
      content: r.content as string,
      place: (r.place as string | null) ?? null,
      beneficiaries: (r.beneficiaries as string | null) ?? null,
      fundingVnd: BigInt(r.funding_vnd as string),
      schedule: (r.schedule as string | null) ?? null,
    }));
  }, (i) => i.planId);

  return {
    needsProposalsOf: docsOf('needs_proposal'),
    plansOf: docsOf('yearly_plan'),
    needsItemsOf,
    planItemsOf,
  };
}
