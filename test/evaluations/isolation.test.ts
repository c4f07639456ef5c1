import { seedIds } from '@kn/platform';
import { importJWK, SignJWT, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { gql, platform, tokenFor, withDb } from '../support/client.js';
import { adminSql, ok } from './support.js';

const TABLES = [
  'rule_set', 'report_calendar_rule', 'report', 'criteria_set', 'criterion', 'commune_measurement', 'evaluation_run',
  'sponsor_evaluation', 'grade_decision', 'audit_log', 'report_template',
  // the reporting chain (issue 14 §2, docs/WORKFLOW.md)
  'review_chain', 'review_transition', 'review_version', 'review_comment',
  // the outbox (issue 14 §3, docs/NOTIFICATIONS.md)
  'outbox',
];

describe('evaluations: tenant isolation through the graph', () => {
  it('a province sees only its own reports, measurements, rule sets and evaluations', async () => {
    const ls = await tokenFor('lang-son', 'analyst');
    const qnProgram = seedIds.program('quang-nam', 'QN-1100-2020');
    const q = `query($p: ID!, $s: ID!) { reports(first: 1) { totalCount } communeMeasurements(year: 2019, first: 1) { totalCount }
      ruleSets { program { id } } reportCalendarRules { code } evaluationRun(programId: $p, year: 2024) { id } ruleSet(programId: $p) { id }
      sponsor(id: $s) { id } }`;
    const r = ok(await gql(ls, q, { p: qnProgram, s: seedIds.sponsor('quang-nam', 'QN-BDT') }));
    const [n] = await adminSql(
      `select (select count(*) from evaluations.report where tenant_id = 'lang-son')::int as reports,
              (select count(*) from evaluations.commune_measurement where tenant_id = 'lang-son' and year = 2019)::int as measured`,
    );
    expect(r.reports.totalCount).toBe(n.reports);
    expect(r.communeMeasurements.totalCount).toBe(n.measured);
    // Lạng Sơn rates nothing (seed 000 defines no rating); Quảng Nam sees its own rule set only
    expect(r.ruleSets).toEqual([]);
    const qn = ok(await gql(await tokenFor('quang-nam', 'analyst'), `{ ruleSets { program { id } } }`));
    expect(qn.ruleSets.map((s: any) => s.program.id)).toEqual([qnProgram]);
    expect(r.reportCalendarRules.every((c: any) => c.code.startsWith('LS-'))).toBe(true);
    expect(r.evaluationRun).toBeNull();
    expect(r.ruleSet).toBeNull();
    expect(r.sponsor).toBeNull();
  });

  it('_entities with a lang-son identity: a quang-nam sponsor has no evaluation, a quang-nam commune no figures', async () => {
    const key = await importJWK(platform().gatewayPrivateJwk as JWK, 'EdDSA');
    const identity = await new SignJWT({ tenant: 'lang-son', roles: ['analyst'], via: 'token' })
      .setProtectedHeader({ alg: 'EdDSA' }).setSubject('test').setIssuer('kn-gateway').setAudience('kn-subgraphs').setExpirationTime('1m').sign(key);
    const res = await fetch(platform().subgraphUrls.evaluations!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kn-identity': identity },
      body: JSON.stringify({
        query: `query($r: [_Any!]!, $p: ID!) { _entities(representations: $r) {
          ... on Sponsor { evaluation(programId: $p, year: 2024) { grade } } ... on Commune { measurements(year: 2024) { households } } } }`,
        variables: {
          p: seedIds.program('quang-nam', 'QN-1100-2020'),
          r: [
            { __typename: 'Sponsor', id: seedIds.sponsor('quang-nam', 'QN-BDT') },
            { __typename: 'Commune', id: seedIds.unit('quang-nam', 'COMMUNE', '20443', 'old') },
            { __typename: 'Commune', id: seedIds.unit('lang-son', 'COMMUNE', '06148', 'old') },
          ],
        },
      }),
    });
    const body = (await res.json()) as { data: { _entities: any[] } };
    expect(body.data._entities[0]).toEqual({ evaluation: null });
    expect(body.data._entities[1]).toEqual({ measurements: null });
    expect(body.data._entities[2].measurements.households).toBeGreaterThan(0);
  });
});

