import { provenance, SOURCE_DOCUMENTS, type ProvenanceData } from '@kn/platform';

/**
 * The national sets of new-rural-development (NTM) criteria for communes, as data. Each province's
 * copy is seeded from here; a province can add or correct a set (`saveCriteriaSet`) without code.
 */
export interface CriteriaSetSeed {
  code: string;
  titleVi: string;
  titleEn: string;
  decision: string;
  firstYear: number;
  lastYear: number | null;
  criteria: [string, string][];
  /** National decisions: EXTERNAL. */
  provenance: ProvenanceData;
}

/** 2016–2020: the 19 criteria, named as Lạng Sơn's 2019 NTM plan (seed 003, §I.2) names them. */
export const NTM_2016_2020: CriteriaSetSeed = {
  code: 'NTM-2016-2020',
  titleVi: 'Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2016 - 2020',
  titleEn: 'National criteria for new-rural communes, 2016–2020',
  decision: 'Quyết định số 1980/QĐ-TTg ngày 17/10/2016 của Thủ tướng Chính phủ',
  firstYear: 2016,
  lastYear: 2020,
  provenance: provenance.external(
    'Quyết định số 1980/QĐ-TTg ngày 17/10/2016 của Thủ tướng Chính phủ',
    `The 19 criteria are named as ${SOURCE_DOCUMENTS['003']} names them (§I.2, “Tiêu chí số 1 … 19”); the set itself is the national decision’s.`,
  ),
  criteria: [
    ['Quy hoạch', 'Planning'],
    ['Giao thông', 'Transport'],
    ['Thuỷ lợi', 'Irrigation'],
    ['Điện', 'Electricity'],
    ['Trường học', 'Schools'],
    ['Cơ sở vật chất văn hóa', 'Cultural facilities'],
    ['Cơ sở hạ tầng thương mại nông thôn', 'Rural commercial infrastructure'],
    ['Thông tin và Truyền thông', 'Information and communications'],
    ['Nhà ở dân cư', 'Housing'],
    ['Thu nhập', 'Income'],
    ['Hộ nghèo', 'Poor households'],
    ['Tỷ lệ lao động có việc làm thường xuyên', 'Share of workers in regular employment'],
    ['Hình thức tổ chức sản xuất', 'Forms of production organisation'],
    ['Giáo dục và Đào tạo', 'Education and training'],
    ['Y tế', 'Health'],
    ['Văn hóa', 'Culture'],
    ['Môi trường và an toàn thực phẩm', 'Environment and food safety'],
    ['Hệ thống chính trị và tiếp cận pháp luật', 'Political system and access to law'],
    ['Quốc phòng và An ninh', 'Defence and security'],
  ],
};

/** 2021–2025: 19 criteria (three renamed or widened: 3, 11, 12, 13). */
export const NTM_2021_2025: CriteriaSetSeed = {
  code: 'NTM-2021-2025',
  titleVi: 'Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021 - 2025',
  titleEn: 'National criteria for new-rural communes, 2021–2025',
  decision: 'Quyết định số 318/QĐ-TTg ngày 08/3/2022 của Thủ tướng Chính phủ',
  provenance: provenance.external('Quyết định số 318/QĐ-TTg ngày 08/3/2022 của Thủ tướng Chính phủ', 'National criteria 2021–2025; not one of the five documents.'),
  firstYear: 2021,
  lastYear: 2025,
  criteria: [
    ['Quy hoạch', 'Planning'],
    ['Giao thông', 'Transport'],
    ['Thủy lợi và phòng, chống thiên tai', 'Irrigation and disaster prevention'],
    ['Điện', 'Electricity'],
    ['Trường học', 'Schools'],
    ['Cơ sở vật chất văn hóa', 'Cultural facilities'],
    ['Cơ sở hạ tầng thương mại nông thôn', 'Rural commercial infrastructure'],
    ['Thông tin và Truyền thông', 'Information and communications'],
    ['Nhà ở dân cư', 'Housing'],
    ['Thu nhập', 'Income'],
    ['Nghèo đa chiều', 'Multidimensional poverty'],
    ['Lao động', 'Labour'],
    ['Tổ chức sản xuất và phát triển kinh tế nông thôn', 'Production organisation and rural economic development'],
    ['Giáo dục và Đào tạo', 'Education and training'],
    ['Y tế', 'Health'],
    ['Văn hóa', 'Culture'],
    ['Môi trường và an toàn thực phẩm', 'Environment and food safety'],
    ['Hệ thống chính trị và tiếp cận pháp luật', 'Political system and access to law'],
    ['Quốc phòng và An ninh', 'Defence and security'],
  ],
};

/** 2026–2030: Decision 51/2025/QĐ-TTg replaces the 19 criteria with 10 (47 indicators, three groups of communes). */
export const NTM_2026_2030: CriteriaSetSeed = {
  code: 'NTM-2026-2030',
  titleVi: 'Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026 - 2030',
  titleEn: 'National criteria for new-rural communes, 2026–2030',
  decision: 'Quyết định số 51/2025/QĐ-TTg ngày 29/12/2025 của Thủ tướng Chính phủ',
  provenance: provenance.external(
    'Quyết định số 51/2025/QĐ-TTg ngày 29/12/2025 của Thủ tướng Chính phủ',
    'National criteria 2026–2030; not one of the five documents, and its text is not in this repository (number and date as recorded, not checked here).',
  ),
  firstYear: 2026,
  lastYear: 2030,
  criteria: [
    ['Quy hoạch', 'Planning'],
    ['Hạ tầng kinh tế - xã hội', 'Economic and social infrastructure'],
    ['Phát triển kinh tế nông thôn', 'Rural economic development'],
    ['Đào tạo nguồn nhân lực nông thôn', 'Rural human-resource training'],
    ['Văn hóa, giáo dục, y tế', 'Culture, education and health'],
    ['Giảm nghèo và an sinh xã hội', 'Poverty reduction and social security'],
    ['Khoa học công nghệ và chuyển đổi số', 'Science, technology and digital transformation'],
    ['Môi trường và cảnh quan nông thôn', 'Environment and rural landscape'],
    ['Xây dựng hệ thống chính trị và hành chính công', 'Political system and public administration'],
    ['Tiếp cận pháp luật và an ninh, quốc phòng', 'Access to law, security and defence'],
  ],
};

export const NATIONAL_CRITERIA_SETS = [NTM_2016_2020, NTM_2021_2025, NTM_2026_2030];
