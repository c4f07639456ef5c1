import { provenance, SOURCE_DOCUMENTS } from '@kn/platform';
import { DueKind, ProgramKind, ProgramStatus, ProvisionKind, TargetComparison, TargetScopeKind } from '../../common/enums.js';
import type { ProgramSeed } from '../types.js';

/** The 19 agencies of §III, by their number in the document. */
const AGENCY: Record<number, string> = {
  1: 'Sở Kế hoạch và Đầu tư',
  2: 'Sở Tài chính',
  3: 'Sở Nông nghiệp và Phát triển nông thôn',
  4: 'Sở Công Thương',
  5: 'Sở Giao thông vận tải',
  6: 'Sở Thông tin và Truyền thông',
  7: 'Sở Tài nguyên và Môi trường',
  8: 'Sở Khoa học và Công nghệ',
  9: 'Sở Giáo dục và Đào tạo',
  10: 'Sở Y tế',
  11: 'Sở Văn hóa, Thể thao và Du lịch',
  12: 'Sở Lao động - Thương binh và Xã hội',
  13: 'Sở Nội vụ',
  14: 'Sở Ngoại vụ',
  15: 'Ban Dân tộc tỉnh',
  16: 'Bộ Chỉ huy Quân sự tỉnh, Bộ Chỉ huy Bộ đội biên phòng tỉnh',
  17: 'Công an tỉnh',
  18: 'Ngân hàng Chính sách xã hội tỉnh',
  19: 'UBND các huyện biên giới',
};

/**
 * Seed 002 (Lạng Sơn): Plan 88/KH-UBND of 22/4/2022 implementing Government Resolution 23/NQ-CP on
 * the economy of the land-border area. One task per bullet of §III (50 tasks of 19 agencies), and the
 * two reporting duties of §IV: every agency reports by 15 November, the Department of Planning and
 * Investment reports to the province in December.
 */
