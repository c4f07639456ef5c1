import { type ChainStepData, provenance, REFORM_DAY, REFORM_LAW, type SeedChain, SOURCE_DOCUMENTS } from '@kn/platform';

/**
 * The reporting chains of reports (docs/WORKFLOW.md), per demo tenant and programme, before and
 * after the reform of 1/7/2025. The documents say who reports to whom; the platform reads the
 * receiving level as the one that returns or accepts (INTERPRETATION), and lets the province's
 * staff record a paper report (PROVINCE_SETTING).
 */
const D000 = SOURCE_DOCUMENTS['000'];
const D001 = SOURCE_DOCUMENTS['001'];
const D002 = SOURCE_DOCUMENTS['002'];

const RECORDS = 'The province’s staff may also record a report that came in on paper, on the reporter’s behalf (a province may remove this).';
const noDistrict = `From 1/7/2025 there is no district level (${REFORM_LAW}).`;
const province = (p: ChainStepData['provenance']): ChainStepData => ({
  level: 'PROVINCE', maySubmit: true, mayReturn: true, mayAccept: true, provenance: { ...p, note: `${p.note ?? ''} ${RECORDS}`.trim() },
});

// Lạng Sơn, border-commune programme (seed 000): the border districts report every six months to the DPI
const LS_DISTRICTS = provenance.document(D000, 'IV.3', 'UBND các huyện biên giới định kỳ 6 tháng báo cáo kết quả thực hiện Chương trình về Sở Kế hoạch và Đầu tư');
const LS_DPI = provenance.interpretation(
  D000,
  'IV.3',
  'về Sở Kế hoạch và Đầu tư để tổng hợp báo cáo UBND tỉnh',
  'The Department of Planning and Investment receives and compiles for the province: read as the level that returns or accepts (the province’s staff).',
);
const LS_AFTER = provenance.setting(
  `${noDistrict} The programme’s six-monthly reports were the districts’; whether communes take them over is for the province to decide: until then only the province records.`,
);

// Lạng Sơn, plan 88 (seed 002): departments and districts send their yearly review to the DPI before 15/11
const LS88_SENDERS = provenance.document(
  D002,
  'IV.1',
  'Hằng năm tổng kết, đánh giá tình hình thực hiện Kế hoạch và Nghị quyết trong phạm vi chức năng, nhiệm vụ được giao, gửi Sở Kế hoạch và Đầu tư trước ngày 15 tháng 11',
  'Said of “các sở, ban, ngành, UBND các huyện, thành phố”: departments (AGENCY) and districts send.',
);
const LS88_DPI = provenance.interpretation(
  D002,
  'IV.2',
  'Giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp với các cơ quan liên quan đôn đốc, theo dõi, đánh giá, kiểm tra tình hình thực hiện Kế hoạch này',
  'The DPI follows, assesses and checks: read as the level that returns or accepts.',
);

// Quảng Nam, QĐ 1100 (seed 001): everyone reports to the province through Ban Dân tộc tỉnh
const QN_AGENCIES = provenance.document(D001, 'Điều 2.1', 'định kỳ hằng năm báo cáo kết quả thực hiện công tác kết nghĩa về UBND tỉnh (qua Ban Dân tộc tỉnh)');
const QN_COMMUNES = provenance.document(
  D001,
  'III.2.2.c',
  'cuối năm có báo cáo kết quả và nhận xét đánh giá đối với cơ quan, đơn vị phân công nhận kết nghĩa, gửi UBND tỉnh (qua Ban Dân tộc tỉnh)',
  'The commune (and, before the reform, the district) sends its year-end report straight to the province: the district is not a level between commune reports and the province.',
);
const QN_DISTRICTS = provenance.document(D001, 'VI.4', 'hằng năm xem xét thi đua, kiểm điểm, đánh giá cơ quan, đơn vị, địa phương trực thuộc, báo cáo UBND tỉnh (qua Ban Dân tộc tỉnh)');
const QN_PROVINCE = provenance.interpretation(
  D001,
  'VI.1',
  'Theo dõi, tổng hợp, báo cáo, nhận xét đánh giá kết quả thực hiện công tác kết nghĩa',
  'Ban Dân tộc tỉnh follows, compiles and assesses: read as the level that returns or accepts.',
);

const chain = (programCode: string, validFrom: string | null, validUntil: string | null, steps: ChainStepData[]): SeedChain => ({
  programCode, kind: 'REPORT', validFrom, validUntil, steps,
});

export const REPORT_CHAINS: Record<string, SeedChain[]> = {
  'lang-son': [
    chain('LS-KN-XBG', null, REFORM_DAY, [{ level: 'DISTRICT', maySubmit: true, provenance: LS_DISTRICTS }, province(LS_DPI)]),
    chain('LS-KN-XBG', REFORM_DAY, null, [province(LS_AFTER)]),
    chain('LS-88-2022', null, REFORM_DAY, [
      { level: 'AGENCY', maySubmit: true, provenance: LS88_SENDERS },
      { level: 'DISTRICT', maySubmit: true, provenance: LS88_SENDERS },
      province(LS88_DPI),
    ]),
    chain('LS-88-2022', REFORM_DAY, null, [{ level: 'AGENCY', maySubmit: true, provenance: { ...LS88_SENDERS, note: `Departments (AGENCY) send. ${noDistrict}` } }, province(LS88_DPI)]),
  ],
  'quang-nam': [
    chain('QN-1100-2020', null, REFORM_DAY, [
      { level: 'AGENCY', maySubmit: true, provenance: QN_AGENCIES },
      { level: 'COMMUNE', maySubmit: true, provenance: QN_COMMUNES },
      { level: 'DISTRICT', maySubmit: true, provenance: QN_DISTRICTS },
      province(QN_PROVINCE),
    ]),
    chain('QN-1100-2020', REFORM_DAY, null, [
      { level: 'AGENCY', maySubmit: true, provenance: QN_AGENCIES },
      { level: 'COMMUNE', maySubmit: true, provenance: { ...QN_COMMUNES, note: `The commune sends its year-end report straight to the province. ${noDistrict}` } },
      province(QN_PROVINCE),
    ]),
  ],
};
