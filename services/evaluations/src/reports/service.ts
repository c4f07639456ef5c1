import {
  type PeerData,
  checkVersion,
  code as checkCode,
  conflict,
  enqueueOutbox,
  foreignId,
  idOf,
  isUniqueViolation,
  isUuid,
  keysetPage,
  newId,
  notFound,
  optionalText,
  ownSponsor,
  type PageArgs,
  Reason,
  refuse,
  type RequestContext,
  requiredText,
  todayInVietnam,
  year as checkYear,
  callerLevels,
  chainFor,
  checkAct,
  recordTransition,
  recordVersion,
} from '@kn/platform';
import { LockMode } from '@mikro-orm/core';
import { inReportScope, reportContent } from './review.js';
import { programVisible, reportersVisible } from '../common/peers.js';
import { ALL_DISTRICTS, CLASSIFIED_COMMUNES, scheduleTwinnings, type TwinningNode } from '../peers.js';
import { refuseScoped, unitScope } from '../common/scope.js';
import { day, yearEnd, yearStart } from '../common/sql.js';
import { dueDateOf, periodsOf, STATUS_SQL, type Period } from './calendar.js';
import { CalendarRuleEntity, ReportEntity } from './entities.js';
import { reporterRecipients } from './reminders.js';
import { REPORT_COLUMNS, RULE_COLUMNS, toCalendarRule, toReport, type CalendarRuleRow, type ReportRow } from './rows.js';
import { type RecordReportSubmissionInput, type ReportCalendarRuleInput, type ReportFilter, ReportOrdering } from './types.js';

type Ctx = RequestContext<unknown>;
const S = 'evaluations';
type ReporterKind = 'SPONSOR' | 'COMMUNE' | 'DISTRICT';

/** The programme's twinnings active in the year, each with the commune it continues in on each due date. */
/** SQL narrowing reports to the caller's own (a sponsor), true when not narrowed. */
function reportScope(ctx: Ctx, alias: string): { sql: string; params: unknown[] } {
  const unit = unitScope(ctx, { unit: `${alias}.reporter_id`, sponsor: `${alias}.reporter_id` });
  const own = ownSponsor(ctx);
  if (own === undefined) return unit;
  if (own === null) return { sql: 'false', params: [] };
  return { sql: `(${alias}.reporter_kind = 'SPONSOR' and ${alias}.reporter_id = ?::uuid) and ${unit.sql}`, params: [own, ...unit.params] };
}

export class ReportsService {
  /** Reports, by due date, a page at a time; statuses derived against `filter.asOf` (default today). */
  async list(ctx: Ctx, filter: ReportFilter | null | undefined, page: PageArgs<keyof typeof ReportOrdering.Field>) {
    ctx.authorize('evaluations.read');
    const tenant = ctx.tenant;
    const order = ReportOrdering.resolve(page.orderBy);
    const f = filter ?? {};
    const asOf = f.asOf ?? todayInVietnam();
    const scope = reportScope(ctx, 'r');
    const where = ['r.tenant_id = ?', scope.sql];
    const params: unknown[] = [tenant, ...scope.params];
    for (const [value, column] of [
      [f.programId, 'r.program_id'],
      [f.reporterId, 'r.reporter_id'],
    ] as const) {
      if (value == null) continue;
      if (!isUuid(value)) where.push('false');
      else {
        where.push(`${column} = ?::uuid`);
        params.push(value.toLowerCase());
      }
    }
    if (f.kind != null) {
      where.push('r.kind = ?');
      params.push(f.kind);
    }
    if (f.reporterKind != null) {
      where.push('r.reporter_kind = ?');
      params.push(f.reporterKind);
    }
    if (f.year != null) {
      const y = checkYear(f.year, 'filter.year');
      where.push('r.period_start between ?::date and ?::date');
      params.push(yearStart(y), yearEnd(y));
    }
    if (f.status != null) {
      where.push(`${STATUS_SQL('r')} = ?`);
      params.push(asOf, asOf, f.status);
    }
    return keysetPage(await ctx.em(), {
      list: `select ${REPORT_COLUMNS} from evaluations.report r where ${where.join(' and ')}`,
      params,
      order,
      page,
      toNode: (r) => toReport(r, asOf),
    });
  }

