import type { Role } from './identity.js';

/**
 * THE table of what each role may do, enforced in the subgraphs' services (`ctx.authorize`), and
 * documented in docs/SECURITY.md. Row scope is on top of this: every role sees only its tenant
 * (RLS), `national` reads all tenants but only aggregates where a subgraph says so, and `sponsor`
 * sees and writes only what belongs to the sponsor in its token's scope.
 *
 * Add an action here (and a line in docs/SECURITY.md) before using it in a service.
 */
export const PERMISSIONS = {
  // communes: the administrative geography
  'communes.read': ['admin', 'officer', 'analyst', 'sponsor', 'national'],
  'communes.classify': ['admin'],
  // sponsors: sponsors, twinnings, the yearly cycle, contributions (a `sponsor` identity is narrowed
  // to its own sponsor in every read and write)
  'sponsors.read': ['admin', 'officer', 'analyst', 'sponsor'],
  'sponsors.aggregate': ['admin', 'officer', 'analyst', 'sponsor', 'national'],
  'sponsors.write': ['admin', 'officer'],
  'sponsors.writeOwn': ['admin', 'officer', 'sponsor'],
  'sponsors.verify': ['admin', 'officer'],
  'sponsors.import': ['admin', 'officer'],
  'sponsors.configure': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

export function allowed(roles: readonly Role[], action: Action): boolean {
  const permitted = PERMISSIONS[action] as readonly Role[];
  return roles.some((r) => permitted.includes(r));
}
