import { buildFederatedSchema, type RequestContext } from '@kn/platform';
import { CommuneProgramsResolver } from './coverage/resolvers.js';
import { FundingLineResolver } from './funding/resolvers.js';
import { IndicatorResolver } from './indicators/resolvers.js';
import { indicatorsService } from './indicators/service.js';
import type { Loaders } from './loaders.js';
import { ProgramResolver } from './programs/resolvers.js';
import { programsService } from './programs/service.js';
import { TargetResolver } from './targets/resolvers.js';
import { targetsService } from './targets/service.js';
import { TaskResolver } from './tasks/resolvers.js';
import { tasksService } from './tasks/service.js';

type C = RequestContext<Loaders>;

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [ProgramResolver, IndicatorResolver, TargetResolver, TaskResolver, FundingLineResolver, CommuneProgramsResolver],
    references: {
      // another subgraph names a programme (a twinning's, an evaluation's): same read rules as `program(id)`
      Program: (ref, ctx: C) => programsService.byId(ctx, String(ref.id)),
      Indicator: (ref, ctx: C) => indicatorsService.byId(ctx, String(ref.id)),
      Target: (ref, ctx: C) => targetsService.byId(ctx, String(ref.id)),
      Task: (ref, ctx: C) => tasksService.byId(ctx, String(ref.id)),
      // Commune is the communes subgraph's; this subgraph only adds `programs` to it
      Commune: (ref) => ({ id: String(ref.id) }),
    },
  });
}
