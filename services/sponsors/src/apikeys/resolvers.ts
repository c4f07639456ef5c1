import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Ctx as C } from '../loaders.js';
import { Sponsor } from '../sponsors/types.js';
import type { ApiKeyRow } from './entities.js';
import { apiKeysService as keys } from './service.js';
import { ApiKey, ApiKeyCheck, CreatedApiKey } from './types.js';

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Mutation(() => CreatedApiKey, { description: "Create a partner API key acting as one of your sponsors (admin). The secret is shown once." })
  createApiKey(@Ctx() ctx: C, @Arg('sponsorId', () => ID) sponsorId: string, @Arg('name', () => String) name: string) {
    return keys.create(ctx, sponsorId, name);
  }

  @Query(() => [ApiKey], { description: "Your province's partner API keys, newest first (admin). Secrets are never shown again." })
  apiKeys(@Ctx() ctx: C) {
    return keys.list(ctx);
  }

  @Mutation(() => ApiKey, { description: 'Revoke a partner API key (admin): it is refused from the next request on.' })
  revokeApiKey(@Ctx() ctx: C, @Arg('id', () => ID) id: string) {
    return keys.revoke(ctx, id);
  }

  @Directive('@inaccessible')
  @Query(() => ApiKeyCheck, { description: 'For the gateway only (its service identity): whose is this key?' })
  apiKeyCheck(@Ctx() ctx: C, @Arg('secret', () => String) secret: string) {
    return keys.check(ctx, secret);
  }

  @FieldResolver(() => Sponsor, { nullable: true })
  sponsor(@Root() key: ApiKeyRow, @Ctx() ctx: C) {
    return ctx.loaders.sponsorById.load(key.sponsorId);
  }
}
