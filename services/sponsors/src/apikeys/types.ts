import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Sponsor } from '../sponsors/types.js';

@ObjectType({ description: "A partner's API key for one sponsor. The secret is shown once, when it is created." })
export class ApiKey {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'Set once revoked: the key is refused from that moment.' })
  revokedAt!: Date | null;
  @Field(() => String) createdBy!: string;
  @Field(() => Sponsor, { nullable: true, description: 'The sponsor whose identity the key carries.' })
  sponsor?: Sponsor | null;
}

@ObjectType()
export class CreatedApiKey {
  @Field(() => String, {
    description: 'Send as `Authorization: ApiKey <secret>`. Shown only now: the platform keeps only its hash.',
  })
  secret!: string;
  @Field(() => ApiKey) key!: ApiKey;
}

export enum ApiKeyStatus {
  VALID = 'VALID',
  REVOKED = 'REVOKED',
  UNKNOWN = 'UNKNOWN',
}

/** What the gateway learns about a presented key (not part of the public graph). */
@Directive('@inaccessible')
@ObjectType()
export class ApiKeyCheck {
  @Field(() => String, { description: 'VALID, REVOKED or UNKNOWN' }) status!: ApiKeyStatus;
  @Field(() => ID, { nullable: true }) keyId!: string | null;
  @Field(() => ID, { nullable: true }) sponsorId!: string | null;
}
