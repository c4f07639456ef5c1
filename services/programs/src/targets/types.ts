import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DecimalScalar, Provenance, VndScalar } from '@kn/platform';
import { TargetComparison, TargetScopeKind } from '../common/enums.js';
import { Indicator } from '../indicators/types.js';

@ObjectType({ description: 'Whom or where a target applies to.' })
export class TargetScope {
  @Field(() => TargetScopeKind) kind!: TargetScopeKind;
  @Field(() => String, {
    nullable: true,
    description: 'A stable code of the group or sponsor kind, e.g. BORDER_COMMUNES, LOWLAND_DISTRICT; null for the province.',
  })
  group!: string | null;
  @Field(() => String, { description: 'The group as the document names it, e.g. "20 xã biên giới".' }) label!: string;
  @Field(() => Int, { nullable: true, description: 'How many units the group has, where the document says.' }) size!: number | null;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A quantified target of a programme, exactly as the document sets it.' })
export class Target {
  @Field(() => ID) id!: string;
  @Field(() => Indicator) indicator!: Indicator;
  @Field(() => Int, { nullable: true, description: 'The year, for a one-year target; null for a period (see startYear, endYear).' })
  year!: number | null;
  @Field(() => Int) startYear!: number;
  @Field(() => Int) endYear!: number;
  @Field(() => Boolean, { description: 'The value applies to each year of the period (e.g. “≥ 2 poor households per year”).' })
  yearly!: boolean;
  @Field(() => TargetComparison, { nullable: true, description: 'Null for a target stated in words only (see note).' })
  comparison!: TargetComparison | null;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Exact value ("61", "9.5"; money in đồng). Null when the document states the target in words only.',
  })
  targetValue!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Upper end, for BETWEEN ("9.5"–"10").' }) targetValueMax!: string | null;
  @Field(() => VndScalar, { nullable: true, description: 'The value as an amount of đồng, for VND indicators.' })
  targetAmount!: bigint | null;
  @Field(() => VndScalar, { nullable: true }) targetAmountMax!: bigint | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'The whole the value is counted out of: "207" in “61/207 xã”.' })
  outOf!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Baseline, where the document gives one.' }) baseline!: string | null;
  @Field(() => Int, { nullable: true }) baselineYear!: number | null;
  @Field(() => TargetScope) scope!: TargetScope;
  @Field(() => String, { nullable: true, description: 'The document’s wording, quoted.' }) note!: string | null;
  @Field(() => Provenance, {
    nullable: true,
    description: 'Where the target comes from (the document’s words, a reading of them, a province setting…); null for one recorded without it.',
  })
  provenance!: Provenance | null;
  @Field(() => Int) version!: number;
}

@InputType()
export class TargetScopeInput {
  @Field(() => TargetScopeKind) kind!: TargetScopeKind;
  @Field(() => String, { nullable: true, description: 'Required unless PROVINCE: capitals, digits and "_".' }) group?: string | null;
  @Field(() => String, { nullable: true, description: 'Default "toàn tỉnh" for PROVINCE; required otherwise.' }) label?: string | null;
  @Field(() => Int, { nullable: true }) size?: number | null;
}

@InputType({ description: 'A target’s fields. Give `year`, or `startYear` and `endYear`; an update replaces them all.' })
export class TargetInput {
  @Field(() => String, { description: 'Code of an indicator of your province’s catalogue.' }) indicatorCode!: string;
  @Field(() => Int, { nullable: true }) year?: number | null;
  @Field(() => Int, { nullable: true }) startYear?: number | null;
  @Field(() => Int, { nullable: true }) endYear?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Default false.' }) yearly?: boolean | null;
  @Field(() => TargetComparison, { nullable: true }) comparison?: TargetComparison | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'For VND indicators a whole number of đồng.' }) targetValue?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) targetValueMax?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) outOf?: string | null;
  @Field(() => DecimalScalar, { nullable: true }) baseline?: string | null;
  @Field(() => Int, { nullable: true }) baselineYear?: number | null;
  @Field(() => TargetScopeInput, { nullable: true, description: 'Default: the whole province.' }) scope?: TargetScopeInput | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}