export const LS_88_2022: ProgramSeed = {
  tenant: 'lang-son',
  code: 'LS-88-2022',
  file: '002_f301ac1f17e4c108.txt',
  document: '002',
  title:
    'Kế hoạch thực hiện Nghị quyết số 23/NQ-CP ngày 02/3/2022 của Chính phủ về phát triển kinh tế khu vực biên giới đất liền trên địa bàn tỉnh Lạng Sơn',
  titleEn: 'Plan implementing Government Resolution 23/NQ-CP of 2 March 2022 on the economy of the land-border area of Lạng Sơn',
  kind: ProgramKind.BORDER_ECONOMY,
  status: ProgramStatus.ISSUED,
  documentNumber: '88/KH-UBND',
  issuedOn: '2022-04-22',
  issuer: 'Ủy ban nhân dân tỉnh Lạng Sơn',
  signer: 'Hồ Tiến Thiệu',
  signerTitle: 'TM. Ủy ban nhân dân, Chủ tịch',
  startYear: 2022,
  endYear: null,
  sourceNote: 'The plan sets no end year: its duties recur “hằng năm” (every year) until replaced.',
  legalBases: [
    {
      number: '23/NQ-CP',
      issuedOn: '2022-03-02',
      issuer: 'Chính phủ',
      title: 'về phát triển kinh tế khu vực biên giới đất liền',
      relation: 'triển khai',
    },
  ],
  objectives: [
    'Quán triệt, triển khai đồng bộ các nội dung và cụ thể hóa các nhiệm vụ, giải pháp tại Nghị quyết số 23/NQ-CP ngày 02/3/2022 của Chính phủ về phát triển kinh tế khu vực biên giới đất liền, nhằm phát triển đồng bộ, toàn diện kinh tế - xã hội khu vực biên giới của tỉnh (bao gồm 05 huyện, 21 xã, thị trấn biên giới), thu hẹp khoảng cách chênh lệch giữa các xã, huyện và thành phố; phân công trách nhiệm cụ thể cho từng cơ quan, đơn vị trong việc triển khai thực hiện, bảo đảm thiết thực, hiệu quả.',
    'Phát triển bền vững kinh tế - xã hội khu vực biên giới của tỉnh gắn với tạo việc làm, tăng thu nhập; bảo đảm an sinh xã hội, nâng cao phúc lợi xã hội; giảm nghèo bền vững, thu hẹp chênh lệch giữa các huyện, xã trên địa bàn tỉnh; cải thiện rõ rệt và nâng cao chất lượng đời sống, tinh thần và sức khỏe của Nhân dân.',
    'Tập trung triển khai, từng bước hoàn thiện hệ thống kết cấu hạ tầng kinh tế - xã hội tại các khu vực biên giới toàn diện, đồng bộ, liên thông, quan tâm đầu tư các tuyến đường giao thông ra biên giới và kết nối hệ thống các cửa khẩu. Phát huy tiềm năng, lợi thế đặc thù, khác biệt của khu vực biên giới để phát triển các lĩnh vực kinh tế, nhất là du lịch, thương mại biên giới, thu hút đầu tư, tổ chức lại sản xuất phù hợp, hiệu quả. Thúc đẩy ứng dụng và chuyển giao công nghệ, chuyển đổi số để phục vụ cho việc phát triển các lĩnh vực trong đời sống kinh tế - xã hội cho người dân khu vực biên giới.',
    'Phát triển toàn diện y tế, giáo dục và đào tạo, gìn giữ, phát huy giá trị bản sắc văn hóa tốt đẹp, tinh thần tự lực, ý chí chủ động vươn lên thoát nghèo, làm giàu chính đáng và nguồn lực nội sinh của đồng bào dân tộc thiểu số khu vực biên giới của tỉnh. Sắp xếp đồng bộ dân cư, giải quyết dứt điểm nhu cầu cấp thiết về nhà ở, đất ở, đất sản xuất, nước sinh hoạt, việc làm cho đồng bào dân tộc thiểu số nghèo, khó khăn ở khu vực biên giới.',
    'Tiếp tục xây dựng hệ thống chính trị ở cơ sở trong sạch, vững mạnh, tăng cường khối đại đoàn kết toàn dân tộc, củng cố và giữ vững niềm tin của đồng bào các dân tộc với Đảng, chính quyền; bảo đảm vững chắc quốc phòng - an ninh vùng biên giới; đoàn kết, hợp tác, xây dựng biên giới hòa bình, hữu nghị, cùng phát triển với Khu tự trị dân tộc Choang, Quảng Tây, Trung Quốc.',
  ],
  provisions: [
    {
      kind: ProvisionKind.REQUIREMENT,
      heading: 'Yêu cầu',
      reference: 'I.2',
      text: 'Tổ chức thực hiện Kế hoạch có hiệu quả, phù hợp với yêu cầu thực tiễn. Các sở, ban, ngành và UBND các huyện, thành phố, nhất là các huyện biên giới cần xác định rõ nhiệm vụ của các cơ quan, đơn vị trong triển khai, thực hiện. Đẩy mạnh công tác phối hợp đồng bộ, thường xuyên, linh hoạt giữa các ngành, các cấp. Gắn việc tổ chức thực hiện các nội dung, nhiệm vụ Kế hoạch này với việc thực hiện các chương trình, kế hoạch về phát triển kinh tế - xã hội tỉnh Lạng Sơn.',
    },
    ...[
      'Xây dựng các cơ chế, chính sách phát triển kinh tế khu vực biên giới;',
      'Huy động, sử dụng nguồn lực, thu hút nguồn lực phát triển kinh tế khu vực biên giới;',
      'Phát triển kết cấu hạ tầng khu vực biên giới;',
      'Phát triển sản xuất khu vực biên giới;',
      'Thực hiện tốt công tác quốc phòng - an ninh, bảo đảm an sinh, nâng cao phúc lợi xã hội, giảm nghèo bền vững ở khu vực biên giới.',
    ].map((text) => ({ kind: ProvisionKind.REQUIREMENT, heading: 'Nhiệm vụ trọng tâm', reference: 'II.2', text })),
  ],
  coveredCommuneCodes: [],
  targets: [
    {
      // III.10 (Sở Y tế): "duy trì 100% trạm y tế xã khu vực biên giới đều có bác sĩ" — a target, yearly while the plan runs
      indicator: 'BORDER_HEALTH_STATIONS_WITH_DOCTOR_RATE',
      section: 'III.10',
      startYear: 2022,
      endYear: 2030,
      yearly: true,
      comparison: TargetComparison.AT_LEAST,
      value: '100',
      scope: { kind: TargetScopeKind.COMMUNE_GROUP, group: 'BORDER_COMMUNES', label: 'trạm y tế xã khu vực biên giới' },
      note: 'duy trì 100% trạm y tế xã khu vực biên giới đều có bác sĩ',
      provenance: provenance.interpretation(
        SOURCE_DOCUMENTS['002'],
        'III.10',
        'duy trì 100% trạm y tế xã khu vực biên giới đều có bác sĩ',
        'A target of every year the plan runs; the plan sets no end year, so 2030 is a horizon the province must confirm.',
      ),
    },
  ],
  tasks: [
    {
      ref: 'III.1-1',
      title:
        'Tiếp tục chủ trì, phối hợp với các sở, ban, ngành, UBND các huyện, thành phố tổ chức thực hiện có hiệu quả Chương trình hành động số 90-CTr/TU, ngày 26/7/2018 của Ban Thường vụ Tỉnh ủy, Kế hoạch số 433/KH-UBND ngày 31/10/2018 của UBND tỉnh thực hiện Nghị quyết số 20/NQ-CP, ngày 17/8/2018 của Chính phủ và Chương trình hành động số 90-CTr/TU, ngày 26/7/2018 của Ban Thường vụ Tỉnh ủy thực hiện Nghị quyết số 16-NQ/TW, ngày 10/10/2017 của Bộ Chính trị về phát triển kinh tế - xã hội các xã biên giới đất liền kết hợp với tăng cường và củng cố quốc phòng, an ninh, đối ngoại.',
      lead: AGENCY[1]!,
      coordinating: ['các sở, ban, ngành', 'UBND các huyện, thành phố'],
    },
    {
      ref: 'III.1-2',
      title:
        'Chủ trì, phối hợp với Sở Tài chính, Sở Ngoại vụ và cơ quan, đơn vị có liên quan nghiên cứu, đề xuất Bộ Kế hoạch và Đầu tư thu hút nguồn vốn hỗ trợ phát triển chính thức (ODA) và vốn vay ưu đãi của các nhà tài trợ nước ngoài đối với các dự án đầu tư phát triển cơ sở hạ tầng cho khu vực biên giới của tỉnh.',
      lead: AGENCY[1]!,
      coordinating: ['Sở Tài chính', 'Sở Ngoại vụ', 'cơ quan, đơn vị có liên quan'],
    },
    {
      ref: 'III.1-3',
      title:
        'Huy động và sử dụng có hiệu quả nguồn vốn đầu tư công để đầu tư cơ sở hạ tầng thiết yếu, phục vụ sản xuất, đời sống, nhất là phát triển hệ thống hạ tầng giao thông kết nối từ vùng kinh tế phát triển tới vùng khó khăn. Phối hợp với các sở ngành liên quan tham mưu cơ chế lồng ghép nguồn vốn thuộc các chương trình mục tiêu quốc gia, vốn thuộc Chương trình phục hồi và phát triển kinh tế xã hội và các nguồn vốn khác; tập trung bố trí vốn đầu tư cho các dự án cấp thiết, có tính chất liên kết vùng, có tính lan tỏa tác động đến phát triển kinh tế - xã hội.',
      lead: AGENCY[1]!,
      coordinating: ['các sở ngành liên quan'],
    },
    {
      ref: 'III.1-4',
      title:
        'Nghiên cứu, hướng dẫn thực hiện các chính sách ưu đãi, hỗ trợ đầu tư; tăng cường công tác xúc tiến đầu tư, thu hút vốn đầu tư trong và ngoài nước, vốn viện trợ và vốn vay ưu đãi cho các dự án xây dựng, phát triển cơ sở hạ tầng, logistics, công nghiệp, du lịch, đô thị… tại khu vực biên giới.',
      lead: AGENCY[1]!,
    },
    {
      ref: 'III.1-5',
      title:
        'Chủ trì, phối hợp với cơ quan liên quan tiếp tục rà soát, đề xuất cấp có thẩm quyền xem xét việc mở rộng các hành lang kinh tế xuyên quốc gia đến các địa phương có biên giới đường bộ chưa nằm trên các hành lang kinh tế hiện hữu, bao gồm cả tạo lập hành lang kinh tế mới nhằm thúc đẩy sự phát triển, kết nối các khu kinh tế cửa khẩu trọng điểm với nhau và với các khu vực phát triển khác như cảng biển, đô thị lớn để tích hợp vào quy hoạch tổng thể của tỉnh, vùng, quốc gia.',
      lead: AGENCY[1]!,
      coordinating: ['cơ quan liên quan'],
    },
    {
      ref: 'III.2-1',
      title:
        'Nghiên cứu, hướng dẫn thực hiện chính sách ưu đãi thuế, phí, lệ phí đối với hàng hóa xuất, nhập khẩu, tạo điều kiện thông quan hàng hóa, phát triển kinh tế khu vực biên giới; tham mưu ban hành và thực hiện có hiệu quả các cơ chế, chính sách hiện hành thuộc lĩnh vực quốc phòng, an ninh, ưu tiên các xã, huyện biên giới nhằm đảm bảo an sinh xã hội, góp phần xây dựng khu vực phòng thủ vững chắc trong tình hình mới.',
      lead: AGENCY[2]!,
    },
    {
      ref: 'III.2-2',
      title:
        'Chủ trì, phối hợp với các sở ngành liên quan tham mưu bố trí nguồn ngân sách địa phương, lồng ghép với các nguồn vốn chương trình mục tiêu quốc gia, các chương trình, chính sách hiện hành để thực hiện công tác bảo đảm quốc phòng - an ninh, an sinh xã hội, nâng cao phúc lợi xã hội, giảm nghèo bền vững khu vực biên giới.',
      lead: AGENCY[2]!,
      coordinating: ['các sở ngành liên quan'],
    },
    {
      ref: 'III.3-1',
      title:
        'Triển khai hiệu quả Nghị quyết số 06-NQ/TU của Ban Thường vụ Tỉnh ủy về xây dựng và phát triển vùng sản xuất hàng hóa tập trung gắn với chuỗi liên kết sản xuất, tiêu thụ sản phẩm, xây dựng thương hiệu trong lĩnh vực nông nghiệp, giai đoạn 2020-2030; Nghị quyết số 30-NQ/TU của Ban Chấp hành Đảng bộ tỉnh về Phát triển lâm nghiệp bền vững tỉnh Lạng Sơn giai đoạn 2021 - 2030; Nghị quyết số 08/2019/NQ-HĐND và Nghị quyết số 15/2021/NQ-HĐND của HĐND tỉnh về chính sách đặc thù về khuyến khích đầu tư, phát triển hợp tác, liên kết sản xuất và tiêu thụ sản phẩm nông nghiệp, nông thôn trên địa bàn tỉnh; trong đó tập trung phát triển đa dạng các mô hình sản xuất có sự tham gia của các hộ dân tộc thiểu số, hộ nghèo, hộ cận nghèo tại các khu vực biên giới.',
      lead: AGENCY[3]!,
    },
    {
      ref: 'III.3-2',
      title:
        'Khai thác tối đa tiềm năng, lợi thế về đất đai, khí hậu, điều kiện tự nhiên của từng địa bàn để xây dựng các vùng sản xuất tập trung các sản phẩm chủ lực, gắn với thực hiện có hiệu quả Chương trình mỗi xã một sản phẩm (OCOP); đẩy mạnh ứng dụng khoa học - công nghệ vào sản xuất, chuyển đổi cơ cấu cây trồng theo hướng tăng diện tích trồng các cây có giá trị kinh tế cao, phát triển sản xuất theo chuỗi giá trị; Phát triển chăn nuôi theo hướng gia trại, trang trại tập trung bảo đảm an toàn sinh học, gắn với các cơ sở giết mổ, chế biến tập trung; khai thác tối đa diện tích mặt nước sẵn có, nâng cao hiệu quả nuôi thủy sản, mở rộng diện tích nuôi và phát triển nuôi thâm canh, lồng bè.',
      lead: AGENCY[3]!,
    },
    {
      ref: 'III.3-3',
      title:
        'Tiếp tục phát huy tiềm năng, lợi thế của kinh tế đồi rừng, nâng cao năng suất, chất lượng rừng, tăng giá trị rừng sản xuất theo hướng thâm canh rừng gỗ lớn, phát triển trồng cây dược liệu dưới tán rừng; tăng cường công tác bảo vệ rừng, phòng chống cháy rừng; bảo vệ nghiêm ngặt rừng tự nhiên. Tập trung triển khai có hiệu quả Đề án phát triển lâm nghiệp bền vững tỉnh Lạng Sơn đến năm 2030.',
      lead: AGENCY[3]!,
    },
    {
      ref: 'III.3-4',
      title:
        'Chỉ đạo tập trung thực hiện Chương trình xây dựng nông thôn mới gắn với tái cơ cấu ngành nông nghiệp. Tập trung huy động tối đa các nguồn lực, lồng ghép nguồn vốn các Chương trình mục tiêu quốc gia, đầu tư xây dựng cơ sở hạ tầng nhằm hoàn chỉnh hệ thống hạ tầng phục vụ sản xuất.',
      lead: AGENCY[3]!,
    },
    {
      ref: 'III.4-1',
      title:
        'Tập trung tham mưu triển khai Nghị quyết số 36-NQ/TU ngày 25/6/2021 của Ban Thường vụ Tỉnh ủy về phát triển thương mại, dịch vụ tỉnh Lạng Sơn đến năm 2025, định hướng đến năm 2030; các Quyết định của Thủ tướng Chính phủ: Quyết định số 1162/QĐ-TTg ngày 13/7/2021 phê duyệt Chương trình phát triển thương mại miền núi, vùng sâu, vùng xa và hải đảo giai đoạn 2021-2025; Quyết định số 1163/QĐ-TTg ngày 13/7/2021 phê duyệt Chiến lược Phát triển thương mại trong nước giai đoạn đến năm 2030, tầm nhìn đến năm 2045; Quyết định số 259/QĐ-TTg ngày 25/02/2021 phê duyệt Chương trình phát triển hạ tầng thương mại biên giới Việt Nam đến năm 2025, tầm nhìn đến năm 2030.',
      lead: AGENCY[4]!,
    },
    {
      ref: 'III.4-2',
      title:
        'Tiếp tục khai thác có hiệu quả hạ tầng thương mại, biên giới hiện có như các Trung tâm thương mại tại các cửa khẩu, chợ nông thôn tại khu vực biên giới, quan tâm thu hút đầu tư các cụm công nghiệp địa bàn các huyện biên giới.',
      lead: AGENCY[4]!,
    },
    {
      ref: 'III.4-3',
      title:
        'Thường xuyên nắm bắt tình hình, theo dõi chặt chẽ các hoạt động và chính sách kinh tế, thương mại biên giới, nhất là chính sách biên mậu của Trung Quốc để đánh giá tác động, có giải pháp ứng phó phù hợp nhằm hạn chế tác động tiêu cực đến lợi ích kinh tế và an ninh quốc gia, tạo thuận lợi cho hoạt động sản xuất kinh doanh, hoạt động xuất nhập khẩu; thu hút các doanh nghiệp xuất nhập khẩu qua các cửa khẩu trên địa bàn tỉnh, qua đó góp phần tăng trưởng kim ngạch xuất nhập khẩu của tỉnh Lạng Sơn.',
      lead: AGENCY[4]!,
      due: { kind: DueKind.ONGOING, wording: 'Thường xuyên' },
    },
    {
      ref: 'III.5-1',
      title:
        'Tham mưu UBND tỉnh tranh thủ tối đa các nguồn vốn hỗ trợ phát triển chính thức (ODA), các chương trình, dự án đầu tư của trung ương, đồng thời tiếp tục tập trung huy động mọi nguồn lực xã hội và các thành phần kinh tế tham gia đầu tư phát triển cơ sở hạ tầng giao thông có tính liên kết vùng, liên kết tỉnh, các tuyến giao thông kết nối khu vực biên giới, cửa khẩu đáp ứng yêu cầu phát triển kinh tế - xã hội của tỉnh.',
      lead: AGENCY[5]!,
    },
    {
      ref: 'III.5-2',
      title:
        'Tham mưu đẩy nhanh hoàn thành các dự án đầu tư hạ tầng giao thông trọng điểm trên địa bàn tỉnh như: dự án thành phần 2 (đoạn Hữu Nghị - Chi Lăng) thuộc Dự án tuyến cao tốc Bắc Giang - Lạng Sơn bao gồm tuyến kết nối với cửa khẩu Tân Thanh và cửa khẩu Cốc Nam; cải tạo nâng cấp QL.4B (đoạn Km3 700 đến Km18); dự án Nâng cấp đoạn Km18-Km80, Quốc lộ 4B, tỉnh Lạng Sơn; dự án Đường Trung Thành - Tân Minh - Đấu nối đường tuần tra biên giới huyện Tràng Định; dự án Cải tạo, nâng cấp đường Cao Lộc - Ba Sơn (ĐH.28), huyện Cao Lộc… phối hợp hoàn thành thủ tục đầu tư tuyến cao tốc Đồng Đăng - Trà Lĩnh. Tiếp tục nghiên cứu, đề xuất đầu tư hạ tầng giao thông theo định hướng quy hoạch, có sức lan tỏa cao, kết nối các vùng kinh tế trọng điểm của tỉnh, khu vực biên giới, cửa khẩu',
      lead: AGENCY[5]!,
    },
    {
      ref: 'III.5-3',
      title:
        'Tiếp tục triển khai có hiệu quả Đề án phát triển giao thông nông thôn giai đoạn 2021 - 2025, từng bước đồng bộ hệ thống mạng lưới giao thông từ đường tỉnh, đường huyện kết nối đến từng thôn bản, khu vực biên giới, cửa khẩu.',
      lead: AGENCY[5]!,
    },
    {
      ref: 'III.6-1',
      title:
        'Tham mưu, nghiên cứu chính sách, tăng cường phối hợp để tạo thuận lợi cho doanh nghiệp viễn thông sử dụng đất và xây dựng các công trình hạ tầng kỹ thuật viễn thông thụ động; quản lý và tổ chức thực hiện thúc đẩy sử dụng chung hạ tầng kỹ thuật liên ngành giữa viễn thông và các ngành, lĩnh vực hạ tầng kỹ thuật khác. Chủ trì đề xuất các giải pháp khuyến khích ưu tiên đầu tư hạ tầng thông tin - truyền thông tại khu vực biên giới.',
      lead: AGENCY[6]!,
    },
    {
      ref: 'III.6-2',
      title:
        'Tập trung ưu tiên hỗ trợ dịch vụ viễn thông băng thông rộng, phủ sóng điện thoại di động và cố định cho vùng biên giới, gắn phát triển dịch vụ viễn thông với nhiệm vụ bảo vệ vững chắc chủ quyền quốc gia, phát triển kinh tế - xã hội, hỗ trợ tuyên truyền phổ biến kiến thức để đổi mới phương thức sản xuất, canh tác nông nghiệp và nâng cao đời sống Nhân dân.',
      lead: AGENCY[6]!,
    },
    {
      ref: 'III.7-1',
      title:
        'Tham mưu UBND tỉnh phối hợp với Bộ Tài nguyên và Môi trường triển khai thực hiện các nhiệm vụ của tỉnh thực hiện Quyết định số 101/QĐ-TTg ngày 26/12/2019 của Thủ tướng Chính phủ phê duyệt Đề án hoàn chỉnh việc đo đạc, lập hồ sơ địa chính, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất, xây dựng cơ sở dữ liệu đất đai cho các huyện biên giới.',
      lead: AGENCY[7]!,
      coordinating: ['Bộ Tài nguyên và Môi trường'],
    },
    {
      ref: 'III.7-2',
      title:
        'Chủ trì, phối hợp với các cơ quan, đơn vị liên quan xây dựng và triển khai thực hiện Đề án xây dựng, cập nhật cơ sở dữ liệu nền địa lý và thành lập hệ thống bản đồ địa hình quốc gia tỷ lệ 1:2.000, tỷ lệ 1:5.000 các khu vực đô thị, khu vực phát triển đô thị, khu chức năng đặc thù, khu cần lập quy hoạch phân khu và quy hoạch nông thôn mới đối với phần đất liền, khu vực cửa sông thuộc phạm vi tỉnh Lạng Sơn.',
      lead: AGENCY[7]!,
      coordinating: ['các cơ quan, đơn vị liên quan'],
    },
    {
      ref: 'III.7-3',
      title:
        'Chủ trì, phối hợp các cơ quan có liên quan rà soát, cơ cấu lại đất đai, hoàn thành việc giao đất, giao rừng, khoán bảo vệ rừng cho Nhân dân, nhất là đồng bào dân tộc thiểu số tại chỗ, tạo điều kiện ổn định và cải thiện đời sống của Nhân dân. Giải quyết dứt điểm tình trạng thiếu đất ở, nhà ở, đất sản xuất, nước sinh hoạt và ô nhiễm môi trường vùng đồng bào dân tộc, miền núi, biên giới, gắn với chính sách định canh, định cư vùng miền núi, biên giới.',
      lead: AGENCY[7]!,
      coordinating: ['các cơ quan có liên quan'],
    },
    {
      ref: 'III.8-1',
      title:
        'Tiếp tục đẩy mạnh áp dụng khoa học công nghệ, kỹ thuật vào sản xuất, ưu tiên khu vực biên giới được tiếp cận các cải tiến kỹ thuật, công nghệ vào sản xuất, kinh doanh.',
      lead: AGENCY[8]!,
    },
    {
      ref: 'III.8-2',
      title:
        'Chủ trì triển khai có hiệu quả các nhiệm vụ, giải pháp tại Quyết định số 1747/QĐ-TTg ngày 13/10/2015 của Thủ tướng Chính phủ, có giải pháp đẩy mạnh ứng dụng khoa học công nghệ, thúc đẩy đổi mới sáng tạo, góp phần chuyển đổi mô hình sinh kế, cải thiện đời sống người dân tại các địa bàn khu vực biên giới: Ứng dụng, chuyển giao các tiến bộ khoa học và công nghệ thông qua các mô hình cụ thể phù hợp với từng địa bàn; Đào tạo, bồi dưỡng, phát triển đội ngũ cán bộ phục vụ hoạt động ứng dụng, chuyển giao khoa học và công nghệ tại các địa bàn của tỉnh.',
      lead: AGENCY[8]!,
    },
    {
      ref: 'III.9-1',
      title:
        'Chủ trì, phối hợp với các cơ quan liên quan tăng cường phát triển giáo dục cho người dân khu vực biên giới góp phần nâng cao dân trí, phát triển an sinh xã hội phù hợp với yêu cầu phát triển kinh tế - xã hội của tỉnh; triển khai Quyết định số 3303/QĐ-BGDĐT ngày 30/9/2021 của Bộ Giáo dục và Đào tạo ban hành Kế hoạch thực hiện mục tiêu phát triển bền vững đối với đồng bào dân tộc thiểu số lĩnh vực giáo dục và đào tạo giai đoạn 2021 - 2025, định hướng đến năm 2030.',
      lead: AGENCY[9]!,
      coordinating: ['các cơ quan liên quan'],
    },
    {
      ref: 'III.10-1',
      title:
        'Nghiên cứu, đề xuất các giải pháp thực hiện Quyết định số 4667/QĐ-BYT ngày 07/11/2014 của Bộ trưởng Bộ Y tế về việc ban hành Bộ tiêu chí quốc gia về y tế xã đến năm 2020 đối với tất cả các xã thuộc khu vực biên giới. Phối hợp với Sở Nội vụ đề xuất, tham mưu xây dựng cơ chế chính sách thu hút nguồn nhân lực y tế, nhất là bác sĩ, y sĩ sản nhi về công tác tại các huyện, xã biên giới, duy trì 100% trạm y tế xã khu vực biên giới đều có bác sĩ. Tham mưu giải pháp nâng cao năng lực của tuyến y tế cơ sở đáp ứng yêu cầu phòng chống dịch bệnh, khám chữa bệnh của Nhân dân và lực lượng vũ trang ở khu vực biên giới.',
      lead: AGENCY[10]!,
      coordinating: ['Sở Nội vụ'],
    },
    {
      ref: 'III.10-2',
      title:
        'Chủ trì, phối hợp với Bộ Chỉ huy Quân sự tỉnh xây dựng, hoàn thiện mô hình kết hợp quân dân y ở khu vực biên giới phù hợp với điều kiện tự nhiên, kinh tế - xã hội, trình độ nhận thức và phong tục tập quán của đồng bào dân tộc thiểu số tại khu vực.',
      lead: AGENCY[10]!,
      coordinating: ['Bộ Chỉ huy Quân sự tỉnh'],
    },
    {
      ref: 'III.10-3',
      title:
        'Tuyên truyền, nâng cao nhận thức về nếp sống vệ sinh, khoa học, dân số và phát triển, an toàn vệ sinh thực phẩm, phòng chống dịch bệnh, khám bệnh, chữa bệnh; sẵn sàng đáp ứng các yêu cầu về y tế để kịp thời ứng phó với thiên tai, thảm họa và các tình huống khẩn cấp.',
      lead: AGENCY[10]!,
    },
    {
      ref: 'III.11-1',
      title:
        'Chủ trì lồng ghép các chương trình, dự án hỗ trợ phát triển sản phẩm du lịch cộng đồng khu vực biên giới. Triển khai hiệu quả Nghị quyết số 17/2020/NQ-HĐND ngày 14/12/2020 của Hội đồng nhân dân tỉnh quy định chính sách hỗ trợ phát triển du lịch cộng đồng trên địa bàn tỉnh Lạng Sơn giai đoạn 2021 - 2025. Tiếp tục bảo tồn, phát huy, gìn giữ các giá trị văn hóa truyền thống đặc sắc của đồng bào dân tộc như trang phục, lễ hội, một số loại hình dân ca, dân vũ, dân nhạc, tập quán xã hội và tri thức dân gian truyền thống. Tổ chức triển khai thực hiện hiệu quả các Nghị quyết, đề án, dự án, chương trình kế hoạch đã được phê duyệt tại các huyện, xã, thị trấn biên giới.',
      lead: AGENCY[11]!,
    },
    {
      ref: 'III.12-1',
      title:
        'Tiếp tục rà soát, tham mưu xây dựng lồng ghép các cơ chế chính sách hỗ trợ cho người lao động dân tộc thiểu số, biên giới tại các doanh nghiệp, nhất là tại khu kinh tế cửa khẩu, khu công nghiệp, khu chế xuất.',
      lead: AGENCY[12]!,
    },
    {
      ref: 'III.12-2',
      title:
        'Phối hợp với Sở Giáo dục và Đào tạo, Sở Nội vụ, các cơ quan liên quan chú trọng nâng cao chất lượng nguồn nhân lực, trọng tâm là giáo dục nghề nghiệp và đào tạo nghề cho lao động trẻ để chuyển đổi cơ cấu lao động, cơ cấu kinh tế nông thôn gắn với tạo việc làm, tăng thu nhập và xây dựng đội ngũ cán bộ, công chức, viên chức người dân tộc thiểu số và người công tác tại vùng đồng bào dân tộc thiểu số, biên giới có đủ phẩm chất, năng lực, uy tín đáp ứng được yêu cầu nhiệm vụ.',
      lead: AGENCY[12]!,
      coordinating: ['Sở Giáo dục và Đào tạo', 'Sở Nội vụ', 'các cơ quan liên quan'],
    },
    {
      ref: 'III.13-1',
      title:
        'Nghiên cứu, đề xuất với Bộ Nội vụ các quy định về tiêu chuẩn của đơn vị hành chính có tính đến yếu tố đặc thù về biên giới. Tham mưu triển khai thực hiện việc phân loại đơn vị hành chính cấp xã, trong đó có các xã biên giới đảm bảo theo tiêu chuẩn của đơn vị hành chính có tính đến yếu tố đặc thù về biên giới để khuyến khích tạo động lực phát triển.',
      lead: AGENCY[13]!,
    },
    {
      ref: 'III.13-2',
      title:
        'Rà soát, hoàn thiện các cơ chế, chính sách đặc thù trong tuyển dụng công chức, viên chức là người dân tộc thiểu số tại khu vực biên giới, nhất là người dân tộc thiểu số tại chỗ; xây dựng chế độ, chính sách nhằm khuyến khích, thu hút cán bộ, công chức, viên chức, giáo viên, người lao động và lực lượng vũ trang về công tác, làm việc tại khu vực biên giới.',
      lead: AGENCY[13]!,
    },
    {
      ref: 'III.14-1',
      title:
        'Chủ trì, phối hợp với các cơ quan, đơn vị liên quan tham mưu, triển khai thực hiện hiệu quả các điều ước quốc tế và thỏa thuận có liên quan về biên giới trên đất liền giữa Việt Nam với Trung Quốc và các văn bản pháp luật liên quan đến đối ngoại tại các tỉnh biên giới đất liền.',
      lead: AGENCY[14]!,
      coordinating: ['các cơ quan, đơn vị liên quan'],
    },
    {
      ref: 'III.14-2',
      title:
        'Tham mưu kiểm tra, đôn đốc, giám sát tổ chức triển khai thực hiện nhiệm vụ công tác quản lý biên giới và cửa khẩu biên giới trên địa bàn tỉnh. Chủ trì, phối hợp với cơ quan, đơn vị liên quan tham mưu, đề xuất UBND tỉnh trình Chính phủ về việc mở, nâng cấp cửa khẩu trên địa bàn tỉnh; đề xuất Bộ, ngành trung ương bố trí nguồn vốn đầu tư xây dựng các công trình bảo vệ mốc giới, kè sông suối biên giới.',
      lead: AGENCY[14]!,
      coordinating: ['cơ quan, đơn vị liên quan'],
    },
    {
      ref: 'III.14-3',
      title:
        'Nghiên cứu, tham mưu, đề xuất, kiến nghị những giải pháp, chương trình, đề án phát triển kinh tế - xã hội gắn với củng cố quốc phòng, an ninh khu vực biên giới trên địa bàn tỉnh mang tính chiến lược, lâu dài, phù hợp đặc thù tuyến biên giới quốc gia thuộc địa bàn tỉnh, góp phần quản lý, bảo vệ vững chắc chủ quyền biên giới lãnh thổ quốc gia gắn với ổn định đời sống Nhân dân và giữ vững an ninh chính trị, trật tự an toàn xã hội khu vực biên giới.',
      lead: AGENCY[14]!,
    },
    {
      ref: 'III.15-1',
      title:
        'Lồng ghép các cơ chế, chính sách hiện hành về công tác dân tộc và vùng đồng bào dân tộc thiểu số, miền núi; ưu tiên phân bổ, huy động nguồn lực của các chương trình, dự án cho vùng đồng bào dân tộc thiểu số và miền núi đối với địa bàn khu vực biên giới, trong đó có chương trình mục tiêu quốc gia về phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2021 - 2025 và các năm tiếp theo.',
      lead: AGENCY[15]!,
    },
    {
      ref: 'III.16-1',
      title:
        'Chủ trì, phối hợp với các sở, ban, ngành, UBND các huyện, thành phố tiếp tục tham mưu thực hiện quan điểm, đường lối của Đảng, Nhà nước về phát triển kinh tế - xã hội kết hợp củng cố, tăng cường quốc phòng, an ninh, đặc biệt là Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XI về Chiến lược bảo vệ Tổ quốc trong tình hình mới; Kết luận số 57-KL/TW, ngày 16/9/2019 của Bộ Chính trị về việc kết hợp quốc phòng, an ninh với kinh tế, kinh tế với quốc phòng, an ninh.',
      lead: AGENCY[16]!,
      coordinating: ['các sở, ban, ngành', 'UBND các huyện, thành phố'],
    },
    {
      ref: 'III.16-2',
      title:
        'Phối hợp tham mưu xây dựng cơ chế chính sách thu hút đầu tư, nhằm thực hiện hiệu quả chủ trương “kết hợp quốc phòng, an ninh với kinh tế, kinh tế với quốc phòng, an ninh” trong các lĩnh vực kinh tế, xã hội của tỉnh. Tập trung giải quyết tốt việc kết hợp quốc phòng, an ninh với kinh tế trong Khu kinh tế quốc phòng Mẫu Sơn, Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn, Khu du lịch quốc gia Mẫu Sơn, khu, cụm công nghiệp, các dự án trồng rừng… khu vực biên giới. Tập trung xây dựng cơ sở hạ tầng thôn, bản giáp biên; chăm sóc, bảo vệ rừng vành đai biên giới, rừng phòng hộ.',
      lead: AGENCY[16]!,
    },
    {
      ref: 'III.16-3',
      title:
        'Đề xuất việc tiếp tục hoàn thành toàn bộ tuyến đường tuần tra biên giới, hỗ trợ đầu tư các tuyến đường ra các mốc quốc giới, xây dựng kè bảo vệ chân cột mốc biên giới và kè sông, suối biên giới, rà phá bom mìn, vật cản. Phối hợp với cấp ủy, chính quyền địa phương huy động các nguồn lực đầu tư xây dựng các công trình phòng thủ ở khu vực biên giới, đầu tư xây dựng hệ thống đồn, trạm Biên phòng, nhà trực dân quân các xã biên giới để thúc đẩy phát triển kinh tế gắn với đảm bảo quốc phòng, an ninh, bảo vệ vững chắc chủ quyền quốc gia.',
      lead: AGENCY[16]!,
      coordinating: ['cấp ủy, chính quyền địa phương'],
    },
    {
      ref: 'III.16-4',
      title:
        'Tích cực thực hiện công tác quân sự, quốc phòng kết hợp làm công tác dân vận, xây dựng nông thôn mới ở khu vực biên giới, giúp nâng cao đời sống Nhân dân, giảm chênh lệch giữa các vùng miền, ổn định xã hội, xây dựng “thế trận lòng dân” vững chắc những nơi trọng yếu, biên giới.',
      lead: AGENCY[16]!,
    },
    {
      ref: 'III.17-1',
      title:
        'Chủ trì, phối hợp với các sở, ban, ngành, địa phương làm tốt công tác bảo vệ chính trị nội bộ, an ninh kinh tế, an ninh xã hội và bảo vệ bí mật nhà nước; tăng cường công tác đào tạo, bố trí cán bộ có năng lực, am hiểu địa bàn đảm trách công tác đảm bảo an ninh trật tự tại các địa bàn huyện, xã biên giới.',
      lead: AGENCY[17]!,
      coordinating: ['các sở, ban, ngành, địa phương'],
    },
    {
      ref: 'III.17-2',
      title:
        'Tham gia thẩm định, cho ý kiến đối với đề xuất các chương trình, dự án đầu tư vào khu vực biên giới, cửa khẩu, khu vực nhạy cảm về an ninh quốc phòng; phòng ngừa, giải quyết kịp thời những vấn đề phức tạp về an ninh trật tự như: khiếu nại, khiếu kiện, vụ việc tập trung đông người xảy ra tại các địa bàn, chương trình, dự án.',
      lead: AGENCY[17]!,
    },
    {
      ref: 'III.17-3',
      title:
        'Tham mưu đẩy mạnh phong trào “Toàn dân bảo vệ an ninh tổ quốc” tại các huyện, xã biên giới, các xã đặc biệt khó khăn, phức tạp về an ninh trật tự, nhằm tiếp tục huy động, nâng cao vai trò của các lực lượng, ý thức người dân trong công tác đảm bảo an ninh trật tự. Làm tốt công tác phòng ngừa, phát hiện, đấu tranh trấn áp các loại tội phạm, tạo môi trường an toàn để phát triển kinh tế, xã hội, thu hút đầu tư.',
      lead: AGENCY[17]!,
    },
    {
      ref: 'III.17-4',
      title:
        'Tiếp tục duy trì hiệu quả Quy chế phối hợp giữa công an, quân sự, biên phòng triển khai thực hiện Nghị quyết số 03/NĐ-CP ngày 05/9/2019 của Chính phủ về phối hợp bảo vệ an ninh quốc gia, đảm bảo an ninh trật tự, đấu tranh phòng chống tội phạm và nhiệm vụ quốc phòng.',
      lead: AGENCY[17]!,
      coordinating: ['quân sự', 'biên phòng'],
    },
    {
      ref: 'III.18-1',
      title:
        'Hướng dẫn đầy đủ, kịp thời thủ tục vay vốn cho các hộ gia đình để phát triển sản xuất, kinh doanh và thực hiện các chính sách tín dụng xã hội khác.',
      lead: AGENCY[18]!,
    },
    {
      ref: 'III.19-1',
      title:
        'Tiếp tục thực hiện có hiệu quả các cơ chế, chính sách hiện hành nhằm phát huy các lợi thế sẵn có của địa phương về nhiệm vụ phát triển kinh tế - xã hội, nâng cao đời sống Nhân dân; kết hợp xây dựng khu vực phòng thủ vững chắc theo Nghị quyết số 28-NQ/TW ngày 22/9/2008 của Bộ Chính trị (khóa X) về tiếp tục xây dựng các tỉnh, thành phố trực thuộc Trung ương thành khu vực phòng thủ vững chắc trong tình hình mới.',
      lead: AGENCY[19]!,
    },
    {
      ref: 'III.19-2',
      title:
        'Lồng ghép các nguồn vốn trong thực hiện các chương trình mục tiêu quốc gia, bố trí ngân sách địa phương để thực hiện công tác quốc phòng - an ninh, an sinh xã hội, nâng cao phúc lợi xã hội, giảm nghèo bền vững ở khu vực biên giới. Trên cơ sở đó lồng ghép mục tiêu, nhiệm vụ gắn với nguồn vốn cụ thể của từng Chương trình để đạt được các mục tiêu, nhiệm vụ tổng thể trên địa bàn, phát huy tối đa hiệu quả đầu tư cho phát triển kinh tế - xã hội khu vực biên giới.',
      lead: AGENCY[19]!,
    },
    {
      ref: 'III.19-3',
      title:
        'Tăng cường công tác tuyên truyền và thực hiện các văn kiện pháp lý về biên giới với các nước cũng như cập nhật thường xuyên, tổ chức phổ biến, tuyên truyền các thông tin liên quan đến chủ trương, chính sách của Nhà nước, giao lưu nhân dân khu vực biên giới, tăng cường phối hợp tuần tra, nâng cao hiệu quả giao ban các cấp để ngăn chặn và xử lý kịp thời mọi hành động xâm phạm đường biên, mốc giới và vi phạm quy chế biên giới; làm tốt công tác chia sẻ thông tin, phối hợp đấu tranh phòng chống các loại tội phạm xuyên biên giới, đấu tranh làm thất bại mọi âm mưu, thủ đoạn của các thế lực thù địch trong khu vực biên giới.',
      lead: AGENCY[19]!,
    },
    {
      ref: 'III.19-4',
      title:
        'Chủ động nắm tình hình, dự báo, xử lý, kịp thời báo cáo và kiến nghị đề xuất đối với các vấn đề vượt thẩm quyền về những diễn biến phức tạp tại khu vực biên giới; chỉ đạo các lực lượng chức năng đấu tranh có hiệu quả với các thế lực thù địch, hoạt động xuất nhập cảnh, lôi kéo người vượt biên, buôn bán người, ma túy, gian lận thương mại, hoạt động tái trồng cây thuốc phiện và các hành vi vi phạm pháp luật tại khu vực biên giới.',
      lead: AGENCY[19]!,
    },
    {
      ref: 'IV.1',
      title:
        'Hằng năm tổng kết, đánh giá tình hình thực hiện Kế hoạch và Nghị quyết trong phạm vi chức năng, nhiệm vụ được giao, gửi Sở Kế hoạch và Đầu tư trước ngày 15 tháng 11.',
      lead: 'các sở, ban, ngành, UBND các huyện, thành phố',
      due: { kind: DueKind.RULE, months: [11], day: 15, by: true, wording: 'trước ngày 15 tháng 11' },
    },
    {
      ref: 'IV.2',
      title:
        'Giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp với các cơ quan liên quan đôn đốc, theo dõi, đánh giá, kiểm tra tình hình thực hiện Kế hoạch này, tổng hợp, báo cáo UBND tỉnh trong tháng 12 hằng năm.',
      lead: 'Sở Kế hoạch và Đầu tư',
      coordinating: ['các cơ quan liên quan'],
      due: { kind: DueKind.RULE, months: [12], wording: 'trong tháng 12 hằng năm' },
    },
  ],
  funding: [],
};
