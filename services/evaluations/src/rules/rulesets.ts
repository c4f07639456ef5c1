import { SPONSOR_KINDS, ruleSetSchema, type RuleSet } from './language.js';

/**
 * Seeded rule sets, transcribed from the documents. Stored in the database as data (versioned);
 * these objects are only the first version of each.
 */

/** Quảng Nam, QĐ 1100/QĐ-UBND ngày 16/4/2020, mục III (chỉ tiêu) và IV (đánh giá xếp loại). */
export const QN_1100_RULES: RuleSet = ruleSetSchema.parse({
  code: 'QN-1100-2020',
  title: {
    vi: 'Đánh giá, xếp loại công tác kết nghĩa theo Kế hoạch ban hành kèm QĐ 1100/QĐ-UBND',
    en: 'Rating of twinning work under the plan of Decision 1100/QĐ-UBND',
  },
  rules: [
    {
      code: 'households-per-10-staff',
      title: { vi: 'Giúp đỡ hộ nghèo (Sở, Ban, ngành)', en: 'Poor households helped (provincial agencies)' },
      source: 'III.2.1.a: "Bình quân 10 biên chế, nhận giúp đỡ ít nhất 02 hộ nghèo/năm"',
      appliesTo: { kinds: ['PROVINCIAL_AGENCY'] },
      fact: 'poorHouseholdsHelped',
      comparison: '>=',
      threshold: '2',
      per: 'STAFF_10',
    },
    {
      code: 'models-per-commune-agency',
      title: { vi: 'Xây dựng, nhân rộng mô hình (Sở, Ban, ngành)', en: 'Models built or replicated (provincial agencies)' },
      source: 'III.2.1.a: "xây dựng, củng cố hoặc nhân rộng ít nhất 01 mô hình/xã/năm (nhóm hộ, CLB, tổ hợp tác...)"',
      appliesTo: { kinds: ['PROVINCIAL_AGENCY'] },
      fact: 'modelsBuilt',
      comparison: '>=',
      threshold: '1',
      per: 'TWINNED_COMMUNE',
    },
    {
      code: 'households-lowland',
      title: { vi: 'Giúp đỡ hộ nghèo (huyện đồng bằng)', en: 'Poor households helped (lowland districts)' },
      source: 'III.2.1.b: "mỗi năm giúp đỡ ít nhất 10 hộ nghèo trở lên/năm"',
      appliesTo: { kinds: ['DISTRICT'], lowland: true },
      fact: 'poorHouseholdsHelped',
      comparison: '>=',
      threshold: '10',
    },
    {
      code: 'support-lowland',
      title: { vi: 'Giá trị hỗ trợ (huyện đồng bằng)', en: 'Value of support (lowland districts)' },
      source: 'III.2.1.b: "hỗ trợ giúp đỡ ít nhất từ 200 triệu đồng/năm"',
      appliesTo: { kinds: ['DISTRICT'], lowland: true },
      fact: 'totalVnd',
      comparison: '>=',
      threshold: '200000000',
    },
    {
      code: 'models-per-commune-lowland',
      title: { vi: 'Xây dựng, nhân rộng mô hình (huyện đồng bằng)', en: 'Models built or replicated (lowland districts)' },
      source: 'III.2.1.b: "hướng dẫn xây dựng hoặc nhân rộng ít nhất 02 mô hình/xã/năm"',
      appliesTo: { kinds: ['DISTRICT'], lowland: true },
      fact: 'modelsBuilt',
      comparison: '>=',
      threshold: '2',
      per: 'TWINNED_COMMUNE',
    },
    {
      code: 'plan-signed',
      title: { vi: 'Có chương trình, kế hoạch ký kết', en: 'A signed programme or plan' },
      source: 'IV.2: "không xem xét thi đua đối với các cơ quan, đơn vị, địa phương không có chương trình, kế hoạch ký kết thực hiện"',
      appliesTo: { kinds: [...SPONSOR_KINDS] },
      fact: 'planSigned',
      comparison: '>=',
      threshold: '1',
      gate: true,
    },
    {
      code: 'plan-signed-by-31-03',
      title: { vi: 'Ký kết kế hoạch trước ngày 31/3', en: 'Plan signed before 31 March' },
      source: 'III.2.1.c: "Trước ngày 31/3 hằng năm, 100% cơ quan, đơn vị chủ trì ... tổ chức ký kết chương trình hoặc kế hoạch"',
      appliesTo: { kinds: [...SPONSOR_KINDS] },
      fact: 'planSignedOnTime',
      comparison: '>=',
      threshold: '1',
    },
    {
      code: 'year-end-report',
      title: { vi: 'Có báo cáo sơ kết cuối năm', en: 'A year-end report' },
      source: 'III.2.1.c: "cuối năm có báo cáo sơ kết và nhận xét đánh giá"; IV.2: "... không có báo cáo"',
      appliesTo: { kinds: [...SPONSOR_KINDS] },
      fact: 'yearEndReportSubmitted',
      comparison: '>=',
      threshold: '1',
      gate: true,
    },
  ],
  grading: {
    // IV.1: meeting every target of III.1–2 "và có các yếu tố tích cực khác" → xuất sắc, tốt; the rest by
    // degree of completion → khá, trung bình, yếu. "Other positive factors" is read as exceeding every
    // quantified target by half; the lower bands by share of rules met.
    bands: [
      { grade: 'EXCELLENT', minShareMet: '1', minMargin: '1.5' },
      { grade: 'GOOD', minShareMet: '1' },
      { grade: 'FAIR', minShareMet: '0.75' },
      { grade: 'AVERAGE', minShareMet: '0.5' },
      { grade: 'WEAK', minShareMet: '0' },
    ],
    gateCap: 'WEAK',
  },
});

