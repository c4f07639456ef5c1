import { GraphQLError } from 'graphql';

/**
 * Every error a client can see carries one of these codes in `extensions.code`.
 * Analysts and partners code against them: never rename one.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  DEADLINE_PASSED: 'DEADLINE_PASSED',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  RATE_LIMITED: 'RATE_LIMITED',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes produced by graphql-js / Apollo Server themselves that are safe to show as they are. */
const FRAMEWORK_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

export interface AppErrorDetails {
  /** Input field the error is about, as a path: `input.amount`, `first`. */
  field?: string;
  [key: string]: unknown;
}

/** A failure the caller caused or must handle. Shown to clients with its code; never masked. */
export class AppError extends GraphQLError {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, details: AppErrorDetails = {}) {
    super(message, { extensions: { code, ...details } });
    this.code = code;
  }
}

export const badInput = (message: string, details?: AppErrorDetails) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, details);
export const unauthenticated = (message = 'Authentication required') =>
  new AppError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message = 'Not allowed', details?: AppErrorDetails) => new AppError(ErrorCode.FORBIDDEN, message, details);
export const notFound = (what: string, details?: AppErrorDetails) =>
  new AppError(ErrorCode.NOT_FOUND, `${what} not found`, details);
export const conflict = (message: string, details?: AppErrorDetails) =>
  new AppError(ErrorCode.CONFLICT, message, details);

/** True when the error (or the error it wraps) is one we chose to show to clients. */
export function isExpectedError(error: unknown): boolean {
  const original = unwrap(error);
  if (original instanceof AppError) return true;
  if (original instanceof GraphQLError) {
    const code = original.extensions?.code;
    // graphql-js errors without an original error are parse/validation/coercion errors
    return typeof code === 'string' ? FRAMEWORK_CODES.has(code) || code in ErrorCode : original.originalError == null;
  }
  return false;
}

function unwrap(error: unknown): unknown {
  let current = error;
  for (let i = 0; i < 5; i++) {
    if (current instanceof GraphQLError && current.originalError && current.originalError !== current) {
      if (current.originalError instanceof GraphQLError || current.originalError instanceof AppError) {
        current = current.originalError;
        continue;
      }
      return current.extensions?.code && current.originalError ? current : current.originalError;
    }
    break;
  }
  return current;
}

/** PostgreSQL and network error codes that mean "the database cannot be reached right now". */
const DATABASE_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, recovery)
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '08P01',
  '53300', // too_many_connections
]);
const DATABASE_DOWN_RE =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)/i;

/**
 * True when an error (or one it wraps) says the database is unreachable or restarting — a passing
 * condition the client should retry (SERVICE_UNAVAILABLE), not a bug (INTERNAL_SERVER_ERROR).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current = error;
  for (let i = 0; i < 6 && current != null; i++) {
    const e = current as { code?: unknown; message?: unknown; originalError?: unknown; cause?: unknown };
    if (typeof e.code === 'string' && DATABASE_DOWN_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && DATABASE_DOWN_RE.test(e.message)) return true;
    current = e.originalError ?? e.cause;
  }
  return false;
}

/**
 * True when `e` (or what it wraps: the ORM's exception, the driver's error) is PostgreSQL's unique
 * violation (23505): a concurrent writer, or an earlier write, took the key first.
 */
export function isUniqueViolation(e: unknown): boolean {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    if ((cur as { code?: unknown }).code === '23505') return true;
    if ((cur as { name?: string }).name === 'UniqueConstraintViolationException') return true;
    cur = (cur as { cause?: unknown; previous?: unknown }).cause ?? (cur as { previous?: unknown }).previous;
  }
  return false;
}

/** Runs `fn`; a unique key taken meanwhile surfaces as CONFLICT on `field`, not as a database error. */
export async function uniqueOr<T>(fn: () => Promise<T>, message: string, field: string): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(message, { field });
    throw e;
  }
}
