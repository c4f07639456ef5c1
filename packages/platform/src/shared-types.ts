import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/**
 * GraphQL types more than one subgraph declares. Federation composes a type declared in several
 * subgraphs only when the declarations agree, so each is written once, here.
 */

/** What a programme targets a unit for (owned by the communes subgraph; also used by sponsors, evaluations). */
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

/** The province: the communes subgraph's `Tenant`, named by its slug (a reference elsewhere). */
@Directive('@key(fields: "slug", resolvable: false)')
@ObjectType('Tenant')
export class TenantRef {
  @Field(() => ID) slug!: string;
}
