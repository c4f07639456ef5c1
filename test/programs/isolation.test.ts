import { describe, expect, it } from 'vitest';
import { seedPrograms } from '@kn/programs/seed/index';
import { platform, withDb } from '../support/client.js';

const TABLES = ['program', 'covered_commune', 'indicator', 'target', 'task', 'funding_line', 'audit_log'];

/** The programs schema's tenancy holds in PostgreSQL itself, for the role the service connects as. */
describe('row-level security of the programs schema, as the application role', () => {
  const app = () => platform().dbUrls.programs!.app;

  it('without a tenant setting the role sees nothing, in any table', async () => {
    await withDb(app(), async (c) => {
      for (const t of TABLES) {
        const { rows } = await c.query(`select count(*)::int as n from programs.${t}`);
        expect(rows[0].n, t).toBe(0);
      }
    });
  });

  it("with tenant A set, tenant B's rows are invisible in every table and writing them fails", async () => {
    await withDb(app(), async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', 'lang-son', true)`);
      for (const t of TABLES) {
        const own = await c.query(`select count(*)::int as n from programs.${t} where tenant_id = 'lang-son'`);
        expect(own.rows[0].n, t).toBeGreaterThan(0);
        const other = await c.query(`select count(*)::int as n from programs.${t} where tenant_id <> 'lang-son'`);
        expect(other.rows[0].n, t).toBe(0);
      }
      expect((await c.query(`update programs.program set title = 'x' where tenant_id = 'quang-nam'`)).rowCount).toBe(0);
      expect((await c.query(`update programs.target set note = 'x' where tenant_id = 'quang-nam'`)).rowCount).toBe(0);
      expect((await c.query(`delete from programs.task where tenant_id = 'quang-nam'`)).rowCount).toBe(0);
      expect((await c.query(`delete from programs.indicator where tenant_id = 'quang-nam'`)).rowCount).toBe(0);
      await c.query('savepoint s');
      await expect(
        c.query(`insert into programs.funding_line (tenant_id, id, program_id, source, amount, position)
                 select 'quang-nam', gen_random_uuid(), id, 'OTHER', 1, 99 from programs.program limit 1`),
      ).rejects.toThrow(/row-level security/);
      await c.query('rollback to savepoint s');
      // moving an own row to another tenant is refused as well (WITH CHECK)
      await expect(c.query(`update programs.program set tenant_id = 'quang-nam' where code = 'LS-NTM-2019'`)).rejects.toThrow(
        /row-level security|violates foreign key/,
      );
      await c.query('rollback');
    });
  });

  it('a row can only point at rows of its own tenant (tenant_id in every foreign key)', async () => {
    await withDb(platform().adminDbUrl, async (c) => {
      const { rows } = await c.query(`
        select con.conrelid::regclass::text as tbl, a.attname as first_column
          from pg_constraint con
          join pg_attribute a on a.attrelid = con.conrelid and a.attnum = con.conkey[1]
         where con.contype in ('f', 'p') and con.connamespace = 'programs'::regnamespace
           and con.conrelid::regclass::text not in ('programs.mikro_orm_migrations', 'programs.seed_log')`);
      expect(rows.length).toBeGreaterThanOrEqual(12);
      for (const r of rows) expect(r.first_column, r.tbl).toBe('tenant_id');
    });
  });

  it('cannot switch row-level security off, take ownership, or edit the audit trail', async () => {
    await withDb(app(), async (c) => {
      await expect(c.query('alter table programs.program disable row level security')).rejects.toThrow(/must be owner/);
      await expect(c.query('drop policy tenant_read on programs.target')).rejects.toThrow(/must be owner/);
      await c.query('set row_security = off');
      await expect(c.query('select * from programs.program')).rejects.toThrow(/row-level security/);
      await c.query('reset row_security');
      await expect(c.query(`update programs.audit_log set actor = 'x'`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`delete from programs.audit_log`)).rejects.toThrow(/permission denied/);
      await expect(c.query(`select * from programs.seed_log`)).rejects.toThrow(/permission denied/);
      const { rows } = await c.query(`select rolsuper, rolbypassrls from pg_roles where rolname = current_user`);
      expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
    });
  });

  it('the national setting reads every tenant and writes none', async () => {
    await withDb(app(), async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.tenant_id', '', true), set_config('app.read_all', 'on', true)`);
      const { rows } = await c.query(`select distinct tenant_id from programs.program where tenant_id in ('lang-son', 'quang-nam') order by 1`);
      expect(rows.map((r) => r.tenant_id)).toEqual(['lang-son', 'quang-nam']);
      expect((await c.query(`update programs.program set title = 'x'`)).rowCount).toBe(0);
      await c.query('rollback');
    });
  });

  it('every table of the schema has row-level security enabled and forced, with the four policies', async () => {
    await withDb(platform().adminDbUrl, async (c) => {
      const { rows } = await c.query(`
        select c.relname, c.relrowsecurity, c.relforcerowsecurity,
               (select count(*) from pg_policies p where p.schemaname = n.nspname and p.tablename = c.relname and p.policyname like 'tenant_%')::int as policies
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'programs' and c.relkind = 'r'
           and c.relname not in ('mikro_orm_migrations', 'seed_log')`);
      expect(rows.map((r) => r.relname).sort()).toEqual([...TABLES].sort());
      for (const r of rows) expect(r, r.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true, policies: 4 });
    });
  });

  it('seeding the demo programmes again changes nothing and records nothing', async () => {
    const snapshot = () =>
      withDb(platform().adminDbUrl, async (c) =>
        (
          await c.query(`select
             (select count(*) from programs.program where tenant_id = any($1))::int as programs,
             (select count(*) from programs.target where tenant_id = any($1))::int as targets,
             (select count(*) from programs.task where tenant_id = any($1))::int as tasks,
             (select count(*) from programs.funding_line where tenant_id = any($1))::int as funding,
             (select count(*) from programs.covered_commune where tenant_id = any($1))::int as covered,
             (select count(*) from programs.indicator where tenant_id = any($1))::int as indicators,
             (select count(*) from programs.audit_log where tenant_id = any($1) and operation = 'seed:programs')::int as seed_audits,
             (select sum(amount)::text from programs.funding_line where tenant_id = 'lang-son') as lang_son_funding`,
            [['lang-son', 'quang-nam']])
        ).rows[0],
      );
    const before = await snapshot();
    await withDb(platform().dbUrls.programs!.owner, (c) => seedPrograms(c));
    expect(await snapshot()).toEqual(before);
    expect(before).toMatchObject({ programs: 5, funding: 7, covered: 20, seed_audits: 2 });
    expect(before.lang_son_funding).toBe('3002800000000');
  });
});

