import { lookup as dnsLookup, type LookupAddress, type LookupOneOptions, type LookupAllOptions } from 'node:dns';
import ipaddr from 'ipaddr.js';
import { Reason } from './reasons.js';

/**
 * Where a webhook may point (SSRF, docs/SECURITY.md "Webhooks"): a public http(s) address. Checked
 * when an admin registers the URL (its host, and every address it resolves to) and again by the
 * worker at each delivery, on the address the connection is actually made to (DNS rebinding).
 *
 * The address classes come from ipaddr.js: only its `unicast` range is public; loopback, private
 * (RFC 1918), link-local (169.254/16, fe80::/10, so the 169.254.169.254 metadata service),
 * unique-local (fc00::/7), unspecified (0.0.0.0, ::), multicast, broadcast, carrier-grade NAT
 * (100.64/10, e.g. 100.100.100.200 metadata), reserved and the IPv6 transition ranges are refused;
 * an IPv4-mapped IPv6 address is judged as the IPv4 address it maps.
 *
 * `allowPrivate` (WEBHOOK_ALLOW_PRIVATE, tests and development only) lifts the address check, never
 * the scheme and credentials checks.
 */

/** Host names of cloud metadata services and local names, refused whatever they resolve to. */
const BLOCKED_HOST = /^(localhost|metadata|metadata\.google\.internal|instance-data)$|\.(localhost|internal)$/;

export interface WebhookTargetProblem {
  reason: typeof Reason.INVALID_FORMAT | typeof Reason.WEBHOOK_TARGET_NOT_ALLOWED | typeof Reason.WEBHOOK_HOST_UNRESOLVED;
  message: string;
}

/** True when `address` (an IP literal) is a public unicast address. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/** The URL's host without IPv6 brackets, lower-case. */
const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();

/** What is wrong with a webhook URL without resolving its host (scheme, credentials, literal or named private hosts); null when nothing. */
export function webhookUrlProblem(url: URL, allowPrivate: boolean): WebhookTargetProblem | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { reason: Reason.INVALID_FORMAT, message: 'The URL must be http(s)' };
  if (url.username || url.password) return { reason: Reason.INVALID_FORMAT, message: 'No credentials in the URL: the secret signs each delivery' };
  if (allowPrivate) return null;
  const host = hostOf(url);
  if (ipaddr.isValid(host) ? !isPublicAddress(host) : BLOCKED_HOST.test(host.replace(/\.$/, ''))) {
    return { reason: Reason.WEBHOOK_TARGET_NOT_ALLOWED, message: 'The URL points at a loopback, private, link-local, multicast or metadata address' };
  }
  return null;
}

/** `webhookUrlProblem`, then every address the host resolves to must be public (unless `allowPrivate`). */
export async function webhookTargetProblem(url: URL, allowPrivate: boolean): Promise<WebhookTargetProblem | null> {
  const problem = webhookUrlProblem(url, allowPrivate);
  if (problem || allowPrivate) return problem;
  const host = hostOf(url);
  if (ipaddr.isValid(host)) return null;
  let addresses: LookupAddress[];
  try {
    addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
      dnsLookup(host, { all: true, verbatim: true }, (err, list) => (err ? reject(err) : resolve(list))),
    );
  } catch {
    return { reason: Reason.WEBHOOK_HOST_UNRESOLVED, message: 'The URL’s host does not resolve' };
  }
  if (addresses.length === 0) return { reason: Reason.WEBHOOK_HOST_UNRESOLVED, message: 'The URL’s host does not resolve' };
  if (addresses.some((a) => !isPublicAddress(a.address))) {
    return { reason: Reason.WEBHOOK_TARGET_NOT_ALLOWED, message: 'The URL’s host resolves to a loopback, private, link-local, multicast or metadata address' };
  }
  return null;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for `http.request`/`https.request` that refuses to connect to a non-public address:
 * the check runs on the very address the socket connects to, so a host that resolved to a public
 * address at registration and to a private one now (DNS rebinding) is not reached.
 */
export function publicOnlyLookup(hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, list) => {
    if (err) return callback(err, '');
    const addresses = list as LookupAddress[];
    const bad = addresses.find((a) => !isPublicAddress(a.address));
    if (bad || addresses.length === 0) {
      const e: NodeJS.ErrnoException = new Error(`webhook host ${hostname} resolves to a non-public address${bad ? ` (${bad.address})` : ''}`);
      e.code = 'WEBHOOK_TARGET_NOT_ALLOWED';
      return callback(e, '');
    }
    if ((options as LookupAllOptions).all) return callback(null, addresses);
    return callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}
