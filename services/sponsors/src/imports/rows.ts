import { fold, parseCalendarDate } from '@kn/platform';
import { fieldProblems, type ContributionFields } from '../contributions/fields.js';
import { CATEGORY_VALUES, MODEL_KIND_VALUES } from '../common/enums.js';
import { COLUMNS, type ImportColumn, type RawImportRow } from './columns.js';

export interface RowProblem {
  /** Spreadsheet line (header = 1). */
  line: number;
  /** The column, by its Vietnamese header; null for the file or the row as a whole. */
  column: string | null;
  code: string;
  message: string;
}

const VI = new Map(COLUMNS.map((c) => [c.column, c.vi]));
const label = (c: ImportColumn) => VI.get(c) ?? c;

const CATEGORY_LABELS: Record<string, string> = {
  'phat trien kinh te': 'ECONOMIC_DEVELOPMENT', 'kinh te': 'ECONOMIC_DEVELOPMENT', 'sinh ke': 'ECONOMIC_DEVELOPMENT',
  'ha tang': 'INFRASTRUCTURE', 'co so ha tang': 'INFRASTRUCTURE', 'xay dung ha tang': 'INFRASTRUCTURE',
  'giao duc': 'EDUCATION',
  'y te': 'HEALTH',
  'van hoa': 'CULTURE',
  'an sinh xa hoi': 'SOCIAL_SECURITY', 'an sinh': 'SOCIAL_SECURITY',
  'xay dung he thong chinh tri': 'POLITICAL_SYSTEM_TRAINING', 'he thong chinh tri': 'POLITICAL_SYSTEM_TRAINING',
  'xay dung he thong chinh tri, dao tao': 'POLITICAL_SYSTEM_TRAINING', 'dao tao': 'POLITICAL_SYSTEM_TRAINING',
  'tap huan': 'POLITICAL_SYSTEM_TRAINING', 'dao tao, tap huan': 'POLITICAL_SYSTEM_TRAINING',
  'tuyen truyen': 'PROPAGANDA',
  'tang qua': 'GIFTS', 'qua': 'GIFTS',
  'khac': 'OTHER',
};
const MODEL_LABELS: Record<string, string> = {
  'nhom ho': 'HOUSEHOLD_GROUP', 'cau lac bo': 'CLUB', 'clb': 'CLUB',
  'to hop tac': 'COOPERATIVE_GROUP', 'tht': 'COOPERATIVE_GROUP', 'hop tac xa': 'COOPERATIVE', 'htx': 'COOPERATIVE',
};
const STATUS_LABELS: Record<string, string> = {
  'ke hoach': 'PLANNED', 'du kien': 'PLANNED',
  'da thuc hien': 'DONE', 'thuc hien': 'DONE', 'hoan thanh': 'DONE', 'da hoan thanh': 'DONE',
  'da xac nhan': 'VERIFIED', 'xac nhan': 'VERIFIED',
};

function enumOf(text: string, values: string[], labels: Record<string, string>): string | undefined {
  const upper = text.trim().toUpperCase().replace(/[\s-]+/g, '_');
  if (values.includes(upper)) return upper;
  return labels[fold(text)];
}

/** "2024-05-17", "17/05/2024", "17-5-2024", "17.05.2024", or an Excel day number → YYYY-MM-DD. */
export function parseDateCell(text: string): string | null {
  const t = text.trim();
  const iso = parseCalendarDate(t);
  if (iso) return iso;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) return parseCalendarDate(`${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`);
  if (/^\d{5}$/.test(t)) {
    const d = new Date(Date.UTC(1899, 11, 30) + Number(t) * 86_400_000);
    return parseCalendarDate(d.toISOString().slice(0, 10));
  }
  return null;
}

/** Whole đồng: "1500000", "1.500.000", "1,500,000", "1 500 000", with "đ"/"đồng"/"VND" allowed after. */
export function parseVndCell(text: string): { value?: bigint; problem?: string } {
  const t = text.trim().replace(/\s*(đồng|dong|đ|vnd|vnđ)$/i, '').trim();
  if (t === '') return { value: 0n };
  const negative = /^[-−]/.test(t);
  const digits = t.replace(/^[-−]/, '');
  if (!/^\d+$/.test(digits) && !/^\d{1,3}([., ]\d{3})+$/.test(digits)) {
    return { problem: `"${text}" không phải số đồng nguyên / is not a whole number of đồng` };
  }
  if (negative) return { problem: 'số tiền không được âm / money must not be negative' };
  const v = BigInt(digits.replace(/[., ]/g, ''));
  if (v >= 10n ** 18n) return { problem: 'số tiền quá lớn / amount out of range' };
  return { value: v };
}

