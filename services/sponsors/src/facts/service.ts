import { big, forbidden, foreignId, int, year as checkYear } from '@kn/platform';
import type { Ctx } from '../loaders.js';
import { sponsorScope } from '../common/scope.js';
import { ACTIVE_IN_YEAR } from '../common/sql.js';

export interface SponsorFactsRow {
  sponsorId: string;
  code: string;
  kind: string;
  lowland: boolean;
  staffCount: number | null;
  districtId: string | null;
  twinnings: number;
  twinnedCommunes: number;
  cashVnd: bigint;
  inKindVnd: bigint;
  totalVnd: bigint;
  poorHouseholdsHelped: number;
  modelsBuilt: number;
  peopleTrained: number;
  contributions: number;
  plansSigned: number;
  plansSignedOnTime: number;
  plansSignedLate: number;
  needsProposals: number;
  needsProposalsLate: number;
  planSigned: boolean;
  planSignedOnTime: boolean;
  needsProposalOnTime: boolean;
}

export class FactsService {
  /**
   * Per sponsor of a programme's year — sponsors with a twinning of the programme active in the year
   * or a contribution to it that year — what it did: ONE statement, summed by PostgreSQL. A partner
   * gets its own row only; the national role reads totals, not sponsors.
   */
  async sponsorFacts(ctx: Ctx, programIdArg: string, yearArg: number): Promise<SponsorFactsRow[]> {
    ctx.authorize('sponsors.read');
    if (ctx.isNational) throw forbidden('The national role reads totals, not sponsors');
    // the caller's tenant and its predecessors (tenant succession): a programme of a predecessor
    // is evaluated on the twinnings and contributions recorded under it
    const tenants = ctx.readTenantsParam;
    const programId = foreignId(programIdArg, 'programId');
    const y = checkYear(yearArg, 'year');
    const ts = sponsorScope(ctx, 't.sponsor_id');
    const cs = sponsorScope(ctx, 'c.sponsor_id');
    const em = await ctx.em();
    const rows = await em.execute(
      `with tw as (
         select t.tenant_id, t.id, t.sponsor_id, t.commune_id from sponsors.twinning t
          where t.tenant_id = any(?::text[]) and t.program_id = ?::uuid and ${ts.sql} and ${ACTIVE_IN_YEAR('t')}),
       cyc as (
         select tw.sponsor_id, count(*) as twinnings, count(distinct tw.commune_id) as communes,
                count(p.id) as plans, count(p.id) filter (where p.on_time is not false) as plans_on_time,
                count(p.id) filter (where p.on_time is false) as plans_late,
                count(n.id) as needs, count(n.id) filter (where n.on_time is false) as needs_late
           from tw
           left join sponsors.yearly_plan p on p.tenant_id = tw.tenant_id and p.twinning_id = tw.id and p.year = ?
           left join sponsors.needs_proposal n on n.tenant_id = tw.tenant_id and n.twinning_id = tw.id and n.year = ?
          group by tw.sponsor_id),
       co as (
         select c.sponsor_id, sum(c.cash_vnd) as cash, sum(c.in_kind_vnd) as in_kind, sum(c.poor_households_helped) as households,
                sum(c.models_built) as models, sum(c.people_trained) as trained,
                sum(case when c.reverses_id is null then 1 else -1 end) as n
           from sponsors.contribution c
          where c.tenant_id = any(?::text[]) and c.program_id = ?::uuid and c.year = ? and c.status in ('DONE', 'VERIFIED') and ${cs.sql}
          group by c.sponsor_id)
       select s.id, s.code, s.kind, s.lowland, s.staff_count, s.district_id,
              cyc.twinnings, cyc.communes, cyc.plans, cyc.plans_on_time, cyc.plans_late, cyc.needs, cyc.needs_late,
              co.cash, co.in_kind, co.households, co.models, co.trained, co.n
         from sponsors.sponsor s
         left join cyc on cyc.sponsor_id = s.id
         left join co on co.sponsor_id = s.id
        where s.tenant_id = any(?::text[]) and (cyc.sponsor_id is not null or co.sponsor_id is not null)
        order by s.code`,
      [tenants, programId, ...ts.params, y, y, y, y, tenants, programId, y, ...cs.params, tenants],
    );
    return rows.map((r) => {
      const twinnings = int(r.twinnings);
      const plans = int(r.plans);
      const plansLate = int(r.plans_late);
      const needs = int(r.needs);
      const needsLate = int(r.needs_late);
      const cash = big(r.cash);
      const inKind = big(r.in_kind);
      const planSigned = twinnings > 0 && plans >= twinnings;
      return {
        sponsorId: r.id as string,
        code: r.code as string,
        kind: r.kind as string,
        lowland: Boolean(r.lowland),
        staffCount: r.staff_count == null ? null : Number(r.staff_count),
        districtId: (r.district_id as string | null) ?? null,
        twinnings,
        twinnedCommunes: int(r.communes),
        cashVnd: cash,
        inKindVnd: inKind,
        totalVnd: cash + inKind,
        poorHouseholdsHelped: int(r.households),
        modelsBuilt: int(r.models),
        peopleTrained: int(r.trained),
        contributions: int(r.n),
        plansSigned: plans,
        plansSignedOnTime: int(r.plans_on_time),
        plansSignedLate: plansLate,
        needsProposals: needs,
        needsProposalsLate: needsLate,
        planSigned,
        planSignedOnTime: planSigned && plansLate === 0,
        needsProposalOnTime: twinnings > 0 && needs >= twinnings && needsLate === 0,
      };
    });
  }
}

export const factsService = new FactsService();
