import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Entities of the other subgraphs that this one names by id. `Sponsor` and `Commune` are extended
 * here (`Sponsor.evaluation`, `Commune.measurements`); the others are references only.
 */
@Directive('@key(fields: "id")')
@ObjectType('Sponsor')
export class SponsorRef {
  @Field(() => ID) id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('Commune')
export class CommuneRef {
  @Field(() => ID) id!: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('District')
export class DistrictRef {
  @Field(() => ID) id!: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Program')
export class ProgramRef {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'A text in Vietnamese and in English.' })
export class LocalizedText {
  @Field(() => String) vi!: string;
  @Field(() => String) en!: string;
}
