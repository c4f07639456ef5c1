import type { Role } from './identity.js';

interface Permission {
  /** Roles that may do it (then narrowed by row scope: own tenant, own sponsor). */
  roles: readonly Role[];
  /** What the action covers. */
  what: string;
  /** How a role's rows are narrowed beyond its tenant, where that is worth saying. */
  scope?: Partial<Record<Role, string>>;
}

/**
 * THE table of what each role may do, enforced in the subgraphs' services (`ctx.authorize`), and
 * printed into docs/SECURITY.md by `pnpm schema:print` (`pnpm schema:check` fails on drift). Row
 * scope is on top of this: every role sees only its tenant (RLS), `national` reads across tenants
 * where a subgraph allows it, and `sponsor` sees and writes only what belongs to the sponsor in its
 * token's (or API key's) scope.
 */
export const PERMISSIONS = {
  // communes: the administrative geography
  'communes.read': {
    roles: ['admin', 'officer', 'analyst', 'sponsor', 'national'],
    what: 'administrative units, their succession and classifications',
    scope: { national: 'every province' },
  },
  'communes.classify': { roles: ['admin'], what: "set a commune's or district's classifications" },

  // programs: the provinces' plans (public legal documents)
  'programs.read': {
    roles: ['admin', 'officer', 'analyst', 'sponsor', 'national'],
    what: 'programmes, targets, tasks, funding, covered communes, indicator catalogue',
    scope: { sponsor: 'programmes it takes part in', national: 'every province' },
  },
  'programs.write': {
    roles: ['admin', 'officer'],
    what: 'create/update programmes, indicators, targets, tasks, funding lines; covered communes',
  },

  // sponsors: sponsors, twinnings, the yearly cycle, contributions
  'sponsors.read': {
    roles: ['admin', 'officer', 'analyst', 'sponsor'],
    what: 'sponsors, twinnings, needs proposals, plans, contributions (lists and by id)',
    scope: { sponsor: 'its own sponsor only' },
  },
  'sponsors.aggregate': {
    roles: ['admin', 'officer', 'analyst', 'sponsor', 'national'],
    what: '`contributionTotals`, `Commune.sponsorship`, `communesWithoutActiveTwinning`',
    scope: { sponsor: 'its own figures; not the gap query', national: 'totals per province, no detail rows' },
  },
  'sponsors.write': { roles: ['admin', 'officer'], what: 'sponsors, twinnings, needs proposals' },
  'sponsors.writeOwn': {
    roles: ['admin', 'officer', 'sponsor'],
    what: 'contributions (`recordContribution`), yearly plans',
    scope: { sponsor: 'its own sponsor only' },
  },
  'sponsors.verify': { roles: ['admin', 'officer'], what: 'verify contributions; audited reversals' },
  'sponsors.import': { roles: ['admin', 'officer'], what: 'spreadsheet import of contributions' },
  'sponsors.configure': { roles: ['admin'], what: "the tenant's yearly-cycle deadlines" },
  'sponsors.apiKeys': {
    roles: ['admin'],
    what: "partner API keys for a sponsor: create (the secret is shown once), list, revoke",
  },

  // evaluations: reports and deadlines, commune measurements, rule sets, ratings, dashboards
  'evaluations.read': {
    roles: ['admin', 'officer', 'analyst', 'sponsor'],
    what: 'reports and their status, overdue reports, commune measurements, rule sets, calendar rules, criteria sets, evaluations',
    scope: { sponsor: 'its own reports and approved evaluation; the rules and calendars, not the communes’ figures' },
  },
  'evaluations.report': {
    roles: ['admin', 'officer', 'sponsor'],
    what: 'record a report as submitted (`recordReportSubmission`)',
    scope: { sponsor: 'its own reports, dated today' },
  },
  'evaluations.schedule': { roles: ['admin', 'officer'], what: "expected reports of a programme's year from the calendar rules (`scheduleReports`)" },
  'evaluations.measure': { roles: ['admin', 'officer'], what: "record a commune's yearly measurements (NTM criteria, households, poverty)" },
  'evaluations.evaluate': {
    roles: ['admin', 'officer'],
    what: '`evaluateSponsors` (a new draft), `evaluationPreview` (computed, not stored)',
  },
  'evaluations.approve': { roles: ['admin'], what: '`approveEvaluations`: freeze the latest draft with its rule-set version' },
  'evaluations.configure': { roles: ['admin'], what: 'publish rule-set versions; calendar rules of reports; NTM criteria sets' },
  'evaluations.dashboard': {
    roles: ['admin', 'officer', 'analyst'],
    what: '`provinceDashboard`: the province\'s figures of a year in one request',
  },
  'evaluations.compare': {
    roles: ['admin', 'officer', 'analyst', 'national'],
    what: '`nationalComparison`: totals per province side by side',
    scope: { national: 'every province, aggregates only', admin: 'its own province', officer: 'its own province', analyst: 'its own province' },
  },
} as const satisfies Record<string, Permission>;

export type Action = keyof typeof PERMISSIONS;

export function allowed(roles: readonly Role[], action: Action): boolean {
  const permitted = PERMISSIONS[action].roles as readonly Role[];
  return roles.some((r) => permitted.includes(r));
}

/** The table as rows for docs: action, per role '✓' (with its scope note) or '', what. */
export function permissionRows(roles: readonly Role[]): { action: string; cells: string[]; what: string }[] {
  return Object.entries(PERMISSIONS).map(([action, p]) => {
    const perm = p as Permission;
    return {
      action,
      cells: roles.map((r) => (perm.roles.includes(r) ? (perm.scope?.[r] ? `✓ (${perm.scope[r]})` : '✓') : '')),
      what: perm.what,
    };
  });
}