/** Lạng Sơn, Chương trình kết nối … các xã biên giới (thực hiện KH 433/KH-UBND). */
export const LS_BORDER_RULES: RuleSet = ruleSetSchema.parse({
  code: 'LS-KN-XBG',
  title: {
    vi: 'Đánh giá đơn vị, doanh nghiệp kết nghĩa, hỗ trợ các xã biên giới tỉnh Lạng Sơn',
    en: "Rating of units and enterprises twinning with Lạng Sơn's border communes",
  },
  rules: [
    {
      code: 'twins-border-commune',
      title: { vi: 'Kết nghĩa với ít nhất 01 xã biên giới', en: 'Twinned with at least one border commune' },
      source: 'I.1: "Phấn đấu đến năm 2020 mỗi xã biên giới của tỉnh có ít nhất 01 đơn vị, doanh nghiệp kết nghĩa, hỗ trợ"',
      appliesTo: { kinds: [...SPONSOR_KINDS] },
      fact: 'activeTwinnings',
      comparison: '>=',
      threshold: '1',
      gate: true,
    },
    {
      code: 'support-delivered',
      title: { vi: 'Có hoạt động hỗ trợ trong năm', en: 'Support delivered during the year' },
      source: 'II.1: nội dung hỗ trợ (phát triển kinh tế - xã hội, an sinh xã hội, hỗ trợ khác)',
      appliesTo: { kinds: [...SPONSOR_KINDS] },
      fact: 'contributions',
      comparison: '>=',
      threshold: '1',
    },
    {
      // every report the district owed in the year came in on time; a district that owes none (it is
      // not a border district) meets it, rather than failing for reports it was never asked for
      code: 'semiannual-reports-on-time',
      title: { vi: 'Báo cáo định kỳ 6 tháng đúng hạn', en: 'Six-monthly reports on time' },
      source: 'IV.3: "UBND các huyện biên giới định kỳ 6 tháng báo cáo kết quả thực hiện Chương trình về Sở Kế hoạch và Đầu tư"',
      appliesTo: { kinds: ['DISTRICT'] },
      fact: 'reportsNotOnTime',
      comparison: '<=',
      threshold: '0',
    },
  ],
  grading: {
    bands: [
      { grade: 'EXCELLENT', minShareMet: '1', minMargin: '2' },
      { grade: 'GOOD', minShareMet: '1' },
      { grade: 'FAIR', minShareMet: '0.66' },
      { grade: 'AVERAGE', minShareMet: '0.5' },
      { grade: 'WEAK', minShareMet: '0' },
    ],
    gateCap: 'WEAK',
  },
});
