import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { codes, gql, platform } from '../support/client.js';
import { adminSql, auditRowsOf, contributionCount, ok, writableTenant, type WritableTenant } from './support.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../packages/devkit/dist/cli/import.js', import.meta.url));

const HEADER = 'Mã kết nghĩa,Ngày,Lĩnh vực,Nội dung,Tiền mặt (đồng),Hiện vật (đồng),Hộ nghèo được giúp,Số mô hình,Loại mô hình,Người được tập huấn,Người hưởng lợi,Trạng thái';
const GOOD_ROWS = [
  'TW-A,15/03/2024,Giáo dục,Tặng sách vở cho học sinh,"1.500.000",0,0,0,,0,40,Đã thực hiện',
  'TW-A,2024-04-20,Phát triển kinh tế,Hỗ trợ bò giống,20000000,5000000,3,1,Nhóm hộ,10,12,',
  'TW-B,02/09/2024,Y tế,Khám bệnh miễn phí,"3,000,000",2000000,0,0,,0,150,Đã xác nhận',
];
/** The same file with four bad lines (3, 5, 6, 7) among good ones. */
const BAD_ROWS = [
  GOOD_ROWS[0],
  'TW-A,31/02/2024,Giáo dục,Ngày không có thật,1000000,,,,,,,',
  GOOD_ROWS[1],
  'TW-ZZZ,2024-05-01,Y tế,Kết nghĩa không có,1000000,,,,,,,',
  'TW-B,2019-05-01,Chuối,Trước khi kết nghĩa và lĩnh vực lạ,-5,,,,,,,',
  'TW-A,2024-06-01,Phát triển kinh tế,Mô hình không ghi loại,1000000,,,2,,,,',
  GOOD_ROWS[2],
];

async function cli(file: string, tenant: string, ...extra: string[]) {
  try {
    const { stdout } = await run(process.execPath, [CLI, 'contributions', file, '--tenant', tenant, '--json', '--as', 'cli-test',
      '--database-url', platform().dbUrls.sponsors!.app, ...extra]);
    return { code: 0, report: JSON.parse(stdout) };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, report: err.stdout ? JSON.parse(err.stdout) : null, stderr: err.stderr };
  }
}

