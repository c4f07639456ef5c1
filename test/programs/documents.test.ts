import { beforeAll, describe, expect, it } from 'vitest';
import { seedIds } from '@kn/platform';
import { gql, tokenFor } from '../support/client.js';

/**
 * The five source documents, read back through the gateway. Every expected figure below is typed
 * from the document itself (`shared/seeds/00N_*.txt`), not from the seed code.
 */
const PROGRAM = `query($id: ID!, $year: Int) { program(id: $id) {
  id code title titleEn kind status documentNumber issuedOn issuer signer signerTitle startYear endYear objectives sourceNote
  provisions { kind heading text reference }
  tenant { slug name }
  targets(year: $year) { id indicator { code name unit } year startYear endYear yearly comparison targetValue targetValueMax targetAmount outOf
    scope { kind group label size } note baseline baselineYear provenance { kind section quote } }
  tasks { title leadAgency coordinatingAgencies directingBody status reference
    due { kind date wording rule { months quarters day by year intervalMonths } } }
  fundingLines { source amount year note }
  fundingTotal
  coveredCommunes { id code name district { name } }
} }`;

type Target = {
  indicator: { code: string; name: string; unit: string };
  year: number | null;
  startYear: number;
  endYear: number;
  yearly: boolean;
  comparison: string | null;
  targetValue: string | null;
  targetValueMax: string | null;
  targetAmount: string | null;
  outOf: string | null;
  scope: { kind: string; group: string | null; label: string; size: number | null };
  note: string | null;
};
type Task = {
  title: string;
  leadAgency: string;
  coordinatingAgencies: string[];
  directingBody: string | null;
  reference: string;
  due: { kind: string; wording: string | null; rule: Record<string, unknown> | null } | null;
};

