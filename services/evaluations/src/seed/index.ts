import type { ClientBase } from 'pg';
import { inTenant, seedIds, seedReviewChains } from '@kn/platform';
import { REPORT_CHAINS } from './review-chains.js';
import { demoTenants, type DemoTenant } from '@kn/sponsors/seed/demo';
import { NATIONAL_CRITERIA_SETS } from '../measurements/criteria.js';
import { DB_SCHEMA } from '../orm.js';
import { QN_1100_RULES } from '../rules/rulesets.js';
import type { RuleSet } from '../rules/language.js';
import { demoRuns, ruleSetRow } from './evaluations.js';
import { langSonMeasurements, SYNTHETIC_SOURCE } from './measurements.js';
import { calendarRules, demoReports } from './reports.js';
import { TEMPLATE_SEEDS } from '../templates/seed.js';
import { reportTemplateSchema } from '../templates/language.js';

const S = DB_SCHEMA;

/**
 * What each demo tenant rates, and which year of it is approved. Lạng Sơn rates nothing: its border
 * programme (seed 000) defines no rating (a yearly review and praise, IV.1), so it has no rule set.
 */
const RATED: Record<string, { programCode: string; set: RuleSet; years: number[]; approvedYear: number }> = {
  'quang-nam': { programCode: 'QN-1100-2020', set: QN_1100_RULES, years: [2020, 2021, 2022, 2023, 2024, 2025], approvedYear: 2024 },
};

const col = <T, K extends keyof T>(rows: T[], k: K) => rows.map((r) => r[k]);

async function insert(client: ClientBase, sql: string, params: unknown[]): Promise<number> {
  return (await client.query(sql, params)).rowCount ?? 0;
}

