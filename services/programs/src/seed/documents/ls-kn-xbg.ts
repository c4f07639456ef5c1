import { DueKind, ProgramKind, ProgramStatus, ProvisionKind, TargetComparison, TargetScopeKind } from '../../common/enums.js';
import type { ProgramSeed } from '../types.js';

/** Seed 000 (Lạng Sơn): the programme twinning districts and enterprises with the 20 border communes. */
export const LS_KN_XBG: ProgramSeed = {
  tenant: 'lang-son',
  code: 'LS-KN-XBG',
  file: '000_b1ae1212e9077e41.txt',
  document: '000',
  title:
    'Chương trình kết nối các đơn vị hành chính cấp huyện, các doanh nghiệp, tập đoàn kinh tế kết nghĩa, hỗ trợ phát triển kinh tế - xã hội các xã biên giới tỉnh Lạng Sơn',
  titleEn:
    'Programme connecting district-level units, enterprises and economic groups to twin with and support the socio-economic development of the border communes of Lạng Sơn',
  kind: ProgramKind.TWINNING,
  status: ProgramStatus.ISSUED,
  documentNumber: null,
  issuedOn: null,
  issuer: 'Ủy ban nhân dân tỉnh Lạng Sơn',
  signer: 'Hồ Tiến Thiệu',
  signerTitle: 'KT. Chủ tịch, Phó Chủ tịch',
  startYear: 2018,
  endYear: 2020,
  sourceNote:
    'The copy carries no number and no date of issue. It implements Plan 433/KH-UBND of 31/10/2018, so its period is read as 2018 (that plan) to 2020 (its goal: “Phấn đấu đến năm 2020…”).',
  legalBases: [
    {
      number: '433/KH-UBND',
      issuedOn: '2018-10-31',
      issuer: 'UBND tỉnh',
      title: 'về thực hiện Nghị quyết số 20/NQ-CP ngày 26/7/2018 của Chính phủ và Chương trình hành động số 90-CTr/TU ngày 26/7/2018 của Ban Thường vụ Tỉnh ủy',
      relation: 'thực hiện',
    },
    {
      number: '20/NQ-CP',
      issuedOn: '2018-07-26',
      issuer: 'Chính phủ',
      title: 'Nghị quyết số 20/NQ-CP ngày 26/7/2018 của Chính phủ',
      relation: 'thực hiện',
      note: 'Seed 002 (KH 88/KH-UBND, III.1) dates the same resolution 17/8/2018; this document says 26/7/2018. The two copies disagree: the date here is this document’s.',
    },
    {
      number: '90-CTr/TU',
      issuedOn: '2018-07-26',
      issuer: 'Ban Thường vụ Tỉnh ủy',
      title: 'Chương trình hành động số 90-CTr/TU ngày 26/7/2018 của Ban Thường vụ Tỉnh ủy',
      relation: 'thực hiện',
    },
    {
      number: '16-NQ/TW',
      issuedOn: '2017-10-10',
      issuer: 'Bộ Chính trị',
      title: 'về phát triển kinh tế - xã hội các xã biên giới đất liền kết hợp với tăng cường và củng cố quốc phòng, an ninh, đối ngoại',
      relation: 'thực hiện',
    },
  ],
  objectives: [
    'Nhằm thực hiện kết nối các đơn vị hành chính cấp huyện (sau đây gọi là đơn vị), các doanh nghiệp, tập đoàn kinh tế (sau đây gọi là doanh nghiệp) kết nghĩa, hỗ trợ, đồng hành cùng các xã biên giới thực hiện xóa đói giảm nghèo, phát triển kinh tế - xã hội, xây dựng nông thôn mới và bảo đảm quốc phòng - an ninh. Phấn đấu đến năm 2020 mỗi xã biên giới của tỉnh có ít nhất 01 đơn vị, doanh nghiệp kết nghĩa, hỗ trợ.',
  ],
  provisions: [
    {
      kind: ProvisionKind.REQUIREMENT,
      heading: 'Yêu cầu',
      reference: 'I.2',
      text: 'Các hoạt động kết nghĩa phải bảo đảm nguyên tắc dân chủ, công khai, đúng pháp luật, đem lại hiệu quả thiết thực, bền vững; trên tinh thần trách nhiệm, tự nguyện, hợp tác, hỗ trợ cùng nhau khai thác tiềm năng, thế mạnh, chia sẻ lợi ích, đoàn kết giúp đỡ nhau cùng phát triển.',
    },
    {
      kind: ProvisionKind.REQUIREMENT,
      heading: 'Yêu cầu',
      reference: 'I.2',
      text: 'Phải tập trung nhân rộng các mô hình điển hình tiên tiến trong thực hiện công tác kết nghĩa, hỗ trợ; ưu tiên giúp đỡ, tạo điều kiện, cơ hội phát triển cho các hộ, nhóm hộ nghèo, cận nghèo, mới thoát nghèo có thêm việc làm, tăng thu nhập, tự vươn lên thoát nghèo bền vững.',
    },
    {
      kind: ProvisionKind.SUPPORT_CONTENT,
      heading: 'Hỗ trợ phát triển kinh tế - xã hội',
      reference: 'II.1.a',
      text: 'Hỗ trợ, giúp đỡ các hộ, nhóm hộ nghèo, cận nghèo, mới thoát nghèo cách thức tổ chức, quản lý sản xuất, kinh doanh; tập huấn, hướng dẫn chuyển giao khoa học - công nghệ, kỹ thuật, xây dựng và nhân rộng các mô hình sản xuất, hỗ trợ cung ứng giống, vật tư, xây dựng thương hiệu, giới thiệu, quảng bá, tiêu thụ sản phẩm; xây dựng các mô hình du lịch sinh thái, cộng đồng; đào tạo nghề, giới thiệu việc làm.',
    },
    {
      kind: ProvisionKind.SUPPORT_CONTENT,
      heading: 'Hỗ trợ phát triển kinh tế - xã hội',
      reference: 'II.1.a',
      text: 'Hỗ trợ nâng cấp, sửa chữa hoặc đầu tư mới trường học, cơ sở vật chất, thiết bị dạy học, các điều kiện học tập cho con em hộ nghèo; làm đường giao thông, thủy lợi, hệ thống cung cấp nước sạch; hệ thống chiếu sáng nông thôn, xóa nhà tạm; hỗ trợ xây dựng khu dân cư nông thôn kiểu mẫu; hỗ trợ xây dựng, bảo tồn, phát huy các giá trị văn hóa truyền thống các dân tộc, xây dựng mô hình điểm văn hóa; tuyên truyền phổ biến, giáo dục pháp luật; hỗ trợ y tế: Khám bệnh, chữa bệnh, đào tạo, bồi dưỡng đội ngũ y sỹ, bác sỹ…',
    },
    {
      kind: ProvisionKind.SUPPORT_CONTENT,
      heading: 'Hỗ trợ bảo đảm an sinh xã hội',
      reference: 'II.1.b',
      text: 'Tổ chức xây nhà tình nghĩa, nhận nuôi dưỡng, thăm hỏi, tặng quà động viên các đối tượng chính sách, người có công, hộ nghèo, hộ cận nghèo, hộ có hoàn cảnh khó khăn.',
    },
    {
      kind: ProvisionKind.SUPPORT_CONTENT,
      heading: 'Hỗ trợ, giúp đỡ khác',
      reference: 'II.1.c',
      text: 'Tùy điều kiện thực tế từng nơi, các đơn vị, doanh nghiệp chủ động phối hợp, vận dụng linh hoạt, sáng tạo các hình thức hỗ trợ khác cho phù hợp như: Lồng ghép hỗ trợ theo chương trình, dự án hoặc vận động, kêu gọi kết nối các tổ chức, cá nhân, đơn vị trực thuộc, các doanh nghiệp cùng tham gia kết nghĩa, hỗ trợ, liên kết, hợp tác cùng chia sẻ lợi ích với các xã biên giới.',
    },
    {
      kind: ProvisionKind.REQUIREMENT,
      heading: 'Các đơn vị, doanh nghiệp tham gia kết nghĩa, hỗ trợ',
      reference: 'II.2',
      text: 'Các đơn vị, doanh nghiệp tham gia kết nghĩa, hỗ trợ là các quận, huyện, thị xã, thành phố thuộc tỉnh, thành phố trực thuộc trung ương, các doanh nghiệp, tập đoàn kinh tế trong và ngoài tỉnh Lạng Sơn.',
    },
  ],
  // §II.3, in the document's order: Tràng Định (Quốc Khánh, Đội Cấn, Tân Minh, Đào Viên); Văn Lãng
  // (Trùng Khánh, Thụy Hùng, Thanh Long, Tân Thanh, Tân Mỹ); Cao Lộc (Bảo Lâm, Thanh Lòa, Cao Lâu,
  // Xuất Lễ, Mẫu Sơn); Lộc Bình (Mẫu Sơn, Yên Khoái, Tú Mịch, Tam Gia); Đình Lập (Bính Xá, Bắc Xa)
  coveredCommuneCodes: [
    '06004', '06025', '06028', '06043',
    '06127', '06136', '06148', '06166', '06172',
    '06190', '06193', '06196', '06202', '06238',
    '06532', '06541', '06547', '06559',
    '06622', '06619',
  ],
  targets: [
    {
      indicator: 'BORDER_COMMUNE_SPONSORS',
      section: 'I.1',
      year: 2020,
      comparison: TargetComparison.AT_LEAST,
      value: '1',
      scope: { kind: TargetScopeKind.COMMUNE_GROUP, group: 'BORDER_COMMUNES', label: '20 xã biên giới', size: 20 },
      note: 'Phấn đấu đến năm 2020 mỗi xã biên giới của tỉnh có ít nhất 01 đơn vị, doanh nghiệp kết nghĩa, hỗ trợ.',
    },
  ],
  tasks: [
    {
      ref: 'III.1-1',
      title:
        'Chủ trì, phối hợp với Hiệp hội Doanh nghiệp tỉnh, UBND các huyện biên giới, các cơ quan liên quan tổ chức rà soát, tiếp xúc, kết nối, vận động các đơn vị, doanh nghiệp trong và ngoài tỉnh tham gia kết nghĩa, hỗ trợ phát triển kinh tế - xã hội các xã biên giới trên địa bàn tỉnh.',
      lead: 'Sở Kế hoạch và Đầu tư',
      coordinating: ['Hiệp hội Doanh nghiệp tỉnh', 'UBND các huyện biên giới', 'các cơ quan liên quan'],
    },
    {
      ref: 'III.1-2',
      title: 'Thường xuyên kiểm tra, đôn đốc, đánh giá kết quả thực hiện',
      lead: 'Sở Kế hoạch và Đầu tư',
      due: { kind: DueKind.ONGOING, wording: 'Thường xuyên' },
    },
    {
      ref: 'III.1-3',
      title:
        'Hằng năm tổ chức tổng kết rút kinh nghiệm, biểu dương khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong thực hiện Chương trình này.',
      lead: 'Sở Kế hoạch và Đầu tư',
      due: { kind: DueKind.RULE, intervalMonths: 12, wording: 'hằng năm' },
    },
    {
      ref: 'III.2-1',
      title:
        'Phổ biến, tuyên truyền sâu rộng đến các doanh nghiệp thành viên về mục đích, ý nghĩa, nội dung Chương trình này; vận động các doanh nghiệp, doanh nhân đăng ký tham gia.',
      lead: 'Hiệp hội Doanh nghiệp tỉnh',
    },
    {
      ref: 'III.2-2',
      title:
        'Phối hợp với Sở Kế hoạch và Đầu tư, UBND các huyện biên giới tổ chức tiếp xúc, kết nối với các doanh nghiệp để vận động kết nghĩa, hỗ trợ các xã biên giới.',
      lead: 'Hiệp hội Doanh nghiệp tỉnh',
      coordinating: ['Sở Kế hoạch và Đầu tư', 'UBND các huyện biên giới'],
    },
    {
      ref: 'III.3-1',
      title:
        'Lãnh đạo, chỉ đạo, tổ chức tuyên truyền, vận động sâu rộng trong cán bộ, công chức, viên chức, đảng viên và nhân dân trên địa bàn hiểu rõ ý nghĩa công tác kết nghĩa, hỗ trợ phát triển kinh tế - xã hội các xã biên giới; không trông chờ, ỷ lại, chủ động phát huy nội lực, tích cực tham gia thực hiện hiệu quả công tác này.',
      lead: 'UBND các huyện: Tràng Định, Văn Lãng, Cao Lộc, Lộc Bình, Đình Lập',
    },
    {
      ref: 'III.3-2',
      title:
        'Chủ động tiếp cận, vận động các đơn vị, doanh nghiệp trong tỉnh, các tỉnh, thành phố trong cả nước; phối hợp với Hiệp hội Doanh nghiệp tỉnh vận động các doanh nghiệp, đặc biệt là các doanh nghiệp đang hoạt động sản xuất kinh doanh trên địa bàn huyện tham gia kết nghĩa, hỗ trợ các xã biên giới thuộc địa bàn quản lý.',
      lead: 'UBND các huyện: Tràng Định, Văn Lãng, Cao Lộc, Lộc Bình, Đình Lập',
      coordinating: ['Hiệp hội Doanh nghiệp tỉnh'],
    },
    {
      ref: 'III.3-3',
      title:
        'Chủ động phối hợp, hỗ trợ tạo điều kiện thuận lợi, đồng hành với các đơn vị, doanh nghiệp tham gia kết nghĩa, hỗ trợ; cùng các đơn vị, doanh nghiệp khảo sát, ký kết chương trình, kế hoạch hợp tác hỗ trợ xã biên giới; phân công các cá nhân, đơn vị trực thuộc tham mưu thực hiện, theo dõi, kiểm tra, giám sát, sơ kết, tổng kết và chủ động tháo gỡ kịp thời những khó khăn, vướng mắc phát sinh trong quá trình tổ chức thực hiện.',
      lead: 'UBND các huyện: Tràng Định, Văn Lãng, Cao Lộc, Lộc Bình, Đình Lập',
    },
    {
      ref: 'III.4',
      title:
        'Các cơ quan thông tin đại chúng tăng cường thông tin, tuyên truyền những gương người tốt, việc tốt, các mô hình hay, cách làm hiệu quả để nhân rộng.',
      lead: 'Các cơ quan thông tin đại chúng',
    },
    {
      ref: 'IV.1',
      title:
        'Giao Sở Kế hoạch và Đầu tư là cơ quan đầu mối triển khai thực hiện Chương trình này; có trách nhiệm theo dõi, kiểm tra, đôn đốc thực hiện; đề xuất UBND tỉnh khen thưởng những tập thể, cá nhân có thành tích xuất sắc trong công tác kết nghĩa, hỗ trợ các xã biên giới.',
      lead: 'Sở Kế hoạch và Đầu tư',
    },
    {
      ref: 'IV.2',
      title:
        'Các sở, ban, ngành, UBND các huyện, thành phố căn cứ chương trình này có trách nhiệm tham gia tuyên truyền, vận động các đơn vị, doanh nghiệp kết nghĩa, hỗ trợ phát triển kinh tế - xã hội các xã biên giới theo lĩnh vực, địa bàn được phân công; UBND các huyện, thành phố có chương trình, kế hoạch cụ thể thực hiện kết nghĩa, hỗ trợ các xã biên giới trên địa bàn tỉnh.',
      lead: 'Các sở, ban, ngành, UBND các huyện, thành phố',
    },
    {
      ref: 'IV.3',
      title:
        'UBND các huyện biên giới định kỳ 6 tháng báo cáo kết quả thực hiện Chương trình về Sở Kế hoạch và Đầu tư để tổng hợp báo cáo UBND tỉnh.',
      lead: 'UBND các huyện biên giới',
      due: { kind: DueKind.RULE, intervalMonths: 6, wording: 'định kỳ 6 tháng' },
    },
  ],
  funding: [],
};