function parseCountCell(text: string): { value?: number; problem?: string } {
  const t = text.trim();
  if (t === '') return { value: 0 };
  if (/^[-−]\d/.test(t)) return { problem: 'không được âm / must not be negative' };
  if (!/^\d{1,9}$/.test(t)) return { problem: `"${text}" không phải số nguyên / is not a whole number` };
  return { value: Number(t) };
}

export interface ParsedRow {
  line: number;
  twinningRef: string;
  fields: Omit<ContributionFields, 'twinningId'>;
}

/** One row's cells → checked fields, or every problem of the row. */
export function parseRow(raw: RawImportRow, line: number): { row?: ParsedRow; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const bad = (c: ImportColumn, message: string, code = 'BAD_USER_INPUT') => problems.push({ line, column: label(c), code, message });

  const twinningRef = (raw.twinning ?? '').trim();
  if (!twinningRef) bad('twinning', 'thiếu mã kết nghĩa / the twinning code is missing');

  const dateText = (raw.date ?? '').trim();
  const contributedOn = dateText ? parseDateCell(dateText) : null;
  if (!dateText) bad('date', 'thiếu ngày / the date is missing');
  else if (!contributedOn) bad('date', `"${dateText}" không phải ngày (dd/mm/yyyy) / is not a date`);

  const categoryText = (raw.category ?? '').trim();
  const category = categoryText ? enumOf(categoryText, CATEGORY_VALUES, CATEGORY_LABELS) : undefined;
  if (!categoryText) bad('category', 'thiếu lĩnh vực / the category is missing');
  else if (!category) bad('category', `lĩnh vực không hợp lệ / unknown category "${categoryText}"`);

  const money = (c: 'cashVnd' | 'inKindVnd') => {
    const r = parseVndCell(raw[c] ?? '');
    if (r.problem) bad(c, r.problem);
    return r.value ?? 0n;
  };
  const count = (c: 'poorHouseholdsHelped' | 'modelsBuilt' | 'peopleTrained' | 'beneficiaries') => {
    const r = parseCountCell(raw[c] ?? '');
    if (r.problem) bad(c, r.problem);
    return r.value ?? 0;
  };
  const cashVnd = money('cashVnd');
  const inKindVnd = money('inKindVnd');
  const poorHouseholdsHelped = count('poorHouseholdsHelped');
  const modelsBuilt = count('modelsBuilt');
  const peopleTrained = count('peopleTrained');
  const beneficiaries = count('beneficiaries');

  const kindText = (raw.modelKind ?? '').trim();
  const modelKind = kindText ? enumOf(kindText, MODEL_KIND_VALUES, MODEL_LABELS) : null;
  if (kindText && !modelKind) bad('modelKind', `loại mô hình không hợp lệ / unknown model kind "${kindText}"`);

  const statusText = (raw.status ?? '').trim();
  const status = statusText ? enumOf(statusText, ['PLANNED', 'DONE', 'VERIFIED'], STATUS_LABELS) : 'DONE';
  if (!status) bad('status', `trạng thái không hợp lệ / unknown status "${statusText}"`);

  if (problems.length > 0 || !contributedOn || !category || !status) return { problems };
  const fields = {
    contributedOn,
    category,
    description: (raw.description ?? '').normalize('NFC').trim(),
    cashVnd,
    inKindVnd,
    poorHouseholdsHelped,
    modelsBuilt,
    modelKind: modelKind ?? null,
    peopleTrained,
    beneficiaries,
    status,
  };
  for (const p of fieldProblems({ ...fields, twinningId: twinningRef })) {
    bad(p.field === 'twinningId' ? 'twinning' : (p.field as ImportColumn), translate(p.message), p.code);
  }
  if (problems.length > 0) return { problems };
  return { row: { line, twinningRef, fields }, problems };
}

const TRANSLATIONS: [RegExp, string][] = [
  [/^the description is empty$/, 'thiếu nội dung'],
  [/^say which kind of model/, 'cần ghi loại mô hình khi có mô hình'],
  [/^a model kind without models built$/, 'có loại mô hình nhưng số mô hình bằng 0'],
];
function translate(message: string): string {
  const vi = TRANSLATIONS.find(([re]) => re.test(message))?.[1];
  return vi ? `${vi} / ${message}` : message;
}
