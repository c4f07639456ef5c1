import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '@kn/platform';

export enum CommuneClassification {
  BORDER = 'BORDER',
  ETHNIC_MINORITY_MOUNTAINOUS = 'ETHNIC_MINORITY_MOUNTAINOUS',
  EXTREMELY_DIFFICULT = 'EXTREMELY_DIFFICULT',
  LOWLAND = 'LOWLAND',
}
registerEnumType(CommuneClassification, {
  name: 'CommuneClassification',
  description: 'What a programme targets a unit for.',
  valuesConfig: {
    BORDER: { description: 'Land-border commune (xã biên giới đất liền)' },
    ETHNIC_MINORITY_MOUNTAINOUS: { description: 'Ethnic-minority and mountainous area (vùng đồng bào DTTS & miền núi)' },
    EXTREMELY_DIFFICULT: { description: 'Extremely difficult commune (xã đặc biệt khó khăn)' },
    LOWLAND: { description: 'Lowland district (huyện đồng bằng); used for districts' },
  },
});

export enum CommuneKind {
  COMMUNE = 'COMMUNE',
  WARD = 'WARD',
  TOWNSHIP = 'TOWNSHIP',
  SPECIAL_ZONE = 'SPECIAL_ZONE',
}
registerEnumType(CommuneKind, {
  name: 'CommuneKind',
  valuesConfig: {
    COMMUNE: { description: 'xã' },
    WARD: { description: 'phường' },
    TOWNSHIP: { description: 'thị trấn (abolished with the district level on 1/7/2025)' },
    SPECIAL_ZONE: { description: 'đặc khu (from 1/7/2025)' },
  },
});

export enum DistrictKind {
  DISTRICT = 'DISTRICT',
  TOWN = 'TOWN',
  CITY = 'CITY',
  URBAN_DISTRICT = 'URBAN_DISTRICT',
}
registerEnumType(DistrictKind, {
  name: 'DistrictKind',
  valuesConfig: {
    DISTRICT: { description: 'huyện' },
    TOWN: { description: 'thị xã' },
    CITY: { description: 'thành phố thuộc tỉnh' },
    URBAN_DISTRICT: { description: 'quận' },
  },
});

export enum ProvinceKind {
  PROVINCE = 'PROVINCE',
  MUNICIPALITY = 'MUNICIPALITY',
}
registerEnumType(ProvinceKind, {
  name: 'ProvinceKind',
  valuesConfig: {
    PROVINCE: { description: 'tỉnh' },
    MUNICIPALITY: { description: 'thành phố trực thuộc trung ương' },
  },
});

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A commune-level unit (xã, phường, thị trấn, đặc khu) valid over a period. Units replaced on 1/7/2025 link to their successors.',
})
export class Commune {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Official code (mã đơn vị hành chính). Not unique over time.' }) code!: string;
  @Field(() => String, { description: 'Name without the unit word, e.g. "Thụy Hùng".' }) name!: string;
  @Field(() => String, { description: 'Official full name, e.g. "Xã Thụy Hùng".' }) fullName!: string;
  @Field(() => CommuneKind) kind!: CommuneKind;
  @Field(() => DateScalar, { nullable: true, description: 'First day of validity; null when older than our records.' })
  validFrom!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Last day of validity; null while current.' })
  validTo!: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A district-level unit (huyện, thị xã, thành phố, quận). The level was abolished on 1/7/2025.' })
export class District {
  @Field(() => ID) id!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String) fullName!: string;
  @Field(() => DistrictKind) kind!: DistrictKind;
  @Field(() => DateScalar, { nullable: true }) validFrom!: string | null;
  @Field(() => DateScalar, { nullable: true }) validTo!: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A province-level unit (tỉnh or centrally-run city).' })
export class Province {
  @Field(() => ID) id!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String) fullName!: string;
  @Field(() => ProvinceKind) kind!: ProvinceKind;
  @Field(() => DateScalar, { nullable: true }) validFrom!: string | null;
  @Field(() => DateScalar, { nullable: true }) validTo!: string | null;
}

@Directive('@key(fields: "slug")')
@ObjectType({ description: 'A province that runs its programmes on this platform.' })
export class Tenant {
  @Field(() => ID) slug!: string;
  @Field(() => String) name!: string;
}

@InputType({ description: 'Which communes to list. Every criterion narrows the list.' })
export class CommuneFilter {
  @Field(() => DateScalar, { nullable: true, description: 'Units valid on this date; default today (Asia/Ho_Chi_Minh).' })
  asOf?: string | null;
  @Field(() => String, { nullable: true }) provinceCode?: string | null;
  @Field(() => String, { nullable: true, description: 'Only units before the reform have a district.' })
  districtCode?: string | null;
  @Field(() => CommuneClassification, { nullable: true }) classification?: CommuneClassification | null;
  @Field(() => String, {
    nullable: true,
    description: 'Part of the name; case and diacritics are ignored ("thuy hung" finds "Thụy Hùng").',
  })
  search?: string | null;
}
