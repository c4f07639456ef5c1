import { fold } from '@kn/platform';

/** The named cells of one spreadsheet row, as text (the GraphQL mutation takes exactly these). */
export interface RawImportRow {
  /** Spreadsheet line number (the header is line 1); reported with each problem. */
  line?: number | null;
  twinning?: string | null;
  date?: string | null;
  category?: string | null;
  description?: string | null;
  cashVnd?: string | null;
  inKindVnd?: string | null;
  poorHouseholdsHelped?: string | null;
  modelsBuilt?: string | null;
  modelKind?: string | null;
  peopleTrained?: string | null;
  beneficiaries?: string | null;
  status?: string | null;
}
export type ImportColumn = Exclude<keyof RawImportRow, 'line'>;

/**
 * The column layout (docs/IMPORT.md): per column, the headers accepted, compared folded (case,
 * diacritics, spaces and anything in brackets ignored: "Tiền mặt (đồng)" = "tien mat").
 */
export const COLUMNS: { column: ImportColumn; vi: string; required: boolean; headers: string[] }[] = [
  { column: 'twinning', vi: 'Mã kết nghĩa', required: true, headers: ['ma ket nghia', 'ma kn', 'twinning', 'twinning code', 'twinning id'] },
  { column: 'date', vi: 'Ngày', required: true, headers: ['ngay', 'ngay thuc hien', 'date', 'contributed on'] },
  { column: 'category', vi: 'Lĩnh vực', required: true, headers: ['linh vuc', 'linh vuc ho tro', 'category'] },
  { column: 'description', vi: 'Nội dung', required: true, headers: ['noi dung', 'noi dung ho tro', 'mo ta', 'description'] },
  { column: 'cashVnd', vi: 'Tiền mặt (đồng)', required: false, headers: ['tien mat', 'cash', 'cash vnd'] },
  { column: 'inKindVnd', vi: 'Hiện vật (đồng)', required: false, headers: ['hien vat', 'gia tri hien vat', 'in kind', 'in kind vnd'] },
  { column: 'poorHouseholdsHelped', vi: 'Hộ nghèo được giúp', required: false, headers: ['ho ngheo duoc giup', 'ho ngheo duoc giup do', 'so ho ngheo', 'ho ngheo', 'poor households', 'poor households helped'] },
  { column: 'modelsBuilt', vi: 'Số mô hình', required: false, headers: ['so mo hinh', 'mo hinh', 'models', 'models built'] },
  { column: 'modelKind', vi: 'Loại mô hình', required: false, headers: ['loai mo hinh', 'model kind'] },
  { column: 'peopleTrained', vi: 'Người được tập huấn', required: false, headers: ['nguoi duoc tap huan', 'so nguoi duoc tap huan', 'tap huan', 'people trained'] },
  { column: 'beneficiaries', vi: 'Người hưởng lợi', required: false, headers: ['nguoi huong loi', 'so nguoi huong loi', 'beneficiaries'] },
  { column: 'status', vi: 'Trạng thái', required: false, headers: ['trang thai', 'status'] },
];

export const foldHeader = (h: string) =>
  fold(h.replace(/\([^)]*\)/g, ' ').replace(/[_:.*]/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();

const BY_HEADER = new Map(COLUMNS.flatMap((c) => c.headers.map((h) => [h, c.column] as const)));

/** Which column each header names; unknown and missing headers are reported, never guessed. */
export function mapHeaders(headers: string[]): { columns: (ImportColumn | null)[]; problems: string[] } {
  const problems: string[] = [];
  const seen = new Set<ImportColumn>();
  const columns = headers.map((h) => {
    const f = foldHeader(h);
    if (f === '') return null;
    const col = BY_HEADER.get(f) ?? null;
    if (!col) problems.push(`cột không nhận ra / unknown column "${h}"`);
    else if (seen.has(col)) problems.push(`cột lặp lại / column given twice: "${h}"`);
    else seen.add(col);
    return col;
  });
  for (const c of COLUMNS) {
    if (c.required && !seen.has(c.column)) problems.push(`thiếu cột / missing column "${c.vi}"`);
  }
  return { columns, problems };
}
