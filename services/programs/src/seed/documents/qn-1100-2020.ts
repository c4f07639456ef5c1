import { DueKind, ProgramKind, ProgramStatus, ProvisionKind, TargetComparison, TargetScopeKind } from '../../common/enums.js';
import type { ProgramSeed, ScopeSeed } from '../types.js';

const DEPARTMENT: ScopeSeed = {
  kind: TargetScopeKind.SPONSOR_KIND,
  group: 'PROVINCIAL_DEPARTMENT',
  label: 'Mỗi Sở, Ban, ngành thuộc tỉnh (kể cả các đơn vị trực thuộc)',
};
const LOWLAND: ScopeSeed = {
  kind: TargetScopeKind.SPONSOR_KIND,
  group: 'LOWLAND_DISTRICT',
  label: 'Các huyện, thị xã, thành phố đồng bằng',
};
const ASSIGNED: ScopeSeed = {
  kind: TargetScopeKind.SPONSOR_KIND,
  group: 'ASSIGNED_AGENCY',
  label: 'cơ quan, đơn vị được phân công nhận kết nghĩa',
};
const TWINNED = 'các huyện, xã miền núi được nhận kết nghĩa';
const DISTRICTS_6 = 'Các huyện: Bắc Trà My, Nam Trà My, Phước Sơn, Đông Giang, Tây Giang, Nam Giang và các xã được nhận kết nghĩa';
const PERIOD = { startYear: 2020, endYear: 2025 };

