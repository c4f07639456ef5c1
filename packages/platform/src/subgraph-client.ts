import { context, propagation } from '@opentelemetry/api';
import { AppError, ErrorCode } from './errors.js';
import { IDENTITY_HEADER, REQUEST_ID_HEADER } from './identity.js';
import { MIN_LSN_HEADER, formatLsn } from './read-routing.js';

/**
 * A GraphQL document one subgraph sends another, on behalf of its caller. Every such document is
 * declared once, in the sending subgraph's `src/peers.ts`, and listed in its `SubgraphDefinition`;
 * `schema:check` validates each against the receiving subgraph's schema, so a renamed field fails
 * the check, not production. `SubgraphClient.query` takes nothing else.
 */
export interface PeerDocument<T = unknown> {
  /** The subgraph it is sent to. */
  readonly peer: string;
  /** Its operation name (in logs and in the check's messages). */
  readonly name: string;
  readonly source: string;
  /** The shape of its `data` (types only). */
  readonly __data?: T;
}

/** What a subgraph forwards when it asks another subgraph something on behalf of its caller. */
export interface CallerCredentials {
  identityToken: string;
  requestId: string;
  /** The caller's last write (read replicas): the other subgraph reads at least that far too. */
  minLsn?: bigint | null;
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

  /** Sends one of the documents declared for this peer (`peerDocument`, in the sender's `src/peers.ts`). */
  async query<T>(caller: CallerCredentials, doc: PeerDocument<T>, variables?: Record<string, unknown>): Promise<T> {
    if (doc.peer !== this.name) throw new Error(`peer document ${doc.name} is declared for ${doc.peer}, not ${this.name}`);
    const query = doc.source;
    let res: Response;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [IDENTITY_HEADER]: caller.identityToken,
      [REQUEST_ID_HEADER]: caller.requestId,
    };
    if (caller.minLsn) headers[MIN_LSN_HEADER] = formatLsn(caller.minLsn);
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
