import { provenance, SOURCE_DOCUMENTS } from '@kn/platform';
import { DueKind, ProgramKind, ProgramStatus, ProvisionKind, TargetComparison, TargetScopeKind } from '../../common/enums.js';
import type { ProgramSeed, ProvisionSeed } from '../types.js';

const standards = (reference: string, heading: string, texts: string[]): ProvisionSeed[] =>
  texts.map((text) => ({ kind: ProvisionKind.EMULATION_STANDARD, heading, reference, text }));
const DEPARTMENTS_AND_DISTRICTS = 'các sở, ban, ngành, đoàn thể tỉnh, UBND các huyện, thành phố';

/**
 * Seed 004 (Lạng Sơn): Plan 165/KH-UBND of 26/9/2017 for the emulation movement “Lạng Sơn cùng cả
 * nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau” 2016–2020: the poverty targets,
 * the emulation standards of each level and the awards.
 */
export const LS_165_2017: ProgramSeed = {
  tenant: 'lang-son',
  code: 'LS-165-2017',
  file: '004_e110fd57d87319b6.txt',
  document: '004',
  title:
    'Kế hoạch tổ chức thực hiện Phong trào thi đua “Lạng Sơn cùng cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau” giai đoạn 2016 - 2020',
  titleEn: 'Plan for the emulation movement “Lạng Sơn with the whole country for the poor – no one left behind” 2016–2020',
  kind: ProgramKind.POVERTY_REDUCTION,
  status: ProgramStatus.ISSUED,
  documentNumber: '165/KH-UBND',
  issuedOn: '2017-09-26',
  issuer: 'Ủy ban nhân dân tỉnh Lạng Sơn',
  signer: 'Hồ Tiến Thiệu',
  signerTitle: 'KT. Chủ tịch, Phó Chủ tịch',
  startYear: 2016,
  endYear: 2020,
  sourceNote: null,
  legalBases: [
    {
      number: '1258/QĐ-TTg',
      issuedOn: '2017-08-21',
      issuer: 'Thủ tướng Chính phủ',
      title: 'về việc ban hành Kế hoạch tổ chức thực hiện Phong trào thi đua “Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau” giai đoạn 2016 - 2020',
      relation: 'căn cứ',
    },
    {
      number: '22-NQ/TU',
      issuedOn: '2016-08-02',
      issuer: 'Ban Chấp hành Đảng bộ tỉnh',
      title: 'thực hiện Chương trình mục tiêu quốc gia về giảm nghèo giai đoạn 2016 - 2020 trên địa bàn tỉnh',
      relation: 'căn cứ',
    },
  ],
  objectives: [
    'Tạo sự chuyển biến mạnh mẽ về nhận thức của các cấp ủy Đảng, chính quyền và các tầng lớp nhân dân về nội dung, mục tiêu giảm nghèo bền vững; phát huy sức mạnh tổng hợp của cả hệ thống chính trị, sự đồng tâm, hiệp lực của toàn xã hội trong triển khai thực hiện Chương trình mục tiêu Quốc gia giảm nghèo bền vững tỉnh Lạng Sơn giai đoạn 2016 - 2020.',
    'Phát huy kết quả đạt được trong công tác giảm nghèo và thực hiện các mục tiêu phát triển bền vững của tỉnh trong thời gian qua, đẩy mạnh việc thực hiện tuyên truyền, nâng cao nhận thức, tinh thần chủ động sáng tạo của mỗi tập thể, cá nhân, tạo khí thế thi đua sôi nổi trong toàn xã hội góp phần thực hiện thắng lợi chương trình giảm nghèo của Đảng và Nhà nước.',
    'Tổ chức Phong trào thi đua thiết thực, hiệu quả, phấn đấu đến năm 2020 tỷ lệ hộ nghèo trên địa bàn tỉnh giảm còn khoảng 11%, giảm tỷ lệ hộ nghèo bình quân 3%/năm (riêng các huyện, xã có tỷ lệ hộ nghèo từ 40% trở lên giảm từ 4%/năm trở lên); cải thiện sinh kế và nâng cao chất lượng cuộc sống của người nghèo.',
  ],
  provisions: [
    ...[
      'Việc thực hiện Phong trào thi đua phải trở thành nhiệm vụ trọng tâm, thường xuyên của các cấp, các ngành, địa phương, đơn vị từ tỉnh đến cơ sở và hoạt động của các cụm thi đua từ nay đến năm 2020.',
      'Phong trào thi đua phải được triển khai sâu rộng từ tỉnh đến cơ sở với hình thức đa dạng, nội dung phong phú, thiết thực, phù hợp với điều kiện thực tế của mỗi ngành, mỗi địa phương; phát huy được tinh thần tự nguyện, sáng tạo của các tầng lớp nhân dân.',
      'Chú trọng phát hiện, bồi dưỡng, nhân rộng các điển hình tiên tiến, phổ biến những sáng kiến, kinh nghiệm hay, những cách làm sáng tạo trong thực hiện chính sách, chương trình giảm nghèo; đồng thời biểu dương, tôn vinh, khen thưởng các tập thể, cá nhân, hộ gia đình có thành tích tiêu biểu, xuất sắc trong thực hiện Phong trào thi đua.',
    ].map((text) => ({ kind: ProvisionKind.REQUIREMENT, heading: 'Yêu cầu', reference: 'I.2', text })),
    ...standards('III.1', 'Đối với các sở, ban, ngành, Mặt trận Tổ quốc và các đoàn thể cấp tỉnh', [
      'Hoàn thành có chất lượng, đúng thời hạn các văn bản hướng dẫn thực hiện chính sách, chương trình giảm nghèo theo chỉ đạo của cấp có thẩm quyền. Có sáng kiến, giải pháp trong việc xây dựng, ban hành hoặc trình cấp có thẩm quyền ban hành, tổ chức thực hiện cơ chế, chính sách, hướng dẫn hoặc chỉ đạo tháo gỡ khó khăn cho cơ sở trong việc giảm nghèo.',
      'Chủ động, tích cực nghiên cứu, rà soát, sửa đổi, bổ sung hoặc kiến nghị sửa đổi, bổ sung các chính sách giảm nghèo phù hợp với tình hình và yêu cầu thực tế; đẩy mạnh phân cấp, trao quyền cho địa phương, cơ sở, khuyến khích và phát huy vai trò của cộng đồng, tập trung ưu tiên, hỗ trợ cho các địa bàn nghèo, vùng đặc biệt khó khăn thực hiện có hiệu quả chính sách, chương trình giảm nghèo.',
      'Chủ động, tích cực huy động nguồn lực, có nhiều sáng kiến, mô hình giảm nghèo bền vững được nhân rộng, giúp cho người nghèo tham gia phát triển sản xuất kinh doanh, làm kinh tế giỏi, ổn định cuộc sống, vươn lên thoát nghèo bền vững, không tái nghèo.',
    ]),
    ...standards('III.2', 'Đối với các huyện, thành phố', [
      'Xây dựng và triển khai có hiệu quả chương trình, kế hoạch công tác giảm nghèo bền vững trên địa bàn; đề ra các nội dung, giải pháp thiết thực, phù hợp với tình hình và điều kiện của địa phương; bố trí ngân sách địa phương ưu tiên đầu tư, hỗ trợ cho các xã, thôn, bản nghèo trên địa bàn.',
      'Phân bổ, sử dụng kinh phí đúng chế độ và quyết toán đúng thời gian quy định. Thực hiện nghiêm túc chế độ báo cáo định kỳ, đột xuất theo yêu cầu của cơ quan quản lý cấp trên.',
      'Chủ động, tích cực huy động các nguồn lực trong xã hội để thực hiện các mục tiêu giảm nghèo bền vững.',
      'Giảm tỷ lệ hộ nghèo trên địa bàn hàng năm đạt mục tiêu đề ra.',
    ]),
    ...standards('III.3', 'Đối với xã, phường, thị trấn', [
      'Triển khai có hiệu quả chương trình, kế hoạch công tác giảm nghèo bền vững trên địa bàn; đề ra các nội dung, giải pháp thiết thực, phù hợp với tình hình và điều kiện của địa phương; ưu tiên hỗ trợ các thôn, bản nghèo trên địa bàn.',
      'Sử dụng nguồn kinh phí đúng mục đích, chế độ và quyết toán đúng thời gian quy định. Thực hiện nghiêm túc chế độ báo cáo định kỳ, đột xuất theo yêu cầu của cơ quan quản lý cấp trên.',
      'Tích cực huy động các nguồn lực trong xã hội để thực hiện các mục tiêu giảm nghèo bền vững; có quy chế quản lý, duy trì, thu hồi và luân chuyển phần vốn của ngân sách nhà nước hỗ trợ, cho vay ưu đãi thực hiện các dự án, mô hình giảm nghèo.',
      'Giảm tỷ lệ hộ nghèo trên địa bàn hàng năm đạt mục tiêu đề ra.',
    ]),
    ...standards('III.4', 'Đối với thôn, bản, tổ dân phố, khu dân cư', [
      'Hỗ trợ vốn, chia sẻ kinh nghiệm, kỹ thuật để hộ nghèo phát triển sản xuất kinh doanh, ổn định cuộc sống và thoát nghèo.',
      'Xây dựng được quy chế quản lý, duy trì, thu hồi và luân chuyển được phần vốn của ngân sách nhà nước hỗ trợ, cho vay ưu đãi thực hiện các dự án, mô hình giảm nghèo, hỗ trợ phát triển sản xuất nhằm nâng cao hiệu quả và nhân rộng được các mô hình giảm nghèo trên địa bàn và cộng đồng.',
      'Huy động có hiệu quả nguồn lực từ nhân dân, cộng đồng để thực hiện chương trình mục tiêu quốc gia giảm nghèo bền vững.',
      'Điều kiện sống của người nghèo trên địa bàn được cải thiện rõ rệt, nhất là về thu nhập, y tế, giáo dục, nhà ở, nước sạch và vệ sinh, thông tin; được tiếp cận ngày càng thuận lợi với các dịch vụ xã hội cơ bản.',
      'Giảm tỷ lệ hộ nghèo trên địa bàn hàng năm đạt mục tiêu đề ra.',
    ]),
    ...standards('III.5.a', 'Đối với hộ gia đình không phải hộ nghèo', [
      'Có những việc làm thiết thực giúp hộ nghèo, hộ cận nghèo thoát nghèo (tạo việc làm, hỗ trợ vốn, giống, kỹ thuật...).',
    ]),
    ...standards('III.5.b', 'Đối với hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo', [
      'Có ý thức trách nhiệm trong việc chủ động phát huy nội lực, vượt khó để thoát nghèo; tự nguyện đăng ký thoát nghèo.',
      'Có những sáng kiến, cách làm hay, hiệu quả trong phát triển sản xuất, phát triển ngành, nghề, thực hiện có hiệu quả mô hình giảm nghèo, tạo được việc làm và tăng thu nhập.',
      'Thoát nghèo ổn định từ 03 năm trở lên và tạo điều kiện, giúp đỡ, hỗ trợ các hộ nghèo khác trên địa bàn cùng vươn lên thoát nghèo.',
      'Sử dụng vốn vay Ngân hàng Chính sách xã hội đúng mục đích, trả lãi, trả gốc đúng hạn, nâng cao hiệu quả sử dụng vốn, vượt khó vươn lên thoát nghèo.',
    ]),
    ...standards('III.6', 'Đối với cán bộ, công chức, viên chức làm công tác giảm nghèo', [
      'Nỗ lực công tác, bám sát cơ sở, có sáng kiến trong việc xây dựng, tham mưu để ban hành cơ chế, chính sách, hướng dẫn thực hiện và tháo gỡ khó khăn cho cơ sở trong thực hiện chương trình giảm nghèo.',
    ]),
    ...standards('III.7', 'Đối với các doanh nghiệp, hợp tác xã', [
      'Có những đóng góp cụ thể, thiết thực trong thực hiện công tác giảm nghèo và hỗ trợ người nghèo.',
      'Liên kết, phối hợp sản xuất, chế biến và tiêu thụ sản phẩm của người nghèo; triển khai thực hiện các mô hình giảm nghèo, dạy nghề và tạo việc làm đối với người nghèo.',
      'Thực hiện hiệu quả chính sách tín dụng đối với hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo.',
    ]),
    {
      kind: ProvisionKind.AWARD,
      heading: 'Khen thưởng hàng năm',
      reference: 'IV.1',
      text: 'Hội đồng Thi đua - Khen thưởng tỉnh, các Cụm, Khối thi đua, các sở, ban, ngành, đoàn thể tỉnh, các huyện, thành phố lấy kết quả tổ chức triển khai Phong trào thi đua này làm căn cứ để đánh giá kết quả thi đua của các đơn vị và khen thưởng thực hiện Phong trào thi đua theo quy định của pháp luật về thi đua, khen thưởng.',
    },
    {
      kind: ProvisionKind.AWARD,
      heading: 'Khen thưởng sơ kết Phong trào thi đua (năm 2018)',
      reference: 'IV.2',
      text: 'Các sở, ban, ngành, đoàn thể tỉnh, các huyện, thành phố tổ chức sơ kết và khen thưởng theo thẩm quyền.',
    },
    {
      kind: ProvisionKind.AWARD,
      heading: 'Các hình thức khen thưởng cấp Nhà nước',
      reference: 'IV.3.a',
      text: 'Ban Thi đua - Khen thưởng, Sở Nội vụ phối hợp với Sở Lao động - Thương binh và Xã hội tham mưu cho Hội đồng Thi đua - Khen thưởng tỉnh xét chọn các tập thể, cá nhân, hộ gia đình đủ điều kiện, tiêu chuẩn theo hướng dẫn của Ban Thi đua - Khen thưởng Trung ương đề nghị Chủ tịch nước, Thủ tướng Chính phủ khen thưởng.',
    },
    ...[
      'Chủ tịch UBND tỉnh tổ chức gặp mặt, biểu dương, khen thưởng các tập thể, cá nhân, hộ gia đình có thành tích tiêu biểu trong Phong trào thi đua nhân dịp kỷ niệm Ngày Truyền thống thi đua yêu nước năm 2020.',
      'Đối với các huyện, thành phố đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho các tập thể, cá nhân, hộ gia đình thực hiện theo Hướng dẫn số 203/HD-HĐTĐKT ngày 16/11/2013 của Hội đồng Thi đua - Khen thưởng tỉnh về việc khen thưởng đối với huyện, xã, thôn, hộ gia đình có thành tích giảm nghèo bền vững thời kỳ từ năm 2011 đến năm 2020.',
      'Đối với doanh nghiệp, hợp tác xã, cá nhân, hộ gia đình có nhiều đóng góp trong Phong trào thi đua tại địa phương thì căn cứ thành tích cụ thể trình UBND tỉnh xem xét, khen thưởng.',
    ].map((text) => ({ kind: ProvisionKind.AWARD, heading: 'Tặng Bằng khen của Chủ tịch UBND tỉnh', reference: 'IV.3.b', text })),
  ],
  coveredCommuneCodes: [],
  targets: [
    {
      indicator: 'POVERTY_RATE',
      section: 'I.1.c',
      year: 2020,
      comparison: TargetComparison.ABOUT,
      value: '11',
      note: 'phấn đấu đến năm 2020 tỷ lệ hộ nghèo trên địa bàn tỉnh giảm còn khoảng 11%',
    },
    {
      indicator: 'POVERTY_RATE_REDUCTION',
      section: 'I.1.c',
      startYear: 2016,
      endYear: 2020,
      // "bình quân 3%/năm": an average over 2016–2020, judged as an average, not a yearly pass/fail
      yearly: false,
      comparison: TargetComparison.AT_LEAST,
      value: '3',
      note: 'giảm tỷ lệ hộ nghèo bình quân 3%/năm',
      provenance: provenance.interpretation(
        SOURCE_DOCUMENTS['004'],
        'I.1.c',
        'giảm tỷ lệ hộ nghèo bình quân 3%/năm',
        'An average over 2016–2020 (points per year, averaged over the period), judged as an average at its end; a year’s reduction is progress toward it, never a yearly failure.',
      ),
    },
    {
      indicator: 'POVERTY_RATE_REDUCTION',
      section: 'I.1.c',
      startYear: 2016,
      endYear: 2020,
      yearly: false,
      comparison: TargetComparison.AT_LEAST,
      value: '4',
      provenance: provenance.interpretation(
        SOURCE_DOCUMENTS['004'],
        'I.1.c',
        'riêng các huyện, xã có tỷ lệ hộ nghèo từ 40% trở lên giảm từ 4%/năm trở lên',
        'Read with “bình quân” of the same sentence: an average over 2016–2020, for the districts and communes at 40 % or more.',
      ),
      scope: {
        kind: TargetScopeKind.DISTRICT_AND_COMMUNE_GROUP,
        group: 'POVERTY_RATE_40_OR_MORE',
        label: 'các huyện, xã có tỷ lệ hộ nghèo từ 40% trở lên',
      },
      note: 'riêng các huyện, xã có tỷ lệ hộ nghèo từ 40% trở lên giảm từ 4%/năm trở lên',
    },
  ],
  tasks: [
    {
      ref: 'V.1',
      title:
        'Các sở, ban, ngành, đoàn thể tỉnh xây dựng kế hoạch và tổ chức thực hiện Phong trào thi đua phù hợp với chức năng, nhiệm vụ và thực tiễn từng đơn vị để đạt được kết quả thiết thực, góp phần thực hiện thắng lợi chương trình giảm nghèo bền vững của địa phương; định kỳ báo cáo UBND tỉnh kết quả thực hiện qua Ban Thi đua - Khen thưởng, Sở Nội vụ (là một nội dung trong báo cáo về công tác thi đua, khen thưởng).',
      lead: 'Các sở, ban, ngành, đoàn thể tỉnh',
    },
    {
      ref: 'V.2',
      title:
        'Ủy ban Mặt trận Tổ quốc và các tổ chức đoàn thể, tổ chức hội các cấp, các cơ quan thông tin đại chúng tăng cường công tác tuyên truyền, vận động hội viên, đoàn viên và nhân dân tích cực tham gia Phong trào thi đua để giúp đỡ người nghèo, thực hiện công tác giảm nghèo bền vững.',
      lead: 'Ủy ban Mặt trận Tổ quốc và các tổ chức đoàn thể, tổ chức hội các cấp, các cơ quan thông tin đại chúng',
    },
    {
      ref: 'V.3',
      title:
        'Ủy ban nhân dân các huyện, thành phố xây dựng Kế hoạch và tổ chức thực hiện Phong trào thi đua phù hợp với chức năng, nhiệm vụ và thực tiễn từng địa phương. Kịp thời phát hiện những điển hình tiên tiến trong Phong trào thi đua để biểu dương, khen thưởng.',
      lead: 'Ủy ban nhân dân các huyện, thành phố',
    },
    {
      ref: 'V.4',
      title:
        'Các doanh nghiệp, hợp tác xã hưởng ứng Phong trào thi đua bằng những việc làm cụ thể (đóng góp cho quỹ vì người nghèo, các hoạt động từ thiện nhân đạo; liên kết sản xuất kinh doanh, tiêu thụ sản phẩm...).',
      lead: 'Các doanh nghiệp, hợp tác xã',
    },
    {
      ref: 'V.5',
      title:
        'Hội đồng Thi đua - Khen thưởng các cấp phối hợp chặt chẽ với Ban Chỉ đạo các Chương trình mục tiêu quốc gia cùng cấp thống nhất các nội dung và biện pháp triển khai có hiệu quả Phong trào thi đua. Các thành viên Hội đồng Thi đua - Khen thưởng tỉnh phụ trách các Cụm thi đua có trách nhiệm theo dõi, kiểm tra, đôn đốc các đơn vị, địa phương thực hiện Kế hoạch.',
      lead: 'Hội đồng Thi đua - Khen thưởng các cấp',
      coordinating: ['Ban Chỉ đạo các Chương trình mục tiêu quốc gia cùng cấp'],
    },
    {
      ref: 'V.6-1',
      title:
        'Năm 2018 các sở, ban, ngành, đoàn thể tỉnh, UBND các huyện, thành phố chủ động tiến hành sơ kết, đánh giá, rút kinh nghiệm để tiếp tục thực hiện',
      lead: DEPARTMENTS_AND_DISTRICTS,
      due: { kind: DueKind.RULE, year: 2018, wording: 'Năm 2018' },
    },
    {
      ref: 'V.6-2',
      title: 'Tiến hành tổng kết Phong trào thi đua vào năm 2020.',
      lead: DEPARTMENTS_AND_DISTRICTS,
      due: { kind: DueKind.RULE, year: 2020, wording: 'vào năm 2020' },
    },
    {
      ref: 'V.7',
      title:
        'Ban Thi đua - Khen thưởng, Sở Nội vụ (cơ quan thường trực của Hội đồng Thi đua - Khen thưởng tỉnh) phối hợp với Sở Lao động - Thương binh và Xã hội có trách nhiệm đôn đốc, kiểm tra việc thực hiện Kế hoạch này; tổng hợp, xây dựng báo cáo UBND tỉnh kết quả thực hiện Phong trào thi đua.',
      lead: 'Ban Thi đua - Khen thưởng, Sở Nội vụ',
      coordinating: ['Sở Lao động - Thương binh và Xã hội'],
    },
  ],
  funding: [],
};
