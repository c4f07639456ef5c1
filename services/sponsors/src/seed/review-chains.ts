import { type ChainStepData, provenance, REFORM_DAY, REFORM_LAW, type SeedChain, SOURCE_DOCUMENTS } from '@kn/platform';

/**
 * The reporting chains of needs proposals and yearly plans (docs/WORKFLOW.md), per demo tenant and
 * programme, before and after the reform of 1/7/2025 (no district level after it). Each step says
 * where it comes from: the document's words (DOCUMENT), the platform's reading of them
 * (INTERPRETATION), or a setting the province must confirm (PROVINCE_SETTING).
 */

const QN = SOURCE_DOCUMENTS['001'];
const LS = SOURCE_DOCUMENTS['000'];

const RECORDS = provenance.setting(
  'The province’s staff may record a document sent on paper on the sender’s behalf (as the platform did before the chain); a province may remove this.',
);
const afterReform = (p: ReturnType<typeof provenance.document>) => ({
  ...p,
  note: `${p.note ? `${p.note} ` : ''}From 1/7/2025 there is no district level (${REFORM_LAW}): the commune sends straight to the province.`,
});

// Quảng Nam, QĐ 1100 (seed 001)
const QN_COMMUNE_SENDS = provenance.document(
  QN,
  'III.2.2.c',
  'Trước 28/02 hằng năm, 100% huyện, xã có kế hoạch hoặc báo cáo đề xuất nhu cầu gửi bên nhận kết nghĩa để nghiên cứu thực hiện và gửi Ban Dân tộc tỉnh theo dõi tổng hợp',
);
const QN_DISTRICT_CHECKS = provenance.interpretation(
  QN,
  'VI.4',
  'Tăng cường chỉ đạo, kiểm tra, định hướng, hướng dẫn, đôn đốc các xã có kế hoạch đề xuất',
  'The district (Phòng Dân tộc huyện) checks and guides the communes’ proposals: read as reviewing them, so it may return one with a reason; it does not accept (the province compiles).',
);
const QN_PROVINCE_ACCEPTS = provenance.interpretation(
  QN,
  'VI.1',
  'Theo dõi, tổng hợp, báo cáo, nhận xét đánh giá kết quả thực hiện công tác kết nghĩa',
  'Ban Dân tộc tỉnh follows, compiles and assesses: read as the level that returns or accepts.',
);
const QN_AGENCY_SIGNS = provenance.document(
  QN,
  'III.2.1.c',
  'Trước ngày 31/3 hằng năm, 100% cơ quan, đơn vị chủ trì, phối hợp với bên được nhận kết nghĩa, tổ chức ký kết chương trình hoặc kế hoạch thực hiện công tác kết nghĩa',
  'The sponsoring agency leads the plan with the commune; “các văn bản trên có gửi Ban Dân tộc”: both sides may send it.',
);
const QN_DISTRICT_FOLLOWS_PLANS = provenance.interpretation(
  QN,
  'Điều 2, Lưu ý',
  'phải phối hợp, làm việc thường xuyên với Huyện ủy, UBND huyện (nơi có các xã nhận kết nghĩa)',
  'The district follows and manages the twinnings on its territory: read as reviewing the plans (it may return one), not accepting them.',
);

// Lạng Sơn, the border-commune programme (seed 000): it says how districts report, not who reviews proposals and plans
const LS_CHAIN = (level: string) =>
  provenance.setting(
    `The programme does not say who reviews needs proposals or plans; ${level} follows its reporting line (districts report to the Department of Planning and Investment, which compiles for the province). To be confirmed by the province.`,
    LS,
    'IV.3',
    'UBND các huyện biên giới định kỳ 6 tháng báo cáo kết quả thực hiện Chương trình về Sở Kế hoạch và Đầu tư để tổng hợp báo cáo UBND tỉnh',
  );

const province = (p: ChainStepData['provenance']): ChainStepData => ({ level: 'PROVINCE', maySubmit: true, mayReturn: true, mayAccept: true, provenance: p });

export const REVIEW_CHAINS: Record<string, SeedChain[]> = {
  'quang-nam': [
    {
      programCode: 'QN-1100-2020', kind: 'NEEDS_PROPOSAL', validFrom: null, validUntil: REFORM_DAY,
      steps: [
        { level: 'COMMUNE', maySubmit: true, provenance: QN_COMMUNE_SENDS },
        { level: 'DISTRICT', mayReturn: true, provenance: QN_DISTRICT_CHECKS },
        province({ ...QN_PROVINCE_ACCEPTS, note: `${QN_PROVINCE_ACCEPTS.note} ${RECORDS.note}` }),
      ],
    },
    {
      programCode: 'QN-1100-2020', kind: 'NEEDS_PROPOSAL', validFrom: REFORM_DAY, validUntil: null,
      steps: [
        { level: 'COMMUNE', maySubmit: true, provenance: afterReform(QN_COMMUNE_SENDS) },
        province({ ...QN_PROVINCE_ACCEPTS, note: `${QN_PROVINCE_ACCEPTS.note} ${RECORDS.note}` }),
      ],
    },
    {
      programCode: 'QN-1100-2020', kind: 'YEARLY_PLAN', validFrom: null, validUntil: REFORM_DAY,
      steps: [
        { level: 'AGENCY', maySubmit: true, provenance: QN_AGENCY_SIGNS },
        { level: 'COMMUNE', maySubmit: true, provenance: QN_AGENCY_SIGNS },
        { level: 'DISTRICT', mayReturn: true, provenance: QN_DISTRICT_FOLLOWS_PLANS },
        province({ ...QN_PROVINCE_ACCEPTS, note: `${QN_PROVINCE_ACCEPTS.note} ${RECORDS.note}` }),
      ],
    },
    {
      programCode: 'QN-1100-2020', kind: 'YEARLY_PLAN', validFrom: REFORM_DAY, validUntil: null,
      steps: [
        { level: 'AGENCY', maySubmit: true, provenance: QN_AGENCY_SIGNS },
        { level: 'COMMUNE', maySubmit: true, provenance: afterReform(QN_AGENCY_SIGNS) },
        province({ ...QN_PROVINCE_ACCEPTS, note: `${QN_PROVINCE_ACCEPTS.note} ${RECORDS.note}` }),
      ],
    },
  ],
  'lang-son': (['NEEDS_PROPOSAL', 'YEARLY_PLAN'] as const).flatMap((kind) => {
    const senders: ChainStepData[] = [
      ...(kind === 'YEARLY_PLAN' ? [{ level: 'AGENCY' as const, maySubmit: true, provenance: LS_CHAIN('the sponsoring unit sends its plan, which') }] : []),
      { level: 'COMMUNE', maySubmit: true, provenance: LS_CHAIN('the commune sends, which') },
    ];
    return [
      {
        programCode: 'LS-KN-XBG', kind, validFrom: null, validUntil: REFORM_DAY,
        steps: [...senders, { level: 'DISTRICT', mayReturn: true, provenance: LS_CHAIN('the district reviews (may return), which') }, province(LS_CHAIN('the province returns or accepts, which'))],
      },
      { programCode: 'LS-KN-XBG', kind, validFrom: REFORM_DAY, validUntil: null, steps: [...senders, province(LS_CHAIN('after 1/7/2025 the province alone reviews, which'))] },
    ];
  }),
};

