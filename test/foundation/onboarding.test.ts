import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminSql, gql, ok, platform, tokenFor } from '../support/client.js';

/**
 * Issue #18 §1: a third province comes as data. `pnpm run tenant add` onboards Cao Bằng (04) with
 * one programme file; its officer then works through the gateway, isolated from the other two.
 * Run twice, it writes once; a refused or failed onboarding writes nothing; it is audited.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'packages/devkit/dist/cli/tenant.js');
const EXAMPLE = join(ROOT, 'docs/examples/programme-cao-bang.synthetic.json');

function tenantCli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args, '--database-url', platform().adminDbUrl], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

const rowsOf = async (tenant: string) =>
  (
    await adminSql(
      `select (select count(*)::int from communes.tenant where tenant_id = $1) as tenant,
              (select count(*)::int from communes.admin_unit where tenant_id = $1) as units,
              (select count(*)::int from programs.program where tenant_id = $1) as programs,
              (select count(*)::int from programs.target where tenant_id = $1) as targets,
              (select count(*)::int from communes.audit_log where tenant_id = $1) + (select count(*)::int from programs.audit_log where tenant_id = $1) as audit`,
      [tenant],
    )
  )[0];

describe('onboarding a province as data (pnpm run tenant add)', () => {
  const slug = `cao-bang-${randomBytes(3).toString('hex')}`;
  let first: { code: number | null; out: string; err: string };

  beforeAll(async () => {
    first = await tenantCli(['add', '--tenant', slug, '--name', 'Tỉnh Cao Bằng', '--province', '04', '--programme', EXAMPLE, '--as', 'operator:kiểm-thử', '--json']);
  });

  it('creates the tenant, its real units and its programme, audited as the operator', async () => {
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const result = JSON.parse(first.out);
    expect(result.changed).toBe(true);
    const rows = await rowsOf(slug);
    expect(rows.tenant).toBe(1);
    expect(rows.units).toBeGreaterThan(150); // Cao Bằng's communes, districts and wards before and after 2025
    expect(rows).toMatchObject({ programs: 1, targets: 2 });
    const audit = await adminSql(
      `select actor, via, operation, changes from communes.audit_log where tenant_id = $1 and operation = 'onboardTenant'
       union all select actor, via, operation, changes from programs.audit_log where tenant_id = $1 and operation = 'onboardTenant'`,
      [slug],
    );
    expect(audit).toHaveLength(2);
    for (const a of audit) {
      expect(a).toMatchObject({ actor: 'operator:kiểm-thử', via: 'cli' });
      expect(a.changes[0].programmes[0]).toMatchObject({ file: 'programme-cao-bang.synthetic.json', code: 'CB-DEMO-2026' });
      expect(a.changes[0].programmes[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('run twice, it writes once', async () => {
    const before = await rowsOf(slug);
    const again = await tenantCli(['add', '--tenant', slug, '--name', 'Tỉnh Cao Bằng', '--province', '04', '--programme', EXAMPLE]);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/already onboarded as asked; nothing written/);
    expect(await rowsOf(slug)).toEqual(before);
  });

  it("its officer works through the gateway, and sees only its own province's data", async () => {
    const officer = await tokenFor(slug, 'officer');
    const mine = ok(
      await gql(officer, `{ programs(first: 50) { nodes { code title targets { note provenance { kind note } } tasks { title } fundingTotal coveredCommunes { name } } } }`),
    ).programs.nodes;
    expect(mine.map((p: { code: string }) => p.code)).toEqual(['CB-DEMO-2026']);
    expect(mine[0].fundingTotal).toBe('1500000000');
    expect(mine[0].targets.every((t: { provenance: { kind: string } }) => t.provenance.kind === 'SYNTHETIC')).toBe(true);
    expect(mine[0].coveredCommunes.map((c: { name: string }) => c.name).sort()).toEqual(['Vĩnh Quang', 'Đức Hạnh'].sort());
    const communes = ok(await gql(officer, `{ communes(filter: { asOf: "2024-01-01" }, first: 500) { totalCount nodes { name } } }`)).communes;
    expect(communes.totalCount).toBeGreaterThan(100);
    // isolated from the other two, both ways
    for (const other of ['lang-son', 'quang-nam']) {
      const theirs = ok(await gql(await tokenFor(other, 'officer'), `{ programs(first: 100) { nodes { code } } }`)).programs.nodes;
      expect(theirs.map((p: { code: string }) => p.code)).not.toContain('CB-DEMO-2026');
      expect(theirs.length).toBeGreaterThan(0);
    }
    const codes = new Set(mine.map((p: { code: string }) => p.code));
    for (const code of ['LS-NTM-2019', 'QN-1100-2020']) expect(codes.has(code)).toBe(false);
  });

  it('a refused onboarding writes nothing: a commune of another province, a bad file, another province under the same name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kn-onboard-'));
    const example = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    const foreign = structuredClone(example);
    foreign.programme.coveredCommuneCodes = ['06100']; // a Lạng Sơn commune (Xã Hoàng Văn Thụ, Bình Gia)
    writeFileSync(join(dir, 'foreign.json'), JSON.stringify(foreign));
    const bad = structuredClone(example);
    delete bad.programme.targets[0].provenance;
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    const other = `cao-bang-${randomBytes(3).toString('hex')}`;
    const refusedForeign = await tenantCli(['add', '--tenant', other, '--name', 'Tỉnh Cao Bằng', '--province', '04', '--programme', join(dir, 'foreign.json')]);
    expect(refusedForeign.code).toBe(1);
    expect(refusedForeign.err).toMatch(/Refused: nothing was written.*06100 are not communes of provinces 04/s);
    const refusedBad = await tenantCli(['add', '--tenant', other, '--name', 'Tỉnh Cao Bằng', '--province', '04', '--programme', join(dir, 'bad.json')]);
    expect(refusedBad.code).toBe(1);
    expect(refusedBad.err).toMatch(/programme\.targets\.0\.provenance/);
    const conflict = await tenantCli(['add', '--tenant', slug, '--name', 'Tỉnh Lạng Sơn', '--province', '20']);
    expect(conflict.code).toBe(1);
    expect(conflict.err).toMatch(/exists with provinces 04, not 20/);
    // Bắc Kạn (06) is part of Thái Nguyên since 1/7/2025: no such province after the reform
    const gone = await tenantCli(['add', '--tenant', other, '--name', 'Tỉnh Bắc Kạn', '--province', '06']);
    expect(gone.code).toBe(1);
    expect(gone.err).toMatch(/unknown new province 06/);
    expect(await rowsOf(other)).toEqual({ tenant: 0, units: 0, programs: 0, targets: 0, audit: 0 });
  });

  it('all or nothing: a failure in the last step (the database refuses an amount) leaves no unit, no tenant, no audit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kn-onboard-'));
    const example = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    // digits, so the file is valid; beyond bigint, so PostgreSQL refuses it while writing the programme
    example.programme.funding[0].amount = '99999999999999999999999';
    writeFileSync(join(dir, 'overflow.json'), JSON.stringify(example));
    const other = `cao-bang-${randomBytes(3).toString('hex')}`;
    const failed = await tenantCli(['add', '--tenant', other, '--name', 'Tỉnh Cao Bằng', '--province', '04', '--programme', join(dir, 'overflow.json')]);
    expect(failed.code).toBe(2);
    expect(failed.err).toMatch(/out of range/);
    expect(await rowsOf(other)).toEqual({ tenant: 0, units: 0, programs: 0, targets: 0, audit: 0 });
  });
});