describe('evaluations: row-level security in PostgreSQL, as the application role', () => {
  const app = () => platform().dbUrls.evaluations!.app;

  it('without a tenant setting the role sees nothing, in any table', async () => {
    await withDb(app(), async (c) => {
      for (const t of TABLES) {
        const { rows } = await c.query(`select count(*)::int as n from evaluations.${t}`);
        expect(rows[0].n, t).toBe(0);
      }
    });
  });

  it("with tenant A set, tenant B's rows are invisible and writing them fails, in every table", async () => {
    await withDb(app(), async (c) => {
      await c.query('begin');
      // Lạng Sơn rates nothing (no rule set, runs or choices): its measurements and reports are the other tables'
      await c.query(`select set_config('app.tenant_id', 'quang-nam', true)`);
      for (const t of TABLES) {
        const other = await c.query(`select count(*)::int as n from evaluations.${t} where tenant_id = 'lang-son'`);
        expect(other.rows[0].n, t).toBe(0);
        // the seed has no measurements of Quảng Nam and no chain history (transitions, versions,
        // comments are made by use), and the outbox fills only as events happen
        if (!['commune_measurement', 'review_transition', 'review_version', 'review_comment', 'outbox'].includes(t)) {
          const own = await c.query(`select count(*)::int as n from evaluations.${t}`);
          expect(own.rows[0].n, `${t} (own rows)`).toBeGreaterThan(0);
        }
      }
      await c.query(`select set_config('app.tenant_id', 'lang-son', true)`);
      for (const t of TABLES) {
        const other = await c.query(`select count(*)::int as n from evaluations.${t} where tenant_id = 'quang-nam'`);
        expect(other.rows[0].n, t).toBe(0);
      }
      expect((await c.query(`update evaluations.report set note = 'x' where tenant_id = 'quang-nam'`)).rowCount).toBe(0);
      expect((await c.query(`update evaluations.commune_measurement set households = 1 where tenant_id = 'quang-nam'`)).rowCount).toBe(0);
      expect((await c.query(`delete from evaluations.criterion where tenant_id = 'quang-nam'`)).rowCount).toBe(0);
      const inserts = [
        `insert into evaluations.criteria_set (tenant_id, code, title_vi, title_en, decision, first_year, criteria_count) values ('quang-nam', 'X', 'x', 'x', 'x', 2020, 1)`,
        `insert into evaluations.report_calendar_rule (tenant_id, id, program_id, code, kind, reporter_kind, reporters, periodicity, due_days_after_period, first_year, title_vi, title_en, source)
           values ('quang-nam', gen_random_uuid(), gen_random_uuid(), 'X', 'ANNUAL', 'SPONSOR', 'PROGRAM_SPONSORS', 'YEAR', 1, 2020, 'x', 'x', 'x')`,
        `insert into evaluations.rule_set (tenant_id, id, program_id, version, code, title_vi, title_en, definition, created_by)
           values ('quang-nam', gen_random_uuid(), gen_random_uuid(), 99, 'x', 'x', 'x', '{}', 'x')`,
        `insert into evaluations.audit_log (tenant_id, actor, actor_roles, via, operation, changes, before, after) values ('quang-nam', 'x', '{}', 'token', 'x', '[]', '{}', '{}')`,
      ];
      for (const sql of inserts) {
        await c.query('savepoint s');
        await expect(c.query(sql), sql.slice(0, 60)).rejects.toThrow(/row-level security/);
        await c.query('rollback to savepoint s');
      }
      // moving a row of one's own tenant to another is refused too
      await expect(c.query(`update evaluations.report set tenant_id = 'quang-nam' where true`)).rejects.toThrow(/row-level security/);
      await c.query('rollback');
    });
  });

  it('cannot switch row-level security off, edit the audit trail, delete reports or measurements, or read the seed log', async () => {
    await withDb(app(), async (c) => {
      await expect(c.query('alter table evaluations.report disable row level security')).rejects.toThrow(/must be owner/);
      await expect(c.query('drop policy tenant_read on evaluations.sponsor_evaluation')).rejects.toThrow(/must be owner/);
      await c.query('set row_security = off');
      await expect(c.query('select * from evaluations.report')).rejects.toThrow(/row-level security/);
      await c.query('reset row_security');
      await expect(c.query(`update evaluations.audit_log set actor = 'x'`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`delete from evaluations.audit_log`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`delete from evaluations.report`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`delete from evaluations.commune_measurement`)).rejects.toThrow(/permission denied/);
      // a published report-template version never changes
      await expect(c.query(`update evaluations.report_template set title = 'x'`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`delete from evaluations.report_template`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`select * from evaluations.seed_log`)).rejects.toThrow(/permission denied/);
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', 'quang-nam', true)`);
      await expect(c.query(`update evaluations.evaluation_run set status = 'SUPERSEDED' where status = 'APPROVED'`)).rejects.toThrow(/frozen/);
      await c.query('rollback');
    });
  });

  it('every table of the schema has row-level security enabled and forced, with the four policies', async () => {
    const rows = await adminSql(`
      select c.relname, c.relrowsecurity, c.relforcerowsecurity,
             (select count(*) from pg_policies p where p.schemaname = n.nspname and p.tablename = c.relname and p.policyname like 'tenant_%')::int as policies
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'evaluations' and c.relkind = 'r' and c.relname not in ('mikro_orm_migrations', 'seed_log')
       order by c.relname`);
    expect(rows.map((r) => r.relname).sort()).toEqual([...TABLES].sort());
    for (const r of rows) expect(r, r.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true, policies: 4 });
  });

  it('every index of a tenant table leads with tenant_id', async () => {
    const rows = await adminSql(`
      select i.relname as index, a.attname as first_column
        from pg_index x
        join pg_class i on i.oid = x.indexrelid
        join pg_class t on t.oid = x.indrelid
        join pg_namespace n on n.oid = t.relnamespace
        join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[0]
       where n.nspname = 'evaluations' and t.relname not in ('mikro_orm_migrations', 'seed_log')`);
    expect(rows.length).toBeGreaterThan(15);
    for (const r of rows) expect(r.first_column, r.index).toBe('tenant_id');
  });
});
