import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gql, platform, tokenFor } from '../support/client.js';
import { ok, RECORD, writableTenant, type WritableTenant } from '../sponsors/support.js';

const base = () => platform().gatewayUrl.replace(/\/graphql$/, '');

/** POST /export as a caller; the whole body as bytes. */
export async function exportAs(credential: string | null, body: Record<string, unknown>, scheme = 'Bearer') {
  const res = await fetch(`${base()}/export`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(credential ? { authorization: `${scheme} ${credential}` } : {}) },
    body: JSON.stringify(body),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, text: bytes.toString('utf8') };
}

const CONTRIBUTIONS = `query Contributions($year: Int) {
  contributions(filter: { year: $year }) {
    nodes { id contributedOn category description cashVnd inKindVnd totalVnd poorHouseholdsHelped sponsor { code name } commune { name } }
  }
}`;

/** RFC 4180 reader for the tests (quoted fields, doubled quotes, newlines inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else if (ch !== '\r') cell += ch;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

/**
 * LibreOffice is optional: Debian's libreoffice-calc-nogui is 64 packages (≈ 300 MB), minutes of CI
 * for one check, so .ci/run does not install it. When it is on PATH the round trip runs; otherwise
 * the test says why it skipped (the xlsx is always read back with exceljs above).
 */
const LIBREOFFICE = ['libreoffice', 'soffice'].find((bin) => spawnSync(bin, ['--version'], { stdio: 'ignore' }).status === 0);
if (!LIBREOFFICE) console.warn('[export.test] LibreOffice not installed (apt-get install libreoffice-calc-nogui): the xlsx → csv round trip is skipped');

