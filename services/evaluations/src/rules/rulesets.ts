import { provenance, SOURCE_DOCUMENTS } from '@kn/platform';
import { SPONSOR_KINDS, ruleSetSchema, type RuleSet } from './language.js';

/**
 * Seeded rule sets. Stored in the database as data (versioned); these objects are only the first
 * version of each. Every rule and band says where it comes from (`provenance`): the document's words,
 * the platform's reading of them, or a setting the province must confirm.
 *
 * Only Quảng Nam's decision 1100 rates anything. Lạng Sơn's border programme (seed 000) asks that
 * every border commune have a sponsor by 2020, six-monthly reports and a yearly review with praise
 * for the best: it defines no rating, so none is seeded (an invented one was, until issue #12).
 */

const QN = SOURCE_DOCUMENTS['001'];

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
      provenance: provenance.document(QN, 'III.2.1.a', 'Bình quân 10 biên chế, nhận giúp đỡ ít nhất 02 hộ nghèo/năm'),
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
      provenance: provenance.document(QN, 'III.2.1.a', 'xây dựng, củng cố hoặc nhân rộng ít nhất 01 mô hình/xã/năm (nhóm hộ, CLB, tổ hợp tác...)'),
    },
    {
      code: 'households-lowland',
      title: { vi: 'Giúp đỡ hộ nghèo (huyện đồng bằng)', en: 'Poor households helped (lowland districts)' },
      source: 'III.2.1.b: "mỗi năm giúp đỡ ít nhất 10 hộ nghèo trở lên/năm"',
      appliesTo: { kinds: ['DISTRICT'], lowland: true },
      fact: 'poorHouseholdsHelped',
      comparison: '>=',
      threshold: '10',
      provenance: provenance.document(QN, 'III.2.1.b', 'mỗi năm giúp đỡ ít nhất 10 hộ nghèo trở lên/năm'),
    },
    {
      code: 'support-lowland',
      title: { vi: 'Giá trị hỗ trợ (huyện đồng bằng)', en: 'Value of support (lowland districts)' },
      source: 'III.2.1.b: "hỗ trợ giúp đỡ ít nhất từ 200 triệu đồng/năm"',
      appliesTo: { kinds: ['DISTRICT'], lowland: true },
      fact: 'totalVnd',
      comparison: '>=',
      threshold: '200000000',
      provenance: provenance.document(QN, 'III.2.1.b', 'hỗ trợ giúp đỡ ít nhất từ 200 triệu đồng/năm'),
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
      provenance: provenance.document(QN, 'III.2.1.b', 'hướng dẫn xây dựng hoặc nhân rộng ít nhất 02 mô hình/xã/năm'),
    },
    {
      code: 'plan-signed-by-31-03',
      title: { vi: 'Ký kết kế hoạch trước ngày 31/3', en: 'Plan signed before 31 March' },
      source: 'III.2.1.c: "Trước ngày 31/3 hằng năm, 100% cơ quan, đơn vị chủ trì ... tổ chức ký kết chương trình hoặc kế hoạch"',
      appliesTo: { kinds: [...SPONSOR_KINDS] },
      fact: 'planSignedOnTime',
      comparison: '>=',
      threshold: '1',
      provenance: provenance.document(
        QN,
        'III.2.1.c',
        'Trước ngày 31/3 hằng năm, 100% cơ quan, đơn vị chủ trì, phối hợp với bên được nhận kết nghĩa, tổ chức ký kết chương trình hoặc kế hoạch thực hiện công tác kết nghĩa',
        'The decision is of 16/4/2020: the plans of 2020 have no 31/3 deadline (signed is on time).',
      ),
    },
    {
      code: 'plan-signed',
      title: { vi: 'Có chương trình, kế hoạch ký kết', en: 'A signed programme or plan' },
      source: 'IV.2: "không xem xét thi đua đối với các cơ quan, đơn vị, địa phương không có chương trình, kế hoạch ký kết thực hiện"',
      appliesTo: { kinds: [...SPONSOR_KINDS] },
      fact: 'planSigned',
      comparison: '>=',
      threshold: '1',
      excludes: true,
      provenance: provenance.document(
        QN,
        'IV.2',
        'UBND tỉnh sẽ kiểm điểm, phê bình, không xem xét hoặc đề nghị, kiến nghị không xem xét thi đua đối với các cơ quan, đơn vị, địa phương không có chương trình, kế hoạch ký kết thực hiện',
      ),
    },
    {
      code: 'signed-not-carried-out',
      title: { vi: 'Có ký kết nhưng không thực hiện', en: 'Signed but not carried out' },
      source: 'IV.2: "hoặc có ký kết nhưng không thực hiện"',
      appliesTo: { kinds: [...SPONSOR_KINDS] },
      fact: 'signedButNotCarriedOut',
      comparison: '<=',
      threshold: '0',
      excludes: true,
      provenance: provenance.interpretation(
        QN,
        'IV.2',
        'hoặc có ký kết nhưng không thực hiện',
        'Read as: a plan of the year was signed and no support was carried out (no DONE or VERIFIED contribution) in the year.',
      ),
    },
    {
      code: 'year-end-report',
      title: { vi: 'Có báo cáo sơ kết cuối năm', en: 'A year-end report' },
      source: 'III.2.1.c: "cuối năm có báo cáo sơ kết và nhận xét đánh giá"; IV.2: "... không có báo cáo"',
      appliesTo: { kinds: [...SPONSOR_KINDS] },
      fact: 'yearEndReportSubmitted',
      comparison: '>=',
      threshold: '1',
      excludes: true,
      provenance: provenance.document(QN, 'IV.2', 'có ký kết nhưng không thực hiện, không có báo cáo', 'The report is the year-end one of III.2.1.c: “cuối năm có báo cáo sơ kết và nhận xét đánh giá”.'),
    },
  ],
  grading: {
    top: {
      grades: ['EXCELLENT', 'GOOD'],
      requiresQuantified: true,
      provenance: provenance.document(
        QN,
        'IV.1',
        'thực hiện đảm bảo các chỉ tiêu nêu tại điểm 1, điểm 2, mục III Kế hoạch này và có các yếu tố tích cực khác thì được đánh giá, xếp loại hoàn thành xuất sắc, tốt',
        'The engine checks the targets of III.2 it can count and proposes “eligible for xuất sắc or tốt”; “các yếu tố tích cực khác” and the choice between the two are the approver’s, with a stored reason. A sponsor whose applicable rules are only yes/no paperwork is not proposed.',
      ),
    },
    // "còn lại thì tùy mức độ hoàn thành chỉ tiêu … sẽ xếp loại khá, trung bình, yếu": the degrees are not given
    bands: [
      {
        grade: 'FAIR',
        minShareMet: '0.75',
        provenance: provenance.setting(
          'Default of this platform, for the province to confirm or change: khá from 3/4 of the applicable rules met. IV.1 gives no threshold.',
          QN,
          'IV.1',
          'còn lại thì tùy mức độ hoàn thành chỉ tiêu và xét các yếu tố khác, sẽ xếp loại khá, trung bình, yếu',
        ),
      },
      {
        grade: 'AVERAGE',
        minShareMet: '0.5',
        provenance: provenance.setting(
          'Default of this platform, for the province to confirm or change: trung bình from half of the applicable rules met.',
          QN,
          'IV.1',
          'còn lại thì tùy mức độ hoàn thành chỉ tiêu và xét các yếu tố khác, sẽ xếp loại khá, trung bình, yếu',
        ),
      },
      {
        grade: 'WEAK',
        minShareMet: '0',
        provenance: provenance.setting(
          'Default of this platform, for the province to confirm or change: yếu below half.',
          QN,
          'IV.1',
          'còn lại thì tùy mức độ hoàn thành chỉ tiêu và xét các yếu tố khác, sẽ xếp loại khá, trung bình, yếu',
        ),
      },
    ],
    judgedByApprover: [
      {
        code: 'iii-1-exchanges',
        title: {
          vi: 'Có tổ chức giao lưu, kết nối, thu hút thêm các tổ chức, cá nhân tham gia kết nghĩa (III.1)',
          en: 'Exchanges held, more organisations and people brought into the twinning (III.1)',
        },
        provenance: provenance.document(
          QN,
          'III.1',
          'Có tổ chức giao lưu, kết nối, thu hút thêm các tổ chức, cá nhân, các nhà hảo tâm, doanh nghiệp, nhà đầu tư tham gia kết nghĩa, hỗ trợ, giúp đỡ vùng DTTS&MN.',
          'Not recorded by the platform: the approver judges it.',
        ),
      },
      {
        code: 'iii-1-documents-public',
        title: {
          vi: 'Các văn bản kết nghĩa công khai gửi các bên và Ban Dân tộc tỉnh (III.1)',
          en: 'The twinning documents sent openly to the parties and the Ethnic Affairs Committee (III.1)',
        },
        provenance: provenance.document(
          QN,
          'III.1',
          'tất cả các văn bản liên quan thực hiện công tác kết nghĩa theo Kế hoạch này (gồm: kế hoạch, phân công, các báo cáo...), các cơ quan, đơn vị, địa phương công khai gửi các bên tham gia kết nghĩa và Ban Dân tộc tỉnh',
          'Checked where the platform can: the signed plan and the year-end report recorded as received (rules plan-signed, year-end-report); that they were sent to the other parties is the approver’s to judge.',
        ),
      },
      {
        code: 'iv-1-other-positive-factors',
        title: { vi: 'Các yếu tố tích cực khác (IV.1)', en: 'Other positive factors (IV.1)' },
        provenance: provenance.document(QN, 'IV.1', 'và có các yếu tố tích cực khác'),
      },
    ],
  },
});
