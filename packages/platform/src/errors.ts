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
export const forbidden = (message = 'Not allowed') => new AppError(ErrorCode.FORBIDDEN, message);
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
