import { describe, expect, it } from 'vitest';
import { foldHeader, mapHeaders } from './columns.js';
import { parseDateCell, parseRow, parseVndCell } from './rows.js';

describe('spreadsheet cells', () => {
  it('reads Vietnamese and English headers, ignoring case, diacritics and units in brackets', () => {
    expect(foldHeader('Tiền mặt (đồng)')).toBe('tien mat');
    const { columns, problems } = mapHeaders(['Mã kết nghĩa', 'NGÀY', 'Lĩnh vực', 'Nội dung', 'Hiện vật (VNĐ)', 'cash', '']);
    expect(columns).toEqual(['twinning', 'date', 'category', 'description', 'inKindVnd', 'cashVnd', null]);
    expect(problems).toEqual([]);
    expect(mapHeaders(['Ngày', 'Tiền']).problems).toEqual([
      'cột không nhận ra / unknown column "Tiền"',
      'thiếu cột / missing column "Mã kết nghĩa"',
      'thiếu cột / missing column "Lĩnh vực"',
      'thiếu cột / missing column "Nội dung"',
    ]);
  });

  it('reads dates written the Vietnamese way, ISO dates and Excel day numbers', () => {
    expect(parseDateCell('15/03/2024')).toBe('2024-03-15');
    expect(parseDateCell('5-3-2024')).toBe('2024-03-05');
    expect(parseDateCell('2024-03-15')).toBe('2024-03-15');
    expect(parseDateCell('45366')).toBe('2024-03-15');
    expect(parseDateCell('31/02/2024')).toBeNull();
    expect(parseDateCell('03/15/2024')).toBeNull();
  });

  it('reads whole đồng with Vietnamese or English thousands separators, and refuses the rest', () => {
    expect(parseVndCell('1.500.000')).toEqual({ value: 1_500_000n });
    expect(parseVndCell('1,500,000 đ')).toEqual({ value: 1_500_000n });
    expect(parseVndCell('200000000 VND')).toEqual({ value: 200_000_000n });
    expect(parseVndCell('')).toEqual({ value: 0n });
    expect(parseVndCell('-5').problem).toMatch(/negative/);
    expect(parseVndCell('12,5').problem).toMatch(/whole/);
    expect(parseVndCell('1.5e6').problem).toMatch(/whole/);
  });

  it('lists every problem of a row, naming the column by its Vietnamese header', () => {
    const { row, problems } = parseRow({ twinning: '', date: 'hôm qua', category: 'Chuối', cashVnd: '-1', modelsBuilt: '2' }, 7);
    expect(row).toBeUndefined();
    expect(problems.map((p) => `${p.line} ${p.column}`)).toEqual([
      '7 Mã kết nghĩa', '7 Ngày', '7 Lĩnh vực', '7 Tiền mặt (đồng)',
    ]);
    const ok = parseRow({ twinning: 'TW-1', date: '01/06/2024', category: 'tặng quà', description: 'Quà Tết', cashVnd: '1.000.000', status: 'Kế hoạch' }, 2);
    expect(ok.problems).toEqual([]);
    expect(ok.row!.fields).toMatchObject({ contributedOn: '2024-06-01', category: 'GIFTS', cashVnd: 1_000_000n, status: 'PLANNED' });
  });
});
