import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { seedIds } from '@kn/platform';
import { adminSql, codes, gql, ok, platform, tokenFor } from '../support/client.js';

/**
 * Issue #18 §2: tenant succession. Đà Nẵng (`da-nang`) succeeds Quảng Nam (`quang-nam`) from
 * 1/7/2025 (seeded, EXTERNAL: 202/2025/QH15). Đà Nẵng's users read Quảng Nam's history as their own
 * past; they write to Đà Nẵng only; Quảng Nam's tokens read and never write; Lạng Sơn reads neither.
 * Enforced twice: the application (lineage from the gateway, never from the client) and PostgreSQL
 * (the policies read `app.tenant_lineage` and `app.tenant_succeeded`).
 */
const LISTS = `{
  programs(first: 500) { totalCount nodes { id code } }
  sponsors(first: 500) { totalCount }
  twinnings(first: 500) { totalCount nodes { id } }
}`;

const counts = async (token: string) => {
  const d = ok(await gql(token, LISTS));
  return { programs: d.programs.totalCount as number, sponsors: d.sponsors.totalCount as number, twinnings: d.twinnings.totalCount as number, ids: new Set<string>(d.programs.nodes.map((n: { id: string }) => n.id)) };
};

describe('tenant succession (Đà Nẵng succeeds Quảng Nam on 1/7/2025)', () => {
  it('is recorded with its day, legal basis and provenance, visible to both tenants it names and to no other', async () => {
    const q = `{ tenantSuccessions { successorSlug successorName predecessorSlug predecessorName effectiveOn legalBasis provenance { kind document } } }`;
    const dn = ok(await gql(await tokenFor('da-nang', 'analyst'), q)).tenantSuccessions;
    expect(dn).toHaveLength(1);
    expect(dn[0]).toMatchObject({ successorSlug: 'da-nang', successorName: 'Đà Nẵng', predecessorSlug: 'quang-nam', predecessorName: 'Quảng Nam', effectiveOn: '2025-07-01' });
    expect(dn[0].legalBasis).toContain('202/2025/QH15');
    expect(dn[0].provenance.kind).toBe('EXTERNAL');
    expect(ok(await gql(await tokenFor('quang-nam', 'analyst'), q)).tenantSuccessions).toEqual(dn);
    expect(ok(await gql(await tokenFor('lang-son', 'analyst'), q)).tenantSuccessions).toEqual([]);
  });

  it("the successor reads the predecessor's programmes, sponsors and twinnings as its own past; the predecessor and a third province do not read the successor's", async () => {
    const qn = await counts(await tokenFor('quang-nam', 'analyst'));
    const dnToken = await tokenFor('da-nang', 'analyst');
    const dnBefore = await counts(dnToken);
    expect(qn.programs).toBeGreaterThan(0);
    expect(qn.twinnings).toBeGreaterThan(0);
    const [own] = await adminSql<{ programs: number; sponsors: number; twinnings: number }>(
      `select (select count(*)::int from programs.program where tenant_id = 'da-nang') as programs,
              (select count(*)::int from sponsors.sponsor where tenant_id = 'da-nang') as sponsors,
              (select count(*)::int from sponsors.twinning where tenant_id = 'da-nang') as twinnings`,
    );
    expect(dnBefore.programs).toBe(qn.programs + own!.programs);
    expect(dnBefore.sponsors).toBe(qn.sponsors + own!.sponsors);
    expect(dnBefore.twinnings).toBe(qn.twinnings + own!.twinnings);
    for (const id of qn.ids) expect(dnBefore.ids.has(id)).toBe(true);
    // one of Quảng Nam's programmes by id, with its targets
    const some = [...qn.ids][0]!;
    const p = ok(await gql(dnToken, `query($id: ID!) { program(id: $id) { id title targets { id } } }`, { id: some })).program;
    expect(p?.id).toBe(some);

    // Đà Nẵng writes a programme of its own: in da-nang, not in quang-nam
    const code = `DN-${randomBytes(3).toString('hex').toUpperCase()}`;
    const created = ok(
      await gql(
        await tokenFor('da-nang', 'admin'),
        `mutation($c: String!) { createProgram(code: $c, input: { title: "Kế hoạch kết nghĩa của thành phố Đà Nẵng", kind: TWINNING, startYear: 2026, endYear: 2030 }) { id } }`,
        { c: code },
      ),
    ).createProgram;
    expect(await adminSql(`select tenant_id from programs.program where id = $1`, [created.id])).toEqual([{ tenant_id: 'da-nang' }]);
    expect((await counts(dnToken)).ids.has(created.id)).toBe(true);
    // the predecessor never reads its successor's new data; a third province reads neither
    expect((await counts(await tokenFor('quang-nam', 'analyst'))).ids.has(created.id)).toBe(false);
    const ls = await counts(await tokenFor('lang-son', 'analyst'));
    expect(ls.ids.has(created.id)).toBe(false);
    for (const id of qn.ids) expect(ls.ids.has(id)).toBe(false);
  });

  it("the predecessor's tokens read and never write: FORBIDDEN (TENANT_SUCCEEDED), nothing written", async () => {
    const before = await adminSql(`select (select count(*)::int from sponsors.sponsor where tenant_id = 'quang-nam') as n`);
    const r = await gql(await tokenFor('quang-nam', 'admin'), `mutation { createSponsor(input: { code: "QN-AFTER", name: "Đơn vị sau sáp nhập", kind: ENTERPRISE }) { id } }`);
    expect(codes(r)).toEqual(['FORBIDDEN']);
    expect(r.errors![0]!.extensions).toMatchObject({ reason: 'TENANT_SUCCEEDED', succeededOn: '2025-07-01' });
    expect(await adminSql(`select (select count(*)::int from sponsors.sponsor where tenant_id = 'quang-nam') as n`)).toEqual(before);
    // reading still works
    expect((await counts(await tokenFor('quang-nam', 'officer'))).programs).toBeGreaterThan(0);
  });

  it('a lineage claimed by the client is ignored: the gateway sets it from the record', async () => {
    const forged = await tokenFor('lang-son', 'analyst', { lineage: { predecessors: ['quang-nam'] } } as never);
    const ls = await counts(forged);
    const qn = await counts(await tokenFor('quang-nam', 'analyst'));
    for (const id of qn.ids) expect(ls.ids.has(id)).toBe(false);
    // and a forged "succeeded" does not stop a tenant that was not succeeded
    const w = await gql(await tokenFor('lang-son', 'analyst', { lineage: { predecessors: [], succeededOn: '2020-01-01' } } as never), `{ currentTenant { slug } }`);
    expect(ok(w).currentTenant.slug).toBe('lang-son');
  });

  it("PostgreSQL itself: the application role with a lineage reads the predecessor's rows and writes none; a succeeded tenant writes nothing", async () => {
    const c = new pg.Client({ connectionString: platform().dbUrls.programs!.app });
    await c.connect();
    try {
      const as = async (tenant: string, lineage: string, succeeded: 'on' | 'off', sql: string, params: unknown[] = []) => {
        await c.query('begin');
        try {
          await c.query(
            `select set_config('app.tenant_id', $1, true), set_config('app.tenant_lineage', $2, true), set_config('app.tenant_succeeded', $3, true)`,
            [tenant, lineage, succeeded],
          );
          return await c.query(sql, params);
        } finally {
          await c.query('rollback');
        }
      };
      const qnRows = (await as('quang-nam', '{}', 'on', `select count(*)::int as n from programs.program`)).rows[0].n as number;
      expect(qnRows).toBeGreaterThan(0);
      const dnSees = (await as('da-nang', '{quang-nam}', 'off', `select count(*)::int as n from programs.program where tenant_id = 'quang-nam'`)).rows[0].n;
      expect(dnSees).toBe(qnRows);
      expect((await as('da-nang', '{}', 'off', `select count(*)::int as n from programs.program where tenant_id = 'quang-nam'`)).rows[0].n).toBe(0);
      // the successor cannot write the predecessor's rows: an update finds none, an insert is refused
      expect((await as('da-nang', '{quang-nam}', 'off', `update programs.program set title = title where tenant_id = 'quang-nam'`)).rowCount).toBe(0);
      const insert = `insert into programs.program (tenant_id, id, code, title, kind, status, start_year, end_year, search_key)
                      values ($1, gen_random_uuid(), 'RLS-X', 'x', 'TWINNING', 'DRAFT', 2026, 2027, 'x')`;
      await expect(as('da-nang', '{quang-nam}', 'off', insert, ['quang-nam'])).rejects.toThrow(/row-level security/);
      // a succeeded tenant writes nothing, not even its own rows
      await expect(as('quang-nam', '{}', 'on', insert, ['quang-nam'])).rejects.toThrow(/row-level security/);
      expect((await as('quang-nam', '{}', 'on', `update programs.program set title = title where tenant_id = 'quang-nam'`)).rowCount).toBe(0);
    } finally {
      await c.end();
    }
  });
});

