/**
 * Classifications the provinces' documents state, by pre-reform code. The new communes that
 * succeeded a classified commune inherit BORDER and ETHNIC_MINORITY_MOUNTAINOUS.
 */
export interface ClassificationSpec {
  tenant: string;
  level: 'DISTRICT' | 'COMMUNE';
  classification: 'BORDER' | 'ETHNIC_MINORITY_MOUNTAINOUS' | 'EXTREMELY_DIFFICULT' | 'LOWLAND';
  /** Pre-reform codes. For districts with `withCommunes`, their communes get the class too. */
  codes: string[];
  withCommunes?: boolean;
  source: string;
}

export const DEMO_CLASSIFICATIONS: ClassificationSpec[] = [
  {
    tenant: 'lang-son',
    level: 'COMMUNE',
    classification: 'BORDER',
    // seed 000 §II.3: Tràng Định (Quốc Khánh, Đội Cấn, Tân Minh, Đào Viên); Văn Lãng (Trùng Khánh,
    // Thụy Hùng, Thanh Long, Tân Thanh, Tân Mỹ); Cao Lộc (Bảo Lâm, Thanh Lòa, Cao Lâu, Xuất Lễ,
    // Mẫu Sơn); Lộc Bình (Mẫu Sơn, Yên Khoái, Tú Mịch, Tam Gia); Đình Lập (Bính Xá, Bắc Xa)
    codes: [
      '06004', '06025', '06028', '06043',
      '06127', '06136', '06148', '06166', '06172',
      '06190', '06193', '06196', '06202', '06238',
      '06532', '06541', '06547', '06559',
      '06622', '06619',
    ],
    source: 'Chương trình kết nối… các xã biên giới tỉnh Lạng Sơn (thực hiện KH 433/KH-UBND), mục II.3',
  },
  {
    tenant: 'quang-nam',
    level: 'DISTRICT',
    classification: 'ETHNIC_MINORITY_MOUNTAINOUS',
    // seed 001 §VI.4: Bắc Trà My, Nam Trà My, Phước Sơn, Đông Giang, Tây Giang, Nam Giang
    codes: ['515', '516', '511', '505', '504', '510'],
    withCommunes: true,
    source: 'QĐ 1100/QĐ-UBND ngày 16/4/2020, mục VI.4',
  },
  {
    tenant: 'quang-nam',
    level: 'COMMUNE',
    classification: 'BORDER',
    // Tây Giang: A Xan, Ch'ơm, Ga Ri, Tr'Hy; Nam Giang: Laêê, Chơ Chun, Đắc Pre, Đắc Pring, La Dêê, Đắc Tôi
    codes: ['20443', '20437', '20440', '20446', '20698', '20699', '20716', '20719', '20704', '20705'],
    source: 'QĐ 1100/QĐ-UBND ngày 16/4/2020 (xã biên giới đất liền của Tây Giang, Nam Giang)',
  },
  {
    tenant: 'quang-nam',
    level: 'DISTRICT',
    classification: 'LOWLAND',
    // the districts, towns and cities outside the mountainous area: Tam Kỳ, Hội An, Điện Bàn, Đại Lộc,
    // Duy Xuyên, Quế Sơn, Thăng Bình, Núi Thành, Phú Ninh
    codes: ['502', '503', '507', '506', '508', '509', '513', '517', '518'],
    source: 'QĐ 1100/QĐ-UBND, mục III.2.1.b (huyện, thị xã, thành phố đồng bằng)',
  },
];
