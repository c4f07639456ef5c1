import { conflict, forbidden, newId, notFound, pgArray, todayInVietnam, type RequestContext } from '@kn/platform';
import { LockMode } from '@mikro-orm/core';
import { ownSponsor } from '../common/scope.js';
import { yearEnd, yearStart } from '../common/sql.js';
import { foreignId, isUniqueViolation, isUuidOrNull, year as checkYear } from '../common/validate.js';
import type { Loaders } from '../loaders.js';
import { evaluateSponsor } from '../rules/engine.js';
import { ruleSetsService, type RuleSetRow } from '../rules/service.js';
import { EvaluationRunEntity, SponsorEvaluationEntity } from './entities.js';
import { combineFacts, factsSnapshot, NO_REPORTS, SPONSOR_FACTS_QUERY, type ReportFacts, type SponsorFactsRow } from './facts.js';
import { IN_FORCE_ORDER, RUN_COLUMNS, toRun, type EvaluationRow, type RunRow } from './rows.js';

type Ctx = RequestContext<Loaders>;

export interface Computed {
  ruleSet: RuleSetRow;
  factsAsOf: string;
  rows: EvaluationRow[];
}

/** This subgraph's report facts of a programme's year, per reporter, in one statement. */
export async function reportFacts(ctx: RequestContext<unknown>, programId: string, y: number, asOf: string): Promise<Map<string, ReportFacts>> {
  const em = await ctx.em();
  const rows = await em.execute(
    `select r.reporter_kind, r.reporter_id,
            count(*) filter (where r.due_on < ?::date or (r.submitted_on is not null and r.submitted_on <= ?::date)) as due,
            count(*) filter (where r.submitted_on is not null and r.submitted_on <= ?::date and r.submitted_on <= r.due_on) as on_time,
            bool_or(r.kind = 'YEAR_END_ASSESSMENT' and r.submitted_on is not null and r.submitted_on <= ?::date) as year_end
       from evaluations.report r
      where r.tenant_id = ? and r.program_id = ?::uuid and r.period_start between ?::date and ?::date
      group by r.reporter_kind, r.reporter_id`,
    [asOf, asOf, asOf, asOf, ctx.tenant, programId, yearStart(y), yearEnd(y)],
  );
  return new Map(
    rows.map((r) => [`${r.reporter_kind}:${r.reporter_id}`, { due: Number(r.due), onTime: Number(r.on_time), yearEndSubmitted: Boolean(r.year_end) }]),
  );
}

/** A sponsor's reports: those it owes as a sponsor and, for a district sponsor, those its district owes. */
export function reportsOfSponsor(byReporter: Map<string, ReportFacts>, s: Pick<SponsorFactsRow, 'sponsorId' | 'districtId'>): ReportFacts {
  const parts = [byReporter.get(`SPONSOR:${s.sponsorId}`), s.districtId ? byReporter.get(`DISTRICT:${s.districtId}`) : undefined].filter(
    (p): p is ReportFacts => !!p,
  );
  return parts.reduce(
    (a, p) => ({ due: a.due + p.due, onTime: a.onTime + p.onTime, yearEndSubmitted: a.yearEndSubmitted || p.yearEndSubmitted }),
    NO_REPORTS,
  );
}

/** One sponsor through the engine: the row stored (and shown) for it. */
export function evaluationOf(set: RuleSetRow, s: SponsorFactsRow, reports: ReportFacts, programId: string, y: number, asOf: string, status: string): EvaluationRow {
  const inputs = combineFacts(s, reports);
  const e = evaluateSponsor(set.definition, inputs.profile, inputs.facts);
  return {
    id: null,
    runId: null,
    sponsorId: s.sponsorId,
    programId,
    year: y,
    grade: e.grade,
    status,
    ruleSetVersion: set.version,
    rules: e.rules,
    facts: factsSnapshot(s, inputs) as EvaluationRow['facts'],
    cappedBy: e.cappedBy,
    summaryVi: e.summary.vi,
    summaryEn: e.summary.en,
    factsAsOf: asOf,
  };
}

