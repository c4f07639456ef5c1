import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, defineOrdering, OrderDirection, Provenance, ProvenanceKind } from '@kn/platform';

export enum UnitChangeKind {
  MERGE = 'MERGE',
  SPLIT = 'SPLIT',
  RENAME = 'RENAME',
  RECLASSIFY = 'RECLASSIFY',
  TRANSFER = 'TRANSFER',
}
registerEnumType(UnitChangeKind, {
  name: 'UnitChangeKind',
  description: 'What a recorded geography change did.',
  valuesConfig: {
    MERGE: { description: 'Units merged (nhập) into one: an existing unit that continues, or a new one.' },
    SPLIT: { description: 'A unit divided (chia) among several (existing or new).' },
    RENAME: { description: 'A unit took another name (same level and kind): a new unit from the day, the old one ends.' },
    RECLASSIFY: { description: 'A unit changed kind (xã → phường, xã → thị trấn): a new unit from the day.' },
    TRANSFER: { description: 'A unit moved to another parent unit (district) under its own name, e.g. when its district was merged.' },
  },
});

export enum UnitLevel {
  PROVINCE = 'PROVINCE',
  DISTRICT = 'DISTRICT',
  COMMUNE = 'COMMUNE',
}
registerEnumType(UnitLevel, { name: 'UnitLevel', description: 'The level of an administrative unit.' });

@ObjectType({ description: 'A unit as a change names it, at any level; `commune`/`district`/`province` give the whole unit.' })
export class ChangedUnit {
  @Field(() => ID) id!: string;
  @Field(() => UnitLevel) level!: UnitLevel;
  @Field(() => String) code!: string;
  @Field(() => String, { description: 'Official full name, e.g. "Xã Bắc Ái".' }) fullName!: string;
  @Field(() => DateScalar, { nullable: true }) validFrom!: string | null;
  @Field(() => DateScalar, { nullable: true }) validTo!: string | null;
}

@ObjectType({
  description:
    'A recorded change of the geography (issue #18 §3): from `effectiveOn` its predecessors end (the day before) and its successors ' +
    'go on or begin; `asOf` queries answer accordingly. Seeded from the history files or recorded by an admin (`recordUnitChange`); audited.',
})
export class UnitChange {
  @Field(() => ID) id!: string;
  @Field(() => UnitChangeKind) kind!: UnitChangeKind;
  @Field(() => UnitLevel) level!: UnitLevel;
  @Field(() => DateScalar, { description: 'The first day the change is in force.' }) effectiveOn!: string;
  @Field(() => String, { description: 'The legal basis as recorded, e.g. "818/NQ-UBTVQH14 (21/11/2019, effective 1/1/2020)".' })
  legalBasis!: string;
  @Field(() => Provenance, { description: 'Where the change (and each successor) comes from; a guessed successor says so (PROVINCE_SETTING).' })
  provenance!: Provenance;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => String, { description: 'Who recorded it (`system:seed` for the history files).' }) recordedBy!: string;
  @Field(() => Date) recordedAt!: Date;
}

@InputType({ description: 'Which recorded changes to list. Every criterion narrows the list.' })
export class UnitChangeFilter {
  @Field(() => UnitChangeKind, { nullable: true }) kind?: UnitChangeKind | null;
  @Field(() => UnitLevel, { nullable: true }) level?: UnitLevel | null;
  @Field(() => DateScalar, { nullable: true, description: 'In force on or after this day.' }) effectiveFrom?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'In force on or before this day.' }) effectiveTo?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only changes naming this unit (as a predecessor or a successor).' })
  unitId?: string | null;
}

@InputType({ description: 'A unit named by its id, or by its code (the unit of the change’s level valid on the day that matters).' })
export class UnitRefInput {
  @Field(() => ID, { nullable: true }) id?: string | null;
  @Field(() => String, { nullable: true, description: 'E.g. "06052"; predecessors: valid the day before `effectiveOn`, successors: on it.' })
  code?: string | null;
}

@InputType({ description: 'A unit that begins on the change’s day.' })
export class NewUnitInput {
  @Field(() => String, { nullable: true, description: 'Its code; default the (first) predecessor’s.' }) code?: string | null;
  @Field(() => String, { nullable: true, description: 'Official full name with its unit word ("Xã Kim Đồng", "Phường Điện Minh"); default the predecessor’s.' })
  fullName?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'The unit it lies in (a district or, from 1/7/2025, the province), valid on the day; default the predecessor’s.',
  })
  parentId?: string | null;
}

@InputType({ description: 'Where a recorded change comes from (the shared Provenance); default EXTERNAL naming the legal basis.' })
export class ProvenanceInput {
  @Field(() => ProvenanceKind) kind!: ProvenanceKind;
  @Field(() => String, { nullable: true }) document?: string | null;
  @Field(() => String, { nullable: true }) section?: string | null;
  @Field(() => String, { nullable: true }) quote?: string | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType({ description: 'One change of the geography, in force from `effectiveOn`.' })
export class UnitChangeInput {
  @Field(() => UnitChangeKind) kind!: UnitChangeKind;
  @Field(() => UnitLevel, { description: 'COMMUNE or DISTRICT (a province’s change is tenant succession).' }) level!: UnitLevel;
  @Field(() => DateScalar) effectiveOn!: string;
  @Field(() => String, { description: 'The resolution or decision, e.g. "Nghị quyết 818/NQ-UBTVQH14 ngày 21/11/2019".' }) legalBasis!: string;
  @Field(() => [UnitRefInput], { description: 'The units that end on the day before `effectiveOn` (one for SPLIT, RENAME, RECLASSIFY, TRANSFER).' })
  predecessors!: UnitRefInput[];
  @Field(() => [UnitRefInput], { nullable: true, description: 'Existing units that go on and receive (MERGE into an existing unit; SPLIT).' })
  successors?: UnitRefInput[] | null;
  @Field(() => [NewUnitInput], { nullable: true, description: 'Units that begin on `effectiveOn`.' })
  newUnits?: NewUnitInput[] | null;
  @Field(() => ProvenanceInput, { nullable: true }) provenance?: ProvenanceInput | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}

/** What `unitChanges` can be sorted by; by effective day by default. */
export const UnitChangeOrdering = defineOrdering('UnitChange', {
  list: 'unitChanges',
  fields: {
    EFFECTIVE_ON: { column: 'effective_on', cast: 'date', description: 'The first day the change is in force.' },
    RECORDED_AT: { column: 'recorded_at', cast: 'timestamptz', description: 'When it was recorded.' },
  },
  default: [{ field: 'EFFECTIVE_ON', direction: OrderDirection.ASC }],
});
export const UnitChangeOrder = UnitChangeOrdering.Order;
