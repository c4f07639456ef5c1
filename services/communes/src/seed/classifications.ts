import { provenance, SOURCE_DOCUMENTS, type ProvenanceData } from '@kn/platform';

/**
 * Classifications the provinces' documents state, by pre-reform code — and, where a document is
 * silent, the province's own setting, said to be one. The new communes that
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
  provenance: ProvenanceData;
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
    provenance: provenance.document(SOURCE_DOCUMENTS['000'], 'II.3', 'Bao gồm 20 xã biên giới thuộc 05 huyện trên địa bàn tỉnh'),
  },
  {
    tenant: 'quang-nam',
    level: 'DISTRICT',
    classification: 'ETHNIC_MINORITY_MOUNTAINOUS',
    // seed 001 §VI.4: Bắc Trà My, Nam Trà My, Phước Sơn, Đông Giang, Tây Giang, Nam Giang
    codes: ['515', '516', '511', '505', '504', '510'],
    withCommunes: true,
    source: 'QĐ 1100/QĐ-UBND ngày 16/4/2020, mục VI.4',
    provenance: provenance.document(
      SOURCE_DOCUMENTS['001'],
      'VI.4',
      'Các huyện: Bắc Trà My, Nam Trà My, Phước Sơn, Đông Giang, Tây Giang, Nam Giang và các xã được nhận kết nghĩa',
      'The six districts receiving twinning, and their communes.',
    ),
  },
  {
    tenant: 'quang-nam',
    level: 'DISTRICT',
    classification: 'ETHNIC_MINORITY_MOUNTAINOUS',
    // Hiệp Đức, Tiên Phước: midland-mountain districts of Quảng Nam that decision 1100 neither names among the
    // twinned mountainous districts (VI.4) nor among the lowland sponsors (III.2.1.b); their communes are not classified.
    // Nông Sơn (519) likewise: a mountain district until merged into Quế Sơn on 1/1/2025 (issue #18 §3 made it known)
    codes: ['512', '514', '519'],
    source: 'Cài đặt của tỉnh (QĐ 1100/QĐ-UBND không nêu): huyện miền núi không thuộc 6 huyện nhận kết nghĩa',
    provenance: provenance.setting(
      'Decision 1100 does not name Hiệp Đức, Tiên Phước or Nông Sơn (neither among the six twinned districts of VI.4 nor as lowland). Classified mountainous, without their communes, so that every district of Quảng Nam is classified and none owes the twinned districts’ reports; the province must confirm.',
    ),
  },
  {
    tenant: 'quang-nam',
    level: 'COMMUNE',
    classification: 'BORDER',
    // Tây Giang: A Xan, Ch'ơm, Ga Ri, Tr'Hy; Nam Giang: Laêê, Chơ Chun, Đắc Pre, Đắc Pring, La Dêê, Đắc Tôi
    codes: ['20443', '20437', '20440', '20446', '20698', '20699', '20716', '20719', '20704', '20705'],
    source: 'Cài đặt của tỉnh: xã biên giới đất liền của Tây Giang, Nam Giang (QĐ 1100/QĐ-UBND, mục VI.2 không liệt kê tên xã)',
    provenance: provenance.setting(
      'Decision 1100 names no border commune: VI.2 speaks of “các xã biên giới thuộc 02 huyện Nam Giang, Tây Giang”. These ten are the communes of the two districts on the Laos border as this platform lists them; the province must confirm the list (or cite the official one).',
      SOURCE_DOCUMENTS['001'],
      'VI.2',
      'các xã biên giới thuộc 02 huyện Nam Giang, Tây Giang',
    ),
  },
  {
    tenant: 'quang-nam',
    level: 'DISTRICT',
    classification: 'LOWLAND',
    // the districts, towns and cities outside the mountainous area: Tam Kỳ, Hội An, Điện Bàn, Đại Lộc,
    // Duy Xuyên, Quế Sơn, Thăng Bình, Núi Thành, Phú Ninh
    codes: ['502', '503', '507', '506', '508', '509', '513', '517', '518'],
    source: 'Cài đặt của tỉnh: huyện, thị xã, thành phố đồng bằng (QĐ 1100/QĐ-UBND, mục III.2.1.b không liệt kê)',
    provenance: provenance.setting(
      'Decision 1100 (III.2.1.b) sets targets for “Các huyện, thị xã, thành phố đồng bằng” without listing them. These nine are the districts, towns and cities outside the mountainous area as this platform reads it; the province must confirm.',
      SOURCE_DOCUMENTS['001'],
      'III.2.1.b',
      'Các huyện, thị xã, thành phố đồng bằng mỗi năm giúp đỡ ít nhất 10 hộ nghèo trở lên/năm',
    ),
  },
];
