import { ErrorCode } from './errors.js';

/**
 * Every `extensions.reason` a client may see, with the `extensions.code` it comes with: names
 * clients may branch on, so never rename one. docs/ARCHITECTURE.md lists them with their meaning.
 */
export const REASONS = {
  // input refused before anything is read (BAD_USER_INPUT)
  REQUIRED: ErrorCode.BAD_USER_INPUT,
  TOO_LONG: ErrorCode.BAD_USER_INPUT,
  TOO_MANY: ErrorCode.BAD_USER_INPUT,
  INVALID_FORMAT: ErrorCode.BAD_USER_INPUT,
  INVALID_JSON: ErrorCode.BAD_USER_INPUT,
  NOT_A_WHOLE_NUMBER: ErrorCode.BAD_USER_INPUT,
  YEAR_OUT_OF_RANGE: ErrorCode.BAD_USER_INPUT,
  DATE_INVALID: ErrorCode.BAD_USER_INPUT,
  IN_THE_FUTURE: ErrorCode.BAD_USER_INPUT,
  NOT_TODAY: ErrorCode.BAD_USER_INPUT,
  NEGATIVE_MONEY: ErrorCode.BAD_USER_INPUT,
  NEGATIVE_AMOUNT: ErrorCode.BAD_USER_INPUT,
  NEGATIVE_VALUE: ErrorCode.BAD_USER_INPUT,
  NOT_WHOLE_DONG: ErrorCode.BAD_USER_INPUT,
  PERCENT_OUT_OF_RANGE: ErrorCode.BAD_USER_INPUT,
  RANGE_INVALID: ErrorCode.BAD_USER_INPUT,
  VALUE_ABOVE_WHOLE: ErrorCode.BAD_USER_INPUT,
  INCONSISTENT: ErrorCode.BAD_USER_INPUT,
  HOUSEHOLDS_INCONSISTENT: ErrorCode.BAD_USER_INPUT,
  PERIOD_END_BEFORE_START: ErrorCode.BAD_USER_INPUT,
  YEAR_OUTSIDE_PERIOD: ErrorCode.BAD_USER_INPUT,
  PERIOD_EXCLUDES_CONTENT: ErrorCode.BAD_USER_INPUT,
  DUE_RULE: ErrorCode.BAD_USER_INPUT,
  REPORTERS: ErrorCode.BAD_USER_INPUT,
  INVALID_RULE_SET: ErrorCode.BAD_USER_INPUT,
  INVALID_TEMPLATE: ErrorCode.BAD_USER_INPUT,
  VERSION_REQUIRED: ErrorCode.BAD_USER_INPUT,
  REASON: ErrorCode.BAD_USER_INPUT,
  NOT_ELIGIBLE: ErrorCode.BAD_USER_INPUT,
  // uploaded files (`POST /files`, docs/FILES.md): refused, nothing stored (BAD_USER_INPUT)
  FILE_TOO_LARGE: ErrorCode.BAD_USER_INPUT,
  FILE_TYPE_NOT_ALLOWED: ErrorCode.BAD_USER_INPUT,
  FILE_EMPTY: ErrorCode.BAD_USER_INPUT,
  UPLOAD_TRUNCATED: ErrorCode.BAD_USER_INPUT,
  UNKNOWN_ATTACHMENT_TARGET: ErrorCode.BAD_USER_INPUT,
  // webhook URLs (docs/SECURITY.md "Webhooks"): a non-public target, a host that does not resolve
  WEBHOOK_TARGET_NOT_ALLOWED: ErrorCode.BAD_USER_INPUT,
  WEBHOOK_HOST_UNRESOLVED: ErrorCode.BAD_USER_INPUT,
  // lists: cursors and orders (BAD_USER_INPUT)
  INVALID_CURSOR: ErrorCode.BAD_USER_INPUT,
  CURSOR_ORDER_MISMATCH: ErrorCode.BAD_USER_INPUT,
  DUPLICATE_ORDER_FIELD: ErrorCode.BAD_USER_INPUT,
  // an id names nothing the caller may see in the subgraph that owns it (BAD_USER_INPUT)
  UNKNOWN_PROGRAM: ErrorCode.BAD_USER_INPUT,
  UNKNOWN_COMMUNE: ErrorCode.BAD_USER_INPUT,
  UNKNOWN_INDICATOR: ErrorCode.BAD_USER_INPUT,
  UNKNOWN_CRITERIA_SET: ErrorCode.BAD_USER_INPUT,
  UNKNOWN_CRITERION: ErrorCode.BAD_USER_INPUT,
  NO_RULE_SET: ErrorCode.BAD_USER_INPUT,
  CRITERIA_SET_NOT_IN_FORCE: ErrorCode.BAD_USER_INPUT,
  // geography changes (communes): a unit that is not there, or not on the day the change needs it
  UNKNOWN_UNIT: ErrorCode.BAD_USER_INPUT,
  UNIT_NOT_VALID: ErrorCode.BAD_USER_INPUT,
  // nothing of that kind to act on (NOT_FOUND)
  NO_DRAFT: ErrorCode.NOT_FOUND,
  // the state of the data forbids the change (CONFLICT)
  IN_USE: ErrorCode.CONFLICT,
  CONCURRENT: ErrorCode.CONFLICT,
  VERIFIED: ErrorCode.CONFLICT,
  ALREADY_SUBMITTED: ErrorCode.CONFLICT,
  ALREADY_APPROVED: ErrorCode.CONFLICT,
  // the reporting chain (docs/WORKFLOW.md)
  INVALID_TRANSITION: ErrorCode.CONFLICT,
  ACCEPTED: ErrorCode.CONFLICT,
  WRONG_LEVEL: ErrorCode.FORBIDDEN,
  UNIT_ENDED: ErrorCode.CONFLICT,
  CODE_IN_USE: ErrorCode.CONFLICT,
  UNITS_LEFT_BEHIND: ErrorCode.CONFLICT,
} as const satisfies Record<string, ErrorCode>;

export type Reason = keyof typeof REASONS;

/** The reasons by name (`Reason.REQUIRED`), so a misspelt reason is a compile error. */
export const Reason = Object.fromEntries(Object.keys(REASONS).map((r) => [r, r])) as { readonly [R in Reason]: R };
