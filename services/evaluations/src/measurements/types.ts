import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DecimalScalar, defineOrdering, Provenance } from '@kn/platform';
import { CommuneRef, LocalizedText } from '../common/stubs.js';

@ObjectType({ description: 'One criterion of a set.' })
export class Criterion {
  @Field(() => Int) number!: number;
  @Field(() => LocalizedText) name!: LocalizedText;
}

@ObjectType({
  description:
    'A set of national new-rural-development criteria for communes (e.g. the 19 of 2016–2020, or the 10 of Decision ' +
    '51/2025/QĐ-TTg), as data.',
})
export class CriteriaSet {
  @Field(() => String) code!: string;
  @Field(() => LocalizedText) title!: LocalizedText;
  @Field(() => String, { description: 'The decision that issued it.' }) decision!: string;
  @Field(() => Int) firstYear!: number;
  @Field(() => Int, { nullable: true }) lastYear!: number | null;
  @Field(() => Int) criteriaCount!: number;
  @Field(() => [Criterion]) criteria!: Criterion[];
  @Field(() => Provenance, { nullable: true, description: 'National decisions: EXTERNAL.' }) provenance!: Provenance | null;
  @Field(() => Int) version!: number;
}

@ObjectType()
export class CriterionResult {
  @Field(() => Int) number!: number;
  @Field(() => LocalizedText) name!: LocalizedText;
  @Field(() => Boolean) met!: boolean;
}

@ObjectType({
  description:
    'A commune’s figures of a year (as it stood on 31/12). Asked of a commune created on 1/7/2025 for an earlier year, ' +
    'its predecessors’ households add up into it (`parts` lists them; a split commune counts whole under its first ' +
    'successor by code); criteria do not add up, so a rolled-up figure has none.',
})
export class CommuneMeasurement {
  @Field(() => ID, { nullable: true, description: 'Null for a rolled-up figure.' }) id!: string | null;
  @Field(() => CommuneRef) commune!: CommuneRef;
  @Field(() => Int) year!: number;
  @Field(() => CriteriaSet, { nullable: true }) criteriaSet!: CriteriaSet | null;
  @Field(() => [Int], { nullable: true, description: 'Numbers of the criteria met.' }) criteriaMet!: number[] | null;
  @Field(() => Int, { nullable: true }) criteriaMetCount!: number | null;
  @Field(() => [CriterionResult], { nullable: true }) criteria!: CriterionResult[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Recognised as meeting the NTM standard (đạt chuẩn nông thôn mới).' })
  ntmCertified!: boolean | null;
  @Field(() => Int) households!: number;
  @Field(() => Int) poorHouseholds!: number;
  @Field(() => Int) nearPoorHouseholds!: number;
  @Field(() => DecimalScalar, { nullable: true, description: 'Poor households per 100 households, rounded half up to 2 places.' })
  povertyRate!: string | null;
  @Field(() => DecimalScalar, { nullable: true }) nearPovertyRate!: string | null;
  @Field(() => Boolean, { description: 'Made of its predecessors’ figures (see `parts`).' }) rolledUp!: boolean;
  @Field(() => [CommuneMeasurement]) parts!: CommuneMeasurement[];
  @Field(() => String) source!: string;
  @Field(() => Boolean, { description: 'Synthetic demo data, not an official figure.' }) synthetic!: boolean;
  @Field(() => Int, { nullable: true }) version!: number | null;
}

@InputType({ description: 'A commune’s figures of a year; replaces the recorded ones when `version` is given.' })
export class CommuneMeasurementInput {
  @Field(() => ID) communeId!: string;
  @Field(() => Int) year!: number;
  @Field(() => String, { nullable: true, description: 'The criteria set in force that year; null: criteria not assessed.' })
  criteriaSetCode?: string | null;
  @Field(() => [Int], { nullable: true }) criteriaMet?: number[] | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) ntmCertified?: boolean;
  @Field(() => Int) households!: number;
  @Field(() => Int) poorHouseholds!: number;
  @Field(() => Int) nearPoorHouseholds!: number;
  @Field(() => String) source!: string;
  @Field(() => Int, { nullable: true, description: 'The version you read, to replace recorded figures.' }) version?: number | null;
}

@InputType()
export class CriterionInput {
  @Field(() => Int) number!: number;
  @Field(() => String) nameVi!: string;
  @Field(() => String) nameEn!: string;
}

@InputType({ description: 'A criteria set, created or replaced by its code (give `version` to replace).' })
export class CriteriaSetInput {
  @Field(() => String) code!: string;
  @Field(() => String) titleVi!: string;
  @Field(() => String) titleEn!: string;
  @Field(() => String) decision!: string;
  @Field(() => Int) firstYear!: number;
  @Field(() => Int, { nullable: true }) lastYear?: number | null;
  @Field(() => [CriterionInput], { description: 'Numbered 1 to N, each once.' }) criteria!: CriterionInput[];
  @Field(() => Int, { nullable: true }) version?: number | null;
}

/**
 * What `communeMeasurements` can be sorted by; by commune id by default (the list has one row per
 * commune, so the commune id is its tie-break).
 */
export const CommuneMeasurementOrdering = defineOrdering('CommuneMeasurement', {
  list: 'communeMeasurements',
  fields: {
    HOUSEHOLDS: { column: 'households', cast: 'int', nullable: true, description: 'Households.' },
    POOR_HOUSEHOLDS: { column: 'poor_households', cast: 'int', nullable: true, description: 'Poor households.' },
    NEAR_POOR_HOUSEHOLDS: { column: 'near_poor_households', cast: 'int', nullable: true, description: 'Near-poor households.' },
    POVERTY_RATE: { column: 'poverty_rate', cast: 'numeric', nullable: true, description: 'Poor households over households, exact (no households: last ascending).' },
  },
  default: [],
  tieBreak: { column: 'commune_id', cast: 'uuid' },
});
export const CommuneMeasurementOrder = CommuneMeasurementOrdering.Order;