describe('the programmes are the documents', () => {
  let ls: string;
  let qn: string;
  const load = async (token: string, tenant: string, code: string, year?: number) => {
    const r = await gql(token, PROGRAM, { id: seedIds.program(tenant, code), year });
    expect(r.errors).toBeUndefined();
    return r.data.program;
  };
  const target = (targets: Target[], code: string, group: string | null = null) =>
    targets.filter((t) => t.indicator.code === code && t.scope.group === group);

  beforeAll(async () => {
    ls = await tokenFor('lang-son', 'analyst');
    qn = await tokenFor('quang-nam', 'analyst');
  });

  it('000: the border-commune programme covers the 20 border communes; every one to have a sponsor by 2020; 6-monthly reports to Planning and Investment', async () => {
    const p = await load(ls, 'lang-son', 'LS-KN-XBG');
    expect(p).toMatchObject({
      code: 'LS-KN-XBG',
      kind: 'TWINNING',
      documentNumber: null,
      issuedOn: null,
      signer: 'Hồ Tiến Thiệu',
      startYear: 2018,
      endYear: 2020,
      tenant: { slug: 'lang-son', name: expect.stringContaining('Lạng Sơn') },
    });
    expect(p.title).toContain('các xã biên giới tỉnh Lạng Sơn');
    expect(p.objectives[0]).toContain('Phấn đấu đến năm 2020 mỗi xã biên giới của tỉnh có ít nhất 01 đơn vị, doanh nghiệp kết nghĩa, hỗ trợ.');

    // §II.3: 20 communes of 5 districts, Mẫu Sơn twice (Cao Lộc and Lộc Bình), names from the communes subgraph
    const communes = p.coveredCommunes as { name: string; district: { name: string } }[];
    expect(communes).toHaveLength(20);
    const byDistrict = (d: string) => communes.filter((c) => c.district.name === d).map((c) => c.name).sort();
    expect(byDistrict('Tràng Định')).toEqual(['Quốc Khánh', 'Đội Cấn', 'Tân Minh', 'Đào Viên'].sort());
    expect(byDistrict('Văn Lãng')).toEqual(['Trùng Khánh', 'Thụy Hùng', 'Thanh Long', 'Tân Thanh', 'Tân Mỹ'].sort());
    expect(byDistrict('Cao Lộc')).toEqual(['Bảo Lâm', 'Thanh Lòa', 'Cao Lâu', 'Xuất Lễ', 'Mẫu Sơn'].sort());
    expect(byDistrict('Lộc Bình')).toEqual(['Mẫu Sơn', 'Yên Khoái', 'Tú Mịch', 'Tam Gia'].sort());
    expect(byDistrict('Đình Lập')).toEqual(['Bính Xá', 'Bắc Xa'].sort());

    // §II.1: the three kinds of support
    const support = (p.provisions as { kind: string; heading: string }[]).filter((v) => v.kind === 'SUPPORT_CONTENT');
    expect([...new Set(support.map((v) => v.heading))]).toEqual([
      'Hỗ trợ phát triển kinh tế - xã hội',
      'Hỗ trợ bảo đảm an sinh xã hội',
      'Hỗ trợ, giúp đỡ khác',
    ]);

    // §I.1: at least one twinning unit or enterprise per border commune by 2020
    expect(p.targets).toEqual([
      expect.objectContaining({
        indicator: expect.objectContaining({ code: 'BORDER_COMMUNE_SPONSORS', unit: 'ORGANISATIONS' }),
        year: 2020,
        comparison: 'AT_LEAST',
        targetValue: '1',
        scope: { kind: 'COMMUNE_GROUP', group: 'BORDER_COMMUNES', label: '20 xã biên giới', size: 20 },
      }),
    ]);

    // §IV.3: the border districts report every 6 months to the Department of Planning and Investment
    const report = (p.tasks as Task[]).find((k) => k.reference === 'IV.3')!;
    expect(report.leadAgency).toBe('UBND các huyện biên giới');
    expect(report.title).toContain('báo cáo kết quả thực hiện Chương trình về Sở Kế hoạch và Đầu tư');
    expect(report.due).toMatchObject({ kind: 'RULE', wording: 'định kỳ 6 tháng', rule: { intervalMonths: 6, months: [], by: false } });
    expect(p.fundingLines).toEqual([]);
    expect(p.fundingTotal).toBe('0');
  });

  it('001: 1100/QĐ-UBND of 16/4/2020, 2020–2025: per-sponsor yearly targets, the 28/02 and 31/03 deadlines, 100 % for districts and communes', async () => {
    const p = await load(qn, 'quang-nam', 'QN-1100-2020', 2023);
    expect(p).toMatchObject({
      documentNumber: '1100/QĐ-UBND',
      issuedOn: '2020-04-16',
      startYear: 2020,
      endYear: 2025,
      signer: 'Trần Đình Tùng',
      kind: 'TWINNING',
      tenant: { slug: 'quang-nam' },
    });
    const t = p.targets as Target[];
    // every target of a 2020–2025 plan applies in 2023
    expect(t).toHaveLength(9);
    const [perStaff] = target(t, 'POOR_HOUSEHOLDS_PER_10_STAFF', 'PROVINCIAL_DEPARTMENT');
    expect(perStaff).toMatchObject({ targetValue: '2', comparison: 'AT_LEAST', yearly: true, startYear: 2020, endYear: 2025, year: null });
    expect(perStaff!.note).toBe('Bình quân 10 biên chế, nhận giúp đỡ ít nhất 02 hộ nghèo/năm');
    expect(target(t, 'MODELS_PER_COMMUNE', 'PROVINCIAL_DEPARTMENT')[0]).toMatchObject({ targetValue: '1', comparison: 'AT_LEAST' });
    expect(target(t, 'POOR_HOUSEHOLDS_HELPED', 'LOWLAND_DISTRICT')[0]).toMatchObject({ targetValue: '10', comparison: 'AT_LEAST' });
    expect(target(t, 'SUPPORT_AMOUNT', 'LOWLAND_DISTRICT')[0]).toMatchObject({
      indicator: { unit: 'VND' },
      targetValue: '200000000',
      targetAmount: '200000000',
      comparison: 'AT_LEAST',
      note: 'hỗ trợ giúp đỡ ít nhất từ 200 triệu đồng/năm',
    });
    expect(target(t, 'MODELS_PER_COMMUNE', 'LOWLAND_DISTRICT')[0]).toMatchObject({ targetValue: '2' });
    for (const code of ['TWINNING_PLANS_SIGNED_RATE', 'DISTRICT_TWINNING_PLAN_RATE', 'COMMUNE_TWINNING_PLAN_RATE', 'NEEDS_PROPOSAL_RATE']) {
      expect(t.find((x) => x.indicator.code === code), code).toMatchObject({ targetValue: '100', indicator: { unit: 'PERCENT' } });
    }

    const tasks = p.tasks as Task[];
    const signing = tasks.find((k) => k.due?.wording === 'Trước ngày 31/3 hằng năm')!;
    expect(signing.due!.rule).toMatchObject({ months: [3], day: 31, by: true, year: null });
    const proposals = tasks.find((k) => k.due?.wording === 'Trước 28/02 hằng năm')!;
    expect(proposals.due!.rule).toMatchObject({ months: [2], day: 28, by: true });
    expect(proposals.leadAgency).toBe('các huyện, xã miền núi được nhận kết nghĩa');
    // §VI: the Ethnic Committee, the Border Guard Command, Home Affairs, the six mountainous districts
    const leads = new Set(tasks.map((k) => k.leadAgency));
    for (const lead of [
      'Ban Dân tộc tỉnh',
      'Bộ Chỉ huy Bộ đội Biên phòng tỉnh',
      'Sở Nội vụ (Ban Thi đua khen thưởng tỉnh)',
      'Các huyện: Bắc Trà My, Nam Trà My, Phước Sơn, Đông Giang, Tây Giang, Nam Giang và các xã được nhận kết nghĩa',
    ]) {
      expect(leads, lead).toContain(lead);
    }
    expect(tasks.filter((k) => k.leadAgency === 'Ban Dân tộc tỉnh')).toHaveLength(3);
    // §IV: the five grades
    const rating = (p.provisions as { kind: string; text: string }[]).filter((v) => v.kind === 'RATING').map((v) => v.text).join(' ');
    for (const grade of ['xuất sắc', 'tốt', 'khá', 'trung bình', 'yếu']) expect(rating).toContain(grade);
  });

  it('002: 88/KH-UBND of 22/4/2022: the tasks of its 19 agencies, reports by 15 November, the Planning and Investment report in December', async () => {
    const p = await load(ls, 'lang-son', 'LS-88-2022');
    expect(p).toMatchObject({ documentNumber: '88/KH-UBND', issuedOn: '2022-04-22', startYear: 2022, endYear: null, kind: 'BORDER_ECONOMY' });
    expect(p.objectives[0]).toContain('(bao gồm 05 huyện, 21 xã, thị trấn biên giới)');
    const tasks = p.tasks as Task[];
    expect(tasks).toHaveLength(52);
    const agencies = [...new Set(tasks.filter((k) => k.reference.startsWith('III.')).map((k) => k.leadAgency))];
    expect(agencies).toHaveLength(19);
    expect(agencies[0]).toBe('Sở Kế hoạch và Đầu tư');
    expect(agencies).toContain('Sở Lao động - Thương binh và Xã hội');
    expect(agencies).toContain('Bộ Chỉ huy Quân sự tỉnh, Bộ Chỉ huy Bộ đội biên phòng tỉnh');
    expect(agencies.at(-1)).toBe('UBND các huyện biên giới');
    expect(tasks.filter((k) => k.leadAgency === 'Sở Kế hoạch và Đầu tư' && k.reference.startsWith('III.'))).toHaveLength(5);
    const yearly = tasks.find((k) => k.reference === 'IV.1')!;
    expect(yearly.due).toMatchObject({ kind: 'RULE', wording: 'trước ngày 15 tháng 11', rule: { months: [11], day: 15, by: true } });
    expect(yearly.title).toContain('gửi Sở Kế hoạch và Đầu tư trước ngày 15 tháng 11');
    const dpi = tasks.find((k) => k.reference === 'IV.2')!;
    expect(dpi).toMatchObject({ leadAgency: 'Sở Kế hoạch và Đầu tư', due: { rule: { months: [12], day: null, by: false } } });
  });

  it('003: NTM 2019: the 19 criteria as N of 207 communes, the distribution, 12 new NTM communes, the averages, 3,002.8 billion đồng by source', async () => {
    const p = await load(ls, 'lang-son', 'LS-NTM-2019', 2019);
    expect(p).toMatchObject({ documentNumber: null, startYear: 2019, endYear: 2019, signer: 'Phạm Ngọc Thưởng', kind: 'NEW_RURAL_DEVELOPMENT' });
    const t = p.targets as Target[];
    const criteria = Object.fromEntries(
      t.filter((x) => /^NTM_C\d\d$/.test(x.indicator.code)).map((x) => [x.indicator.code, x]),
    ) as Record<string, Target>;
    expect(Object.keys(criteria)).toHaveLength(19);
    const expected: Record<string, string> = {
      NTM_C02: '61', NTM_C03: '160', NTM_C04: '125', NTM_C05: '64', NTM_C06: '66', NTM_C07: '175', NTM_C08: '68',
      NTM_C09: '128', NTM_C10: '70', NTM_C11: '77', NTM_C12: '207', NTM_C13: '99', NTM_C14: '193', NTM_C15: '133',
      NTM_C16: '103', NTM_C17: '65', NTM_C18: '71', NTM_C19: '194',
    };
    for (const [code, value] of Object.entries(expected)) {
      expect(criteria[code], code).toMatchObject({ targetValue: value, outOf: '207', year: 2019, comparison: 'AT_LEAST', indicator: { unit: 'COMMUNES' } });
    }
    expect(criteria.NTM_C02!.indicator.name).toBe('Số xã đạt tiêu chí số 2 về Giao thông');
    expect(criteria.NTM_C19!.indicator.name).toBe('Số xã đạt tiêu chí số 19 về Quốc phòng và An ninh');
    // criterion 1 (planning) has no count in the document: stated in words only
    expect(criteria.NTM_C01).toMatchObject({ targetValue: null, comparison: null, outOf: null });
    expect(criteria.NTM_C01!.note).toContain('Tiêu chí số 1 về Quy hoạch');

    const one = (code: string, group: string | null = null) => target(t, code, group)[0]!;
    expect(one('NTM_COMMUNES_19_CRITERIA')).toMatchObject({ targetValue: '60', outOf: '207', comparison: 'EXACTLY' });
    expect(one('NTM_COMMUNES_15_18_CRITERIA')).toMatchObject({ targetValue: '2', outOf: '207' });
    expect(one('NTM_COMMUNES_10_14_CRITERIA')).toMatchObject({ targetValue: '35', outOf: '207' });
    expect(one('NTM_COMMUNES_5_9_CRITERIA')).toMatchObject({ targetValue: '110', outOf: '207' });
    expect(one('NTM_NEW_STANDARD_COMMUNES')).toMatchObject({ targetValue: '12' });
    expect(one('NTM_STANDARD_COMMUNES')).toMatchObject({ targetValue: '60' });
    expect(one('NTM_AVERAGE_CRITERIA')).toMatchObject({ comparison: 'BETWEEN', targetValue: '11', targetValueMax: '11.5' });
    expect(one('NTM_AVERAGE_CRITERIA', 'EXTREMELY_DIFFICULT_PILOT_COMMUNES')).toMatchObject({
      targetValue: '14',
      scope: { kind: 'COMMUNE_GROUP', size: 5, label: '05 xã điểm đặc biệt khó khăn' },
    });
    expect(one('NTM_AVERAGE_CRITERIA', 'BORDER_COMMUNES')).toMatchObject({
      comparison: 'BETWEEN',
      targetValue: '9.5',
      targetValueMax: '10',
      scope: { size: 20, label: '20 xã biên giới' },
    });
    expect(one('NTM_TRAINED_LABOUR_RATE')).toMatchObject({ targetValue: '47.5', indicator: { unit: 'PERCENT' } });
    expect(one('NTM_RURAL_INCOME_PER_CAPITA')).toMatchObject({ targetAmount: '25000000', indicator: { unit: 'VND' } });
    expect(one('NTM_IRRIGATED_AREA_HA')).toMatchObject({ targetValue: '33500', indicator: { unit: 'HECTARES' } });

    expect(p.fundingTotal).toBe('3002800000000');
    expect(Object.fromEntries((p.fundingLines as { source: string; amount: string }[]).map((f) => [f.source, f.amount]))).toEqual({
      CENTRAL_BUDGET: '495100000000',
      LOCAL_BUDGET: '157700000000',
      INTEGRATED_PROGRAMMES: '365000000000',
      ENTERPRISES: '45000000000',
      CREDIT: '1800000000000',
      COMMUNITY: '135000000000',
      OTHER: '5000000000',
    });

    // the appendix: 31 rows with directing body, implementer, coordinators and timing
    const tasks = p.tasks as Task[];
    expect(tasks).toHaveLength(31);
    expect(tasks.every((k) => k.directingBody)).toBe(true);
    const byRef = (r: string) => tasks.find((k) => k.reference === `Phụ lục ${r}`)!;
    expect(byRef('II.1')).toMatchObject({ directingBody: 'UBND, BCĐ tỉnh', due: { wording: 'Quý I', rule: { quarters: [1], months: [] } } });
    expect(byRef('III.1').due!.rule).toMatchObject({ months: [6, 12] });
    expect(byRef('III.1').due!.wording).toBe('Tháng 6 và tháng 12');
    expect(byRef('XII.1').due).toMatchObject({ wording: 'Hàng quý', rule: { intervalMonths: 3 } });
    expect(byRef('XII.2').due!.rule).toMatchObject({ quarters: [4], year: 2019 });
    expect(byRef('V.6').due).toMatchObject({ kind: 'AS_NEEDED', wording: 'Căn cứ vào điều kiện thực tế' });
    expect(byRef('I.1').due).toMatchObject({ kind: 'ONGOING', wording: 'Thường xuyên', rule: null });
  });

  it('004: 165/KH-UBND of 26/9/2017, 2016–2020: poverty rate to about 11 % by 2020, −3 %/year, −4 %/year where it is 40 % or more; emulation standards and awards', async () => {
    const p = await load(ls, 'lang-son', 'LS-165-2017');
    expect(p).toMatchObject({ documentNumber: '165/KH-UBND', issuedOn: '2017-09-26', startYear: 2016, endYear: 2020, kind: 'POVERTY_REDUCTION' });
    const t = p.targets as Target[];
    expect(target(t, 'POVERTY_RATE')[0]).toMatchObject({ year: 2020, comparison: 'ABOUT', targetValue: '11', indicator: { unit: 'PERCENT' } });
    // I.1.c "giảm tỷ lệ hộ nghèo bình quân 3%/năm": an average over the period, judged as an average — not yearly
    expect(target(t, 'POVERTY_RATE_REDUCTION')[0]).toMatchObject({
      yearly: false, startYear: 2016, endYear: 2020, targetValue: '3', comparison: 'AT_LEAST', provenance: { kind: 'INTERPRETATION', quote: 'giảm tỷ lệ hộ nghèo bình quân 3%/năm' },
    });
    expect(target(t, 'POVERTY_RATE_REDUCTION', 'POVERTY_RATE_40_OR_MORE')[0]).toMatchObject({
      targetValue: '4',
      scope: { kind: 'DISTRICT_AND_COMMUNE_GROUP', label: 'các huyện, xã có tỷ lệ hộ nghèo từ 40% trở lên' },
    });
    const provisions = p.provisions as { kind: string; heading: string; text: string }[];
    const levels = [...new Set(provisions.filter((v) => v.kind === 'EMULATION_STANDARD').map((v) => v.heading))];
    expect(levels).toEqual([
      'Đối với các sở, ban, ngành, Mặt trận Tổ quốc và các đoàn thể cấp tỉnh',
      'Đối với các huyện, thành phố',
      'Đối với xã, phường, thị trấn',
      'Đối với thôn, bản, tổ dân phố, khu dân cư',
      'Đối với hộ gia đình không phải hộ nghèo',
      'Đối với hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo',
      'Đối với cán bộ, công chức, viên chức làm công tác giảm nghèo',
      'Đối với các doanh nghiệp, hợp tác xã',
    ]);
    expect(provisions.some((v) => v.text.startsWith('Thoát nghèo ổn định từ 03 năm trở lên'))).toBe(true);
    const awards = provisions.filter((v) => v.kind === 'AWARD').map((v) => v.heading);
    expect(awards).toContain('Khen thưởng hàng năm');
    expect(awards).toContain('Khen thưởng sơ kết Phong trào thi đua (năm 2018)');
    expect(awards).toContain('Tặng Bằng khen của Chủ tịch UBND tỉnh');
    const reviews = (p.tasks as Task[]).filter((k) => k.due?.rule && 'year' in k.due.rule).map((k) => k.due!.rule!.year);
    expect(reviews).toEqual([2018, 2020]);
  });

  it('Program.targets(year) keeps the targets that apply that year', async () => {
    const all = await load(ls, 'lang-son', 'LS-165-2017');
    const in2020 = await load(ls, 'lang-son', 'LS-165-2017', 2020);
    const in2017 = await load(ls, 'lang-son', 'LS-165-2017', 2017);
    expect(all.targets).toHaveLength(3);
    expect(in2020.targets).toHaveLength(3);
    // the “about 11 % by 2020” target is for 2020; the yearly reductions apply in 2017 too
    expect((in2017.targets as Target[]).map((x) => x.indicator.code)).toEqual(['POVERTY_RATE_REDUCTION', 'POVERTY_RATE_REDUCTION']);
    expect((await load(ls, 'lang-son', 'LS-NTM-2019', 2020)).targets).toEqual([]);
  });
});
