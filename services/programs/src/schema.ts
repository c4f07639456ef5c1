import { buildFederatedSchema } from '@kn/platform';
import { coverageReferences } from './coverage/references.js';
import { CommuneProgramsResolver } from './coverage/resolvers.js';
import { FundingLineResolver } from './funding/resolvers.js';
import { IndicatorResolver } from './indicators/resolvers.js';
import { indicatorReferences } from './indicators/references.js';
import { ProgramResolver } from './programs/resolvers.js';
import { programReferences } from './programs/references.js';
import { TargetResolver } from './targets/resolvers.js';
import { targetReferences } from './targets/references.js';
import { TaskResolver } from './tasks/resolvers.js';
import { taskReferences } from './tasks/references.js';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [ProgramResolver, IndicatorResolver, TargetResolver, TaskResolver, FundingLineResolver, CommuneProgramsResolver],
    references: {
      ...programReferences,
      ...indicatorReferences,
      ...targetReferences,
      ...taskReferences,
      ...coverageReferences,
    },
  });
}