/** One tenant's demo data, table by table, in one transaction. Idempotent (existing rows stay). */
export async function loadDemoTenant(client: ClientBase, t: DemoTenant): Promise<Record<string, number>> {
  return inTenant(client, t.slug, async () => {
    const n: Record<string, number> = {};
    const slug = t.slug;
    const tenant = (rows: unknown[]) => rows.map(() => slug);

    // --- NTM criteria sets (national, one copy per province)
    const sets = NATIONAL_CRITERIA_SETS;
    n.criteria_set = await insert(
      client,
      `insert into ${S}.criteria_set (tenant_id, code, title_vi, title_en, decision, first_year, last_year, criteria_count, provenance)
       select u.tenant_id, u.code, u.title_vi, u.title_en, u.decision, u.first_year, u.last_year, u.criteria_count, u.provenance::jsonb
         from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::smallint[], $7::smallint[], $8::smallint[], $9::text[])
           as u(tenant_id, code, title_vi, title_en, decision, first_year, last_year, criteria_count, provenance)
       on conflict do nothing`,
      [tenant(sets), col(sets, 'code'), col(sets, 'titleVi'), col(sets, 'titleEn'), col(sets, 'decision'), col(sets, 'firstYear'),
       col(sets, 'lastYear'), sets.map((s) => s.criteria.length), sets.map((s) => JSON.stringify(s.provenance))],
    );
    const criteria = sets.flatMap((s) => s.criteria.map(([vi, en], i) => ({ set: s.code, number: i + 1, vi, en })));
    n.criterion = await insert(
      client,
      `insert into ${S}.criterion (tenant_id, set_code, number, name_vi, name_en)
       select * from unnest($1::text[], $2::text[], $3::smallint[], $4::text[], $5::text[]) on conflict do nothing`,
      [tenant(criteria), col(criteria, 'set'), col(criteria, 'number'), col(criteria, 'vi'), col(criteria, 'en')],
    );

    // --- the rule set of the programme rated, version 1
    const rated = RATED[slug];
    const set = rated ? ruleSetRow(slug, rated.programCode, rated.set) : null;
    if (set) {
      n.rule_set = await insert(
        client,
        `insert into ${S}.rule_set (tenant_id, id, program_id, version, code, title_vi, title_en, definition, note, created_by, created_at)
         values ($1, $2, $3, 1, $4, $5, $6, $7::jsonb, $8, 'system:seed', $9) on conflict do nothing`,
        [slug, set.id, set.programId, set.code, set.titleVi, set.titleEn, JSON.stringify(set.definition),
         'Bản đầu tiên: các tiêu chí theo văn bản, ngưỡng khá/trung bình/yếu là mặc định tỉnh cần xác nhận / first version: the rules are the document’s, the khá/trung bình/yếu thresholds are defaults the province must confirm (see each part’s provenance)',
         set.createdAt],
      );
    }

    // --- calendar rules and reports
    const rules = calendarRules(slug);
    n.report_calendar_rule = await insert(
      client,
      `insert into ${S}.report_calendar_rule (tenant_id, id, program_id, code, kind, reporter_kind, reporters, classification, reporter_ids,
                                              periodicity, due_month, due_day, due_year_offset, due_days_after_period, first_year, last_year,
                                              title_vi, title_en, source, effective_from, provenance)
       select u.tenant_id, u.id, u.program_id, u.code, u.kind, u.reporter_kind, u.reporters, u.classification, u.reporter_ids::uuid[],
              u.periodicity, u.due_month, u.due_day, u.due_year_offset, u.due_days_after_period, u.first_year, u.last_year,
              u.title_vi, u.title_en, u.source, u.effective_from, u.provenance::jsonb
         from unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                     $10::text[], $11::smallint[], $12::smallint[], $13::smallint[], $14::smallint[], $15::smallint[], $16::smallint[],
                     $17::text[], $18::text[], $19::text[], $20::date[], $21::text[])
           as u(tenant_id, id, program_id, code, kind, reporter_kind, reporters, classification, reporter_ids, periodicity, due_month,
                due_day, due_year_offset, due_days_after_period, first_year, last_year, title_vi, title_en, source, effective_from, provenance)
       on conflict do nothing`,
      [tenant(rules), col(rules, 'id'), rules.map((r) => seedIds.program(slug, r.programCode)), col(rules, 'code'), col(rules, 'kind'),
       col(rules, 'reporterKind'), col(rules, 'reporters'), col(rules, 'classification'), rules.map((r) => `{${r.reporterIds.join(',')}}`),
       col(rules, 'periodicity'), col(rules, 'dueMonth'), col(rules, 'dueDay'), col(rules, 'dueYearOffset'), col(rules, 'dueDaysAfterPeriod'),
       col(rules, 'firstYear'), col(rules, 'lastYear'), col(rules, 'titleVi'), col(rules, 'titleEn'), col(rules, 'source'),
       col(rules, 'effectiveFrom'), rules.map((r) => JSON.stringify(r.provenance))],
    );
    const reports = demoReports(t);
    n.report = await insert(
      client,
      `insert into ${S}.report (tenant_id, id, program_id, kind, reporter_kind, reporter_id, period_start, period_end, due_on,
                                calendar_rule_id, submitted_on, recorded_by, status)
       select u.*, case when u.submitted_on is null then null else 'system:seed' end, case when u.submitted_on is null then 'DRAFT' else 'SUBMITTED' end
         from unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::date[], $8::date[], $9::date[],
                     $10::uuid[], $11::date[])
           as u(tenant_id, id, program_id, kind, reporter_kind, reporter_id, period_start, period_end, due_on, calendar_rule_id, submitted_on)
       on conflict do nothing`,
      [tenant(reports), col(reports, 'id'), reports.map((r) => seedIds.program(slug, r.programCode)), col(reports, 'kind'),
       col(reports, 'reporterKind'), col(reports, 'reporterId'), col(reports, 'periodStart'), col(reports, 'periodEnd'), col(reports, 'dueOn'),
       col(reports, 'calendarRuleId'), col(reports, 'submittedOn')],
    );

    // --- measurements (Lạng Sơn)
    const ms = slug === 'lang-son' ? langSonMeasurements() : [];
    n.commune_measurement = await insert(
      client,
      `insert into ${S}.commune_measurement (tenant_id, id, commune_id, year, criteria_set_code, criteria_met, ntm_certified, households,
                                             poor_households, near_poor_households, source, synthetic)
       select u.tenant_id, u.id, u.commune_id, u.year, u.set_code, u.met::jsonb, u.certified, u.households, u.poor, u.near_poor, $11, true
         from unnest($1::text[], $2::uuid[], $3::uuid[], $4::smallint[], $5::text[], $6::text[], $7::boolean[], $8::int[], $9::int[],
                     $10::int[]) as u(tenant_id, id, commune_id, year, set_code, met, certified, households, poor, near_poor)
       on conflict do nothing`,
      [tenant(ms), col(ms, 'id'), col(ms, 'communeId'), col(ms, 'year'), col(ms, 'criteriaSetCode'), ms.map((m) => JSON.stringify(m.criteriaMet)),
       col(ms, 'ntmCertified'), col(ms, 'households'), col(ms, 'poorHouseholds'), col(ms, 'nearPoorHouseholds'), SYNTHETIC_SOURCE],
    );

    // --- evaluations: a draft per year, one year approved
    if (rated && set) {
      const runs = demoRuns(t, reports, set, rated.programCode, rated.years, rated.approvedYear);
      n.evaluation_run = await insert(
        client,
        `insert into ${S}.evaluation_run (tenant_id, id, program_id, year, rule_set_id, rule_set_version, status, facts_as_of, computed_at,
                                          computed_by, approved_at, approved_by)
         select u.tenant_id, u.id, u.program_id, u.year, $5, 1, u.status, u.facts_as_of, u.computed_at, 'system:seed', u.approved_at,
                case when u.approved_at is null then null else 'system:seed' end
           from unnest($1::text[], $2::uuid[], $3::uuid[], $4::smallint[], $6::text[], $7::date[], $8::timestamptz[], $9::timestamptz[])
             as u(tenant_id, id, program_id, year, status, facts_as_of, computed_at, approved_at)
         on conflict do nothing`,
        [tenant(runs), col(runs, 'id'), col(runs, 'programId'), col(runs, 'year'), set.id, col(runs, 'status'), col(runs, 'factsAsOf'),
         col(runs, 'computedAt'), col(runs, 'approvedAt')],
      );
      const evs = runs.flatMap((r) => r.evaluations);
      n.sponsor_evaluation = await insert(
        client,
        `insert into ${S}.sponsor_evaluation (tenant_id, id, run_id, sponsor_id, grade, outcome, eligible_grades, excluded_by, rules, facts,
                                              capped_by, summary_vi, summary_en)
         select u.tenant_id, u.id, u.run_id, u.sponsor_id, u.grade, u.outcome, u.eligible::text[], u.excluded::text[], u.rules::jsonb,
                u.facts::jsonb, u.capped_by::text[], u.summary_vi, u.summary_en
           from unnest($1::text[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                       $11::text[], $12::text[], $13::text[])
             as u(tenant_id, id, run_id, sponsor_id, grade, rules, facts, capped_by, summary_vi, summary_en, outcome, eligible, excluded)
         on conflict do nothing`,
        [tenant(evs), col(evs, 'id'), col(evs, 'runId'), col(evs, 'sponsorId'), col(evs, 'proposedGrade'), evs.map((e) => JSON.stringify(e.rules)),
         evs.map((e) => JSON.stringify(e.facts)), evs.map((e) => `{${e.cappedBy.map((c) => `"${c}"`).join(',')}}`), col(evs, 'summaryVi'),
         col(evs, 'summaryEn'), col(evs, 'outcome'), evs.map((e) => `{${e.eligibleGrades.join(',')}}`), evs.map((e) => `{${e.excludedBy.join(',')}}`)],
      );
      // the approved year's choices ("xuất sắc or tốt"), made by a person in real life: synthetic here, and say so
      const decisions = runs.flatMap((r) => r.decisions);
      n.grade_decision = await insert(
        client,
        `insert into ${S}.grade_decision (tenant_id, id, evaluation_id, grade, reason, decided_by, decided_at)
         select u.tenant_id, u.id, u.evaluation_id, u.grade, u.reason, 'system:seed', u.decided_at
           from unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[])
             as u(tenant_id, id, evaluation_id, grade, reason, decided_at)
         on conflict do nothing`,
        [tenant(decisions), col(decisions, 'id'), col(decisions, 'evaluationId'), col(decisions, 'grade'), col(decisions, 'reason'),
         col(decisions, 'decidedAt')],
      );
    }
    // --- report templates of the documents that ask for reports (version 1), validated like a published one
    const templates = TEMPLATE_SEEDS.filter((t) => t.tenant === slug);
    n.report_template = 0;
    for (const t of templates) {
      const def = reportTemplateSchema.parse(t.definition);
      n.report_template += await insert(
        client,
        `insert into ${S}.report_template (tenant_id, id, program_id, code, version, title, definition, note, created_by)
         values ($1, $2, $3, $4, 1, $5, $6::jsonb, $7, 'system:seed') on conflict do nothing`,
        [slug, seedIds.of('report_template', slug, def.code, '1'), seedIds.program(slug, t.programCode), def.code, def.title, JSON.stringify(def),
         'Bản đầu tiên: tiêu đề và đề mục theo văn bản / first version: headings as the document words them'],
      );
    }
    n.review_chain = await seedReviewChains(client, slug, S, REPORT_CHAINS[slug] ?? []);
    if (Object.values(n).some((v) => v > 0)) {
      await client.query(
        `insert into ${S}.audit_log (tenant_id, actor, actor_roles, via, operation, changes, before, after)
         values ($1, 'system:seed', '{}', 'service', 'seed:evaluations', '[]', '{}', $2)`,
        [slug, JSON.stringify(n)],
      );
    }
    return n;
  });
}

/**
 * The demo data of this subgraph, for both demo tenants, loaded as the owner role with the tenant
 * set per transaction. Idempotent. It reads no other subgraph's tables: the sponsors' and communes'
 * demo data come from their deterministic builders (the same rows their seeds load).
 */
export async function seedEvaluations(client: ClientBase, tenants: DemoTenant[] = demoTenants()): Promise<void> {
  for (const t of tenants) await loadDemoTenant(client, t);
}
