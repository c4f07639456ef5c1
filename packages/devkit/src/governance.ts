import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CriticalityLevel, diff, DiffRule, type Change } from '@graphql-inspector/core';
import { buildSchema, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { repoRoot } from './paths.js';

/**
 * Schema governance: the composed public schema (schema/public.graphql) is compared with the last
 * released one (schema/released.graphql) by graphql-inspector's diff. Breaking changes fail
 * `pnpm schema:check` unless schema/CHANGELOG.md records each of them (by its path, in backticks,
 * under "## Unreleased"); dangerous ones are listed; safe ones (additions) pass. Every deprecated
 * field must be recorded there too, with its date, so the deprecation policy's clock is written down
 * (docs/ARCHITECTURE.md#schema-evolution).
 */
export const RELEASED = 'schema/released.graphql';
export const CHANGELOG = 'schema/CHANGELOG.md';
const UNRELEASED = '## Unreleased';
const RELEASED_HEADER = (date: string) =>
  `# The public schema as last released (${date}), written by \`pnpm schema:release\`; \`pnpm schema:check\` diffs against it.\n`;

export interface GovernanceReport {
  breaking: Change[];
  dangerous: Change[];
  safe: Change[];
  /** Breaking changes schema/CHANGELOG.md does not record. */
  unrecorded: Change[];
  /** Deprecated fields (Type.field) schema/CHANGELOG.md does not mention. */
  undatedDeprecations: string[];
}

const read = (rel: string) => readFileSync(join(repoRoot(), rel), 'utf8');

/** The "## Unreleased" section of the changelog (up to the next "## "). */
export function unreleasedSection(changelog: string): string {
  const i = changelog.indexOf(UNRELEASED);
  if (i < 0) return '';
  const rest = changelog.slice(i + UNRELEASED.length);
  const j = rest.search(/^## /m);
  return j < 0 ? rest : rest.slice(0, j);
}

/** A change's path as the changelog names it: `Type.field` or `Type.field.argument`, `Enum.VALUE`, `Type`. */
export const changePath = (c: Change) => c.path ?? c.message;

export function deprecatedFields(schema: GraphQLSchema): string[] {
  const out: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const f of Object.values(type.getFields())) {
        if (f.deprecationReason) out.push(`${type.name}.${f.name}`);
        for (const a of 'args' in f ? f.args : []) if (a.deprecationReason) out.push(`${type.name}.${f.name}.${a.name}`);
      }
    }
  }
  return out.sort();
}

export async function governanceReport(publicSdl: string, opts: { released?: string; changelog?: string } = {}): Promise<GovernanceReport> {
  const releasedSdl = opts.released ?? (existsSync(join(repoRoot(), RELEASED)) ? read(RELEASED) : null);
  const changelog = opts.changelog ?? (existsSync(join(repoRoot(), CHANGELOG)) ? read(CHANGELOG) : '');
  if (releasedSdl === null) throw new Error(`${RELEASED} is missing: run \`pnpm schema:release\` once to record the released schema`);
  const current = buildSchema(publicSdl);
  const changes = await diff(buildSchema(releasedSdl), current, [DiffRule.ignoreDescriptionChanges]);
  const by = (level: CriticalityLevel) => changes.filter((c) => c.criticality.level === level);
  const breaking = by(CriticalityLevel.Breaking);
  const section = unreleasedSection(changelog);
  const recorded = (path: string) => section.includes(`\`${path}\``);
  return {
    breaking,
    dangerous: by(CriticalityLevel.Dangerous),
    safe: by(CriticalityLevel.NonBreaking),
    unrecorded: breaking.filter((c) => !recorded(changePath(c))),
    undatedDeprecations: deprecatedFields(current).filter((p) => !changelog.includes(`\`${p}\``)),
  };
}

export function formatReport(r: GovernanceReport): string {
  const line = (c: Change) => `    ${c.criticality.level.padEnd(9)} ${changePath(c)} — ${c.message}${c.criticality.reason ? ` (${c.criticality.reason})` : ''}`;
  const out = [
    `schema: against ${RELEASED}: ${r.breaking.length} breaking, ${r.dangerous.length} dangerous, ${r.safe.length} safe change(s)`,
    ...r.breaking.map(line),
    ...r.dangerous.map(line),
  ];
  if (r.unrecorded.length) {
    out.push(
      `schema: ${r.unrecorded.length} breaking change(s) not recorded in ${CHANGELOG} under "${UNRELEASED}":`,
      ...r.unrecorded.map((c) => `    \`${changePath(c)}\` — ${c.message}`),
      `  Avoid the break (add beside, deprecate the old), or record each as a line naming its path in backticks, e.g.`,
      `    - BREAKING \`${changePath(r.unrecorded[0]!)}\`: why, what clients do instead, who was told.`,
    );
  }
  if (r.undatedDeprecations.length) {
    out.push(
      `schema: deprecated without an entry in ${CHANGELOG} (the policy's clock starts there):`,
      ...r.undatedDeprecations.map((p) => `    \`${p}\``),
      `  Add e.g. "- DEPRECATED \`${r.undatedDeprecations[0]}\` (2026-12-06): use … instead; removable after 2027-06-04."`,
    );
  }
  return out.join('\n');
}

/** `pnpm schema:release`: the current public schema becomes the released one; the changelog's Unreleased section gets a date. */
export function release(publicSdl: string, date = new Date().toISOString().slice(0, 10)): string[] {
  const body = publicSdl.replace(/^# Generated by[^\n]*\n/, '');
  writeFileSync(join(repoRoot(), RELEASED), `${RELEASED_HEADER(date)}${body}`);
  const path = join(repoRoot(), CHANGELOG);
  const changelog = existsSync(path) ? readFileSync(path, 'utf8') : '# Schema changelog\n\n## Unreleased\n';
  const next = changelog.includes(UNRELEASED)
    ? changelog.replace(UNRELEASED, `${UNRELEASED}\n\n## ${date} (released)`)
    : `${changelog.trimEnd()}\n\n${UNRELEASED}\n`;
  writeFileSync(path, next);
  return [RELEASED, CHANGELOG];
}
