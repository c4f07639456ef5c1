import type { ReportTemplateDefinition } from './language.js';

/**
 * The demo report templates: one per source document that asks for a report, with the document's
 * own headings and words. The queries ask the graph for every figure; nothing is hard-coded.
 * Headings marked «…» quote the document; the rest is the platform's reading of what the report
 * must show (docs/REPORTS.md says which is which).
 */
export interface TemplateSeed {
  tenant: string;
  programCode: string;
  definition: ReportTemplateDefinition;
}

const col = (header: string, value: string, kind: ReportTemplateDefinition['sections'][number]['columns'][number]['kind'] = 'text', extra: Record<string, unknown> = {}) =>
  ({ header, value, kind, total: false, empty: '', yes: 'Có', no: 'Không', ...extra }) as ReportTemplateDefinition['sections'][number]['columns'][number];
const sum = (header: string, value: string, kind: 'int' | 'vnd' | 'count' = 'vnd') => col(header, value, kind, { total: true });

export const TEMPLATE_SEEDS: TemplateSeed[] = [
  {
    tenant: 'lang-son',
    programCode: 'LS-KN-XBG',
    definition: {
      code: 'LS-KN-XBG-6THANG',
      issuer: 'SỞ KẾ HOẠCH VÀ ĐẦU TƯ TỈNH LẠNG SƠN',
      title:
        'BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH KẾT NỐI CÁC ĐƠN VỊ HÀNH CHÍNH CẤP HUYỆN, CÁC DOANH NGHIỆP, TẬP ĐOÀN KINH TẾ KẾT NGHĨA, HỖ TRỢ PHÁT TRIỂN KINH TẾ - XÃ HỘI CÁC XÃ BIÊN GIỚI TỈNH LẠNG SƠN',
      subtitle: 'Tổng hợp báo cáo định kỳ 6 tháng của UBND các huyện biên giới',
      period: 'HALF_YEAR',
      source:
        'Chương trình, mục IV.3: «UBND các huyện biên giới định kỳ 6 tháng báo cáo kết quả thực hiện Chương trình về Sở Kế hoạch và Đầu tư để tổng hợp báo cáo UBND tỉnh.»',
      sections: [
        {
          heading: '1. Các xã tham gia kết nghĩa và nhận hỗ trợ; các đơn vị, doanh nghiệp tham gia kết nghĩa, hỗ trợ',
          note: 'Mục II.3: «Bao gồm 20 xã biên giới thuộc 05 huyện trên địa bàn tỉnh»; mục I.1: «Phấn đấu đến năm 2020 mỗi xã biên giới của tỉnh có ít nhất 01 đơn vị, doanh nghiệp kết nghĩa, hỗ trợ.»',
          query: `query($asOf: Date, $year: Int) { communes(filter: { classification: BORDER, asOf: $asOf }) { nodes { name district { name } twinnings(year: $year) { sponsor { name } } } } }`,
          columns: [
            col('STT', 'name', 'index'),
            col('Huyện', 'district.name'),
            col('Xã biên giới', 'name'),
            col('Đơn vị, doanh nghiệp kết nghĩa, hỗ trợ', 'twinnings.sponsor.name', 'text', { empty: 'Chưa có' }),
            sum('Số đơn vị, doanh nghiệp', 'twinnings.sponsor.name', 'count'),
          ],
          totalLabel: 'Tổng cộng',
        },
        {
          heading: '2. Kết quả hỗ trợ theo nội dung hỗ trợ',
          note: 'Mục II.1 «Nội dung hỗ trợ»: a) Hỗ trợ phát triển kinh tế - xã hội; b) Hỗ trợ bảo đảm an sinh xã hội; c) Hỗ trợ, giúp đỡ khác.',
          query: `query($programId: ID, $from: Date, $to: Date) { contributionTotals(groupBy: [CATEGORY], filter: { programId: $programId, contributedFrom: $from, contributedTo: $to }) { key { category } cashVnd inKindVnd totalVnd poorHouseholdsHelped modelsBuilt } }`,
          columns: [
            col('STT', 'key.category', 'index'),
            col('Nội dung hỗ trợ', 'key.category', 'enum'),
            sum('Tiền mặt (đồng)', 'cashVnd'),
            sum('Hiện vật quy đổi (đồng)', 'inKindVnd'),
            sum('Tổng giá trị (đồng)', 'totalVnd'),
            sum('Số hộ nghèo được giúp đỡ', 'poorHouseholdsHelped', 'int'),
            sum('Mô hình xây dựng, nhân rộng', 'modelsBuilt', 'int'),
          ],
          totalLabel: 'Tổng cộng',
        },
        {
          heading: '3. Kết quả hỗ trợ theo huyện',
          note: 'Mục IV.3: báo cáo của UBND các huyện biên giới (Tràng Định, Văn Lãng, Cao Lộc, Lộc Bình, Đình Lập), theo mã huyện.',
          query: `query($programId: ID, $from: Date, $to: Date) { contributionTotals(groupBy: [DISTRICT], filter: { programId: $programId, contributedFrom: $from, contributedTo: $to }) { key { districtCode } count totalVnd poorHouseholdsHelped } }`,
          columns: [
            col('Mã huyện', 'key.districtCode', 'text', { empty: '(không thuộc huyện nào)' }),
            sum('Số lượt hỗ trợ', 'count', 'int'),
            sum('Tổng giá trị (đồng)', 'totalVnd'),
            sum('Số hộ nghèo được giúp đỡ', 'poorHouseholdsHelped', 'int'),
          ],
          totalLabel: 'Tổng cộng',
        },
      ],
    },
  },
  {
    tenant: 'quang-nam',
    programCode: 'QN-1100-2020',
    definition: {
      code: 'QN-1100-CUOINAM',
      issuer: 'BAN DÂN TỘC TỈNH QUẢNG NAM',
      title: 'BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC KẾT NGHĨA VÀ NHẬN XÉT ĐÁNH GIÁ ĐỐI VỚI CƠ QUAN, ĐƠN VỊ PHÂN CÔNG NHẬN KẾT NGHĨA',
      subtitle: 'Kế hoạch kết nghĩa giai đoạn 2020 - 2025 (Quyết định số 1100/QĐ-UBND ngày 16/4/2020)',
      period: 'YEAR',
      source:
        'Mục III.2.c: «cuối năm có báo cáo kết quả và nhận xét đánh giá đối với cơ quan, đơn vị phân công nhận kết nghĩa, gửi UBND tỉnh (qua Ban Dân tộc tỉnh).»',
      sections: [
        {
          heading: 'I. Kết quả thực hiện của các cơ quan, đơn vị, địa phương được phân công kết nghĩa',
          query: `query($year: Int!, $programId: ID!) { sponsorFacts(year: $year, programId: $programId) { sponsor { name } kind twinnedCommunes poorHouseholdsHelped modelsBuilt totalVnd planSigned } }`,
          columns: [
            col('STT', 'kind', 'index'),
            col('Cơ quan, đơn vị, địa phương', 'sponsor.name'),
            col('Loại', 'kind', 'enum'),
            sum('Số xã kết nghĩa', 'twinnedCommunes', 'int'),
            sum('Số hộ nghèo được giúp đỡ', 'poorHouseholdsHelped', 'int'),
            sum('Mô hình sản xuất', 'modelsBuilt', 'int'),
            sum('Tổng giá trị hỗ trợ (đồng)', 'totalVnd'),
            col('Có chương trình, kế hoạch ký kết', 'planSigned', 'boolean'),
          ],
          totalLabel: 'Tổng cộng',
        },
        {
          heading: 'II. Bảng xếp loại thi đua đề nghị',
          note: 'Mục IV.1: «… được đánh giá, xếp loại hoàn thành xuất sắc, tốt; còn lại thì tùy mức độ hoàn thành chỉ tiêu và xét các yếu tố khác, sẽ xếp loại khá, trung bình, yếu.» Kết quả do hệ thống tính theo bộ quy tắc; UBND tỉnh xem xét, quyết định.',
          query: `query($year: Int!, $programId: ID!) { evaluationRun(year: $year, programId: $programId) { evaluations { sponsor { name } grade status } } }`,
          columns: [
            col('STT', 'status', 'index'),
            col('Cơ quan, đơn vị, địa phương', 'sponsor.name'),
            col('Xếp loại đề nghị', 'grade', 'enum', { empty: 'Không xếp loại' }),
            col('Tình trạng', 'status', 'enum'),
          ],
        },
        {
          heading: 'III. Tổng hợp kết quả xếp loại',
          note: 'Các mức xếp loại theo mục IV.1 (xuất sắc, tốt, khá, trung bình, yếu), số cơ quan, đơn vị, địa phương ở mỗi mức.',
          query: `query($year: Int!, $programId: ID!) { evaluationRun(year: $year, programId: $programId) { gradeDistribution { grade count } } }`,
          columns: [col('Mức xếp loại', 'grade', 'enum'), sum('Số cơ quan, đơn vị, địa phương', 'count', 'int')],
          totalLabel: 'Tổng cộng',
        },
      ],
    },
  },
  {
    tenant: 'lang-son',
    programCode: 'LS-88-2022',
    definition: {
      code: 'LS-88-TONGKET',
      issuer: 'SỞ KẾ HOẠCH VÀ ĐẦU TƯ TỈNH LẠNG SƠN',
      title: 'BÁO CÁO TỔNG HỢP TÌNH HÌNH THỰC HIỆN KẾ HOẠCH SỐ 88/KH-UBND NGÀY 22/4/2022 CỦA UBND TỈNH THỰC HIỆN NGHỊ QUYẾT SỐ 23/NQ-CP CỦA CHÍNH PHỦ',
      subtitle: 'Tổng kết, đánh giá hằng năm của các sở, ban, ngành, UBND các huyện',
      period: 'YEAR',
      source:
        'Mục V.1: «Hằng năm tổng kết, đánh giá tình hình thực hiện Kế hoạch và Nghị quyết trong phạm vi chức năng, nhiệm vụ được giao, gửi Sở Kế hoạch và Đầu tư trước ngày 15 tháng 11.» Mục V.2: «… tổng hợp, báo cáo UBND tỉnh trong tháng 12 hằng năm.»',
      sections: [
        {
          heading: '1. Tình hình gửi báo cáo tổng kết, đánh giá của các cơ quan, đơn vị',
          query: `query($programId: ID, $year: Int, $asOf: Date) { reports(filter: { programId: $programId, year: $year, asOf: $asOf }) { nodes { period district { name } sponsor { name } commune { name } dueOn submittedOn status(asOf: $asOf) } } }`,
          columns: [
            col('STT', 'period', 'index'),
            col('Cơ quan, đơn vị', 'sponsor.name|district.name|commune.name'),
            col('Kỳ báo cáo', 'period'),
            col('Hạn gửi', 'dueOn', 'date'),
            col('Ngày gửi', 'submittedOn', 'date', { empty: 'Chưa gửi' }),
            col('Tình trạng', 'status', 'enum'),
          ],
        },
        {
          heading: '2. Kết quả hỗ trợ các xã biên giới theo huyện',
          query: `query($year: Int) { contributionTotals(groupBy: [DISTRICT], filter: { year: $year }) { key { districtCode } count totalVnd poorHouseholdsHelped modelsBuilt } }`,
          columns: [
            col('Mã huyện', 'key.districtCode', 'text', { empty: '(không thuộc huyện nào)' }),
            sum('Số lượt hỗ trợ', 'count', 'int'),
            sum('Tổng giá trị (đồng)', 'totalVnd'),
            sum('Số hộ nghèo được giúp đỡ', 'poorHouseholdsHelped', 'int'),
            sum('Mô hình', 'modelsBuilt', 'int'),
          ],
          totalLabel: 'Tổng cộng',
        },
      ],
    },
  },
  {
    tenant: 'lang-son',
    programCode: 'LS-NTM-2019',
    definition: {
      code: 'LS-NTM-TIENDO',
      issuer: 'VĂN PHÒNG ĐIỀU PHỐI XÂY DỰNG NÔNG THÔN MỚI TỈNH LẠNG SƠN',
      title: 'BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ XÂY DỰNG NÔNG THÔN MỚI SO VỚI KẾ HOẠCH',
      subtitle: 'Chương trình mục tiêu quốc gia xây dựng nông thôn mới',
      period: 'YEAR',
      source:
        'Mục IV.5: «định kỳ hàng quý báo cáo kết quả thực hiện gửi Văn phòng Điều phối xây dựng nông thôn mới tỉnh tổng hợp báo cáo UBND tỉnh, Ban Chỉ đạo xây dựng nông thôn mới tỉnh; hàng năm gửi báo cáo kế hoạch thực hiện Chương trình xây dựng nông thôn mới theo tiêu chí phụ trách …»',
      sections: [
        {
          heading: '1. Số xã đạt từng tiêu chí so với kế hoạch',
          query: `query($year: Int!) { provinceDashboard(year: $year) { ntm { criteria { number name { vi } communesMet target { value outOf difference met } } } } }`,
          columns: [
            col('TT', 'number', 'int'),
            col('Tiêu chí', 'name.vi'),
            col('Số xã đạt', 'communesMet', 'int'),
            col('Kế hoạch (số xã)', 'target.value', 'decimal', { empty: '—' }),
            col('Trên tổng số xã', 'target.outOf', 'decimal', { empty: '—' }),
            col('Chênh lệch', 'target.difference', 'decimal', { empty: '—' }),
            col('Đạt kế hoạch', 'target.met', 'boolean', { yes: 'Đạt', no: 'Chưa đạt', empty: '—' }),
          ],
        },
        {
          heading: '2. Số xã theo số tiêu chí đạt',
          query: `query($year: Int!) { provinceDashboard(year: $year) { ntm { bands { label communes target { value met } } } } }`,
          columns: [
            col('Nhóm', 'label'),
            sum('Số xã', 'communes', 'int'),
            col('Kế hoạch (số xã)', 'target.value', 'decimal', { empty: '—' }),
            col('Đạt kế hoạch', 'target.met', 'boolean', { yes: 'Đạt', no: 'Chưa đạt', empty: '—' }),
          ],
          totalLabel: 'Tổng số xã',
        },
      ],
    },
  },
];