describe('POST /export', () => {
  let t: WritableTenant;
  const N = 23;
  let graphNodes: any[];

  beforeAll(async () => {
    t = await writableTenant('export');
    for (let i = 0; i < N; i++) {
      ok(
        await gql(t.officer, RECORD, {
          k: randomUUID(),
          i: {
            twinningId: i % 2 ? t.twinningA : t.twinningB,
            contributedOn: `2024-0${1 + (i % 9)}-1${i % 10}`,
            category: 'EDUCATION',
            description: `Tặng sách, đợt ${i}; "ghi chú", dòng\nhai`,
            cashVnd: i === 0 ? '3002800000000' : String(1_000_000 + i),
            inKindVnd: String(i * 1000),
            poorHouseholdsHelped: i,
          },
        }),
      );
    }
    graphNodes = ok(await gql(t.analyst, `{ contributions(first: 500, filter: { year: 2024 }) { totalCount nodes { id cashVnd totalVnd contributedOn } } }`))
      .contributions.nodes;
    expect(graphNodes).toHaveLength(N);
  });

  it('CSV: every page followed, Vietnamese headers from the descriptions, money exact, the same rows as the graph', async () => {
    const r = await exportAs(t.analyst, { query: CONTRIBUTIONS, variables: { year: 2024 }, format: 'csv', pageSize: 5 });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(r.text.charCodeAt(0)).toBe(0xfeff); // BOM: Excel reads UTF-8
    const rows = parseCsv(r.text.slice(1));
    const header = rows[0]!;
    expect(header).toContain('Tiền mặt, đồng');
    expect(header).toContain('Giá trị hiện vật, đồng');
    expect(header).toContain('Hộ nghèo được giúp đỡ');
    expect(header).toContain('sponsor – code');
    const body = rows.slice(1);
    expect(body).toHaveLength(N); // 23 rows in pages of 5: five pages followed
    const cash = header.indexOf('Tiền mặt, đồng');
    const id = header.indexOf('id');
    const byId = new Map(graphNodes.map((n) => [n.id, n]));
    for (const row of body) expect(row[cash]).toBe(byId.get(row[id]!)!.cashVnd);
    expect(body.map((r) => r[cash])).toContain('3002800000000');
    expect(new Set(body.map((r) => r[id])).size).toBe(N);
    // text with quotes, commas and a newline survives
    const description = header.indexOf('description');
    expect(body.map((r) => r[description])).toContain('Tặng sách, đợt 3; "ghi chú", dòng\nhai');
  });

  it('XLSX read back with exceljs: numbers are numbers, dates are dates, đồng are integers', async () => {
    const r = await exportAs(t.analyst, { query: CONTRIBUTIONS, variables: { year: 2024 }, format: 'xlsx', pageSize: 10 });
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.bytes as any);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (h: string) => header.indexOf(h) + 1;
    expect(ws.rowCount).toBe(N + 1);
    let sum = 0n;
    for (let i = 2; i <= ws.rowCount; i++) {
      const row = ws.getRow(i);
      const cash = row.getCell(col('Tiền mặt, đồng')).value;
      expect(typeof cash).toBe('number');
      expect(Number.isInteger(cash)).toBe(true);
      sum += BigInt(cash as number);
      expect(row.getCell(col('contributedOn')).value).toBeInstanceOf(Date);
      expect(typeof row.getCell(col('Hộ nghèo được giúp đỡ')).value).toBe('number');
    }
    expect(sum).toBe(graphNodes.reduce((s, n) => s + BigInt(n.cashVnd), 0n));
  });

  it.skipIf(!LIBREOFFICE)('LibreOffice opens the xlsx: converted to CSV it gives the same rows', async () => {
    const q = `query { contributions(filter: { year: 2024 }) { nodes { id contributedOn cashVnd poorHouseholdsHelped } } }`;
    const x = await exportAs(t.analyst, { query: q, format: 'xlsx', headers: 'paths' });
    const dir = mkdtempSync(join(tmpdir(), 'kn-lo-'));
    try {
      writeFileSync(join(dir, 'export.xlsx'), x.bytes);
      execFileSync(LIBREOFFICE!, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'csv', '--outdir', dir, join(dir, 'export.xlsx')], { timeout: 120_000, stdio: 'ignore' });
      const rows = parseCsv(readFileSync(join(dir, 'export.csv'), 'utf8'));
      expect(rows[0]).toEqual(['id', 'contributedOn', 'cashVnd', 'poorHouseholdsHelped']);
      const byId = new Map(graphNodes.map((n) => [n.id, n]));
      expect(rows.slice(1).filter((r) => r.length > 1)).toHaveLength(N);
      for (const r of rows.slice(1).filter((r) => r.length > 1)) {
        const n = byId.get(r[0]!)!;
        expect(r[2]!.replace(/[^0-9]/g, '')).toBe(n.cashVnd); // digits only: LibreOffice writes the cell with its #,##0 format
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('JSON lines: the nodes exactly as the graph answers them', async () => {
    const q = `query { contributions(filter: { year: 2024 }) { nodes { id cashVnd totalVnd contributedOn } } }`;
    const r = await exportAs(t.analyst, { query: q, format: 'jsonl', pageSize: 4 });
    const lines = r.text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(N);
    expect(new Map(lines.map((l) => [l.id, l]))).toEqual(new Map(graphNodes.map((n) => [n.id, n])));
  });

  it('runs as the caller: another tenant exports none of these rows, a partner only its own sponsor', async () => {
    const other = await tokenFor('quang-nam', 'analyst');
    const r = await exportAs(other, { query: `{ contributions(filter: { year: 2024 }) { nodes { id } } }`, format: 'jsonl' });
    expect(r.status).toBe(200);
    const ids = new Set(r.text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l).id));
    for (const n of graphNodes) expect(ids.has(n.id)).toBe(false);

    const mine = await exportAs(t.partnerA, { query: `{ contributions(filter: { year: 2024 }) { nodes { id sponsor { id } } } }`, format: 'jsonl', pageSize: 3 });
    const rows = mine.text.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.length).toBe(Math.floor(N / 2));
    expect(new Set(rows.map((x) => x.sponsor.id))).toEqual(new Set([t.sponsorA]));
  });

  it('refusals are coded errors: no token, bad document, a mutation, a limit, two lists', async () => {
    expect((await exportAs(null, { query: CONTRIBUTIONS, format: 'csv' })).status).toBe(401);
    const bad = await exportAs(t.analyst, { query: '{ contributions {', format: 'csv' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SYNTAX' });
    const mutation = await exportAs(t.analyst, { query: 'mutation { revokeApiKey(id: "x") { id } }', format: 'csv' });
    expect(JSON.parse(mutation.text).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOT_A_QUERY' });
    const two = await exportAs(t.analyst, { query: '{ contributions { nodes { id } } twinnings { nodes { id } } }', format: 'csv' });
    expect(JSON.parse(two.text).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SEVERAL_LISTS' });
    const unknown = await exportAs(t.analyst, { query: '{ contributions { nodes { nope } } }', format: 'csv' });
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const format = await exportAs(t.analyst, { query: CONTRIBUTIONS, format: 'pdf' });
    expect(JSON.parse(format.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    // the gateway's depth limit applies to the pages as to any request
    const deep = `{ contributions { nodes { reverses { reverses { reverses { reverses { reverses { reverses { reverses { reverses { reverses { reverses { id } } } } } } } } } } } } }`;
    const limited = await exportAs(t.analyst, { query: deep, format: 'csv' });
    expect(JSON.parse(limited.text).errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('a registered operation by id, also for a partner API key (which may send nothing else)', async () => {
    const manifest = JSON.parse(readFileSync(new URL('../../operations/manifest.json', import.meta.url), 'utf8')) as { operations: { id: string; name: string }[] };
    const id = manifest.operations.find((o) => o.name === 'MyTwinnings')!.id;
    const created = ok(
      await gql(t.admin, `mutation($s: ID!) { createApiKey(sponsorId: $s, name: "xuất dữ liệu") { secret } }`, { s: t.sponsorA }),
    ).createApiKey;
    const r = await exportAs(created.secret, { documentId: `sha256:${id}`, format: 'jsonl' }, 'ApiKey');
    expect(r.status).toBe(200);
    const rows = r.text.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((x) => x.id)).toEqual([t.twinningA]);
    const free = await exportAs(created.secret, { query: CONTRIBUTIONS, format: 'csv' }, 'ApiKey');
    expect(JSON.parse(free.text).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('pnpm run export: a job with a progress bar, then the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kn-cli-'));
    try {
      const out = join(dir, 'dong-gop.jsonl');
      const cli = new URL('../../packages/devkit/dist/cli/export.js', import.meta.url).pathname;
      const r = spawnSync(process.execPath, [cli, '-', '--format', 'jsonl', '--out', out, '--url', base(), '--variables', '{"year":2024}'], {
        input: `query($year: Int) { contributions(filter: { year: $year }) { nodes { id cashVnd } } }`,
        env: { ...process.env, KN_TOKEN: t.analyst },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/rows/);
      const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(new Set(lines.map((l) => l.id))).toEqual(new Set(graphNodes.map((n) => n.id)));
      const bad = spawnSync(process.execPath, [cli, '-', '--format', 'csv', '--out', out, '--url', base()], {
        input: '{ contributions {',
        env: { ...process.env, KN_TOKEN: t.analyst },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(/BAD_USER_INPUT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a single object (no list) is one row', async () => {
    const r = await exportAs(t.analyst, { query: '{ currentTenant { slug name } }', format: 'csv', headers: 'paths' });
    const rows = parseCsv(r.text.slice(1));
    expect(rows[0]).toEqual(['currentTenant.slug', 'currentTenant.name']);
    expect(rows[1]![0]).toBe(t.tenant);
  });

  it('jobs: started, progress, downloaded by their owner only', async () => {
    const start = await exportAs(t.analyst, { query: CONTRIBUTIONS, variables: { year: 2024 }, format: 'csv', pageSize: 5, job: true });
    expect(start.status).toBe(202);
    const job = JSON.parse(start.text);
    expect(job).toMatchObject({ status: 'RUNNING', kind: 'export' });
    let state: any;
    for (let i = 0; i < 100; i++) {
      state = await (await fetch(`${base()}/export/jobs/${job.id}`, { headers: { authorization: `Bearer ${t.analyst}` } })).json();
      if (state.status !== 'RUNNING') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(state).toMatchObject({ status: 'DONE', progress: { done: N, total: N }, url: `/export/jobs/${job.id}/file` });
    const file = await fetch(`${base()}${state.url}`, { headers: { authorization: `Bearer ${t.analyst}` } });
    expect(file.status).toBe(200);
    expect(parseCsv((await file.text()).slice(1))).toHaveLength(N + 1);
    // someone else — even an admin of the same province — sees no such job
    for (const who of [t.admin, await tokenFor('quang-nam', 'analyst', { sub: (await import('jose')).decodeJwt(t.analyst).sub as string })]) {
      const res = await fetch(`${base()}${state.url}`, { headers: { authorization: `Bearer ${who}` } });
      expect(res.status).toBe(404);
    }
  });
});