/** Seed 001 (Quảng Nam): Decision 1100/QĐ-UBND of 16/4/2020, the twinning plan 2020–2025. */
export const QN_1100_2020: ProgramSeed = {
  tenant: 'quang-nam',
  code: 'QN-1100-2020',
  file: '001_2eb24b015eff5ba0.txt',
  document: '001',
  title:
    'Kế hoạch thực hiện công tác kết nghĩa, giúp đỡ các huyện, xã vùng đồng bào dân tộc thiểu số và miền núi còn khó khăn, xã biên giới đất liền tỉnh Quảng Nam giai đoạn 2020-2025',
  titleEn:
    'Twinning plan 2020–2025 for the districts and communes of the ethnic-minority and mountainous areas still in difficulty and the land-border communes of Quảng Nam',
  kind: ProgramKind.TWINNING,
  status: ProgramStatus.ISSUED,
  documentNumber: '1100/QĐ-UBND',
  issuedOn: '2020-04-16',
  issuer: 'Ủy ban nhân dân tỉnh Quảng Nam',
  signer: 'Trần Đình Tùng',
  signerTitle: 'TM. Ủy ban nhân dân, KT. Chủ tịch, Phó Chủ tịch',
  startYear: 2020,
  endYear: 2025,
  sourceNote: 'A Decision (Quyết định) issuing the plan; the plan is its Article 1, in force from signature.',
  legalBases: [
    { number: null, issuedOn: '2015-06-19', issuer: null, title: 'Luật Tổ chức Chính quyền địa phương ngày 19/6/2015', relation: 'căn cứ' },
    {
      number: '23-CT/TU',
      issuedOn: '2012-10-22',
      issuer: 'Ban Thường vụ Tỉnh ủy',
      title: 'về việc tiếp tục tăng cường công tác kết nghĩa giúp đỡ các xã miền núi đặc biệt khó khăn',
      relation: 'căn cứ',
    },
    {
      number: '137-KH/TU',
      issuedOn: '2018-02-27',
      issuer: 'Ban Thường vụ Tỉnh ủy',
      title: 'thực hiện Nghị quyết số 16-NQ/TW, ngày 10/10/2017 của Bộ Chính trị về phát triển kinh tế-xã hội các xã biên giới đất liền',
      relation: 'căn cứ',
    },
    {
      number: '16-NQ/TW',
      issuedOn: '2017-10-10',
      issuer: 'Bộ Chính trị',
      title: 'về phát triển kinh tế-xã hội các xã biên giới đất liền kết hợp với tăng cường củng cố, quốc phòng, an ninh, đối ngoại trên địa bàn tỉnh',
      relation: 'căn cứ',
    },
    {
      number: '630-TB/TU',
      issuedOn: '2019-10-24',
      issuer: 'Ban Thường vụ Tỉnh ủy',
      title: 'về kết luận của Thường trực Tỉnh ủy tại buổi làm việc với Ban Thường vụ Đảng ủy Bộ đội Biên phòng tỉnh ngày 16/10/2019',
      relation: 'thực hiện',
    },
    {
      number: '661-TB/TU',
      issuedOn: '2019-12-04',
      issuer: 'Ban Thường vụ Tỉnh ủy',
      title: 'về kết luận của đồng chí Lê Văn Dũng - Phó Bí thư Thường trực Tỉnh ủy tại buổi làm việc với Bộ Chỉ huy Bộ đội Biên phòng tỉnh ngày 26/11/2019',
      relation: 'thực hiện',
    },
    { number: '184/TTr-BDT', issuedOn: '2020-03-24', issuer: 'Trưởng Ban Dân tộc tỉnh', title: 'Tờ trình số 184/TTr-BDT ngày 24/3/2020', relation: 'theo đề nghị' },
  ],
  objectives: [
    'Nhằm phát động phong trào thi đua sâu rộng, hiệu quả, bền vững trong các cấp, các ngành, địa phương và nhân dân đối với công tác kết nghĩa, giúp đỡ các huyện, xã vùng đồng bào DTTS&MN còn khó khăn, xã biên giới đất liền giai đoạn 2020-2025; qua đó đề cao vai trò, trách nhiệm của người đứng đầu cấp ủy, chính quyền các cấp, các cơ quan, đơn vị trong lãnh đạo, chỉ đạo và tổ chức thực hiện hiệu quả các hoạt động kết nghĩa; tập trung huy động mọi nguồn lực hỗ trợ, hợp tác khai thác tiềm năng, lợi thế vùng, địa phương góp phần thúc đẩy phát triển nhanh, bền vững kinh tế, văn hóa, xã hội, an ninh, quốc phòng khu vực miền núi của tỉnh, nhất là các huyện, xã có đông đồng bào DTTS còn khó khăn, xã biên giới đất liền.',
  ],
  provisions: [
    {
      kind: ProvisionKind.REQUIREMENT,
      heading: 'Yêu cầu',
      reference: 'I.2',
      text: 'Hoạt động kết nghĩa phải đảm bảo nguyên tắc dân chủ, công khai, đúng pháp luật. Các nguồn lực hỗ trợ, đầu tư được quản lý, sử dụng có trọng tâm, trọng điểm đạt hiệu quả thiết thực, bền vững (giảm dần tặng quà); tạo điều kiện thuận lợi cho vùng DTTS&MN phát triển về mọi mặt, nhất là vùng đặc biệt khó khăn, vùng biên giới đất liền, hộ nghèo, nhóm hộ nghèo, hộ cận nghèo phát triển sinh kế, tăng thu nhập, tự vươn lên thoát nghèo bền vững.',
    },
    {
      kind: ProvisionKind.REQUIREMENT,
      heading: 'Yêu cầu',
      reference: 'I.2',
      text: 'Các bên được phân công kết nghĩa, đặc biệt là các huyện, xã miền núi được nhận kết nghĩa, là nơi đảm nhận thực hiện hơn 80% các công đoạn kết nghĩa (từ phối hợp, khảo sát, đề xuất nhu cầu, lập phương án, tổ chức triển khai công việc, sơ kết rút kinh nghiệm nhân rộng...) cần chú trọng bố trí, thành lập Tổ công tác kết nghĩa đủ năng lực, có phân công, phân nhiệm rõ ràng, có nội quy, quy chế hoạt động cụ thể và chịu trách nhiệm trước cấp ủy, chính quyền, thủ trưởng cơ quan, đơn vị đối với mọi hoạt động liên quan công tác kết nghĩa.',
    },
    {
      kind: ProvisionKind.SUPPORT_CONTENT,
      heading: 'Hỗ trợ, đầu tư phát triển kinh tế, xã hội',
      reference: 'II.1',
      text: 'Các bên kết nghĩa phối hợp, tập trung thu hút, mời gọi, kết nối với các doanh nghiệp, nhà đầu tư hợp tác khai thác tiềm năng, lợi thế, hỗ trợ, chia sẻ lợi ích với địa phương và người dân miền núi.',
    },
    {
      kind: ProvisionKind.SUPPORT_CONTENT,
      heading: 'Hỗ trợ, đầu tư phát triển kinh tế, xã hội',
      reference: 'II.1',
      text: 'Hỗ trợ thực hiện có hiệu quả các chương trình, chính sách, dự án đầu tư vùng DTTS&MN; giúp đỡ hoàn thành một số tiêu chí xây dựng nông thôn mới; khu dân cư nông thôn mới kiểu mẫu; bảo tồn và phát huy các giá trị văn hóa truyền thống; xây dựng và phát triển thương hiệu, chỉ dẫn địa lý, quảng bá, giới thiệu, kết nối tiêu thụ các sản phẩm vùng DTTS&MN gắn với phát triển du lịch cộng đồng, sinh thái.',
    },
    {
      kind: ProvisionKind.SUPPORT_CONTENT,
      heading: 'Hỗ trợ, đầu tư phát triển kinh tế, xã hội',
      reference: 'II.1',
      text: 'Giảm dần việc tặng quà, tập trung nguồn lực hỗ trợ tập huấn, hướng dẫn cách làm ăn, tổ chức sản xuất - kinh doanh, quản lý chi tiêu tiết kiệm phát triển kinh tế gia đình; theo đó hình thành các mô hình nhóm hộ, câu lạc bộ, tổ hợp tác, hợp tác xã để nhân ra diện rộng, cộng đồng hưởng lợi, giúp đồng bào vươn lên thoát nghèo bền vững.',
    },
    {
      kind: ProvisionKind.SUPPORT_CONTENT,
      heading: 'Hỗ trợ, đầu tư phát triển kinh tế, xã hội',
      reference: 'II.1',
      text: 'Hỗ trợ đào tạo nghề, giải quyết việc làm; công cụ, dụng cụ sản xuất; nhà sinh hoạt, nhà sàn truyền thống; hỗ trợ bảo tồn và phát huy các giá trị văn hóa truyền thống đồng bào DTTS; hỗ trợ vật tư thiết bị dạy và học; y tế; giao thông nông thôn, điện chiếu sáng đường quê, thủy lợi.',
    },
    {
      kind: ProvisionKind.SUPPORT_CONTENT,
      heading: 'Hỗ trợ xây dựng hệ thống chính trị vững mạnh, đảm bảo hoạt động hiệu quả',
      reference: 'II.2',
      text: 'Hỗ trợ xây dựng hệ thống chính trị vững mạnh, đảm bảo hoạt động hiệu quả, trong đó chú trọng hỗ trợ đào tạo, tập huấn, bồi dưỡng nâng cao năng lực quản lý, điều hành, các kỹ năng như: tuyên truyền, vận động, tham mưu, phối hợp, tổ chức thực hiện nhiệm vụ, xử lý tình huống cho đội ngũ cán bộ xã, thôn, người có uy tín; củng cố, kiện toàn các tổ chức chính trị - xã hội, lực lượng vũ trang nhân dân vững mạnh đảm bảo an ninh, quốc phòng, trật tự an toàn xã hội; hỗ trợ trang thiết bị phục vụ hoạt động xã, thôn.',
    },
    {
      kind: ProvisionKind.SUPPORT_CONTENT,
      heading: 'Hỗ trợ tuyên truyền vận động',
      reference: 'II.3',
      text: 'Tổ chức nhiều hoạt động tuyên truyền phong phú, đa dạng nhằm nâng cao hiểu biết về chủ trương, đường lối của Đảng, chính sách pháp luật của Nhà nước liên quan vùng DTTS&MN.',
    },
    {
      kind: ProvisionKind.SUPPORT_CONTENT,
      heading: 'Hỗ trợ tuyên truyền vận động',
      reference: 'II.3',
      text: 'Hỗ trợ xây dựng và củng cố đội ngũ báo cáo viên, tuyên truyên viên giỏi tuyến xã, thôn, chú trọng phát huy các Tổ Tiết kiệm - vay vốn; tạo dựng các mô hình nhóm hộ, câu lạc bộ tuyên truyền pháp luật tuyến thôn gắn với chuyển giao kiến thức khoa học, kỹ thuật, phát triển sản xuất - kinh doanh nâng cao mức sống, xóa bỏ những phong tục, tập quán lạc hậu.',
    },
    {
      kind: ProvisionKind.SUPPORT_CONTENT,
      heading: 'Hỗ trợ an sinh xã hội',
      reference: 'II.4',
      text: 'Khám, chữa bệnh, cấp phát thuốc; hỗ trợ việc học tập cho con em DTTS; xây nhà tình nghĩa, xóa nhà tạm, xây nhà vệ sinh; thăm, hỏi tặng quà gia đình chính sách neo đơn, gia đình có công cách mạng, đối tượng bảo trợ xã hội.',
    },
    {
      kind: ProvisionKind.REQUIREMENT,
      heading: 'Yêu cầu chung',
      reference: 'III.1',
      text: 'Có tổ chức giao lưu, kết nối, thu hút thêm các tổ chức, cá nhân, các nhà hảo tâm, doanh nghiệp, nhà đầu tư tham gia kết nghĩa, hỗ trợ, giúp đỡ vùng DTTS&MN.',
    },
    {
      kind: ProvisionKind.REQUIREMENT,
      heading: 'Yêu cầu chung',
      reference: 'III.1',
      text: 'Để đảm bảo công tác lãnh đạo, chỉ đạo, điều hành đạt mục tiêu đề ra; tất cả các văn bản liên quan thực hiện công tác kết nghĩa theo Kế hoạch này (gồm: kế hoạch, phân công, các báo cáo...), các cơ quan, đơn vị, địa phương công khai gửi các bên tham gia kết nghĩa và Ban Dân tộc tỉnh để theo dõi, tổng hợp báo cáo đề xuất UBND tỉnh, Tỉnh ủy.',
    },
    {
      kind: ProvisionKind.RATING,
      heading: 'Đánh giá xếp loại thi đua',
      reference: 'IV.1',
      text: 'Tất cả các cơ quan, đơn vị, địa phương miền núi được phân công tham gia kết nghĩa thực hiện đảm bảo các chỉ tiêu nêu tại điểm 1, điểm 2, mục III Kế hoạch này và có các yếu tố tích cực khác thì được đánh giá, xếp loại hoàn thành xuất sắc, tốt; còn lại thì tùy mức độ hoàn thành chỉ tiêu và xét các yếu tố khác, sẽ xếp loại khá, trung bình, yếu.',
    },
    {
      kind: ProvisionKind.RATING,
      heading: 'Đánh giá xếp loại thi đua',
      reference: 'IV.2',
      text: 'UBND tỉnh sẽ kiểm điểm, phê bình, không xem xét hoặc đề nghị, kiến nghị không xem xét thi đua đối với các cơ quan, đơn vị, địa phương không có chương trình, kế hoạch ký kết thực hiện hoặc có ký kết nhưng không thực hiện, không có báo cáo. Đồng thời khen thưởng kịp thời những cơ quan, đơn vị, địa phương có thành tích nỗi trội, xuất sắc trong công tác kết nghĩa.',
    },
    {
      kind: ProvisionKind.FUNDING,
      heading: 'Kinh phí thực hiện',
      reference: 'V',
      text: 'Từ nguồn lồng ghép, nguồn trong phạm vi quyết định của Sở, Ban, ngành, địa phương theo chức năng, nhiệm vụ được giao và đảm bảo quy định về tài chính hiện hành; các nguồn huy động đóng góp của cán bộ, công chức, viên chức, người lao động và nguồn huy động hợp pháp khác.',
    },
  ],
  coveredCommuneCodes: [],
  targets: [
    {
      indicator: 'POOR_HOUSEHOLDS_PER_10_STAFF',
      section: 'III.2.1.a',
      ...PERIOD,
      yearly: true,
      comparison: TargetComparison.AT_LEAST,
      value: '2',
      scope: DEPARTMENT,
      note: 'Bình quân 10 biên chế, nhận giúp đỡ ít nhất 02 hộ nghèo/năm',
    },
    {
      indicator: 'MODELS_PER_COMMUNE',
      section: 'III.2.1.a',
      ...PERIOD,
      yearly: true,
      comparison: TargetComparison.AT_LEAST,
      value: '1',
      scope: DEPARTMENT,
      note: 'Hằng năm hỗ trợ tổ chức tham quan học tập mô hình, gắn với hướng dẫn xây dựng, củng cố hoặc nhân rộng ít nhất 01 mô hình/xã/năm (nhóm hộ, CLB, tổ hợp tác...).',
    },
    {
      indicator: 'POOR_HOUSEHOLDS_HELPED',
      section: 'III.2.1.b',
      ...PERIOD,
      yearly: true,
      comparison: TargetComparison.AT_LEAST,
      value: '10',
      scope: LOWLAND,
      note: 'Các huyện, thị xã, thành phố đồng bằng mỗi năm giúp đỡ ít nhất 10 hộ nghèo trở lên/năm',
    },
    {
      indicator: 'SUPPORT_AMOUNT',
      section: 'III.2.1.b',
      ...PERIOD,
      yearly: true,
      comparison: TargetComparison.AT_LEAST,
      value: '200000000',
      scope: LOWLAND,
      note: 'hỗ trợ giúp đỡ ít nhất từ 200 triệu đồng/năm',
    },
    {
      indicator: 'MODELS_PER_COMMUNE',
      section: 'III.2.1.b',
      ...PERIOD,
      yearly: true,
      comparison: TargetComparison.AT_LEAST,
      value: '2',
      scope: LOWLAND,
      note: 'có tổ chức tham quan học tập mô hình gắn với hướng dẫn xây dựng hoặc nhân rộng ít nhất 02 mô hình/xã/năm (chú trọng ưu tiên hỗ trợ phát triển và nhân rộng mô hình sinh kế lâu dài, bền vững).',
    },
    {
      indicator: 'TWINNING_PLANS_SIGNED_RATE',
      section: 'III.2.1.c',
      ...PERIOD,
      yearly: true,
      comparison: TargetComparison.AT_LEAST,
      value: '100',
      scope: ASSIGNED,
      note: 'Trước ngày 31/3 hằng năm, 100% cơ quan, đơn vị chủ trì, phối hợp với bên được nhận kết nghĩa, tổ chức ký kết chương trình hoặc kế hoạch thực hiện công tác kết nghĩa',
    },
    {
      indicator: 'DISTRICT_TWINNING_PLAN_RATE',
      section: 'III.2.2.a',
      ...PERIOD,
      comparison: TargetComparison.AT_LEAST,
      value: '100',
      scope: { kind: TargetScopeKind.DISTRICT_GROUP, group: 'TWINNED_MOUNTAINOUS_DISTRICTS', label: TWINNED },
      note: '100% huyện có kế hoạch triển khai công tác kết nghĩa trên địa bàn quản lý; có văn bản phân công, phân nhiệm theo dõi, chỉ đạo phối hợp.',
    },
    {
      indicator: 'COMMUNE_TWINNING_PLAN_RATE',
      section: 'III.2.2.b',
      ...PERIOD,
      comparison: TargetComparison.AT_LEAST,
      value: '100',
      scope: { kind: TargetScopeKind.COMMUNE_GROUP, group: 'TWINNED_MOUNTAINOUS_COMMUNES', label: TWINNED },
      note: '100% xã có kế hoạch triển khai công tác kết nghĩa trên địa bàn quản lý; thành lập Tổ công tác kết nghĩa, có quy chế hoạt động, có phân công thực hiện tất cả các khâu công đoạn kết nghĩa theo hướng dẫn của Ban Dân tộc tỉnh.',
    },
    {
      indicator: 'NEEDS_PROPOSAL_RATE',
      section: 'III.2.2.c',
      ...PERIOD,
      yearly: true,
      comparison: TargetComparison.AT_LEAST,
      value: '100',
      scope: { kind: TargetScopeKind.DISTRICT_AND_COMMUNE_GROUP, group: 'TWINNED_MOUNTAINOUS_AREAS', label: TWINNED },
      note: 'Trước 28/02 hằng năm, 100% huyện, xã có kế hoạch hoặc báo cáo đề xuất nhu cầu gửi bên nhận kết nghĩa để nghiên cứu thực hiện và gửi Ban Dân tộc tỉnh theo dõi tổng hợp',
    },
  ],
  tasks: [
    {
      ref: 'III.2.1.c-1',
      title:
        'Trước ngày 31/3 hằng năm, 100% cơ quan, đơn vị chủ trì, phối hợp với bên được nhận kết nghĩa, tổ chức ký kết chương trình hoặc kế hoạch thực hiện công tác kết nghĩa',
      lead: 'cơ quan, đơn vị được phân công nhận kết nghĩa',
      coordinating: ['bên được nhận kết nghĩa'],
      due: { kind: DueKind.RULE, months: [3], day: 31, by: true, wording: 'Trước ngày 31/3 hằng năm' },
    },
    {
      ref: 'III.2.1.c-2',
      title:
        'cuối năm có báo cáo sơ kết và nhận xét đánh giá đối với địa phương miền núi được nhận kết nghĩa (các văn bản trên có gửi Ban Dân tộc).',
      lead: 'cơ quan, đơn vị được phân công nhận kết nghĩa',
      due: { kind: DueKind.RULE, months: [12], wording: 'cuối năm' },
    },
    {
      ref: 'III.2.2.c-1',
      title:
        'Trước 28/02 hằng năm, 100% huyện, xã có kế hoạch hoặc báo cáo đề xuất nhu cầu gửi bên nhận kết nghĩa để nghiên cứu thực hiện và gửi Ban Dân tộc tỉnh theo dõi tổng hợp',
      lead: TWINNED,
      due: { kind: DueKind.RULE, months: [2], day: 28, by: true, wording: 'Trước 28/02 hằng năm' },
    },
    {
      ref: 'III.2.2.c-2',
      title:
        'cuối năm có báo cáo kết quả và nhận xét đánh giá đối với cơ quan, đơn vị phân công nhận kết nghĩa, gửi UBND tỉnh (qua Ban Dân tộc tỉnh).',
      lead: TWINNED,
      due: { kind: DueKind.RULE, months: [12], wording: 'cuối năm' },
    },
    {
      ref: 'VI.1-1',
      title:
        'Là cơ quan thường trực, theo dõi tham mưu UBND tỉnh điều hành, điều phối, giải quyết những khó khăn, vướng mắc phát sinh của các bên kết nghĩa vượt thẩm quyền. Đồng thời chủ trì, làm đầu mối, theo dõi, khảo sát, kết nối, kiểm tra, tư vấn, hướng dẫn, đôn đốc, phối hợp giữa các bên trong quá trình triển khai thực hiện; hướng dẫn, tập huấn kỹ năng thực hiện các công đoạn kết nghĩa, nhất là cho các xã miền núi ĐBKK, xã biên giới đất liền.',
      lead: 'Ban Dân tộc tỉnh',
    },
    {
      ref: 'VI.1-2',
      title:
        'Theo dõi, tổng hợp, báo cáo, nhận xét đánh giá kết quả thực hiện công tác kết nghĩa, đề xuất UBND tỉnh đề nghị hoặc xem xét thi đua, kiểm điểm đối với các cơ quan, đơn vị, địa phương, tổ chức thuộc tỉnh, thuộc các khối thi đua của tỉnh.',
      lead: 'Ban Dân tộc tỉnh',
    },
    {
      ref: 'VI.1-3',
      title:
        'Tiếp tục rà soát, kết nối, mời gọi các tổ chức, cơ quan, đơn vị tham gia kết nghĩa hỗ trợ giúp đỡ xã đặc biệt khó khăn, xã biên giới của tỉnh.',
      lead: 'Ban Dân tộc tỉnh',
    },
    {
      ref: 'VI.2',
      title:
        'Đề nghị Bộ Chỉ huy Bộ đội Biên phòng tỉnh căn cứ: Thông báo số 630-TB/TU ngày 24/10/2019 kết luận của Thường trực Tỉnh ủy tại buổi làm việc với Ban Thường vụ Đảng ủy Bộ đội Biên phòng tỉnh; Thông báo số 661-TB/TU ngày 04/12/2019 của Tỉnh ủy về kết luận của đồng chí Lê Văn Dũng - Phó Bí thư Thường trực Tỉnh ủy tại buổi làm việc với Bộ Chỉ huy Bộ đội Biên phòng tỉnh; nội dung Kế hoạch này và Quyết định phân công kết nghĩa của UBND tỉnh; có trách nhiệm chủ trì, phối hợp với Ban Dân tộc tỉnh xây dựng chương trình, kế hoạch triển khai thực hiện, thường xuyên phối hợp chặt chẽ với cấp ủy, chính quyền các cấp và nhân dân trên địa bàn biên giới; tổ chức các hoạt động giao lưu, kết nối, theo dõi, kiểm tra, hướng dẫn công tác kết nghĩa giữa các huyện đồng bằng kết nghĩa với các xã biên giới thuộc 02 huyện Nam Giang, Tây Giang, đảm bảo đạt hiệu quả thiết thực, bền vững; báo cáo, đề xuất quá trình và kết quả thực hiện về UBND tỉnh (qua Ban Dân tộc tỉnh).',
      lead: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh',
      coordinating: ['Ban Dân tộc tỉnh'],
    },
    {
      ref: 'VI.3',
      title:
        'Chủ trì, phối hợp với Ban Dân tộc tỉnh tham mưu UBND tỉnh đề nghị hoặc xem xét thi đua khen thưởng, kiểm điểm, phê bình đối với cơ quan, đơn vị, địa phương được phân công tham gia kết nghĩa, thực hiện không nghiêm túc, qua loa, hình thức, hiệu quả đạt thấp.',
      lead: 'Sở Nội vụ (Ban Thi đua khen thưởng tỉnh)',
      coordinating: ['Ban Dân tộc tỉnh'],
    },
    {
      ref: 'VI.4-1',
      title:
        'Có chương trình, kế hoạch hoạt động cụ thể và tổ chức thực hiện đạt hiệu quả giai đoạn 2020-2025, đảm bảo gắn kết với nhiệm vụ chính trị và trách nhiệm người đứng đầu ở địa phương, đơn vị.',
      lead: DISTRICTS_6,
    },
    {
      ref: 'VI.4-2',
      title:
        'Tổ chức phổ biến, quán triệt sâu rộng để cán bộ, đảng viên và nhân dân hiểu rõ ý nghĩa nhân văn của công tác kết nghĩa, tạo sự đồng thuận, đồng hành hỗ trợ tạo điều kiện thuận lợi cho các bên tham gia kết nghĩa đạt hiệu quả.',
      lead: DISTRICTS_6,
    },
    {
      ref: 'VI.4-3',
      title:
        'Chỉ đạo, phân công Phòng Dân tộc huyện, UBND các xã chịu trách nhiệm chủ trì, làm đầu mối, tham mưu, quản lý, theo dõi, phối hợp thực hiện các hoạt động, các công đoạn kết nghĩa trên địa bàn; có kế hoạch tổ chức phân công các ban, ngành trực thuộc; các xã, thôn, cộng đồng làng, hộ, nhóm hộ, người có uy tín, ...thực hiện kết nghĩa, đoàn kết giúp đỡ nhau cùng phát triển; chủ động mời gọi, thu hút thêm các tổ chức, cá nhân, doanh nghiệp... tham gia kết nghĩa, cùng hợp tác, liên kết, đầu tư hỗ trợ chia sẻ lợi ích với địa phương và người dân.',
      lead: DISTRICTS_6,
      coordinating: ['Phòng Dân tộc huyện', 'UBND các xã'],
    },
    {
      ref: 'VI.4-4',
      title:
        'Tăng cường chỉ đạo, kiểm tra, định hướng, hướng dẫn, đôn đốc các xã có kế hoạch đề xuất, phối hợp, tổ chức thực hiện các công đoạn kết nghĩa đảm bảo đạt hiệu quả các chỉ tiêu của Kế hoạch này',
      lead: DISTRICTS_6,
    },
    {
      ref: 'VI.4-5',
      title:
        'hằng năm xem xét thi đua, kiểm điểm, đánh giá cơ quan, đơn vị, địa phương trực thuộc, báo cáo UBND tỉnh (qua Ban Dân tộc tỉnh).',
      lead: DISTRICTS_6,
      due: { kind: DueKind.RULE, intervalMonths: 12, wording: 'hằng năm' },
    },
    {
      ref: 'VI.5-1',
      title:
        'Xác định đây là nhiệm vụ chính trị có ý nghĩa nhân văn sâu sắc, cần tập trung phổ biến, quán triệt nâng cao nhận thức, trách nhiệm trong cán bộ, đảng viên, công chức, viên chức và người lao động của cơ quan, đơn vị đối với công tác kết nghĩa, nhằm tạo sự thống nhất, đồng thuận, tích cực tham gia đạt kết quả.',
      lead: 'Các cơ quan, đơn vị, địa phương nhận kết nghĩa với địa phương miền núi',
    },
    {
      ref: 'VI.5-2',
      title:
        'Thành lập Tổ công tác kết nghĩa, phân công theo dõi, tham mưu cho Lãnh đạo, Thủ trưởng cơ quan, đơn vị; chủ động phối hợp với địa phương miền núi khảo sát thực trạng, xây dựng ký kết chương trình, kế hoạch, tổ chức thực hiện và kiểm tra, báo cáo đánh giá kết quả, nhân rộng mô hình. (Chú ý: Chương trình, Kế hoạch thực hiện cần nêu rõ nội dung, địa điểm, đối tượng hưởng lợi, kinh phí, tiến độ thực hiện, giải pháp).',
      lead: 'Các cơ quan, đơn vị, địa phương nhận kết nghĩa với địa phương miền núi',
      coordinating: ['địa phương miền núi'],
    },
    {
      ref: 'Điều 2.1',
      title:
        'Yêu cầu các cơ quan, đơn vị, địa phương được phân công tham gia kết nghĩa, căn cứ chức năng, nhiệm vụ được giao và nội dung Kế hoạch này, bổ sung, xây dựng kế hoạch chi tiết hằng năm, tổ chức ký kết triển khai thực hiện, định kỳ hằng năm báo cáo kết quả thực hiện công tác kết nghĩa về UBND tỉnh (qua Ban Dân tộc tỉnh) để chỉ đạo kịp thời.',
      lead: 'các cơ quan, đơn vị, địa phương được phân công tham gia kết nghĩa',
      due: { kind: DueKind.RULE, intervalMonths: 12, wording: 'định kỳ hằng năm' },
    },
  ],
  funding: [],
};