export class EvaluationsService {
  /**
   * Every sponsor of the programme's year through the current rule set: the sponsors subgraph's facts
   * (asked as the caller, one statement there) and this subgraph's reports (one statement here), in
   * parallel; then the engine, exactly.
   */
  async compute(ctx: Ctx, programId: string, y: number, status: string): Promise<Computed> {
    const ruleSet = await ruleSetsService.currentFor(ctx, programId);
    const asOf = todayInVietnam();
    const [facts, reports] = await Promise.all([
      ctx.peer('sponsors').query<{ sponsorFacts: SponsorFactsRow[] }>(ctx.caller, SPONSOR_FACTS_QUERY, { programId, year: y }),
      reportFacts(ctx, programId, y, asOf),
    ]);
    const rows = facts.sponsorFacts.map((s) => evaluationOf(ruleSet, s, reportsOfSponsor(reports, s), programId, y, asOf, status));
    return { ruleSet, factsAsOf: asOf, rows };
  }

  /** What `evaluateSponsors` would compute now, without storing anything. */
  async preview(ctx: Ctx, programIdArg: string, yearArg: number): Promise<EvaluationRow[]> {
    ctx.authorize('evaluations.evaluate');
    void ctx.tenant; // one province's: FORBIDDEN for the national role
    const programId = foreignId(programIdArg, 'programId');
    const y = checkYear(yearArg, 'year');
    return (await this.compute(ctx, programId, y, 'PREVIEW')).rows;
  }

  /**
   * Computes a new DRAFT for the programme's year with the current rule-set version; the previous
   * draft (if any) is SUPERSEDED. Approved runs are never touched: a new draft after an approval
   * is how a province reconsiders, and it needs a new approval to take effect.
   */
  async evaluate(ctx: Ctx, programIdArg: string, yearArg: number): Promise<RunRow> {
    ctx.authorize('evaluations.evaluate');
    const tenant = ctx.tenant;
    const programId = foreignId(programIdArg, 'programId');
    const y = checkYear(yearArg, 'year');
    const computed = await this.compute(ctx, programId, y, 'DRAFT');
    const runId = newId();
    try {
      await this.store(ctx, tenant, programId, y, runId, computed);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      throw conflict('Another evaluation of this programme and year ran at the same time; evaluate again', { field: 'programId', reason: 'CONCURRENT' });
    }
    return (await this.runById(ctx, runId))!;
  }

