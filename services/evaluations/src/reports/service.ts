import {
  checkVersion,
  conflict,
  decodeCursor,
  isUuid,
  newId,
  notFound,
  pageSize,
  toConnection,
  todayInVietnam,
  type ConnectionShape,
  type RequestContext,
} from '@kn/platform';
import { LockMode } from '@mikro-orm/core';
import { programVisible, reportersVisible } from '../common/peers.js';
import { ownSponsor } from '../common/scope.js';
import { code as checkCode, foreignId, idOf, isUniqueViolation, optionalText, Reason, refuse, requiredText, year as checkYear } from '../common/validate.js';
import { day, yearEnd, yearStart } from '../common/sql.js';
import { dueDateOf, periodsOf, STATUS_SQL, type Period } from './calendar.js';
import { CalendarRuleEntity, ReportEntity } from './entities.js';
import { REPORT_COLUMNS, RULE_COLUMNS, toCalendarRule, toReport, type CalendarRuleRow, type ReportRow } from './rows.js';
import type { RecordReportSubmissionInput, ReportCalendarRuleInput, ReportFilter } from './types.js';

type Ctx = RequestContext<unknown>;
type ReporterKind = 'SPONSOR' | 'COMMUNE' | 'DISTRICT';

/** The programme's twinnings active in the year, each with the commune it continues in on each due date. */
const twinningsPage = (dueDates: string[]) => `query ScheduleTwinnings($programId: ID!, $year: Int!, $after: String) {
  twinnings(filter: { programId: $programId, activeIn: $year }, first: 500, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { startsOn endsOn sponsor { id } ${dueDates.map((d, i) => `c${i}: currentCommune(asOf: "${d}") { id }`).join(' ')} }
  }
}`;
interface TwinningNode {
  startsOn: string;
  endsOn: string | null;
  sponsor: { id: string } | null;
  /** The commune the twinning continues in on each due date: `c<i>` for the i-th date. */
  [due: `c${number}`]: { id: string } | null;
}

const CLASSIFIED_COMMUNES = `query ScheduleDistricts($asOf: Date!, $classification: CommuneClassification!, $after: String) {
  communes(filter: { asOf: $asOf, classification: $classification }, first: 500, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { district { id } }
  }
}`;

/** SQL narrowing reports to the caller's own (a sponsor), true when not narrowed. */
function reportScope(ctx: Ctx, alias: string): { sql: string; params: unknown[] } {
  const own = ownSponsor(ctx);
  if (own === undefined) return { sql: 'true', params: [] };
  if (own === null) return { sql: 'false', params: [] };
  return { sql: `(${alias}.reporter_kind = 'SPONSOR' and ${alias}.reporter_id = ?::uuid)`, params: [own] };
}

export class ReportsService {
  /** Reports, by due date, a page at a time; statuses derived against `filter.asOf` (default today). */
  async list(ctx: Ctx, filter: ReportFilter | null | undefined, first?: number | null, after?: string | null) {
    ctx.authorize('evaluations.read');
    const tenant = ctx.tenant;
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 2);
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
    const em = await ctx.em();
    const page = cursor ? 'where (f.due_on, f.id) > (?::date, ?::uuid)' : '';
    const rows = await em.execute(
      `with f as (select ${REPORT_COLUMNS} from evaluations.report r where ${where.join(' and ')})
       select f.*, (select count(*) from f) as total_count from f ${page} order by f.due_on, f.id limit ?`,
      [...params, ...(cursor ? [String(cursor[0]), String(cursor[1])] : []), limit + 1],
    );
    let total = rows.length > 0 ? Number(rows[0]!.total_count) : 0;
    if (rows.length === 0 && cursor) {
      const n = await em.execute(`select count(*) as n from evaluations.report r where ${where.join(' and ')}`, params);
      total = Number(n[0]?.n ?? 0);
    }
    return toConnection(
      rows.map((r) => toReport(r, asOf)),
      limit,
      total,
      (r) => [r.dueOn, r.id],
    ) as ConnectionShape<ReportRow>;
  }

  /** Reports not submitted by `asOf` whose due date had passed: what is late that day. */
  overdue(ctx: Ctx, asOf: string, programId?: string | null, first?: number | null, after?: string | null) {
    return this.list(ctx, { asOf, programId, status: 'OVERDUE' as ReportFilter['status'] }, first, after);
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
      if (!r || (own !== undefined && !(r.reporterKind === 'SPONSOR' && r.reporterId === own))) throw notFound('Report', { field: 'input.id' });
      if (own !== undefined && r.submittedOn) {
        // a partner's retry of the submission it made today answers the report as it is, writing nothing
        if (r.submittedOn === submittedOn && r.recordedBy === ctx.identity.subject) return;
        throw conflict('This report is already recorded as submitted; the province corrects it if needed', { field: 'input.id', reason: 'ALREADY_SUBMITTED' });
      }
      checkVersion(r, input.version, 'This report');
      r.submittedOn = submittedOn;
      if (note !== null) r.note = note;
      r.recordedBy = ctx.identity.subject;
      r.version += 1;
      r.updatedAt = new Date();
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
    return rows.map(toCalendarRule);
  }

  /** Creates a calendar rule, or replaces the one with the same code (giving the version read). Reports already scheduled keep their due dates. */
  async setCalendarRule(ctx: Ctx, input: ReportCalendarRuleInput): Promise<CalendarRuleRow> {
    ctx.authorize('evaluations.configure');
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
    const periods = rules.flatMap((rule) => periodsOf(rule.periodicity, y).map((period) => ({ rule, period, dueOn: dueDateOf(rule, period) })));
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
      else {
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
    const query = twinningsPage(dueDates);
    const out: TwinningNode[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const data: { twinnings: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: TwinningNode[] } } = await ctx
        .peer('sponsors')
        .query(ctx.caller, query, { programId, year: y, after });
      out.push(...data.twinnings.nodes);
      if (!data.twinnings.pageInfo.hasNextPage) break;
      after = data.twinnings.pageInfo.endCursor;
    }
    return out;
  }

  /** Districts valid on `asOf` with a commune of `classification`, asked of the communes subgraph. None from 1/7/2025. */
  private async districtsWith(ctx: Ctx, classification: string, asOf: string): Promise<string[]> {
    const ids = new Set<string>();
    let after: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const data: { communes: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { district: { id: string } | null }[] } } =
        await ctx.peer('communes').query(ctx.caller, CLASSIFIED_COMMUNES, { asOf, classification, after });
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
  const expectedKind = { PROGRAM_SPONSORS: 'SPONSOR', TWINNED_COMMUNES: 'COMMUNE', CLASSIFIED_COMMUNES_DISTRICTS: 'DISTRICT', NAMED: null }[input.reporters];
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
  };
}

export const reportsService = new ReportsService();
