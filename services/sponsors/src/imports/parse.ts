import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { mapHeaders, type RawImportRow } from './columns.js';

export interface ParsedFile {
  rows: RawImportRow[];
  /** Problems with the file itself (unknown or missing columns): reported on line 1. */
  problems: string[];
}

/** A cell of a spreadsheet as the text a person sees (dates as YYYY-MM-DD). */
function cellText(value: unknown): string {
  if (value == null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: string; error?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if (typeof v.text === 'string') return v.text;
    if (v.error) return String(v.error);
  }
  return String(value);
}

function toRows(table: string[][]): ParsedFile {
  const nonEmpty = (r: string[]) => r.some((c) => c.trim() !== '');
  const first = table.findIndex(nonEmpty);
  if (first < 0) return { rows: [], problems: ['tệp trống / the file is empty'] };
  // the header is the first row naming at least three known columns (a title above it is skipped)
  const known = (r: string[]) => mapHeaders(r).columns.filter((c) => c !== null).length;
  let headerAt = first;
  for (let i = first; i < Math.min(table.length, first + 10); i++) {
    if (known(table[i]!) >= 3) {
      headerAt = i;
      break;
    }
  }
  const { columns, problems } = mapHeaders(table[headerAt]!);
  const rows: RawImportRow[] = [];
  for (let i = headerAt + 1; i < table.length; i++) {
    const cells = table[i]!;
    if (!nonEmpty(cells)) continue;
    const row: RawImportRow = { line: i + 1 };
    columns.forEach((col, j) => {
      if (col) row[col] = (cells[j] ?? '').trim();
    });
    rows.push(row);
  }
  return { rows, problems };
}

/** Reads a contributions spreadsheet: `.xlsx` (first worksheet) or `.csv` (comma, semicolon or tab). */
export async function parseContributionFile(path: string): Promise<ParsedFile> {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.txt') {
    const text = await readFile(path, 'utf8');
    const table = parse(text, { bom: true, delimiter: [',', ';', '\t'], relax_column_count: true, skip_empty_lines: false }) as string[][];
    return toRows(table);
  }
  if (ext === '.xlsx') {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const sheet = wb.worksheets[0];
    if (!sheet) return { rows: [], problems: ['tệp không có trang tính / the workbook has no worksheet'] };
    const table: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: string[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c).value));
      table[n - 1] = cells;
    });
    for (let i = 0; i < table.length; i++) table[i] ??= [];
    return toRows(table);
  }
  throw new Error(`unsupported file type "${ext}": use .xlsx or .csv`);
}
