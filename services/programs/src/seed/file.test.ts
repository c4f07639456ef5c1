import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_FILES_DIR, demoProgrammeFiles, readDemoProgrammeFiles } from './demo-files.js';
import { parseProgrammeFile, ProgrammeFileError } from './file.js';
import { buildProgramsDataset, buildProgramsDatasetFromFiles } from './index.js';

const sortRows = (rows: Record<string, unknown>[]) => [...rows].sort((a, b) => String(a.id ?? JSON.stringify(a)).localeCompare(String(b.id ?? JSON.stringify(b))));

describe('programme files (issue #18 §1)', () => {
  it('the committed demo files are the transcriptions (else: pnpm run programmes:write)', () => {
    for (const { entry, file } of demoProgrammeFiles()) {
      const committed = JSON.parse(readFileSync(new URL(entry.file, DEMO_FILES_DIR), 'utf8'));
      expect(committed, `${entry.file} differs from its transcription: run pnpm run programmes:write`).toEqual(JSON.parse(JSON.stringify(file)));
    }
  });

  it('loaded from the files, the demo is row for row what the transcriptions give', () => {
    const fromFiles = buildProgramsDatasetFromFiles(readDemoProgrammeFiles());
    const direct = buildProgramsDataset();
    expect(new Set(fromFiles.tenants)).toEqual(new Set(direct.tenants));
    for (const key of ['indicators', 'programs', 'coveredCommunes', 'targets', 'tasks', 'fundingLines'] as const) {
      expect(sortRows(fromFiles[key]), key).toEqual(sortRows(direct[key]));
      expect(fromFiles[key].length, key).toBeGreaterThan(0);
    }
  });

  it('every target and task of every file says where it comes from', () => {
    for (const { file } of readDemoProgrammeFiles()) {
      for (const t of file.programme.targets) expect(t.provenance.kind).toBeTruthy();
      for (const k of file.programme.tasks) expect(k.provenance.kind).toBeTruthy();
    }
  });

  it('a bad file is refused with every problem and where it is', () => {
    const good = JSON.parse(readFileSync(new URL('ls-165-2017.json', DEMO_FILES_DIR), 'utf8'));
    const bad = structuredClone(good);
    delete bad.programme.targets[0].provenance;
    bad.programme.kind = 'WHATEVER';
    bad.programme.funding.push({ source: 'LOCAL_BUDGET', amount: '12.5', note: 'x' });
    bad.programme.tasks[0].provenance = { kind: 'DOCUMENT', document: 'KH 1', section: 'I' };
    bad.surprise = true;
    let error: unknown;
    try {
      parseProgrammeFile(bad, 'bad.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProgrammeFileError);
    const problems = (error as ProgrammeFileError).problems.join('\n');
    expect(problems).toMatch(/programme\.targets\.0\.provenance/);
    expect(problems).toMatch(/programme\.kind/);
    expect(problems).toMatch(/programme\.funding\.\d+\.amount: a whole number of đồng/);
    expect(problems).toMatch(/programme\.tasks\.0\.provenance: DOCUMENT needs the document and its words/);
    expect(problems).toMatch(/surprise/);
    expect(() => parseProgrammeFile(good, 'good.json')).not.toThrow();
    // references are checked once the shape is right: a target measuring an indicator the file lacks
    const unknown = structuredClone(good);
    unknown.programme.targets[1].indicator = 'NOT_IN_FILE';
    expect(() => parseProgrammeFile(unknown, 'unknown.json')).toThrow(/programme\.targets\.1\.indicator: NOT_IN_FILE is not among the file's indicators/);
  });
});
