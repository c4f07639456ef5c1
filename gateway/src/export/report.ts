import { createRequire } from 'node:module';
import { PassThrough, type Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import {
  Kind,
  getNamedType,
  isEnumType,
  isInterfaceType,
  isObjectType,
  parse,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { z } from 'zod';
import { AFTER_VAR, ExportError, PAGE_ALIAS, at, headerFromDescription, planExport, valuesAt } from './plan.js';
import { askPage, rowsOf, type PageFetcher } from './run.js';
import { cellValue, loadExcel } from './writers.js';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
const FONT_ITALIC = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf');

export const reportRequestSchema = z.object({
  templateId: z.string().min(1),
  /** "2019-H2" for a six-monthly template, "2019" for a yearly one. */
  period: z.string().regex(/^\d{4}(-H[12])?$/, 'a year ("2019") or a half-year ("2019-H2")'),
  format: z.enum(['xlsx', 'pdf']),
});
export type ReportRequest = z.infer<typeof reportRequestSchema>;

/** The template as the graph answers it (evaluations subgraph, `reportTemplate`). */
interface TemplateColumn {
  header: string;
  value: string;
  kind: 'text' | 'int' | 'vnd' | 'decimal' | 'date' | 'enum' | 'boolean' | 'count' | 'index';
  total: boolean;
  empty: string;
  yes: string;
  no: string;
  width?: number;
}
interface TemplateSection {
  heading: string;
  note?: string;
  query: string;
  columns: TemplateColumn[];
  totalLabel?: string;
}
interface TemplateDefinition {
  code: string;
  issuer: string;
  title: string;
  subtitle?: string;
  period: 'HALF_YEAR' | 'YEAR';
  source: string;
  sections: TemplateSection[];
}

const TEMPLATE_QUERY = `query ReportTemplate($id: ID!) { currentTenant { name } reportTemplate(id: $id) { id code version program { id } definition } }`;

/** One cell of a generated report: what is shown, and the exact figure behind it when it is a number. */
export interface ReportCell {
  text: string;
  /** Exact figure (integers as BigInt-safe strings, decimals as the graph gave them); null for text. */
  figure: string | null;
  kind: TemplateColumn['kind'];
}

export interface ReportTable {
  heading: string;
  note: string | null;
  headers: string[];
  kinds: TemplateColumn['kind'][];
  rows: ReportCell[][];
  total: ReportCell[] | null;
}

export interface GeneratedReport {
  templateId: string;
  code: string;
  version: number;
  tenantName: string;
  issuer: string;
  title: string;
  subtitle: string | null;
  periodLabel: string;
  source: string;
  generatedOn: string;
  generatedBy: string;
  tables: ReportTable[];
}

interface Period {
  year: number;
  from: string;
  to: string;
  label: string;
}

export function periodOf(template: TemplateDefinition, period: string): Period {
  const m = /^(\d{4})(?:-H([12]))?$/.exec(period)!;
  const year = Number(m[1]);
  if (template.period === 'HALF_YEAR') {
    if (!m[2]) throw new ExportError(`This report is six-monthly: give a half-year such as "${year}-H1" or "${year}-H2"`, 'BAD_USER_INPUT', 'PERIOD');
    const first = m[2] === '1';
    return { year, from: first ? `${year}-01-01` : `${year}-07-01`, to: first ? `${year}-06-30` : `${year}-12-31`, label: first ? `6 tháng đầu năm ${year}` : `6 tháng cuối năm ${year}` };
  }
  if (m[2]) throw new ExportError(`This report is yearly: give a year such as "${year}"`, 'BAD_USER_INPUT', 'PERIOD');
  return { year, from: `${year}-01-01`, to: `${year}-12-31`, label: `Năm ${year}` };
}

/** The type of the field at a dotted path from a row type (for enum labels). */
function typeAt(rowType: GraphQLNamedType, path: string[]): GraphQLNamedType | null {
  let t: GraphQLNamedType | null = rowType;
  for (const key of path) {
    if (!t || !(isObjectType(t) || isInterfaceType(t))) return null;
    const f: { type: Parameters<typeof getNamedType>[0] } | undefined = t.getFields()[key];
    t = f ? (getNamedType(f.type) ?? null) : null;
  }
  return t;
}

const groupDigits = (digits: string) => {
  const neg = digits.startsWith('-');
  const d = neg ? digits.slice(1) : digits;
  return `${neg ? '-' : ''}${d.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
};
/** A figure as Vietnamese documents write it: 3.002.800.000 đồng, 9,5. */
const showNumber = (s: string) => {
  const [int, frac] = s.split('.');
  return frac ? `${groupDigits(int!)},${frac}` : groupDigits(int!);
};
const showDate = (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}` : s);

/** Asks every page of a section's query as the caller; its rows. */
async function sectionRows(schema: GraphQLSchema, section: TemplateSection, vars: Record<string, unknown>, fetchPage: PageFetcher, pageSize: number) {
  const plan = planExport(schema, section.query, null, pageSize);
  const op = parse(section.query).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const declared = new Set((op.variableDefinitions ?? []).map((v) => v.variable.name.value));
  const variables = Object.fromEntries(Object.entries(vars).filter(([k]) => declared.has(k)));
  const rows: unknown[] = [];
  let after: string | null = null;
  for (let page = 1; ; page++) {
    const data = await askPage(fetchPage, { query: after === null ? plan.document : plan.nextDocument, variables: { ...variables, [AFTER_VAR]: after }, operationName: plan.operationName }, page);
    rows.push(...rowsOf(plan, data));
    const info = plan.connectionPath ? ((at(data, plan.connectionPath) as Record<string, unknown> | null)?.[PAGE_ALIAS] as { hasNextPage?: boolean; endCursor?: string } | undefined) : undefined;
    if (!info?.hasNextPage || !info.endCursor) break;
    after = info.endCursor;
  }
  return { rows, rowType: plan.rowType };
}

function cellOf(col: TemplateColumn, row: unknown, index: number, rowType: GraphQLNamedType): ReportCell {
  if (col.kind === 'index') return { text: String(index + 1), figure: null, kind: 'index' };
  let path: string[] = [];
  let values: unknown[] = [];
  for (const alt of col.value.split('|')) {
    path = alt.split('.');
    values = valuesAt(row, path);
    if (values.length > 0) break;
  }
  if (col.kind === 'count') return { text: String(values.length), figure: String(values.length), kind: 'count' };
  if (values.length === 0) return { text: col.empty, figure: null, kind: col.kind };
  switch (col.kind) {
    case 'int':
    case 'vnd':
    case 'decimal': {
      const figure = String(values[0]);
      return { text: showNumber(figure), figure, kind: col.kind };
    }
    case 'date':
      return { text: showDate(String(values[0])), figure: null, kind: 'date' };
    case 'boolean':
      return { text: values[0] ? col.yes : col.no, figure: null, kind: 'boolean' };
    case 'enum': {
      const type = typeAt(rowType, path);
      const label = (v: unknown) => {
        const value = isEnumType(type) ? type.getValue(String(v)) : undefined;
        return headerFromDescription(value?.description) ?? String(v);
      };
      return { text: values.map(label).join('; '), figure: null, kind: 'enum' };
    }
    default:
      return { text: values.map((v) => String(v)).join('; '), figure: null, kind: 'text' };
  }
}

/** Exact sum of decimal strings (integers or decimals). */
function exactSum(figures: string[]): string {
  const scale = Math.max(0, ...figures.map((f) => (f.split('.')[1] ?? '').length));
  const total = figures.reduce((s, f) => {
    const [i, d = ''] = f.split('.');
    const neg = i!.startsWith('-');
    const units = BigInt(`${i!.replace('-', '')}${d.padEnd(scale, '0')}`);
    return s + (neg ? -units : units);
  }, 0n);
  if (scale === 0) return total.toString();
  const neg = total < 0n;
  const digits = (neg ? -total : total).toString().padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/**
 * Fills a template for a period, as the caller: the template and every section's figures are asked
 * of the graph through the gateway's pipeline (like an export), so the report shows exactly what the
 * caller's own queries would — no figure is computed here except the exact sums of total rows.
 */
export async function buildReport(
  schema: GraphQLSchema,
  request: ReportRequest,
  fetchPage: PageFetcher,
  pageSize: number,
  generatedBy: string,
): Promise<GeneratedReport> {
  const data = await askPage(fetchPage, { query: TEMPLATE_QUERY, variables: { id: request.templateId }, operationName: 'ReportTemplate' }, 0);
  const found = data.reportTemplate as { id: string; code: string; version: number; program: { id: string }; definition: string } | null;
  if (!found) throw new ExportError('No report template of your province has this id', 'NOT_FOUND', 'NO_TEMPLATE', 404);
  const template = JSON.parse(found.definition) as TemplateDefinition;
  const period = periodOf(template, request.period);
  const vars = { year: period.year, from: period.from, to: period.to, asOf: period.to, programId: found.program.id };
  const tables: ReportTable[] = [];
  for (const section of template.sections) {
    const { rows, rowType } = await sectionRows(schema, section, vars, fetchPage, pageSize);
    const cells = rows.map((row, i) => section.columns.map((c) => cellOf(c, row, i, rowType)));
    let total: ReportCell[] | null = null;
    if (section.totalLabel) {
      total = section.columns.map((c, i) => {
        if (!c.total) return { text: '', figure: null, kind: c.kind };
        const figure = exactSum(cells.map((r) => r[i]!.figure).filter((f): f is string => f !== null));
        return { text: showNumber(figure), figure, kind: c.kind };
      });
      const labelAt = [section.columns.findIndex((c) => !c.total && c.kind !== 'index'), section.columns.findIndex((c) => !c.total)].find((i) => i >= 0) ?? -1;
      if (labelAt >= 0) total[labelAt] = { text: section.totalLabel, figure: null, kind: 'text' };
    }
    tables.push({ heading: section.heading, note: section.note ?? null, headers: section.columns.map((c) => c.header), kinds: section.columns.map((c) => c.kind), rows: cells, total });
  }
  const tenantName = (data.currentTenant as { name: string } | null)?.name ?? '';
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  return {
    templateId: found.id,
    code: found.code,
    version: found.version,
    tenantName,
    issuer: template.issuer,
    title: template.title,
    subtitle: template.subtitle ?? null,
    periodLabel: period.label,
    source: template.source,
    generatedOn: today,
    generatedBy,
    tables,
  };
}

const NUMERIC = new Set(['int', 'vnd', 'decimal', 'count', 'index']);

/** The report as a workbook: one sheet, the document's heading, then each section's table with typed cells. */
export async function reportXlsx(r: GeneratedReport): Promise<Buffer> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  wb.creator = 'Kết nghĩa';
  const ws = wb.addWorksheet('Báo cáo', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const width = Math.max(...r.tables.map((t) => t.headers.length), 4);
  const line = (text: string, font: Partial<ExcelJS.Font> = {}, align: Partial<ExcelJS.Alignment> = { horizontal: 'center', wrapText: true }) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, width);
    row.getCell(1).font = { name: 'Times New Roman', size: 12, ...font };
    row.getCell(1).alignment = align;
    return row;
  };
  line(r.issuer, { bold: true }, { horizontal: 'left' });
  line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc', { bold: true });
  ws.addRow([]);
  line(r.title, { bold: true, size: 13 }).height = 48;
  if (r.subtitle) line(r.subtitle, { italic: true });
  line(`Kỳ báo cáo: ${r.periodLabel} — ${r.tenantName}`, { bold: true });
  line(r.source, { italic: true, size: 10 }, { horizontal: 'left', wrapText: true }).height = 42;
  for (const t of r.tables) {
    ws.addRow([]);
    line(t.heading, { bold: true }, { horizontal: 'left', wrapText: true });
    if (t.note) line(t.note, { italic: true, size: 10 }, { horizontal: 'left', wrapText: true }).height = 30;
    const head = ws.addRow(t.headers);
    head.eachCell((c) => {
      c.font = { bold: true };
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    });
    const put = (cells: ReportCell[], bold = false) => {
      const row = ws.addRow(
        cells.map((c) => {
          if (c.figure !== null && NUMERIC.has(c.kind)) return cellValue(c.kind === 'vnd' ? 'vnd' : 'decimal', c.figure);
          if (c.kind === 'index') return c.text === '' ? null : Number(c.text);
          return c.text;
        }),
      );
      cells.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        if (c.kind === 'vnd' || c.kind === 'int' || c.kind === 'count') cell.numFmt = '#,##0';
        cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
        cell.alignment = { vertical: 'top', wrapText: true };
        if (bold) cell.font = { bold: true };
      });
    };
    for (const cells of t.rows) put(cells);
    if (t.total) put(t.total, true);
  }
  ws.addRow([]);
  line(`Số liệu lấy từ hệ thống Kết nghĩa ngày ${showDate(r.generatedOn)} (mẫu ${r.code}, phiên bản ${r.version}).`, { italic: true, size: 9 }, { horizontal: 'left' });
  for (let i = 1; i <= width; i++) ws.getColumn(i).width = i === 1 ? 8 : i === 2 ? 34 : 20;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The report as a PDF (pdfkit): A4 landscape, DejaVu Sans embedded (every Vietnamese letter, with
 * its tones), the document's heading, each section's table with its header row repeated on a new page.
 */
