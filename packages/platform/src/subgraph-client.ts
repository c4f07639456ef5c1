import { context, propagation } from '@opentelemetry/api';
import { AppError, ErrorCode } from './errors.js';
import { IDENTITY_HEADER, REQUEST_ID_HEADER } from './identity.js';

/** What a subgraph forwards when it asks another subgraph something on behalf of its caller. */
export interface CallerCredentials {
  identityToken: string;
  requestId: string;
}

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * A subgraph asking another subgraph, on behalf of the same caller: the gateway-signed identity is
 * forwarded as it is (same tenant, same roles; row-level security applies there too) with the
 * request id, so both sides' logs and SQL counts line up. Never reads the other's tables.
 */
export class SubgraphClient {
  constructor(
    readonly name: string,
    readonly url: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async query<T>(caller: CallerCredentials, query: string, variables?: Record<string, unknown>): Promise<T> {
    let res: Response;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [IDENTITY_HEADER]: caller.identityToken,
      [REQUEST_ID_HEADER]: caller.requestId,
    };
    propagation.inject(context.active(), headers); // the trace continues in the other subgraph
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, `The ${this.name} service did not answer`, {
        service: this.name,
        reason: e instanceof Error ? e.name : 'error',
      });
    }
    const body = (await res.json().catch(() => ({}))) as GraphQLResponse<T>;
    if (body.errors?.length) {
      const first = body.errors[0]!;
      const code = (first.extensions?.code as ErrorCode | undefined) ?? ErrorCode.SERVICE_UNAVAILABLE;
      throw new AppError(code in ErrorCode ? code : ErrorCode.SERVICE_UNAVAILABLE, `${this.name}: ${first.message}`, {
        service: this.name,
      });
    }
    if (!res.ok || body.data == null) {
      throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, `The ${this.name} service answered ${res.status}`, { service: this.name });
    }
    return body.data;
  }
}
