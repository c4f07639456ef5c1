import { readFileSync } from 'node:fs';
import { DEMO_PROGRAMS } from './documents/index.js';
import { parseProgrammeFile, programmeFileOf, type ProgrammeFile } from './file.js';
import { DEMO_INDICATORS } from './indicators.js';

/** Where the demo's programme files are kept (`services/programs/data/programmes/`). */
export const DEMO_FILES_DIR = new URL('../../data/programmes/', import.meta.url);

/** The manifest of the demo's files: whose each one is. */
export interface DemoFileEntry {
  tenant: string;
  file: string;
}

const fileName = (code: string) => `${code.toLowerCase()}.json`;

/**
 * The five transcribed documents as programme files, computed from the transcriptions
 * (`documents/*.ts`, which `documents.test.ts` checks word for word against the documents). A
 * tenant's catalogue entries that no target uses go with its first file. `pnpm run programmes:write`
 * writes them; a test fails when the committed files differ.
 */
export function demoProgrammeFiles(): { entry: DemoFileEntry; file: ProgrammeFile }[] {
  const firstOf = new Map<string, string>();
  for (const p of DEMO_PROGRAMS) if (!firstOf.has(p.tenant)) firstOf.set(p.tenant, p.code);
  return DEMO_PROGRAMS.map((p) => {
    const catalogue = DEMO_INDICATORS[p.tenant] ?? [];
    const usedByAny = new Set(DEMO_PROGRAMS.filter((q) => q.tenant === p.tenant).flatMap((q) => q.targets.map((t) => t.indicator)));
    const extra = firstOf.get(p.tenant) === p.code ? catalogue.map((i) => i.code).filter((c) => !usedByAny.has(c)) : [];
    return { entry: { tenant: p.tenant, file: fileName(p.code) }, file: programmeFileOf(p, catalogue, extra) };
  });
}

/** The committed demo files, read and validated as any programme file is. */
export function readDemoProgrammeFiles(): { tenant: string; file: ProgrammeFile; where: string }[] {
  const manifest = JSON.parse(readFileSync(new URL('index.json', DEMO_FILES_DIR), 'utf8')) as DemoFileEntry[];
  return manifest.map((m) => {
    const url = new URL(m.file, DEMO_FILES_DIR);
    return { tenant: m.tenant, file: parseProgrammeFile(JSON.parse(readFileSync(url, 'utf8')), `data/programmes/${m.file}`), where: m.file };
  });
}
