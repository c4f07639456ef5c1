import { PassThrough, Readable, type Writable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import type ExcelJSType from 'exceljs';
import type { CellKind, Column } from './plan.js';

export type ExportFormat = 'csv' | 'xlsx' | 'jsonl';

export const CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/** One page of rows: the nodes as the graph answered them. */
export type Page = unknown[];

/** Text of a value as the graph gave it (money and decimals stay exact strings of digits). */
function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A spreadsheet cell: numbers as numbers, dates as dates, đồng as whole numbers (text beyond 2^53). */
export function cellValue(kind: CellKind, v: unknown): ExcelJSType.CellValue {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'vnd': {
      const s = String(v);
      const n = Number(s);
      return Number.isSafeInteger(n) && String(n) === s ? n : s;
    }
    case 'decimal': {
      const s = String(v);
      const n = Number(s);
      return Number.isFinite(n) && String(n) === s ? n : s;
    }
    case 'int':
    case 'float':
      return typeof v === 'number' ? v : Number(v);
    case 'boolean':
      return Boolean(v);
    case 'date': {
      const m = DATE_RE.exec(String(v));
      return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : String(v);
    }
    case 'datetime': {
      const d = new Date(String(v));
      return Number.isNaN(d.getTime()) ? String(v) : d;
    }
    default:
      return text(v);
  }
}

const NUM_FMT: Partial<Record<CellKind, string>> = {
  vnd: '#,##0',
  date: 'dd/mm/yyyy',
  datetime: 'dd/mm/yyyy hh:mm',
};

export interface RowSink {
  /** Writes one page; resolves when the output can take more (back-pressure). */
  page(rows: unknown[][], nodes: Page): Promise<void>;
  end(): Promise<void>;
  /** The file's bytes, as they are produced. */
  readable: Readable;
}

/** Writes a chunk; when the reader is behind, waits until it has caught up (or has gone away). */
async function writeWithBackpressure(stream: Writable, chunk: unknown) {
  if (stream.destroyed) throw new Error('export stream closed');
  if (stream.write(chunk)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/** Waits while the bytes produced and not yet read exceed the stream's high-water mark. */
async function readerCaughtUp(stream: PassThrough) {
  while (!stream.destroyed && stream.readableLength > stream.readableHighWaterMark) await delay(5);
  if (stream.destroyed) throw new Error('export stream closed');
}

function csvSink(stringify: typeof import('csv-stringify').stringify, columns: Column[]): RowSink {
  // a BOM so that Excel reads the file as UTF-8 (Vietnamese letters); RFC 4180 quoting by csv-stringify
  const csv = stringify({ bom: true, header: true, columns: columns.map((c, i) => ({ key: String(i), header: c.header })) });
  return {
    readable: csv,
    async page(rows) {
      for (const r of rows) await writeWithBackpressure(csv, r.map((v, i) => (columns[i]!.list ? (v as unknown[]).map(text).join('; ') : text(v))));
    },
    async end() {
      csv.end();
    },
  };
}

function jsonlSink(): RowSink {
  const out = new PassThrough();
  return {
    readable: out,
    async page(_rows, nodes) {
      for (const n of nodes) await writeWithBackpressure(out, `${JSON.stringify(n)}\n`);
    },
    async end() {
      out.end();
    },
  };
}

function xlsxSink(ExcelJS: typeof ExcelJSType, columns: Column[], sheetName: string): RowSink {
  const out = new PassThrough();
  // exceljs' streaming writer: each committed row goes into the zip as it comes, nothing is kept
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({
    key: String(i),
    header: c.header,
    width: Math.min(60, Math.max(10, c.header.length + 2)),
    style: !c.list && NUM_FMT[c.kind] ? { numFmt: NUM_FMT[c.kind] } : {},
  }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  return {
    readable: out,
    async page(rows) {
      for (const r of rows) {
        ws.addRow(r.map((v, i) => (columns[i]!.list ? (v as unknown[]).map(text).join('; ') : cellValue(columns[i]!.kind, v)))).commit();
      }
      await readerCaughtUp(out);
    },
    async end() {
      ws.commit();
      await wb.commit();
    },
  };
}

/** exceljs and csv-stringify are loaded on the first export that needs them (seconds of start-up otherwise). */
export const loadExcel = async (): Promise<typeof ExcelJSType> => ((await import('exceljs')) as unknown as { default: typeof ExcelJSType }).default;

export async function createSink(format: ExportFormat, columns: Column[], sheetName = 'Export'): Promise<RowSink> {
  if (format === 'csv') return csvSink((await import('csv-stringify')).stringify, columns);
  if (format === 'xlsx') return xlsxSink(await loadExcel(), columns, sheetName);
  return jsonlSink();
}