  private store(ctx: Ctx, tenant: string, programId: string, y: number, runId: string, computed: Computed): Promise<void> {
    return ctx.write('evaluateSponsors', async (em) => {
      const drafts = await em.find(EvaluationRunEntity, { tenantId: tenant, programId, year: y, status: 'DRAFT' }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      for (const d of drafts) d.status = 'SUPERSEDED';
      await em.flush();
      em.create(EvaluationRunEntity, {
        tenantId: tenant,
        id: runId,
        programId,
        year: y,
        ruleSetId: computed.ruleSet.id,
        ruleSetVersion: computed.ruleSet.version,
        status: 'DRAFT',
        factsAsOf: computed.factsAsOf,
        computedAt: new Date(),
        computedBy: ctx.identity.subject,
        approvedAt: null,
        approvedBy: null,
      });
      await em.flush();
      for (const row of computed.rows) {
        em.create(SponsorEvaluationEntity, {
          tenantId: tenant,
          id: newId(),
          runId,
          sponsorId: row.sponsorId,
          grade: row.grade,
          rules: row.rules as unknown[],
          facts: row.facts as Record<string, unknown>,
          cappedBy: row.cappedBy,
          summaryVi: row.summaryVi,
          summaryEn: row.summaryEn,
        });
      }
    });
  }

  /**
   * Approves the programme's current draft: from now on it is the evaluation in force, frozen with
   * the rule-set version it used (the database refuses any later change to it). No draft: NOT_FOUND;
   * the draft was approved already: CONFLICT.
   */
  async approve(ctx: Ctx, programIdArg: string, yearArg: number): Promise<RunRow> {
    ctx.authorize('evaluations.approve');
    const tenant = ctx.tenant;
    const programId = foreignId(programIdArg, 'programId');
    const y = checkYear(yearArg, 'year');
    const id = await ctx.write('approveEvaluations', async (em) => {
      const draft = await em.findOne(EvaluationRunEntity, { tenantId: tenant, programId, year: y, status: 'DRAFT' }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!draft) {
        const [approved] = await em.execute(
          `select 1 from evaluations.evaluation_run where tenant_id = ? and program_id = ?::uuid and year = ? and status = 'APPROVED' limit 1`,
          [tenant, programId, y],
        );
        if (approved) {
          throw conflict('The evaluations of this year are approved and there is no newer draft: evaluate again to make one', {
            field: 'year',
            reason: 'ALREADY_APPROVED',
          });
        }
        throw notFound('Draft evaluation', { field: 'programId', reason: 'NO_DRAFT' });
      }
      draft.status = 'APPROVED';
      draft.approvedAt = new Date();
      draft.approvedBy = ctx.identity.subject;
      return draft.id;
    });
    return (await this.runById(ctx, id))!;
  }

  private async runById(ctx: Ctx, id: string): Promise<RunRow | null> {
    const em = await ctx.em();
    const rows = await em.execute(`select ${RUN_COLUMNS} from evaluations.evaluation_run r where r.tenant_id = ? and r.id = ?`, [ctx.tenant, id]);
    return rows[0] ? toRun(rows[0]) : null;
  }

  /** The run in force for a programme's year (latest approved, else the draft), or the latest of a status. */
  async run(ctx: Ctx, programId: string, yearArg: number, status?: string | null): Promise<RunRow | null> {
    ctx.authorize('evaluations.read');
    if (ownSponsor(ctx) !== undefined) throw forbidden('A sponsor reads its own evaluation (Sponsor.evaluation), not the province’s');
    const tenant = ctx.tenant;
    const y = checkYear(yearArg, 'year');
    if (!isUuidOrNull(programId)) return null;
    const em = await ctx.em();
    const statuses = status ? [status] : ['APPROVED', 'DRAFT'];
    const rows = await em.execute(
      `select ${RUN_COLUMNS} from evaluations.evaluation_run r
        where r.tenant_id = ? and r.program_id = ?::uuid and r.year = ? and r.status = any(?::text[])
        order by ${IN_FORCE_ORDER} limit 1`,
      [tenant, programId.toLowerCase(), y, pgArray(statuses)],
    );
    return rows[0] ? toRun(rows[0]) : null;
  }

  /** Every run of a programme's year, newest first (history: drafts, superseded drafts, approvals). */
  async runs(ctx: Ctx, programId: string, yearArg: number): Promise<RunRow[]> {
    ctx.authorize('evaluations.read');
    if (ownSponsor(ctx) !== undefined) throw forbidden('A sponsor reads its own evaluation (Sponsor.evaluation), not the province’s');
    const tenant = ctx.tenant;
    const y = checkYear(yearArg, 'year');
    if (!isUuidOrNull(programId)) return [];
    const em = await ctx.em();
    const rows = await em.execute(
      `select ${RUN_COLUMNS} from evaluations.evaluation_run r where r.tenant_id = ? and r.program_id = ?::uuid and r.year = ?
        order by r.computed_at desc, r.id`,
      [tenant, programId.toLowerCase(), y],
    );
    return rows.map(toRun);
  }

  /**
   * `Sponsor.evaluation(programId, year, status)`: the sponsor's evaluation in the run in force (or the
   * latest run of `status`). A sponsor reads its own, approved, only. Batched for every sponsor of a request.
   */
  async forSponsor(ctx: Ctx, sponsorId: string, programId: string, yearArg: number, status?: string | null): Promise<EvaluationRow | null> {
    ctx.authorize('evaluations.read');
    void ctx.tenant; // one province's: FORBIDDEN for the national role
    const y = checkYear(yearArg, 'year');
    const own = ownSponsor(ctx);
    if (own !== undefined) {
      if (own !== sponsorId.toLowerCase()) return null;
      if (status && status !== 'APPROVED') return null;
      status = 'APPROVED';
    }
    if (!isUuidOrNull(programId) || !isUuidOrNull(sponsorId)) return null;
    return ctx.loaders.evaluationOfSponsor.load(`${sponsorId.toLowerCase()}|${programId.toLowerCase()}:${y}:${status ?? ''}`);
  }
}

export const evaluationsService = new EvaluationsService();
