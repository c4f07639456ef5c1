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
  'communes.recordChanges': {
    roles: ['admin'],
    what: 'record geography changes (merge, split, rename, reclassification, transfer) with their day and legal basis; admin until a platform operator role exists (issue #18 §1)',
  },

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
  'sponsors.files': {
    roles: ['admin', 'officer', 'sponsor'],
    what: 'evidence files: upload (`POST /files`), attach to needs proposals, plans, contributions, reports; detach; delete',
    scope: { sponsor: 'its own uploads, on the items it sees; deletes only its own' },
  },
  'sponsors.verify': { roles: ['admin', 'officer'], what: 'verify contributions; audited reversals' },
  'sponsors.import': { roles: ['admin', 'officer'], what: 'spreadsheet import of contributions' },
  'sponsors.configure': { roles: ['admin'], what: "the tenant's yearly-cycle deadlines; the reporting chain of needs proposals and plans" },
  'sponsors.review': {
    roles: ['admin', 'officer'],
    what: 'return (with a reason) or accept a needs proposal or plan, at a level the reporting chain lets return or accept (docs/WORKFLOW.md)',
  },
  'sponsors.comment': {
    roles: ['admin', 'officer', 'sponsor'],
    what: 'comment on a needs proposal or plan (both sides of it see the comments)',
    scope: { sponsor: 'its own plans and proposals only' },
  },
  'sponsors.audit': {
    roles: ['admin', 'officer', 'analyst'],
    what: '`auditTrail(entity, id)`: who changed what, when, before and after',
  },
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
  'evaluations.review': {
    roles: ['admin', 'officer'],
    what: 'return (with a reason) or accept a report, at a level the reporting chain lets return or accept (docs/WORKFLOW.md)',
  },
  'evaluations.comment': {
    roles: ['admin', 'officer', 'sponsor'],
    what: 'comment on a report (both sides of it see the comments)',
    scope: { sponsor: 'its own reports only' },
  },
  'evaluations.audit': {
    roles: ['admin', 'officer', 'analyst'],
    what: 'a report’s audit trail (`auditTrail(entity: REPORT, id)`, which the sponsors subgraph asks of this one as the caller)',
  },
  'evaluations.schedule': { roles: ['admin', 'officer'], what: "expected reports of a programme's year from the calendar rules (`scheduleReports`)" },
  'evaluations.measure': { roles: ['admin', 'officer'], what: "record a commune's yearly measurements (NTM criteria, households, poverty)" },
  'evaluations.evaluate': {
    roles: ['admin', 'officer'],
    what: '`evaluateSponsors` (a new draft), `evaluationPreview` (computed, not stored)',
  },
  'evaluations.approve': {
    roles: ['admin'],
    what: '`approveEvaluations`: freeze the latest draft with its rule-set version; `chooseGrade`: choose among the grades the engine proposed, with a reason',
  },
  'evaluations.configure': { roles: ['admin'], what: 'publish rule-set versions and report-template versions; calendar rules of reports; NTM criteria sets' },
  'evaluations.templates': { roles: ['admin', 'officer', 'analyst'], what: 'report templates (`reportTemplates`, `reportTemplate`): what POST /reports generates' },
  'evaluations.dashboard': {
    roles: ['admin', 'officer', 'analyst'],
    what: '`provinceDashboard`: the province\'s figures of a year in one request',
  },
  'evaluations.compare': {
    roles: ['admin', 'officer', 'analyst', 'national'],
    what: '`nationalComparison`: totals per province side by side',
    scope: { national: 'every province, aggregates only', admin: 'its own province', officer: 'its own province', analyst: 'its own province' },
  },

  // notifications: what the outbox worker relayed, webhooks of partner systems (#14 §3)
  'notifications.read': {
    roles: ['admin', 'officer', 'analyst', 'sponsor'],
    what: '`notifications` addressed to you (and `markNotificationsRead`), `notificationSettings`',
    scope: { sponsor: 'those naming its sponsor', officer: 'a unit-scoped one: those touching its units or agencies' },
  },
  'notifications.configure': { roles: ['admin'], what: "the province's reminder days before deadlines (`setReminderDays`)" },
  'notifications.webhooks': {
    roles: ['admin'],
    what: 'register webhooks (url, events, secret), list them, stop/resume them, read their deliveries (failed ones included)',
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

/** Roles that may do `action`: the scope `action` in the schema's `@requiresScopes` is held by these roles. */
export function rolesOf(action: Action): readonly Role[] {
  return PERMISSIONS[action].roles;
}

/** The scopes a caller holds: the actions of the table its roles may do (a scope IS an action's name). */
export function scopesOf(roles: readonly Role[]): Action[] {
  return (Object.keys(PERMISSIONS) as Action[]).filter((a) => allowed(roles, a));
}

/**
 * What each field of the graph requires, declared in the schema: every public root field of every
 * subgraph (`Query.x`, `Mutation.y`) has an entry — the action of the table its service authorizes
 * (`ctx.authorize`) first, or `null` when any signed-in caller may ask it — and a few object fields
 * that a role able to read their parent may not read. `buildFederatedSchema` prints each entry as
 * `@authenticated @requiresScopes(scopes: [["<action>"]])` (`null`: `@authenticated` alone); it
 * refuses a public root field without an entry. The services still enforce (`ctx.authorize`); the
 * directives are the contract they keep, checked by `pnpm schema:check` and
 * test/gateway/declared-scopes.test.ts. A service may narrow further for some rows or roles
 * (`FIELD_NARROWINGS`): a declaration says who MAY be let through, never less than the service.
 */
export const FIELD_PERMISSIONS = {
  // communes
  'Query.communes': 'communes.read',
  'Query.commune': 'communes.read',
  'Query.districts': 'communes.read',
  'Query.district': 'communes.read',
  'Query.provinces': 'communes.read',
  'Query.province': 'communes.read',
  'Query.currentTenant': null,
  'Query.tenants': null,
  'Query.tenantSuccessions': null,
  'Mutation.setCommuneClassifications': 'communes.classify',
  'Mutation.setDistrictClassifications': 'communes.classify',
  'Query.unitChanges': 'communes.read',
  'Mutation.recordUnitChange': 'communes.recordChanges',
  'Mutation.recordUnitChanges': 'communes.recordChanges',

  // programs
  'Query.programs': 'programs.read',
  'Query.program': 'programs.read',
  'Query.indicators': 'programs.read',
  'Query.indicator': 'programs.read',
  'Mutation.createProgram': 'programs.write',
  'Mutation.updateProgram': 'programs.write',
  'Mutation.setProgramCommunes': 'programs.write',
  'Mutation.createIndicator': 'programs.write',
  'Mutation.updateIndicator': 'programs.write',
  'Mutation.createTarget': 'programs.write',
  'Mutation.updateTarget': 'programs.write',
  'Mutation.deleteTarget': 'programs.write',
  'Mutation.createTask': 'programs.write',
  'Mutation.updateTask': 'programs.write',
  'Mutation.deleteTask': 'programs.write',
  'Mutation.createFundingLine': 'programs.write',
  'Mutation.updateFundingLine': 'programs.write',
  'Mutation.deleteFundingLine': 'programs.write',

  // sponsors
  'Query.sponsors': 'sponsors.read',
  'Query.sponsor': 'sponsors.read',
  'Query.twinnings': 'sponsors.read',
  'Query.twinning': 'sponsors.read',
  'Query.contributions': 'sponsors.read',
  'Query.contribution': 'sponsors.read',
  'Query.cycleDeadlines': 'sponsors.read',
  'Query.needsProposals': 'sponsors.read',
  'Query.yearlyPlans': 'sponsors.read',
  'Query.sponsorFacts': 'sponsors.read',
  'Query.contributionTotals': 'sponsors.aggregate',
  'Query.communesWithoutActiveTwinning': 'sponsors.aggregate',
  'Query.apiKeys': 'sponsors.apiKeys',
  'Mutation.createSponsor': 'sponsors.write',
  'Mutation.updateSponsor': 'sponsors.write',
  'Mutation.createTwinning': 'sponsors.write',
  'Mutation.updateTwinning': 'sponsors.write',
  'Mutation.submitNeedsProposal': 'sponsors.write',
  'Mutation.updateNeedsProposal': 'sponsors.write',
  'Mutation.recordContribution': 'sponsors.writeOwn',
  // setting `status: VERIFIED` on the way also needs sponsors.verify (checked in the service)
  'Mutation.updateContribution': 'sponsors.writeOwn',
  'Mutation.signYearlyPlan': 'sponsors.writeOwn',
  'Mutation.updateYearlyPlan': 'sponsors.writeOwn',
  'Mutation.verifyContribution': 'sponsors.verify',
  'Mutation.reverseContribution': 'sponsors.verify',
  'Mutation.importContributions': 'sponsors.import',
  'Mutation.setCycleDeadline': 'sponsors.configure',
  'Mutation.removeCycleDeadline': 'sponsors.configure',
  'Query.file': 'sponsors.read',
  'Mutation.attachFile': 'sponsors.files',
  'Mutation.detachFile': 'sponsors.files',
  'Mutation.deleteFile': 'sponsors.files',
  'Mutation.createApiKey': 'sponsors.apiKeys',
  'Query.cycleReviewChains': 'sponsors.read',
  'Query.auditTrail': 'sponsors.audit',
  'Mutation.setCycleReviewChain': 'sponsors.configure',
  'Mutation.resubmitNeedsProposal': 'sponsors.write',
  'Mutation.returnNeedsProposal': 'sponsors.review',
  'Mutation.acceptNeedsProposal': 'sponsors.review',
  'Mutation.addNeedsProposalComment': 'sponsors.comment',
  'Mutation.resubmitYearlyPlan': 'sponsors.writeOwn',
  'Mutation.returnYearlyPlan': 'sponsors.review',
  'Mutation.acceptYearlyPlan': 'sponsors.review',
  'Mutation.addYearlyPlanComment': 'sponsors.comment',
  'Mutation.revokeApiKey': 'sponsors.apiKeys',

  // evaluations
  'Query.reports': 'evaluations.read',
  'Query.report': 'evaluations.read',
  'Query.overdue': 'evaluations.read',
  'Query.reportCalendarRules': 'evaluations.read',
  'Query.communeMeasurements': 'evaluations.read',
  'Query.criteriaSets': 'evaluations.read',
  'Query.ruleSets': 'evaluations.read',
  'Query.ruleSet': 'evaluations.read',
  'Query.evaluationRun': 'evaluations.read',
  'Query.evaluationRuns': 'evaluations.read',
  'Query.evaluationPreview': 'evaluations.evaluate',
  'Query.reportTemplates': 'evaluations.templates',
  'Query.reportTemplate': 'evaluations.templates',
  'Query.provinceDashboard': 'evaluations.dashboard',
  'Query.nationalComparison': 'evaluations.compare',
  'Mutation.recordReportSubmission': 'evaluations.report',
  'Mutation.returnReport': 'evaluations.review',
  'Mutation.acceptReport': 'evaluations.review',
  'Mutation.addReportComment': 'evaluations.comment',
  'Query.reportReviewChains': 'evaluations.read',
  'Mutation.setReportReviewChain': 'evaluations.configure',
  'Mutation.scheduleReports': 'evaluations.schedule',
  'Mutation.recordCommuneMeasurement': 'evaluations.measure',
  'Mutation.evaluateSponsors': 'evaluations.evaluate',
  'Mutation.approveEvaluations': 'evaluations.approve',
  'Mutation.chooseGrade': 'evaluations.approve',
  'Mutation.saveCriteriaSet': 'evaluations.configure',
  'Mutation.setReportCalendarRule': 'evaluations.configure',
  'Mutation.publishRuleSet': 'evaluations.configure',
  'Mutation.publishReportTemplate': 'evaluations.configure',

  // notifications
  'Query.notifications': 'notifications.read',
  'Query.notification': 'notifications.read',
  'Query.notificationSettings': 'notifications.read',
  'Query.webhooks': 'notifications.webhooks',
  'Query.webhookDeliveries': 'notifications.webhooks',
  'Mutation.markNotificationsRead': 'notifications.read',
  'Mutation.setReminderDays': 'notifications.configure',
  'Mutation.registerWebhook': 'notifications.webhooks',
  'Mutation.setWebhookActive': 'notifications.webhooks',

  // fields another subgraph adds to an entity, asking another action than the entity's own
  'Commune.programs': 'programs.read',
  'Commune.measurements': 'evaluations.read',
  'Commune.twinnings': 'sponsors.read',
  'Commune.sponsorship': 'sponsors.aggregate',
  'Program.twinnings': 'sponsors.read',
  'Sponsor.evaluation': 'evaluations.read',
  'Report.files': 'sponsors.read',
} as const satisfies Record<string, Action | null>;

export type DeclaredField = keyof typeof FIELD_PERMISSIONS;

/**
 * Where a service refuses a role that holds the field's scope (row scope narrower than the action):
 * field → role → why. Printed in docs/SECURITY.md; test/gateway/declared-scopes.test.ts expects
 * FORBIDDEN for these and only these among the roles holding the scope.
 */
export const FIELD_NARROWINGS: Partial<Record<DeclaredField, Partial<Record<Role, string>>>> = {
  'Query.evaluationRun': { sponsor: 'a sponsor reads its own approved evaluation (`Sponsor.evaluation`), not the runs' },
  'Query.evaluationRuns': { sponsor: 'a sponsor reads its own approved evaluation (`Sponsor.evaluation`), not the runs' },
  'Query.communeMeasurements': { sponsor: 'a sponsor reads its own reports and evaluations, not the communes’ figures' },
  'Query.communesWithoutActiveTwinning': { sponsor: "a sponsor sees its own twinnings, not the province's coverage" },
  'Commune.measurements': { sponsor: 'a sponsor reads its own reports and evaluations, not the communes’ figures' },
};

/** The root types whose every public field must be declared in FIELD_PERMISSIONS. */
export const ROOT_TYPES = ['Query', 'Mutation'] as const;
