import {
  conflict,
  enqueueOutbox,
  forbidden,
  foreignId,
  isUniqueViolation,
  isUuidOrNull,
  newId,
  notFound,
  ownSponsor,
  pgArray,
  Reason,
  refuse,
  type RequestContext,
  requiredText,
  todayInVietnam,
  year as checkYear,
} from '@kn/platform';
import { LockMode } from '@mikro-orm/core';
import { refuseScoped } from '../common/scope.js';
import { yearEnd, yearStart } from '../common/sql.js';
import type { Loaders } from '../loaders.js';
import { evaluateSponsor } from '../rules/engine.js';
import { adoptRuleSet, ruleSetsService, type RuleSetRow } from '../rules/service.js';
import { EvaluationRunEntity, GradeDecisionEntity, SponsorEvaluationEntity } from './entities.js';
import { SPONSOR_FACTS } from '../peers.js';
import { combineFacts, factsSnapshot, NO_REPORTS, type ReportFacts, type SponsorFactsRow } from './facts.js';
import { DECISION_JOIN, EVALUATION_COLUMNS, IN_FORCE_ORDER, RUN_COLUMNS, toEvaluation, toRun, type EvaluationRow, type RunRow } from './rows.js';

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
      where r.tenant_id = any(?::text[]) and r.program_id = ?::uuid and r.period_start between ?::date and ?::date
      group by r.reporter_kind, r.reporter_id`,
    [asOf, asOf, asOf, asOf, ctx.readTenantsParam, programId, yearStart(y), yearEnd(y)],
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
    outcome: e.outcome,
    proposedGrade: e.grade,
    eligibleGrades: e.eligibleGrades,
    excludedBy: e.excludedBy,
    decision: null,
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
      ctx.peer('sponsors').query(ctx.caller, SPONSOR_FACTS, { programId, year: y }),
      reportFacts(ctx, programId, y, asOf),
    ]);
    const rows = facts.sponsorFacts.map((s) => evaluationOf(ruleSet, s, reportsOfSponsor(reports, s), programId, y, asOf, status));
    return { ruleSet, factsAsOf: asOf, rows };
  }

  /** What `evaluateSponsors` would compute now, without storing anything. */
  async preview(ctx: Ctx, programIdArg: string, yearArg: number): Promise<EvaluationRow[]> {
    ctx.authorize('evaluations.evaluate');
    refuseScoped(ctx, 'Evaluating the sponsors');
    ctx.requireTenant(); // one province's: FORBIDDEN for the national role
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
    refuseScoped(ctx, 'Evaluating the sponsors');
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
      const ruleSet = await adoptRuleSet(em, ctx, tenant, computed.ruleSet);
      em.create(EvaluationRunEntity, {
        tenantId: tenant,
        id: runId,
        programId,
        year: y,
        ruleSetId: ruleSet.id,
        ruleSetVersion: ruleSet.version,
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
          grade: row.proposedGrade,
          outcome: row.outcome,
          eligibleGrades: row.eligibleGrades,
          excludedBy: row.excludedBy,
          rules: row.rules as unknown[],
          facts: row.facts as Record<string, unknown>,
          cappedBy: row.cappedBy,
          summaryVi: row.summaryVi,
          summaryEn: row.summaryEn,
        });
      }
      // a draft waits for an admin's approval (#14 §3): told in this same transaction
      await enqueueOutbox(em, {
        tenant,
        event: 'SUBMITTED',
        subject: { type: 'EvaluationRun', id: runId },
        payload: { programId, year: y, ruleSetVersion: computed.ruleSet.version, sponsors: computed.rows.length },
        recipients: { roles: ['admin'] },
        actor: ctx.identity.subject,
      });
    });
  }

  /**
   * Approves the programme's current draft: from now on it is the evaluation in force, frozen with
   * the rule-set version it used (the database refuses any later change to it). No draft: NOT_FOUND;
   * the draft was approved already: CONFLICT.
   */
  async approve(ctx: Ctx, programIdArg: string, yearArg: number): Promise<RunRow> {
    ctx.authorize('evaluations.approve');
    refuseScoped(ctx, 'Evaluating the sponsors');
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
      // seed 001 §IV.1: where the engine proposed "xuất sắc or tốt", a person must have chosen
      const [pending] = await em.execute(
        `select count(*)::int as n from evaluations.sponsor_evaluation e ${DECISION_JOIN}
          where e.tenant_id = ? and e.run_id = ? and e.outcome = 'CHOICE_REQUIRED' and d.grade is null`,
        [tenant, draft.id],
      );
      if (Number(pending?.n ?? 0) > 0) {
        throw conflict(
          `${pending!.n} evaluation(s) of the draft are eligible for several grades and no grade was chosen: choose each (chooseGrade) before approving`,
          { field: 'year', reason: 'CHOICES_PENDING' },
        );
      }
      draft.status = 'APPROVED';
      draft.approvedAt = new Date();
      draft.approvedBy = ctx.identity.subject;
      // in force from now: the staff and every sponsor evaluated are told, in this same transaction
      const sponsors = await em.execute(`select distinct sponsor_id from evaluations.sponsor_evaluation where tenant_id = ? and run_id = ?`, [tenant, draft.id]);
      await enqueueOutbox(em, {
        tenant,
        event: 'ACCEPTED',
        subject: { type: 'EvaluationRun', id: draft.id },
        payload: { programId, year: y, ruleSetVersion: draft.ruleSetVersion },
        recipients: { roles: ['officer', 'admin'], sponsorIds: sponsors.map((r) => String(r.sponsor_id)) },
        actor: ctx.identity.subject,
      });
      return draft.id;
    });
    return (await this.runById(ctx, id))!;
  }

  /**
   * The approver's choice for an evaluation the engine proposed as eligible for several grades: one of
   * them, with a reason; only while its run is the DRAFT (an approved run is frozen). Insert-only,
   * audited; the latest choice is the one in force.
   */
  async choose(ctx: Ctx, evaluationIdArg: string, grade: string, reasonArg: string): Promise<EvaluationRow> {
    ctx.authorize('evaluations.approve');
    const tenant = ctx.tenant;
    const evaluationId = foreignId(evaluationIdArg, 'evaluationId');
    const reason = requiredText(reasonArg, 'reason', 2000);
    if (reason.length < 10) throw refuse('Give the reason for the choice (at least 10 characters): it is kept and audited', 'reason', Reason.REASON);
    await ctx.write('chooseGrade', async (em) => {
      const [row] = await em.execute(
        `select e.outcome, e.eligible_grades, r.status from evaluations.sponsor_evaluation e
           join evaluations.evaluation_run r on r.tenant_id = e.tenant_id and r.id = e.run_id
          where e.tenant_id = ? and e.id = ? for update of r`,
        [tenant, evaluationId],
      );
      if (!row) throw notFound('Evaluation', { field: 'evaluationId' });
      if (row.status !== 'DRAFT') throw conflict(`Its run is ${row.status}: frozen`, { field: 'evaluationId', reason: 'FROZEN' });
      if (row.outcome !== 'CHOICE_REQUIRED') {
        throw conflict(`Its outcome is ${row.outcome}: the engine left no choice to make`, { field: 'evaluationId', reason: 'NO_CHOICE' });
      }
      const eligible = Array.isArray(row.eligible_grades)
        ? row.eligible_grades.map(String)
        : String(row.eligible_grades).replace(/^\{|\}$/g, '').split(',').filter(Boolean);
      if (!eligible.includes(grade)) throw refuse(`Choose one of ${eligible.join(', ')}`, 'grade', Reason.NOT_ELIGIBLE);
      em.create(GradeDecisionEntity, {
        tenantId: tenant,
        id: newId(),
        evaluationId,
        grade,
        reason,
        decidedBy: ctx.identity.subject,
        decidedAt: new Date(),
      });
    });
    const em = await ctx.em();
    const [r] = await em.execute(
      `select ${EVALUATION_COLUMNS} from evaluations.sponsor_evaluation e
         join evaluations.evaluation_run r on r.tenant_id = e.tenant_id and r.id = e.run_id
         ${DECISION_JOIN}
        where e.tenant_id = ? and e.id = ?`,
      [tenant, evaluationId],
    );
    return toEvaluation(r!);
  }

  private async runById(ctx: Ctx, id: string): Promise<RunRow | null> {
    const em = await ctx.em();
    const rows = await em.execute(`select ${RUN_COLUMNS} from evaluations.evaluation_run r where r.tenant_id = any(?::text[]) and r.id = ?`, [
      ctx.readTenantsParam,
      id,
    ]);
    return rows[0] ? toRun(rows[0]) : null;
  }

  /** The run in force for a programme's year (latest approved, else the draft), or the latest of a status. */
  async run(ctx: Ctx, programId: string, yearArg: number, status?: string | null): Promise<RunRow | null> {
    ctx.authorize('evaluations.read');
    if (ownSponsor(ctx) !== undefined) throw forbidden('A sponsor reads its own evaluation (Sponsor.evaluation), not the province’s');
    refuseScoped(ctx, 'An evaluation run');
    ctx.requireTenant();
    const y = checkYear(yearArg, 'year');
    if (!isUuidOrNull(programId)) return null;
    const em = await ctx.em();
    const statuses = status ? [status] : ['APPROVED', 'DRAFT'];
    const rows = await em.execute(
      `select ${RUN_COLUMNS} from evaluations.evaluation_run r
        where r.tenant_id = any(?::text[]) and r.program_id = ?::uuid and r.year = ? and r.status = any(?::text[])
        order by ${IN_FORCE_ORDER} limit 1`,
      [ctx.readTenantsParam, programId.toLowerCase(), y, pgArray(statuses)],
    );
    return rows[0] ? toRun(rows[0]) : null;
  }

  /** Every run of a programme's year, newest first (history: drafts, superseded drafts, approvals). */
  async runs(ctx: Ctx, programId: string, yearArg: number): Promise<RunRow[]> {
    ctx.authorize('evaluations.read');
    if (ownSponsor(ctx) !== undefined) throw forbidden('A sponsor reads its own evaluation (Sponsor.evaluation), not the province’s');
    refuseScoped(ctx, 'An evaluation run');
    ctx.requireTenant();
    const y = checkYear(yearArg, 'year');
    if (!isUuidOrNull(programId)) return [];
    const em = await ctx.em();
    const rows = await em.execute(
      `select ${RUN_COLUMNS} from evaluations.evaluation_run r where r.tenant_id = any(?::text[]) and r.program_id = ?::uuid and r.year = ?
        order by r.computed_at desc, r.id`,
      [ctx.readTenantsParam, programId.toLowerCase(), y],
    );
    return rows.map(toRun);
  }

  /**
   * `Sponsor.evaluation(programId, year, status)`: the sponsor's evaluation in the run in force (or the
   * latest run of `status`). A sponsor reads its own, approved, only. Batched for every sponsor of a request.
   */
  async forSponsor(ctx: Ctx, sponsorId: string, programId: string, yearArg: number, status?: string | null): Promise<EvaluationRow | null> {
    ctx.authorize('evaluations.read');
    ctx.requireTenant(); // one province's: FORBIDDEN for the national role
    const y = checkYear(yearArg, 'year');
    // a unit-scoped caller reads its agencies' evaluations (a district's twinned sponsors: not yet, docs/SECURITY.md)
    if (ctx.identity.scope && !ctx.identity.scope.agencies.includes(sponsorId.toLowerCase())) return null;
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
