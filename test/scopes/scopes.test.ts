import { seedIds } from '@kn/platform';
import { beforeAll, describe, expect, it } from 'vitest';
import { codes, gql, platform, tokenFor, withDb } from '../support/client.js';
import { adminSql, ok } from '../sponsors/support.js';

/**
 * Unit scopes (issue #14, docs/SECURITY.md "Unit scopes"): a role narrowed to communes, districts or
 * agencies, enforced by the application and by PostgreSQL, across the 2025 reform in both directions.
 * Lạng Sơn's demo: Bính Xá (06622, district Đình Lập) was split on 1/7/2025; its twinning
 * LS-06622-1 continues in the new Kiên Mộc (06625); Đình Lập also has LS-06619-1.
 */
const LS = 'lang-son';
const scoped = (units: string[], role: 'officer' | 'analyst' = 'officer') =>
  tokenFor(LS, role, { sub: `scoped:${units.join(',')}`, scope: { units } });

const TWINNINGS = `query { twinnings(first: 500) { totalCount nodes { code commune { id } } } }`;

describe('unit scopes', () => {
  let province: string;
  let binhXa: { id: string; district: { id: string }; successors: { id: string; code: string }[] };
  let kienMoc: { id: string; predecessors: { id: string }[] };
  let all: { code: string; commune: { id: string } }[];

  beforeAll(async () => {
    province = await tokenFor(LS, 'officer');
    const g = ok(
      await gql(
        province,
        `{ old: commune(code: "06622", asOf: "2020-01-01") { id district { id } successors { id code } }
           new: commune(code: "06625", asOf: "2026-01-01") { id predecessors { id } }
           twinnings(first: 500) { totalCount nodes { code commune { id } } } }`,
      ),
    );
    binhXa = g.old;
    kienMoc = g.new;
    all = g.twinnings.nodes;
    expect(binhXa.successors.map((s) => s.code)).toContain('06625');
  });

  it('a commune-scoped officer sees that commune only; other ids behave as if they did not exist', async () => {
    const t = await scoped([`commune:${binhXa.id}`]);
    const r = ok(await gql(t, TWINNINGS));
    expect(r.twinnings.nodes.map((n: any) => n.code)).toEqual(['LS-06622-1']);
    const other = seedIds.of('twinning', LS, 'LS-06148-1');
    const sponsorElsewhere = seedIds.sponsor(LS, 'DN-NH'); // twinned only with 06148
    const q = ok(
      await gql(
        t,
        `query($t: ID!, $s: ID!) { twinning(id: $t) { id } sponsor(id: $s) { id } sponsors(first: 500) { nodes { code } }
           needsProposals(first: 500) { nodes { twinningId: id } } contributions(first: 500) { totalCount nodes { commune { id } } } }`,
        { t: other, s: sponsorElsewhere },
      ),
    );
    expect(q.twinning).toBeNull();
    expect(q.sponsor).toBeNull();
    expect(q.sponsors.nodes.map((n: any) => n.code)).toEqual(['BDBP']);
    expect(q.contributions.totalCount).toBeGreaterThan(0);
    expect(q.contributions.nodes.every((n: any) => n.commune.id === binhXa.id)).toBe(true);
    // a write on another commune's twinning: NOT_FOUND, nothing written
    const v = (await adminSql(`select version from sponsors.twinning where tenant_id = $1 and id = $2`, [LS, other]))[0].version;
    const w = await gql(t, `mutation($i: UpdateTwinningInput!) { updateTwinning(input: $i) { id } }`, { i: { id: other, version: v, note: 'x' } });
    expect(codes(w)).toEqual(['NOT_FOUND']);
    expect((await adminSql(`select version from sponsors.twinning where tenant_id = $1 and id = $2`, [LS, other]))[0].version).toBe(v);
    // province-wide questions are refused, not answered with a part
    const d = await gql(t, `{ provinceDashboard(year: 2024) { totalVnd } }`);
    expect(codes(d)).toContain('FORBIDDEN');
  });

  it('reform, forward: a scope on a new commune includes its predecessors’ history', async () => {
    expect(kienMoc.predecessors.map((p) => p.id)).toContain(binhXa.id);
    const t = await scoped([`commune:${kienMoc.id}`]);
    const codesSeen = ok(await gql(t, TWINNINGS)).twinnings.nodes.map((n: any) => n.code);
    expect(codesSeen).toContain('LS-06622-1');
    const expected = all.filter((n) => n.commune.id === kienMoc.id || kienMoc.predecessors.some((p) => p.id === n.commune.id)).map((n) => n.code);
    expect(codesSeen.sort()).toEqual(expected.sort());
  });

  it('reform, backward: a scope on an abolished district reads its communes’ history and their successors', async () => {
    const t = await scoped([`district:${binhXa.district.id}`]);
    const r = ok(await gql(t, TWINNINGS));
    const seen = r.twinnings.nodes.map((n: any) => n.code).sort();
    expect(seen).toEqual(expect.arrayContaining(['LS-06622-1', 'LS-06619-1']));
    // nothing of another district
    expect(seen).not.toContain('LS-06148-1');
    // the successor Kiên Mộc is in reach: its measurements are readable, a commune elsewhere's are not
    const m = ok(
      await gql(t, `query($a: ID!) { a: commune(id: $a) { measurements(year: 2024) { households } } }`, { a: kienMoc.id }),
    );
    expect(m.a).not.toBeNull();
    // and a scope on the OLD commune does not reach the successor's other predecessors
    const old = await scoped([`commune:${binhXa.id}`]);
    const succ = kienMoc.predecessors.filter((p) => p.id !== binhXa.id).map((p) => p.id);
    const seenOld = ok(await gql(old, TWINNINGS)).twinnings.nodes.map((n: any) => n.commune.id);
    for (const s of succ) expect(seenOld).not.toContain(s);
  });

  it('an agency-scoped officer sees that sponsor only', async () => {
    const skhdt = seedIds.sponsor(LS, 'SKHDT');
    const t = await scoped([`agency:${skhdt}`]);
    const r = ok(await gql(t, `{ sponsors(first: 500) { nodes { id } } twinnings(first: 500) { nodes { code } } }`));
    expect(r.sponsors.nodes).toEqual([{ id: skhdt }]);
    expect(r.twinnings.nodes.map((n: any) => n.code)).toEqual(['LS-06532-1']);
  });

  it('a client cannot widen its scope by sending its own reach', async () => {
    const t = await tokenFor(LS, 'officer', {
      sub: 'forged-reach',
      scope: { units: [`commune:${binhXa.id}`], reach: all.map((n) => n.commune.id) },
    });
    expect(ok(await gql(t, TWINNINGS)).twinnings.nodes.map((n: any) => n.code)).toEqual(['LS-06622-1']);
  });

  it('PostgreSQL enforces the scope on its own: the policies read app.scoped and app.scope_units', async () => {
    const app = platform().dbUrls.sponsors!.app;
    await withDb(app, async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', $1, true), set_config('app.scoped', 'on', true), set_config('app.scope_units', $2, true)`, [
        LS,
        `{${binhXa.id}}`,
      ]);
      const tw = await c.query(`select code from sponsors.twinning order by code`);
      expect(tw.rows.map((r) => r.code)).toEqual(['LS-06622-1']);
      const sp = await c.query(`select code from sponsors.sponsor`);
      expect(sp.rows.map((r) => r.code)).toEqual(['BDBP']);
      const other = await c.query(`select count(*)::int as n from sponsors.contribution where commune_id <> $1`, [binhXa.id]);
      expect(other.rows[0].n).toBe(0);
      const plans = await c.query(
        `select count(*)::int as n from sponsors.yearly_plan p where not exists (select 1 from sponsors.twinning t where t.id = p.twinning_id)`,
      );
      expect(plans.rows[0].n).toBe(0);
      // an update of another commune's twinning touches nothing; moving a row out of scope is refused
      const upd = await c.query(`update sponsors.twinning set note = 'x' where code = 'LS-06148-1'`);
      expect(upd.rowCount).toBe(0);
      await c.query('savepoint s');
      await expect(
        c.query(`update sponsors.twinning set note = 'moved', successor_commune_id = null, commune_id = $1 where code = 'LS-06622-1'`, [
          all.find((n) => n.code === 'LS-06148-1')!.commune.id,
        ]),
      ).rejects.toThrow(/row-level security|foreign key/);
      await c.query('rollback to savepoint s');
      // scoped to nothing (no reach yet): nothing
      await c.query(`select set_config('app.scope_units', '', true)`);
      expect((await c.query(`select count(*)::int as n from sponsors.twinning`)).rows[0].n).toBe(0);
      await c.query('rollback');
    });
    const evalApp = platform().dbUrls.evaluations!.app;
    await withDb(evalApp, async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', $1, true), set_config('app.scoped', 'on', true), set_config('app.scope_units', $2, true)`, [
        LS,
        `{${kienMoc.id}}`,
      ]);
      const m = await c.query(`select distinct commune_id from evaluations.commune_measurement`);
      expect(m.rows.every((r) => r.commune_id === kienMoc.id)).toBe(true);
      const r = await c.query(`select count(*)::int as n from evaluations.report where reporter_id <> $1`, [kienMoc.id]);
      expect(r.rows[0].n).toBe(0);
      expect((await c.query(`select count(*)::int as n from evaluations.sponsor_evaluation`)).rows[0].n).toBe(0);
      await c.query('rollback');
    });
  });
});
