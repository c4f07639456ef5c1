/** The gateway's wait for one subgraph request in the suite (production: 60 s): short, so the frozen-subgraph scenario is quick. */
export const SUITE_UPSTREAM_TIMEOUT_MS = 2_000;