export async function reportPdf(r: GeneratedReport): Promise<Readable> {
  // loaded on the first PDF (start-up time otherwise)
  const PDFDocument = (await import('pdfkit')).default;
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 36, info: { Title: r.title, Author: r.issuer, Creator: 'Kết nghĩa' } });
  doc.registerFont('body', FONT);
  doc.registerFont('bold', FONT_BOLD);
  doc.registerFont('italic', FONT_ITALIC);
  const out = new PassThrough();
  doc.pipe(out);
  const left = doc.page.margins.left;
  const usable = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  const half = usable / 2 - 10;
  const top = doc.y;
  doc.font('bold').fontSize(10).text(r.issuer, left, top, { width: half, align: 'center' });
  const afterLeft = doc.y;
  doc.font('bold').fontSize(10).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', left + half + 20, top, { width: half, align: 'center' });
  doc.font('bold').fontSize(10).text('Độc lập - Tự do - Hạnh phúc', { width: half, align: 'center', underline: true });
  doc.y = Math.max(afterLeft, doc.y) + 16;
  doc.x = left;
  doc.font('bold').fontSize(13).text(r.title, left, doc.y, { width: usable, align: 'center' });
  if (r.subtitle) doc.font('italic').fontSize(10).text(r.subtitle, { width: usable, align: 'center' });
  doc.moveDown(0.3);
  doc.font('bold').fontSize(11).text(`Kỳ báo cáo: ${r.periodLabel} — ${r.tenantName}`, { width: usable, align: 'center' });
  doc.moveDown(0.3);
  doc.font('italic').fontSize(8.5).text(`Căn cứ: ${r.source}`, { width: usable, align: 'justify' });

  for (const t of r.tables) {
    doc.moveDown(0.8);
    if (doc.y > bottom() - 80) doc.addPage();
    doc.font('bold').fontSize(11).text(t.heading, left, doc.y, { width: usable });
    if (t.note) doc.font('italic').fontSize(8.5).text(t.note, { width: usable });
    doc.moveDown(0.3);
    // column widths: narrow for numbers and the row number, wide for names
    const weight = t.kinds.map((k, i) => (k === 'index' ? 0.5 : NUMERIC.has(k) ? 1.2 : t.headers[i]!.length > 20 ? 2.6 : 1.6));
    const sumW = weight.reduce((a, b) => a + b, 0);
    const widths = weight.map((w) => (w / sumW) * usable);
    const pad = 3;
    const drawRow = (cells: string[], font: 'body' | 'bold', numeric: boolean[]) => {
      doc.font(font).fontSize(8.5);
      const h = Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i]! - 2 * pad }))) + 2 * pad;
      if (doc.y + h > bottom()) {
        doc.addPage();
        if (font !== 'bold' || cells !== t.headers) drawRow(t.headers, 'bold', t.headers.map(() => false));
        doc.font(font).fontSize(8.5);
      }
      const y = doc.y;
      let x = left;
      cells.forEach((c, i) => {
        doc.rect(x, y, widths[i]!, h).lineWidth(0.5).stroke();
        doc.text(c, x + pad, y + pad, { width: widths[i]! - 2 * pad, align: numeric[i] ? 'right' : 'left' });
        x += widths[i]!;
      });
      doc.x = left;
      doc.y = y + h;
    };
    const numeric = t.kinds.map((k) => NUMERIC.has(k));
    drawRow(t.headers, 'bold', t.headers.map(() => false));
    if (t.rows.length === 0) drawRow(t.headers.map((_, i) => (i === 0 ? 'Không có số liệu trong kỳ' : '')), 'body', numeric);
    for (const row of t.rows) drawRow(row.map((c) => c.text), 'body', numeric);
    if (t.total) drawRow(t.total.map((c) => c.text), 'bold', numeric);
  }
  doc.moveDown(1);
  if (doc.y > bottom() - 20) doc.addPage();
  doc.font('italic').fontSize(8).text(`Số liệu lấy từ hệ thống Kết nghĩa ngày ${showDate(r.generatedOn)} (mẫu ${r.code}, phiên bản ${r.version}); người lập: ${r.generatedBy}.`, left, doc.y, { width: usable });
  doc.end();
  return out;
}