  /** Reports not submitted by `asOf` whose due date had passed: what is late that day. */
  overdue(ctx: Ctx, asOf: string, programId: string | null | undefined, page: PageArgs<keyof typeof ReportOrdering.Field>) {
    return this.list(ctx, { asOf, programId, status: 'OVERDUE' as ReportFilter['status'] }, page);
  }

  async get(ctx: Ctx, id: string): Promise<ReportRow | null> {
    ctx.authorize('evaluations.read');
    const tenant = ctx.tenant;
    if (!isUuid(id)) return null;
    const scope = reportScope(ctx, 'r');
    const em = await ctx.em();
    const rows = await em.execute(`select ${REPORT_COLUMNS} from evaluations.report r where r.tenant_id = ? and r.id = ?::uuid and ${scope.sql}`, [
      tenant,
      id.toLowerCase(),
      ...scope.params,
    ]);
    return rows[0] ? toReport(rows[0]) : null;
  }

  /**
   * Records that a report came in. Staff record any day up to today (a paper report dated earlier);
   * a sponsor records its own report, today. A submission already recorded is corrected by staff only,
   * with the version they read.
   */
  async recordSubmission(ctx: Ctx, input: RecordReportSubmissionInput): Promise<ReportRow> {
    ctx.authorize('evaluations.report');
    const tenant = ctx.tenant;
    const id = idOf(input.id, 'Report', 'input.id');
    const today = todayInVietnam();
    const own = ownSponsor(ctx);
    const submittedOn = input.submittedOn ?? today;
    if (submittedOn > today) throw refuse('A report cannot come in after today', 'input.submittedOn', Reason.IN_THE_FUTURE);
    if (own !== undefined && submittedOn !== today) {
      throw refuse('A sponsor records its own report on the day it sends it (today)', 'input.submittedOn', Reason.NOT_TODAY);
    }
    const note = optionalText(input.note, 'input.note', 2000);
    await ctx.write('recordReportSubmission', async (em) => {
      const r = await em.findOne(ReportEntity, { tenantId: tenant, id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!r || (own !== undefined && !(r.reporterKind === 'SPONSOR' && r.reporterId === own)) || !inReportScope(ctx, r)) {
        throw notFound('Report', { field: 'input.id' });
      }
      if (r.status === 'ACCEPTED') throw refuse('This report was accepted: it is not changed any more', 'input.id', Reason.ACCEPTED);
      // a submission (the first, or again after a return) is for the province to review; a correction is not
      let firstSubmission = false;
      if (r.status === 'SUBMITTED') {
        if (own !== undefined) {
          // a partner's retry of the submission it made today answers the report as it is, writing nothing
          if (r.submittedOn === submittedOn && r.recordedBy === ctx.identity.subject) return;
          throw conflict('This report is already recorded as submitted; the province corrects it if needed', { field: 'input.id', reason: 'ALREADY_SUBMITTED' });
        }
        // the province's correction of a submission (its day, its note): no transition
        checkVersion(r, input.version, 'This report');
        r.submittedOn = submittedOn;
      } else {
        // DRAFT or RETURNED → SUBMITTED, at a level the chain lets send; timeliness stays on the first submission
        const { level, to } = checkAct(await chainFor(em, S, tenant, r.programId, 'REPORT', r.periodStart), callerLevels(ctx), 'SUBMIT', r.status);
        checkVersion(r, input.version, 'This report');
        const from = r.status;
        r.status = to;
        firstSubmission = true;
        if (from === 'DRAFT') r.submittedOn = submittedOn;
        await recordTransition(em, S, { tenant, kind: 'REPORT', itemId: id, by: ctx.identity.subject, level, from, to, reason: null, itemVersion: r.version + 1 });
        if (note !== null) r.note = note;
        await recordVersion(em, S, { tenant, kind: 'REPORT', itemId: id, by: ctx.identity.subject, content: reportContent(r, submittedOn) });
      }
      if (note !== null) r.note = note;
      r.recordedBy = ctx.identity.subject;
      r.version += 1;
      r.updatedAt = new Date();
      // the province reviews what came in (#14 §3): told in this same transaction; a correction of a
      // submission already recorded is no new submission
      if (firstSubmission) {
        await enqueueOutbox(em, {
          tenant,
          event: 'SUBMITTED',
          subject: { type: 'Report', id: r.id },
          payload: { kind: r.kind, programId: r.programId, reporterKind: r.reporterKind, reporterId: r.reporterId, periodStart: r.periodStart, periodEnd: r.periodEnd, dueOn: r.dueOn, submittedOn: r.submittedOn },
          recipients: { roles: ['officer', 'admin'], ...reporterRecipients(r.reporterKind, r.reporterId) },
          actor: ctx.identity.subject,
        });
      }
    });
    return (await this.get(ctx, id))!;
  }

  // ---------------------------------------------------------------- calendar rules

  async calendarRules(ctx: Ctx, programId?: string | null): Promise<CalendarRuleRow[]> {
    ctx.authorize('evaluations.read');
    const tenant = ctx.tenant;
    if (programId != null && !isUuid(programId)) return [];
    const em = await ctx.em();
    const rows = await em.execute(
      `select ${RULE_COLUMNS} from evaluations.report_calendar_rule c where c.tenant_id = ? ${programId ? 'and c.program_id = ?::uuid' : ''}
        order by c.program_id, c.code`,
      [tenant, ...(programId ? [programId.toLowerCase()] : [])],
    );
    const scope = ctx.identity.scope;
    // a unit-scoped caller reads the province's calendar, but names only the reporters of its scope
    const seen = (id: string) => !scope || scope.reach.includes(id) || scope.agencies.includes(id);
    return rows.map(toCalendarRule).map((r) => (scope ? { ...r, reporterIds: r.reporterIds.filter(seen) } : r));
  }

  /** Creates a calendar rule, or replaces the one with the same code (giving the version read). Reports already scheduled keep their due dates. */
  async setCalendarRule(ctx: Ctx, input: ReportCalendarRuleInput): Promise<CalendarRuleRow> {
    ctx.authorize('evaluations.configure');
    refuseScoped(ctx, 'The province’s report calendar');
    const tenant = ctx.tenant;
    const v = validateRule(input);
    const [program, named] = await Promise.all([
      programVisible(ctx, v.programId),
      v.reporterIds.length > 0 ? reportersVisible(ctx, v.reporterKind as ReporterKind, v.reporterIds) : new Set<string>(),
    ]);
    if (!program) throw refuse('No programme of your province has this id', 'input.programId', Reason.UNKNOWN_PROGRAM);
    // a named reporter is one of the province's own: another province's sponsor or unit is unknown here
    const stranger = v.reporterIds.findIndex((id) => !named.has(id));
    if (stranger >= 0) {
      throw refuse(`Not a ${v.reporterKind.toLowerCase()} of your province`, `input.reporterIds[${stranger}]`, Reason.REPORTERS);
    }
    await ctx.write('setReportCalendarRule', async (em) => {
      const existing = await em.findOne(CalendarRuleEntity, { tenantId: tenant, code: v.code }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (existing) {
        if (input.version == null) {
          throw refuse('A rule with this code exists: give the version you read to replace it', 'input.version', Reason.VERSION_REQUIRED);
        }
        checkVersion(existing, input.version, 'This calendar rule');
        Object.assign(existing, { ...v, version: existing.version + 1, updatedAt: new Date() });
      } else {
        em.create(CalendarRuleEntity, { tenantId: tenant, id: newId(), ...v, version: 1, updatedAt: new Date() });
      }
    });
    const [row] = (await this.calendarRules(ctx, v.programId)).filter((r) => r.code === v.code);
    return row!;
  }

  // ---------------------------------------------------------------- scheduling

  /**
   * Creates the reports a programme expects for the periods of `year`, from the province's calendar
   * rules: for each rule in force that year, each period, each reporter it names as of the report's
   * due date (sponsors of the programme's twinnings active in the period, and the communes those
   * twinnings continue in, asked of the sponsors subgraph; districts with a classified commune,
   * asked of the communes subgraph). Already scheduled reports are kept as they are, so running it
   * again creates nothing.
   */
  async schedule(ctx: Ctx, programIdArg: string, yearArg: number): Promise<{ created: number; reports: ReportRow[] }> {
    ctx.authorize('evaluations.schedule');
    refuseScoped(ctx, 'The province’s report calendar');
    const tenant = ctx.tenant;
    const programId = foreignId(programIdArg, 'programId');
    const y = checkYear(yearArg, 'year');
    // another province's programme is unknown here, exactly as one that does not exist
    if (!(await programVisible(ctx, programId))) throw refuse('No programme of your province has this id', 'programId', Reason.UNKNOWN_PROGRAM);
    const em = await ctx.em();
    const rules = (
      await em.execute(
        `select ${RULE_COLUMNS} from evaluations.report_calendar_rule c
          where c.tenant_id = ? and c.program_id = ?::uuid and c.first_year <= ? and (c.last_year is null or c.last_year >= ?)
          order by c.code`,
        [tenant, programId, y, y],
      )
    ).map(toCalendarRule);

    // who owes a report is decided on its due date: the districts, and the communes twinnings continue
    // in, that exist that day (a district abolished on 1/7/2025 owes nothing due later)
    const planned = new Map<string, { rule: CalendarRuleRow; period: Period; reporterId: string; dueOn: string }>();
    // no duty before the document that creates it (decision 1100 of 16/4/2020 owes no plan by 31/3/2020)
    const periods = rules
      .flatMap((rule) => periodsOf(rule.periodicity, y).map((period) => ({ rule, period, dueOn: dueDateOf(rule, period) })))
      .filter((p) => p.rule.effectiveFrom === null || p.dueOn >= p.rule.effectiveFrom);
    const dueDates = [...new Set(periods.filter((p) => p.rule.reporters === 'TWINNED_COMMUNES').map((p) => p.dueOn))].sort();
    const twinnings = periods.some((p) => p.rule.reporters === 'PROGRAM_SPONSORS' || p.rule.reporters === 'TWINNED_COMMUNES')
      ? await this.twinningsOf(ctx, programId, y, dueDates)
      : [];
    const districts = new Map<string, string[]>();
    for (const { rule, period, dueOn } of periods) {
      const overlapping = () => twinnings.filter((t) => t.startsOn <= period.end && (t.endsOn === null || t.endsOn >= period.start));
      let reporters: string[];
      if (rule.reporters === 'PROGRAM_SPONSORS') reporters = overlapping().map((t) => t.sponsor?.id).filter(isUuid);
      else if (rule.reporters === 'TWINNED_COMMUNES') {
        const alias = `c${dueDates.indexOf(dueOn)}` as const;
        reporters = overlapping().map((t) => t[alias]?.id).filter(isUuid);
      } else if (rule.reporters === 'NAMED') reporters = rule.reporterIds;
      else if (rule.reporters === 'ALL_DISTRICTS') {
        const key = `*|${dueOn}`;
        if (!districts.has(key)) districts.set(key, await this.allDistricts(ctx, dueOn));
        reporters = districts.get(key)!;
      } else {
        const key = `${rule.classification}|${dueOn}`;
        if (!districts.has(key)) districts.set(key, await this.districtsWith(ctx, rule.classification!, dueOn));
        reporters = districts.get(key)!;
      }
      for (const reporterId of new Set(reporters.map((r) => r.toLowerCase()))) {
        const k = [rule.kind, rule.reporterKind, reporterId, period.start].join('|');
        if (!planned.has(k)) planned.set(k, { rule, period, reporterId, dueOn });
      }
    }
    const existing = new Set(
      (
        await em.execute(
          `select r.kind, r.reporter_kind, r.reporter_id, r.period_start from evaluations.report r
            where r.tenant_id = ? and r.program_id = ?::uuid and r.period_start between ?::date and ?::date`,
          [tenant, programId, yearStart(y), yearEnd(y)],
        )
      ).map((r) => [r.kind, r.reporter_kind, r.reporter_id, day(r.period_start)].join('|')),
    );
    const missing = [...planned].filter(([k]) => !existing.has(k)).map(([, v]) => v);
    if (missing.length > 0) {
      await this.create(ctx, tenant, programId, missing);
    }
    const all = await em.execute(
      `select ${REPORT_COLUMNS} from evaluations.report r
        where r.tenant_id = ? and r.program_id = ?::uuid and r.period_start between ?::date and ?::date order by r.due_on, r.id`,
      [tenant, programId, yearStart(y), yearEnd(y)],
    );
    return { created: missing.length, reports: all.map((r) => toReport(r)) };
  }

  /** Creates the missing reports in one audited write; a concurrent scheduling of the same year is CONFLICT (run it again). */
  private async create(
    ctx: Ctx,
    tenant: string,
    programId: string,
    missing: { rule: CalendarRuleRow; period: Period; reporterId: string; dueOn: string }[],
  ): Promise<void> {
    try {
      await ctx.write('scheduleReports', async (wem) => {
        const now = new Date();
        for (const m of missing) {
          wem.create(ReportEntity, {
            tenantId: tenant,
            id: newId(),
            programId,
            kind: m.rule.kind,
            reporterKind: m.rule.reporterKind,
            reporterId: m.reporterId,
            periodStart: m.period.start,
            periodEnd: m.period.end,
            dueOn: m.dueOn,
            calendarRuleId: m.rule.id,
            submittedOn: null,
            recordedBy: null,
            note: null,
            status: 'DRAFT',
            version: 1,
            createdAt: now,
            updatedAt: now,
          });
        }
      });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      throw conflict('The same reports were scheduled at the same time; run it again (it creates only what is missing)', { field: 'year', reason: 'CONCURRENT' });
    }
  }

  /** The programme's twinnings active in the year, asked of the sponsors subgraph as the caller (500 a page). */
  private async twinningsOf(ctx: Ctx, programId: string, y: number, dueDates: string[]): Promise<TwinningNode[]> {
    const doc = scheduleTwinnings(dueDates);
    const out: TwinningNode[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const data: PeerData<typeof doc> = await ctx.peer('sponsors').query(ctx.caller, doc, { programId, year: y, after });
      out.push(...data.twinnings.nodes);
      if (!data.twinnings.pageInfo.hasNextPage) break;
      after = data.twinnings.pageInfo.endCursor;
    }
    return out;
  }

  /** Every district valid on `asOf`, asked of the communes subgraph. None from 1/7/2025. */
  private async allDistricts(ctx: Ctx, asOf: string): Promise<string[]> {
    const data = await ctx.peer('communes').query(ctx.caller, ALL_DISTRICTS, { asOf });
    return data.districts.map((d) => d.id).sort();
  }

  /** Districts valid on `asOf` with a commune of `classification`, asked of the communes subgraph. None from 1/7/2025. */
  private async districtsWith(ctx: Ctx, classification: string, asOf: string): Promise<string[]> {
    const ids = new Set<string>();
    let after: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const data: PeerData<typeof CLASSIFIED_COMMUNES> = await ctx.peer('communes').query(ctx.caller, CLASSIFIED_COMMUNES, { asOf, classification, after });
      for (const n of data.communes.nodes) if (n.district) ids.add(n.district.id);
      if (!data.communes.pageInfo.hasNextPage) break;
      after = data.communes.pageInfo.endCursor;
    }
    return [...ids].sort();
  }
}

/** Checks a calendar rule's fields; every refusal names its field and a reason. */
function validateRule(input: ReportCalendarRuleInput) {
  const codeValue = checkCode(input.code, 'input.code');
  const programId = foreignId(input.programId, 'input.programId');
  const firstYear = checkYear(input.firstYear, 'input.firstYear');
  const lastYear = input.lastYear == null ? null : checkYear(input.lastYear, 'input.lastYear');
  if (lastYear !== null && lastYear < firstYear) throw refuse('`lastYear` is before `firstYear`', 'input.lastYear', Reason.DUE_RULE);
  const fixed = input.dueMonth != null || input.dueDay != null;
  const relative = input.dueDaysAfterPeriod != null;
  if (fixed === relative) {
    throw refuse('Give a fixed due day (`dueMonth` and `dueDay`) or `dueDaysAfterPeriod`, one of the two', 'input.dueMonth', Reason.DUE_RULE);
  }
  if (fixed) {
    if (input.periodicity !== 'YEAR') throw refuse('A fixed due day is for yearly reports; give `dueDaysAfterPeriod` for shorter periods', 'input.dueMonth', Reason.DUE_RULE);
    if (!Number.isInteger(input.dueMonth) || input.dueMonth! < 1 || input.dueMonth! > 12) throw refuse('`dueMonth` is 1 to 12', 'input.dueMonth', Reason.DUE_RULE);
    if (!Number.isInteger(input.dueDay) || input.dueDay! < 1 || input.dueDay! > 31) throw refuse('`dueDay` is 1 to 31', 'input.dueDay', Reason.DUE_RULE);
  } else if (!Number.isInteger(input.dueDaysAfterPeriod) || input.dueDaysAfterPeriod! < 0 || input.dueDaysAfterPeriod! > 366) {
    throw refuse('`dueDaysAfterPeriod` is 0 to 366', 'input.dueDaysAfterPeriod', Reason.DUE_RULE);
  }
  const offset = input.dueYearOffset ?? 0;
  if (offset !== 0 && offset !== 1) throw refuse('`dueYearOffset` is 0 or 1', 'input.dueYearOffset', Reason.DUE_RULE);
  const expectedKind = { PROGRAM_SPONSORS: 'SPONSOR', TWINNED_COMMUNES: 'COMMUNE', CLASSIFIED_COMMUNES_DISTRICTS: 'DISTRICT', ALL_DISTRICTS: 'DISTRICT', NAMED: null }[input.reporters];
  if (expectedKind && expectedKind !== input.reporterKind) {
    throw refuse(`Reporters ${input.reporters} are of kind ${expectedKind}`, 'input.reporterKind', Reason.REPORTERS);
  }
  if ((input.reporters === 'CLASSIFIED_COMMUNES_DISTRICTS') !== (input.classification != null)) {
    throw refuse('`classification` goes with CLASSIFIED_COMMUNES_DISTRICTS, and only with it', 'input.classification', Reason.REPORTERS);
  }
  const reporterIds = (input.reporterIds ?? []).map((id, i) => foreignId(id, `input.reporterIds[${i}]`));
  if (input.reporters === 'NAMED' ? reporterIds.length === 0 : reporterIds.length > 0) {
    throw refuse('`reporterIds` name the reporters of a NAMED rule, and only of it', 'input.reporterIds', Reason.REPORTERS);
  }
  if (reporterIds.length > 500) throw refuse('At most 500 named reporters', 'input.reporterIds', Reason.REPORTERS);
  return {
    code: codeValue,
    programId,
    kind: input.kind as string,
    reporterKind: input.reporterKind as string,
    reporters: input.reporters as string,
    classification: (input.classification as string | null) ?? null,
    reporterIds,
    periodicity: input.periodicity as string,
    dueMonth: fixed ? input.dueMonth! : null,
    dueDay: fixed ? input.dueDay! : null,
    dueYearOffset: offset,
    dueDaysAfterPeriod: fixed ? null : input.dueDaysAfterPeriod!,
    firstYear,
    lastYear,
    titleVi: requiredText(input.titleVi, 'input.titleVi', 300),
    titleEn: requiredText(input.titleEn, 'input.titleEn', 300),
    source: requiredText(input.source, 'input.source', 2000),
    effectiveFrom: input.effectiveFrom ?? null,
    // a rule the province writes is its own setting; its `source` says what it rests on
    provenance: {
      kind: 'PROVINCE_SETTING',
      quote: requiredText(input.source, 'input.source', 2000),
      note: 'Đặt bởi tỉnh qua setReportCalendarRule / set by the province through setReportCalendarRule',
    } as Record<string, unknown>,
  };
}

export const reportsService = new ReportsService();
