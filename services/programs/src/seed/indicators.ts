import { IndicatorUnit } from '../common/enums.js';
import type { IndicatorSeed } from './types.js';

const U = IndicatorUnit;

/** The 19 national NTM criteria (2016–2020 set), named as seed 003 names them. */
const NTM_CRITERIA: [number, string, string][] = [
  [1, 'Quy hoạch', 'planning'],
  [2, 'Giao thông', 'transport'],
  [3, 'Thủy lợi', 'irrigation'],
  [4, 'Điện', 'electricity'],
  [5, 'Trường học', 'schools'],
  [6, 'Cơ sở vật chất văn hóa', 'cultural facilities'],
  [7, 'Cơ sở hạ tầng thương mại nông thôn', 'rural commercial infrastructure'],
  [8, 'Thông tin và Truyền thông', 'information and communications'],
  [9, 'Nhà ở dân cư', 'housing'],
  [10, 'Thu nhập', 'income'],
  [11, 'Hộ nghèo', 'poor households'],
  [12, 'Tỷ lệ lao động có việc làm thường xuyên', 'regular employment'],
  [13, 'Hình thức tổ chức sản xuất', 'organisation of production'],
  [14, 'Giáo dục và Đào tạo', 'education and training'],
  [15, 'Y tế', 'health'],
  [16, 'Văn hóa', 'culture'],
  [17, 'Môi trường và an toàn thực phẩm', 'environment and food safety'],
  [18, 'Hệ thống chính trị và tiếp cận pháp luật', 'political system and access to law'],
  [19, 'Quốc phòng và An ninh', 'defence and security'],
];

const poverty: IndicatorSeed[] = [
  { code: 'POVERTY_RATE', name: 'Tỷ lệ hộ nghèo', nameEn: 'Poverty rate (share of poor households)', unit: U.PERCENT, higherIsBetter: false },
  {
    code: 'POVERTY_RATE_REDUCTION',
    name: 'Mức giảm tỷ lệ hộ nghèo (điểm phần trăm)',
    nameEn: 'Reduction of the poverty rate (percentage points)',
    unit: U.PERCENT,
    higherIsBetter: true,
  },
];

