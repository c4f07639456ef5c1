import { Directive, Field, Float, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { CommuneClassification, DateScalar, defineOrdering, OrderDirection, Provenance, VIETNAMESE_COLLATION } from '@kn/platform';

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

@ObjectType({
  description:
    'Where a unit lies (WGS 84 degrees), for maps. A unit without a position of its own (most units before 1/7/2025) ' +
    'shows its successor’s, with `inherited: true` and the successor named: a point inside today’s unit, not the old boundary’s centre.',
})
export class Location {
  @Field(() => Float) latitude!: number;
  @Field(() => Float) longitude!: number;
  @Field(() => Boolean, { description: 'True when this is the position of a successor unit, not of this one.' })
  inherited!: boolean;
  @Field(() => ID, { nullable: true, description: 'The successor whose position this is (when inherited).' })
  inheritedFromId!: string | null;
  @Field(() => String, { nullable: true, description: 'Its code (when inherited).' })
  inheritedFromCode!: string | null;
  @Field(() => String, { nullable: true, description: 'Its official full name (when inherited), e.g. "Xã Thụy Hùng".' })
  inheritedFromName!: string | null;
  @Field(() => String, { description: 'Where the position comes from (data file and repository).' })
  source!: string;
}

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

@ObjectType({
  description:
    'One province succeeding another from a day (the 2025 reform: Đà Nẵng succeeds Quảng Nam on 1/7/2025). The successor’s users read the predecessor’s history as their own past; the predecessor writes nothing from the day.',
})
export class TenantSuccession {
  @Field(() => ID) successorSlug!: string;
  @Field(() => String) successorName!: string;
  @Field(() => ID) predecessorSlug!: string;
  @Field(() => String) predecessorName!: string;
  @Field(() => DateScalar, { description: 'The first day of the successor; from it the predecessor is read-only.' })
  effectiveOn!: string;
  @Field(() => String) legalBasis!: string;
  @Field(() => Provenance) provenance!: Provenance;
}

@ObjectType({ description: 'For the gateway: what the caller’s tenant reads beside its own rows, and whether it may still write.' })
export class TenantLineage {
  @Field(() => [ID], { description: 'The tenants it succeeded, whose rows its users read (never write).' })
  predecessors!: string[];
  @Field(() => DateScalar, { nullable: true, description: 'The day another tenant succeeded it, if one has and the day has come: it writes nothing.' })
  succeededOn!: string | null;
}

@InputType({ description: 'Which communes to list. Every criterion narrows the list.' })
export class CommuneFilter {
  @Field(() => DateScalar, { nullable: true, description: 'Units valid on this date; default today (Asia/Ho_Chi_Minh).' })
  asOf?: string | null;
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Instead of `asOf`: every unit valid on some day up to this one (the whole history before it, e.g. for roll-ups).',
  })
  validOnOrBefore?: string | null;
  @Field(() => String, { nullable: true }) provinceCode?: string | null;
  @Field(() => String, { nullable: true, description: 'Only units before the reform have a district.' })
  districtCode?: string | null;
  @Field(() => CommuneClassification, { nullable: true }) classification?: CommuneClassification | null;
  @Field(() => CommuneKind, { nullable: true, description: 'Only units of this kind (COMMUNE: the xã a plan counts).' })
  kind?: CommuneKind | null;
  @Field(() => String, {
    nullable: true,
    description: 'Part of the name; case and diacritics are ignored ("thuy hung" finds "Thụy Hùng").',
  })
  search?: string | null;
}

@ObjectType({ description: 'A classification of a unit and where it comes from.' })
export class UnitClassification {
  @Field(() => CommuneClassification) classification!: CommuneClassification;
  @Field(() => String, { nullable: true, description: 'The source as recorded (text).' }) source!: string | null;
  @Field(() => Provenance, { nullable: true, description: 'Where it comes from: the document, a province setting, another legal text.' })
  provenance!: Provenance | null;
}

/** What `communes` can be sorted by; by code by default (as before `orderBy`). */
export const CommuneOrdering = defineOrdering('Commune', {
  list: 'communes',
  fields: {
    CODE: { column: 'code', description: 'The statistics office code (5 digits).' },
    NAME: { column: 'name', collate: VIETNAMESE_COLLATION, description: 'The name, in Vietnamese dictionary order (Đ after D; ă, â after a).' },
    VALID_FROM: { column: 'valid_from', cast: 'date', nullable: true, description: 'The day the commune came into being (none: before the records).' },
  },
  default: [{ field: 'CODE', direction: OrderDirection.ASC }],
});
export const CommuneOrder = CommuneOrdering.Order;
