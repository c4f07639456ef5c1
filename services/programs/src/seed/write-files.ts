import { mkdirSync, writeFileSync } from 'node:fs';
import { DEMO_FILES_DIR, demoProgrammeFiles } from './demo-files.js';

/** `pnpm run programmes:write`: writes the demo's programme files from the transcriptions. */
mkdirSync(DEMO_FILES_DIR, { recursive: true });
const files = demoProgrammeFiles();
for (const { entry, file } of files) writeFileSync(new URL(entry.file, DEMO_FILES_DIR), `${JSON.stringify(file, null, 2)}\n`);
writeFileSync(new URL('index.json', DEMO_FILES_DIR), `${JSON.stringify(files.map((f) => f.entry), null, 2)}\n`);
console.log(`programme files: ${files.map((f) => f.entry.file).join(', ')} in ${DEMO_FILES_DIR.pathname}`);
