/**
 * The hand-written part of the security suite: valid inputs for mutations the generator cannot
 * guess, and fault scenarios for batch writes. Everything else is generated from the schema.
 *
 * - MUTATION_FIXTURES: the audit check runs every mutation of the schema once. A mutation without
 *   a fixture gets generated input (the tenant's own ids, first enum values, today, 1 000 000 đồng);
 *   when that fails, the suite fails naming the mutation — add its fixture here.
 * - BATCH_WRITE_SCENARIOS: "a process killed in the middle of a batch write leaves nothing
 *   half-written". Any mutation named import… without a scenario here fails the suite.
 */
import type { Role } from '@kn/platform/identity';
import type { ValueStore } from './support/schema.js';

export interface FixtureContext {
  tenant: string;
  store: ValueStore;
  /** A GraphQL request as the tenant's admin; returns `data` (throws on errors). */
  read<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

export interface MutationFixture {
  /** The role that may run it (default: admin). */
  role?: Role;
  /** Variables that make the mutation CHANGE something (an unchanged row leaves no audit record). */
  variables(ctx: FixtureContext): Promise<Record<string, unknown>>;
}

/** Flips one classification of a unit, so that the call always changes something. */
const toggled = (current: string[], c: string) => (current.includes(c) ? current.filter((x) => x !== c) : [...current, c]);

export const MUTATION_FIXTURES: Record<string, MutationFixture> = {
  setCommuneClassifications: {
    async variables({ read }) {
      const data = await read<{ communes: { nodes: { id: string; classifications: string[] }[] } }>(
        `{ communes(first: 1) { nodes { id classifications } } }`,
      );
      const c = data.communes.nodes[0]!;
      return { communeId: c.id, classifications: toggled(c.classifications, 'EXTREMELY_DIFFICULT') };
    },
  },
  setDistrictClassifications: {
    async variables({ read }) {
      const data = await read<{ districts: { id: string; classifications: string[] }[] }>(`{ districts(asOf: "2025-06-30") { id classifications } }`);
      const d = data.districts[0]!;
      return { districtId: d.id, classifications: toggled(d.classifications, 'LOWLAND') };
    },
  },
};

export interface BatchWriteScenario {
  /** The mutation it exercises; the scenario is skipped (with this reason) while it is not in the schema. */
  mutation: string;
  name: string;
}

/**
 * Batch writes killed mid-flight. `setCommuneClassifications` is implemented in
 * phases/faults.ts (it has no import yet); the sponsors import registers here when it lands, with
 * its runner in phases/faults.ts (BATCH_RUNNERS).
 */
export const BATCH_WRITE_SCENARIOS: BatchWriteScenario[] = [
  { mutation: 'setCommuneClassifications', name: 'communes subgraph killed mid-flight during audited classification writes' },
];

/** The idempotent write retried after a timeout (sponsors subgraph). */
export const IDEMPOTENT_WRITE = { mutation: 'recordContribution', keyArg: 'idempotencyKey' };