describe("a programme across the day: Quảng Nam's plan 1100/QĐ-UBND keeps its rules; Đà Nẵng's officials evaluate and approve 2025", () => {
  it('Đà Nẵng evaluates 2025 under the rules of 1100 (carried over, same definition), chooses where the rules leave a choice, approves; Quảng Nam cannot', async () => {
    const programId = seedIds.program('quang-nam', 'QN-1100-2020');
    const dn = await tokenFor('da-nang', 'admin', { sub: 'test:da-nang:approver' });
    const EVAL = `mutation($p: ID!, $y: Int!) { evaluateSponsors(programId: $p, year: $y) { id status ruleSetVersion evaluations { id outcome grade eligibleGrades sponsor { id } } } }`;
    const run = ok(await gql(dn, EVAL, { p: programId, y: 2025 })).evaluateSponsors;
    expect(run.status).toBe('DRAFT');
    expect(run.evaluations.length).toBeGreaterThan(0);
    // the same sponsors Quảng Nam would evaluate under its own rules (preview, nothing stored)
    const qnPreview = ok(
      await gql(await tokenFor('quang-nam', 'officer'), `query($p: ID!, $y: Int!) { evaluationPreview(programId: $p, year: $y) { outcome grade sponsor { id } } }`, { p: programId, y: 2025 }),
    ).evaluationPreview;
    const key = (e: { sponsor: { id: string }; outcome: string; grade: string | null }) => `${e.sponsor.id}:${e.outcome}:${e.grade}`;
    expect(run.evaluations.map(key).sort()).toEqual(qnPreview.map(key).sort());
    const [stored] = await adminSql(`select tenant_id, rule_set_id from evaluations.evaluation_run where id = $1`, [run.id]);
    expect(stored.tenant_id).toBe('da-nang');
    const sets = await adminSql(
      `select tenant_id, definition, note from evaluations.rule_set where program_id = $1 and (id = $2 or tenant_id = 'quang-nam') order by tenant_id, version desc`,
      [programId, stored.rule_set_id],
    );
    expect(sets[0].tenant_id).toBe('da-nang');
    expect(sets[0].definition).toEqual(sets.find((x: { tenant_id: string }) => x.tenant_id === 'quang-nam').definition);
    expect(sets[0].note).toContain('quang-nam');
    for (const e of run.evaluations.filter((x: { outcome: string }) => x.outcome === 'CHOICE_REQUIRED')) {
      ok(await gql(dn, `mutation($e: ID!, $g: Grade!, $r: String!) { chooseGrade(evaluationId: $e, grade: $g, reason: $r) { id } }`, { e: e.id, g: e.eligibleGrades[0], r: 'Thử nghiệm: lựa chọn của người duyệt Đà Nẵng' }));
    }
    const approved = ok(await gql(dn, `mutation($p: ID!, $y: Int!) { approveEvaluations(programId: $p, year: $y) { id status } }`, { p: programId, y: 2025 })).approveEvaluations;
    expect(approved).toMatchObject({ id: run.id, status: 'APPROVED' });
    const audit = await adminSql(`select tenant_id, actor from evaluations.audit_log where operation = 'approveEvaluations' and after::text like $1`, [`%${run.id}%`]);
    expect(audit).toEqual([{ tenant_id: 'da-nang', actor: 'test:da-nang:approver' }]);
    // Quảng Nam's officials do not: their province is succeeded
    const qn = await gql(await tokenFor('quang-nam', 'admin'), EVAL, { p: programId, y: 2025 });
    expect(qn.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'TENANT_SUCCEEDED' });
  });
});
