import { communeById, communePage } from './communes.js';
import { provinceDashboard } from './dashboard.js';
import { analystTotals, communePageFederated, partnerRecordContribution } from './sponsors.js';
import type { Scenario } from './types.js';

/** Every scenario of issue 7. A scenario runs as soon as the subgraphs it `needs` are registered. */
export const SCENARIOS: Scenario[] = [
  communeById,
  communePage,
  communePageFederated,
  analystTotals,
  provinceDashboard,
  partnerRecordContribution,
];

export const scenarioByName = (name: string) => SCENARIOS.find((s) => s.name === name);
