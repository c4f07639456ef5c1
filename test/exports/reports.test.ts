import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { codes, gql, platform, tokenFor } from '../support/client.js';
import { pdfText } from '../support/pdf.js';
import { ok } from '../sponsors/support.js';

const base = () => platform().gatewayUrl.replace(/\/graphql$/, '');

async function report(token: string, body: Record<string, unknown>) {
  const res = await fetch(`${base()}/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

const TEMPLATES = `{ reportTemplates { id code version title period issuer source program { id } sections { heading columns { header value kind total } } } }`;

/** The rows of the table under `heading` in the report's sheet (header row first), as cell values. */
function tableUnder(ws: ExcelJS.Worksheet, heading: string): unknown[][] {
  const out: unknown[][] = [];
  let inside = false;
  for (let i = 1; i <= ws.rowCount; i++) {
    const values = (ws.getRow(i).values as unknown[]).slice(1);
    if (!inside) {
      if (values[0] === heading) inside = true;
      continue;
    }
    if (values.length === 0 || values.every((v) => v === null || v === undefined || v === '')) {
      if (out.length) break;
      continue;
    }
    out.push(values);
  }
  // a note row (one merged cell: exceljs repeats its text in every cell) may come before the header row
  return out.length > 1 && new Set(out[0]!.filter((v) => v !== undefined && v !== null)).size === 1 ? out.slice(1) : out;
}

const groupDigits = (s: string) => s.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

describe('report templates and generated reports', () => {
  let officer: string;
  let templates: any[];

  beforeAll(async () => {
    officer = await tokenFor('lang-son', 'officer');
    templates = ok(await gql(officer, TEMPLATES)).reportTemplates;
  });

  it('each province lists its own templates, versioned data; sponsors may not', async () => {
    expect(templates.map((t: any) => t.code).sort()).toEqual(['LS-88-TONGKET', 'LS-KN-XBG-6THANG', 'LS-NTM-TIENDO']);
    const six = templates.find((t: any) => t.code === 'LS-KN-XBG-6THANG');
    expect(six).toMatchObject({ version: 1, period: 'HALF_YEAR', issuer: 'SỞ KẾ HOẠCH VÀ ĐẦU TƯ TỈNH LẠNG SƠN' });
    expect(six.source).toContain('UBND các huyện biên giới định kỳ 6 tháng báo cáo kết quả thực hiện Chương trình về Sở Kế hoạch và Đầu tư');
    const qn = ok(await gql(await tokenFor('quang-nam', 'analyst'), TEMPLATES)).reportTemplates;
    expect(qn.map((t: any) => t.code)).toEqual(['QN-1100-CUOINAM']);
    const sponsor = await gql(await tokenFor('lang-son', 'sponsor', { scope: { sponsorId: '00000000-0000-4000-8000-000000000000' } }), TEMPLATES);
    expect(codes(sponsor)).toContain('FORBIDDEN');
  });

  it('seed 000’s six-monthly report for 2019-H2 as XLSX: every figure equals the graph’s answer', async () => {
    const six = templates.find((t: any) => t.code === 'LS-KN-XBG-6THANG');
    const r = await report(officer, { templateId: six.id, period: '2019-H2', format: 'xlsx' });
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.bytes as any);
    const ws = wb.worksheets[0]!;
    const all = JSON.stringify((ws.getSheetValues() as unknown[]).filter(Boolean));
    expect(all).toContain('6 tháng cuối năm 2019');

    // 1. border communes and their sponsors, as the graph answers them
    const border = ok(
      await gql(officer, `{ communes(filter: { classification: BORDER, asOf: "2019-12-31" }, first: 500) { totalCount nodes { name district { name } twinnings(year: 2019) { sponsor { name } } } } }`),
    ).communes;
    const t1 = tableUnder(ws, six.sections[0].heading);
    expect(t1[0]).toEqual(six.sections[0].columns.map((c: any) => c.header));
    const body1 = t1.slice(1, -1);
    expect(body1).toHaveLength(border.totalCount);
    expect(border.totalCount).toBeGreaterThan(0);
    // (two border communes are called Mẫu Sơn, in Cao Lộc and in Lộc Bình: a commune is its district and name)
    const sponsorsOf = new Map<string, number>(border.nodes.map((n: any) => [`${n.district?.name}|${n.name}`, n.twinnings.length]));
    for (const row of body1) expect(row[4]).toBe(sponsorsOf.get(`${row[1]}|${row[2]}`));
    expect(t1.at(-1)![4]).toBe(border.nodes.reduce((s: number, n: any) => s + n.twinnings.length, 0));

    // 2. support by content in the half-year, money exact
    const filter = `{ programId: "${six.program.id}", contributedFrom: "2019-07-01", contributedTo: "2019-12-31" }`;
    const byCategory = ok(await gql(officer, `{ contributionTotals(groupBy: [CATEGORY], filter: ${filter}) { key { category } cashVnd inKindVnd totalVnd poorHouseholdsHelped } }`))
      .contributionTotals;
    const grand = ok(await gql(officer, `{ contributionTotals(groupBy: [], filter: ${filter}) { cashVnd totalVnd poorHouseholdsHelped } }`)).contributionTotals[0];
    const t2 = tableUnder(ws, six.sections[1].heading);
    const body2 = t2.slice(1, -1);
    expect(body2).toHaveLength(byCategory.length);
    expect(byCategory.length).toBeGreaterThan(0);
    expect(body2.map((r) => String(r[4]))).toEqual(byCategory.map((g: any) => g.totalVnd));
    expect(body2.map((r) => r[5])).toEqual(byCategory.map((g: any) => g.poorHouseholdsHelped));
    const total2 = t2.at(-1)!;
    expect(total2[1]).toBe('Tổng cộng');
    expect(String(total2[2])).toBe(grand.cashVnd);
    expect(String(total2[4])).toBe(grand.totalVnd);
    expect(total2[5]).toBe(grand.poorHouseholdsHelped);
    // a category is shown by its Vietnamese name from the schema, not by its code
    expect(body2.map((r) => r[1])).not.toContain(byCategory[0].key.category);
    (globalThis as any).sixMonthly = { total: grand.totalVnd, households: grand.poorHouseholdsHelped };
  });

  it('…and as PDF with an embedded Vietnamese font: the text has Lạng Sơn and the figures', async () => {
    const six = templates.find((t: any) => t.code === 'LS-KN-XBG-6THANG');
    const r = await report(officer, { templateId: six.id, period: '2019-H2', format: 'pdf' });
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/pdf');
    expect(r.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    if (process.env.KN_KEEP_REPORT_PDF) writeFileSync(process.env.KN_KEEP_REPORT_PDF, r.bytes);
    const text = await pdfText(r.bytes);
    expect(text).toContain('Lạng Sơn');
    expect(text).toContain('6 tháng cuối năm 2019');
    expect(text).toContain('Đơn vị, doanh nghiệp kết nghĩa, hỗ trợ');
    const filter = `{ programId: "${six.program.id}", contributedFrom: "2019-07-01", contributedTo: "2019-12-31" }`;
    const grand = ok(await gql(officer, `{ contributionTotals(groupBy: [], filter: ${filter}) { totalVnd } }`)).contributionTotals[0];
    expect(text).toContain(groupDigits(grand.totalVnd));
    // the font is embedded (a FontFile2 stream), not referenced
    expect(r.bytes.includes(Buffer.from('/FontFile2'))).toBe(true);
  });

  it('seed 001’s year-end report: the proposed ratings as the graph grades them, "Xuất sắc" from the schema', async () => {
    const qnOfficer = await tokenFor('quang-nam', 'officer');
    const [qn] = ok(await gql(qnOfficer, TEMPLATES)).reportTemplates;
    const run = ok(
      await gql(qnOfficer, `query($p: ID!) { evaluationRun(year: 2024, programId: $p) { evaluations { sponsor { name } grade } gradeDistribution { grade count } } }`, { p: qn.program.id }),
    ).evaluationRun;
    const r = await report(qnOfficer, { templateId: qn.id, period: '2024', format: 'pdf' });
    expect(r.status).toBe(200);
    const text = await pdfText(r.bytes);
    expect(text).toContain('Quảng Nam');
    expect(text).toContain('Xuất sắc');
    for (const e of run.evaluations) expect(text).toContain(e.sponsor.name);
    const x = await report(qnOfficer, { templateId: qn.id, period: '2024', format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.bytes as any);
    const dist = tableUnder(wb.worksheets[0]!, 'III. Tổng hợp kết quả xếp loại');
    expect(dist.slice(1, -1).map((row) => row[1])).toEqual(run.gradeDistribution.map((g: any) => g.count));
    expect(dist[1]![0]).toBe('Xuất sắc');
  });

  it('seed 003’s NTM progress: one row per criterion, the dashboard’s figures', async () => {
    const ntm = templates.find((t: any) => t.code === 'LS-NTM-TIENDO');
    const r = await report(officer, { templateId: ntm.id, period: '2019', format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.bytes as any);
    const criteria = ok(await gql(officer, `{ provinceDashboard(year: 2019) { ntm { criteria { number communesMet } } } }`)).provinceDashboard.ntm.criteria;
    const t = tableUnder(wb.worksheets[0]!, ntm.sections[0].heading).slice(1);
    expect(criteria).toHaveLength(19);
    expect(t.map((row) => [row[0], row[2]])).toEqual(criteria.map((c: any) => [c.number, c.communesMet]));
  });

  it('refusals: a period of the wrong kind, an unknown or foreign template, a bad format', async () => {
    const six = templates.find((t: any) => t.code === 'LS-KN-XBG-6THANG');
    const wrong = await report(officer, { templateId: six.id, period: '2019', format: 'pdf' });
    expect(wrong.status).toBe(400);
    expect(JSON.parse(wrong.bytes.toString()).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PERIOD' });
    const foreign = await report(await tokenFor('quang-nam', 'officer'), { templateId: six.id, period: '2019-H2', format: 'pdf' });
    expect(foreign.status).toBe(404);
    expect(JSON.parse(foreign.bytes.toString()).errors[0].extensions.code).toBe('NOT_FOUND');
    const format = await report(officer, { templateId: six.id, period: '2019-H2', format: 'docx' });
    expect(JSON.parse(format.bytes.toString()).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('as a job: generated in the background, downloaded by its owner', async () => {
    const ntm = templates.find((t: any) => t.code === 'LS-NTM-TIENDO');
    const res = await fetch(`${base()}/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${officer}` },
      body: JSON.stringify({ templateId: ntm.id, period: '2019', format: 'pdf', job: true }),
    });
    expect(res.status).toBe(202);
    const job = (await res.json()) as any;
    let state: any;
    for (let i = 0; i < 200; i++) {
      state = await (await fetch(`${base()}/export/jobs/${job.id}`, { headers: { authorization: `Bearer ${officer}` } })).json();
      if (state.status !== 'RUNNING') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(state).toMatchObject({ status: 'DONE', kind: 'report' });
    const file = await fetch(`${base()}${state.url}`, { headers: { authorization: `Bearer ${officer}` } });
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(await pdfText(Buffer.from(await file.arrayBuffer()))).toContain('nông thôn mới');
  });
});