/** Each tenant's indicator catalogue: what its programmes' targets measure. Data per tenant, not code per province. */
export const DEMO_INDICATORS: Record<string, IndicatorSeed[]> = {
  'lang-son': [
    {
      code: 'BORDER_COMMUNE_SPONSORS',
      name: 'Số đơn vị, doanh nghiệp kết nghĩa, hỗ trợ mỗi xã biên giới',
      nameEn: 'Twinning units or enterprises per border commune',
      unit: U.ORGANISATIONS,
      higherIsBetter: true,
    },
    ...poverty,
    {
      code: 'BORDER_HEALTH_STATIONS_WITH_DOCTOR_RATE',
      name: 'Tỷ lệ trạm y tế xã khu vực biên giới có bác sĩ',
      nameEn: 'Share of border-area commune health stations with a doctor',
      unit: U.PERCENT,
      higherIsBetter: true,
    },
    ...NTM_CRITERIA.map(([n, vi, en]) => ({
      code: `NTM_C${String(n).padStart(2, '0')}`,
      name: `Số xã đạt tiêu chí số ${n} về ${vi}`,
      nameEn: `Communes meeting NTM criterion ${n} (${en})`,
      unit: U.COMMUNES,
      higherIsBetter: true,
    })),
    { code: 'NTM_NEW_STANDARD_COMMUNES', name: 'Số xã đạt chuẩn nông thôn mới trong năm', nameEn: 'Communes newly meeting the NTM standard in the year', unit: U.COMMUNES, higherIsBetter: true },
    { code: 'NTM_STANDARD_COMMUNES', name: 'Tổng số xã đạt chuẩn nông thôn mới', nameEn: 'Communes meeting the NTM standard (total)', unit: U.COMMUNES, higherIsBetter: true },
    { code: 'NTM_COMMUNES_19_CRITERIA', name: 'Số xã đạt 19 tiêu chí', nameEn: 'Communes meeting all 19 criteria', unit: U.COMMUNES, higherIsBetter: true },
    { code: 'NTM_COMMUNES_15_18_CRITERIA', name: 'Số xã đạt 15-18 tiêu chí', nameEn: 'Communes meeting 15–18 criteria', unit: U.COMMUNES, higherIsBetter: null },
    { code: 'NTM_COMMUNES_10_14_CRITERIA', name: 'Số xã đạt 10-14 tiêu chí', nameEn: 'Communes meeting 10–14 criteria', unit: U.COMMUNES, higherIsBetter: null },
    { code: 'NTM_COMMUNES_5_9_CRITERIA', name: 'Số xã đạt từ 5-9 tiêu chí', nameEn: 'Communes meeting 5–9 criteria', unit: U.COMMUNES, higherIsBetter: false },
    { code: 'NTM_AVERAGE_CRITERIA', name: 'Số tiêu chí bình quân mỗi xã đạt', nameEn: 'Average number of NTM criteria met per commune', unit: U.CRITERIA, higherIsBetter: true },
    {
      code: 'NTM_ADVANCED_AVERAGE_CRITERIA',
      name: 'Số tiêu chí nông thôn mới nâng cao bình quân mỗi xã đã đạt chuẩn đạt',
      nameEn: 'Average number of advanced-NTM criteria met per NTM commune',
      unit: U.CRITERIA,
      higherIsBetter: true,
    },
    { code: 'NTM_MODEL_RESIDENTIAL_AREAS', name: 'Số khu dân cư kiểu mẫu mỗi xã', nameEn: 'Model residential areas per commune', unit: U.MODELS, higherIsBetter: true },
    { code: 'NTM_RURAL_ROADS_BUILT_KM', name: 'Đường giao thông nông thôn xây dựng trong năm', nameEn: 'Rural roads built in the year', unit: U.KILOMETRES, higherIsBetter: true },
    { code: 'NTM_COMMUNE_ROAD_HARDENING_RATE', name: 'Tỷ lệ cứng hóa đường đến trung tâm xã', nameEn: 'Share of roads to commune centres with a hard surface', unit: U.PERCENT, higherIsBetter: true },
    { code: 'NTM_CANALS_SOLIDIFIED_KM', name: 'Kênh mương được kiên cố hóa', nameEn: 'Canals lined', unit: U.KILOMETRES, higherIsBetter: true },
    { code: 'NTM_IRRIGATION_WORKS', name: 'Công trình thủy lợi được sửa chữa, nâng cấp, kiên cố hóa', nameEn: 'Irrigation works repaired, upgraded or lined', unit: U.FACILITIES, higherIsBetter: true },
    { code: 'NTM_IRRIGATED_AREA_HA', name: 'Diện tích đất nông nghiệp được tưới tiêu chủ động', nameEn: 'Agricultural land under controlled irrigation', unit: U.HECTARES, higherIsBetter: true },
    { code: 'NTM_NEW_NATIONAL_STANDARD_SCHOOLS', name: 'Số trường được công nhận mới đạt chuẩn quốc gia', nameEn: 'Schools newly recognised at the national standard', unit: U.FACILITIES, higherIsBetter: true },
    { code: 'NTM_COMMUNE_RADIO_INVESTMENTS', name: 'Số xã được đầu tư hệ thống đài truyền thanh xã', nameEn: 'Communes receiving a commune radio system', unit: U.COMMUNES, higherIsBetter: true },
    { code: 'NTM_COMMUNES_WITH_RADIO', name: 'Số xã có hệ thống đài truyền thanh xã', nameEn: 'Communes with a commune radio system', unit: U.COMMUNES, higherIsBetter: true },
    { code: 'NTM_RURAL_INCOME_PER_CAPITA', name: 'Thu nhập bình quân khu vực nông thôn (đồng/người/năm)', nameEn: 'Average rural income (đồng per person per year)', unit: U.VND, higherIsBetter: true },
    { code: 'NTM_RURAL_JOBS_CREATED', name: 'Số lao động nông thôn được tạo việc làm', nameEn: 'Rural workers given jobs', unit: U.PEOPLE, higherIsBetter: true },
    { code: 'NTM_RURAL_VOCATIONAL_TRAINEES', name: 'Số lao động nông thôn được dạy nghề', nameEn: 'Rural workers given vocational training', unit: U.PEOPLE, higherIsBetter: true },
    { code: 'NTM_TRAINED_LABOUR_RATE', name: 'Tỷ lệ lao động qua đào tạo khu vực nông thôn', nameEn: 'Share of rural workers with training', unit: U.PERCENT, higherIsBetter: true },
    { code: 'NTM_COMMUNE_OFFICIALS_TRAINED', name: 'Số lượt cán bộ, công chức cấp xã được bồi dưỡng', nameEn: 'Commune officials trained (person-times)', unit: U.PEOPLE, higherIsBetter: true },
  ],
  'quang-nam': [
    {
      code: 'POOR_HOUSEHOLDS_PER_10_STAFF',
      name: 'Số hộ nghèo nhận giúp đỡ mỗi năm, bình quân trên 10 biên chế',
      nameEn: 'Poor households helped per year per 10 staff',
      unit: U.HOUSEHOLDS,
      higherIsBetter: true,
    },
    { code: 'POOR_HOUSEHOLDS_HELPED', name: 'Số hộ nghèo được giúp đỡ mỗi năm', nameEn: 'Poor households helped per year', unit: U.HOUSEHOLDS, higherIsBetter: true },
    { code: 'SUPPORT_AMOUNT', name: 'Kinh phí hỗ trợ, giúp đỡ mỗi năm', nameEn: 'Support given per year', unit: U.VND, higherIsBetter: true },
    {
      code: 'MODELS_PER_COMMUNE',
      name: 'Số mô hình được xây dựng, củng cố hoặc nhân rộng mỗi xã mỗi năm',
      nameEn: 'Production models built, consolidated or replicated per commune per year',
      unit: U.MODELS,
      higherIsBetter: true,
    },
    {
      code: 'TWINNING_PLANS_SIGNED_RATE',
      name: 'Tỷ lệ cơ quan, đơn vị ký kết chương trình hoặc kế hoạch kết nghĩa trước ngày 31/3',
      nameEn: 'Share of sponsors that sign their yearly twinning plan by 31 March',
      unit: U.PERCENT,
      higherIsBetter: true,
    },
    {
      code: 'DISTRICT_TWINNING_PLAN_RATE',
      name: 'Tỷ lệ huyện có kế hoạch triển khai công tác kết nghĩa',
      nameEn: 'Share of twinned districts with a twinning plan',
      unit: U.PERCENT,
      higherIsBetter: true,
    },
    {
      code: 'COMMUNE_TWINNING_PLAN_RATE',
      name: 'Tỷ lệ xã có kế hoạch triển khai công tác kết nghĩa và Tổ công tác kết nghĩa',
      nameEn: 'Share of twinned communes with a twinning plan and working group',
      unit: U.PERCENT,
      higherIsBetter: true,
    },
    {
      code: 'NEEDS_PROPOSAL_RATE',
      name: 'Tỷ lệ huyện, xã gửi kế hoạch hoặc báo cáo đề xuất nhu cầu trước ngày 28/02',
      nameEn: 'Share of twinned districts and communes that send their needs proposal by 28 February',
      unit: U.PERCENT,
      higherIsBetter: true,
    },
  ],
};
