import { readFileSync, statSync } from 'node:fs';
import { buildSchema } from 'graphql';

const JOIN_GRAPH_RE = /(\w+)\s*@join__graph\(name:\s*"([^"]+)",\s*url:\s*"([^"]+)"\)/g;

/** The subgraphs named in a supergraph, with their URLs (enum value, name, url). */
export function subgraphsOf(sdl: string): { enumValue: string; name: string; url: string }[] {
  return [...sdl.matchAll(JOIN_GRAPH_RE)].map((m) => ({ enumValue: m[1]!, name: m[2]!, url: m[3]! }));
}

/** Reads the committed supergraph and points its subgraphs at the configured URLs. */
export function loadSupergraph(file: string, overrides: Record<string, string>): string {
  let sdl = readFileSync(file, 'utf8');
  const known = new Set(subgraphsOf(sdl).map((s) => s.name));
  for (const name of Object.keys(overrides)) {
    if (!known.has(name)) throw new Error(`SUBGRAPH_URLS names "${name}", which the supergraph does not have`);
  }
  sdl = sdl.replace(JOIN_GRAPH_RE, (all, enumValue: string, name: string, url: string) =>
    overrides[name] ? `${enumValue} @join__graph(name: "${name}", url: "${overrides[name]}")` : all,
  );
  return sdl;
}

/**
 * Checks a supergraph before it may replace the one serving: it must parse, build as a schema
 * (the join directives it uses are defined in it) and name at least one subgraph. Throws with a
 * short reason otherwise.
 */
export function checkSupergraph(sdl: string): void {
  let schema;
  try {
    schema = buildSchema(sdl);
  } catch (e) {
    throw new Error(`not a valid supergraph: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!subgraphsOf(sdl).length) throw new Error('not a supergraph: it names no subgraph (@join__graph)');
  if (!schema.getQueryType()) throw new Error('not a supergraph: no Query type');
}

/**
 * The supergraph as the gateway runtime polls it: the file is read again when its modification
 * time or size changed; a file that cannot be read or fails `checkSupergraph` is refused and
 * logged, and the last good one keeps serving. The runtime swaps a changed one in while requests
 * already running finish on the old one (`gracefulSchemaReload`).
 */
export function watchedSupergraph(
  file: string,
  overrides: Record<string, string>,
  log: { info: (o: object, m: string) => void; error: (o: object, m: string) => void },
  pollMs = 0,
): { current: () => string; latest: () => string; initial: string; stop: () => void } {
  const initial = loadSupergraph(file, overrides);
  checkSupergraph(initial);
  let good = initial;
  let seen = stamp(file);
  // the runtime looks only when a request comes; this looks on its own too, so that a bad file is
  // logged when it arrives rather than at the next request
  const timer = pollMs > 0 ? setInterval(() => current(), pollMs) : undefined;
  timer?.unref();
  function current() {
    const now = stamp(file);
    if (now === seen) return good;
    seen = now;
    try {
      const next = loadSupergraph(file, overrides);
      checkSupergraph(next);
      if (next !== good) log.info({ file, subgraphs: subgraphsOf(next).map((s) => s.name) }, 'supergraph changed: swapping it in');
      good = next;
    } catch (e) {
      log.error({ file, reason: (e as Error).message }, 'supergraph file refused; the previous one keeps serving');
    }
    return good;
  }
  // latest(): the last good one seen, without looking at the file (per request: no system call)
  return { initial, current, latest: () => good, stop: () => clearInterval(timer) };
}

function stamp(file: string): string {
  try {
    const s = statSync(file);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return 'missing';
  }
}
