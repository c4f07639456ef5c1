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
  // programs: the provinces' plans (public legal documents), their indicators, targets, tasks,
  // funding and covered communes. `sponsor` reads only the programmes it takes part in.
  'programs.read': ['admin', 'officer', 'analyst', 'sponsor', 'national'],
  'programs.write': ['admin', 'officer'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

export function allowed(roles: readonly Role[], action: Action): boolean {
  const permitted = PERMISSIONS[action] as readonly Role[];
  return roles.some((r) => permitted.includes(r));
}
