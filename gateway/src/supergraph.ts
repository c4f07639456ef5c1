import { readFileSync } from 'node:fs';

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