describe('spreadsheet import: all or nothing', () => {
  let t: WritableTenant;
  let dir: string;
  beforeAll(async () => {
    t = await writableTenant('imp');
    dir = mkdtempSync(join(tmpdir(), 'kn-import-'));
  });
  const batches = async () => Number((await adminSql(`select count(*)::int as n from sponsors.import_batch where tenant_id = $1`, [t.tenant]))[0].n);
  const importAudits = async () =>
    adminSql(`select * from sponsors.audit_log where tenant_id = $1 and operation = 'importContributions' order by at`, [t.tenant]);

  it('the CLI rejects a file with bad rows, lists every one with its reason, and writes nothing', async () => {
    const file = join(dir, 'dong-gop-loi.csv');
    writeFileSync(file, [HEADER, ...BAD_ROWS].join('\n'));
    const before = await contributionCount(t.tenant);
    const { code, report } = await cli(file, t.tenant);
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.imported).toBe(0);
    expect(report.rowCount).toBe(7);
    const lines = report.errors.map((e: any) => `${e.line} ${e.column} ${e.code}`);
    expect(lines).toEqual([
      '3 Ngày BAD_USER_INPUT',
      '5 Mã kết nghĩa NOT_FOUND',
      '6 Lĩnh vực BAD_USER_INPUT',
      '6 Tiền mặt (đồng) BAD_USER_INPUT',
      '7 Loại mô hình BAD_USER_INPUT',
    ]);
    for (const e of report.errors) expect(e.message).toMatch(/\S+ \/ \S+/); // Vietnamese / English
    expect(await contributionCount(t.tenant)).toBe(before);
    expect(await batches()).toBe(0);
    expect(await importAudits()).toEqual([]);
  });

  it('…and accepts the corrected file, through the service checks, with one audit row', async () => {
    const file = join(dir, 'dong-gop.csv');
    writeFileSync(file, `\uFEFF${[HEADER, ...GOOD_ROWS].join('\r\n')}\r\n`);
    const before = await contributionCount(t.tenant);
    const { code, report } = await cli(file, t.tenant);
    expect(code).toBe(0);
    expect(report).toMatchObject({ ok: true, imported: 3, alreadyImported: false, errors: [] });
    expect(await contributionCount(t.tenant)).toBe(before + 3);
    const rows = await adminSql(
      `select contributed_on::text as d, category, cash_vnd, in_kind_vnd, models_built, model_kind, status, created_by
         from sponsors.contribution where tenant_id = $1 and import_batch_id = $2 order by contributed_on`,
      [t.tenant, report.batchId],
    );
    expect(rows).toEqual([
      { d: '2024-03-15', category: 'EDUCATION', cash_vnd: '1500000', in_kind_vnd: '0', models_built: 0, model_kind: null, status: 'DONE', created_by: 'cli-test' },
      { d: '2024-04-20', category: 'ECONOMIC_DEVELOPMENT', cash_vnd: '20000000', in_kind_vnd: '5000000', models_built: 1, model_kind: 'HOUSEHOLD_GROUP', status: 'DONE', created_by: 'cli-test' },
      { d: '2024-09-02', category: 'HEALTH', cash_vnd: '3000000', in_kind_vnd: '2000000', models_built: 0, model_kind: null, status: 'VERIFIED', created_by: 'cli-test' },
    ]);
    const audits = await importAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor: 'cli-test', actor_roles: ['officer'], via: 'service' });
    expect(audits[0].changes).toHaveLength(4); // the batch and three contributions

    // the same file again: recognised, nothing written
    const again = await cli(file, t.tenant);
    expect(again.code).toBe(0);
    expect(again.report).toMatchObject({ ok: true, imported: 0, alreadyImported: true, batchId: report.batchId });
    expect(await contributionCount(t.tenant)).toBe(before + 3);
    expect(await importAudits()).toHaveLength(1);
  });

  it('the CLI reads .xlsx workbooks with Vietnamese headers, date and number cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Đóng góp');
    ws.addRow(['Báo cáo kết quả kết nghĩa (dòng tiêu đề bỏ qua)']);
    ws.addRow([]);
    // header line 3, in another order and spelling
    ws.addRow(['Ngày', 'Mã kết nghĩa', 'Nội dung', 'Lĩnh vực', 'Tiền mặt', 'Hiện vật (VND)', 'Số hộ nghèo']);
    ws.addRow([new Date(Date.UTC(2025, 2, 8)), 'TW-B', 'Tặng quà 8/3', 'Tặng quà', 4_000_000, 1_000_000, 5]);
    ws.addRow([new Date(Date.UTC(2025, 5, 1)), 'TW-A', { richText: [{ text: 'Xây ' }, { text: 'nhà vệ sinh' }] }, 'An sinh xã hội', 35_000_000, 0, 2]);
    const file = join(dir, 'dong-gop.xlsx');
    await wb.xlsx.writeFile(file);
    const dry = await cli(file, t.tenant, '--dry-run');
    expect(dry.report).toMatchObject({ ok: true, dryRun: true, imported: 0 });
    const { code, report } = await cli(file, t.tenant);
    expect(code).toBe(0);
    expect(report).toMatchObject({ ok: true, imported: 2 });
    const rows = await adminSql(
      `select contributed_on::text as d, category, description, cash_vnd, poor_households_helped from sponsors.contribution
        where tenant_id = $1 and import_batch_id = $2 order by contributed_on`,
      [t.tenant, report.batchId],
    );
    expect(rows).toEqual([
      { d: '2025-03-08', category: 'GIFTS', description: 'Tặng quà 8/3', cash_vnd: '4000000', poor_households_helped: 5 },
      { d: '2025-06-01', category: 'SOCIAL_SECURITY', description: 'Xây nhà vệ sinh', cash_vnd: '35000000', poor_households_helped: 2 },
    ]);
  });

  it('a file with unknown or missing columns is refused as a whole', async () => {
    const file = join(dir, 'cot-la.csv');
    writeFileSync(file, ['Mã kết nghĩa,Ngày,Nội dung,Tiền mặtt', 'TW-A,2024-01-02,x,1'].join('\n'));
    const { code, report } = await cli(file, t.tenant);
    expect(code).toBe(1);
    expect(report.errors.map((e: any) => e.message).join('\n')).toMatch(/Tiền mặtt[\s\S]*Lĩnh vực/);
  });

  const IMPORT = `mutation($rows: [ContributionImportRow!]!, $dry: Boolean) {
    importContributions(rows: $rows, source: "test", dryRun: $dry) { ok dryRun rowCount imported alreadyImported batchId errors { line column code message } } }`;
  const row = (over: Record<string, string>) => ({
    twinning: 'TW-B', date: '2023-10-10', category: 'Văn hóa', description: 'Tặng nhạc cụ', cashVnd: '7.000.000', ...over,
  });

  it('the mutation rejects rows with one bad row and writes nothing, then accepts the corrected rows', async () => {
    const before = await contributionCount(t.tenant);
    const bad = await gql(t.officer, IMPORT, {
      rows: [row({}), row({ description: 'Ngày sai', date: '2023-13-01' }), row({ description: 'Tiền âm', cashVnd: '-7000000' })],
    });
    const rep = ok(bad).importContributions;
    expect(rep).toMatchObject({ ok: false, imported: 0, rowCount: 3, batchId: null });
    expect(rep.errors.map((e: any) => `${e.line} ${e.column}`)).toEqual(['3 Ngày', '4 Tiền mặt (đồng)']);
    expect(await contributionCount(t.tenant)).toBe(before);
    expect(await auditRowsOf(bad.requestId)).toEqual([]);

    const good = await gql(t.officer, IMPORT, { rows: [row({}), row({ description: 'Ngày đúng', date: '2023-12-01' }), row({ description: 'Tiền đúng' })] });
    const accepted = ok(good).importContributions;
    expect(accepted).toMatchObject({ ok: true, imported: 3, errors: [] });
    expect(await contributionCount(t.tenant)).toBe(before + 3);
    expect(await auditRowsOf(good.requestId)).toHaveLength(1);

    const dup = ok(await gql(t.officer, IMPORT, { rows: [row({}), row({ description: 'Ngày đúng', date: '2023-12-01' }), row({ description: 'Tiền đúng' })] }));
    expect(dup.importContributions).toMatchObject({ ok: true, imported: 0, alreadyImported: true, batchId: accepted.batchId });
    expect(await contributionCount(t.tenant)).toBe(before + 3);
  });

  it('a sponsor cannot import; an officer of another province does not see this one’s twinnings', async () => {
    expect(codes(await gql(t.partnerA, IMPORT, { rows: [row({})] }))).toEqual(['FORBIDDEN']);
    const { tokenFor } = await import('../support/client.js');
    const other = await tokenFor('lang-son', 'officer');
    const rep = ok(await gql(other, IMPORT, { rows: [row({})], dry: true })).importContributions;
    expect(rep.ok).toBe(false);
    expect(rep.errors[0]).toMatchObject({ line: 2, code: 'NOT_FOUND' });
  });
});
