import 'reflect-metadata';
import { driftOf, generateSchemas, peerContractErrors, writeSchemas, deprecatedUsesOfTrustedDocuments } from '../schema.js';
import { SUBGRAPHS } from '../subgraphs.js';
import { requirementProblems } from '../requirements.js';
import { formatReport, governanceReport, release } from '../governance.js';

const mode = process.argv[2];
const schemas = await generateSchemas();
const publicSdl = schemas.files['schema/public.graphql']!;
if (mode === 'print') {
  const written = writeSchemas(schemas);
  console.log(written.length ? `wrote ${written.join(', ')}` : 'schema/ and operations/manifest.json: up to date');
} else if (mode === 'check') {
  const drift = driftOf(schemas);
  if (drift.length) {
    console.error(`schema drift in schema/: ${drift.join(', ')}\nRun \`pnpm schema:print\`, review the change and commit it.`);
    process.exit(1);
  }
  console.log('schema: committed SDL and supergraph match the code; trusted documents validate');
  const contract = peerContractErrors(schemas.built);
  if (contract.length) {
    console.error(`schema: documents sent between subgraphs that their peer's schema refuses:\n${contract.map((e) => `  - ${e}`).join('\n')}`);
    process.exit(1);
  }
  const sent = SUBGRAPHS.reduce((n, sg) => n + sg.peerDocuments.length, 0);
  console.log(`schema: ${sent} documents sent between subgraphs validate against their peers' schemas`);
  const requirements = requirementProblems(schemas.files['schema/supergraph.graphql']!);
  if (requirements.length) {
    console.error(`schema: declared requirements and the code disagree:\n${requirements.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log('schema: every public root field declares its requirement (@authenticated, @requiresScopes from FIELD_PERMISSIONS); every scope is an action of PERMISSIONS');
  for (const w of deprecatedUsesOfTrustedDocuments(publicSdl)) console.warn(`schema: warning: ${w}`);
  const report = await governanceReport(publicSdl);
  const text = formatReport(report);
  if (report.unrecorded.length || report.undatedDeprecations.length) {
    console.error(text);
    process.exit(1);
  }
  console.log(text);
} else if (mode === 'release') {
  if (driftOf(schemas).length) {
    console.error('schema drift: run `pnpm schema:print` and commit first');
    process.exit(1);
  }
  console.log(`wrote ${release(publicSdl).join(', ')}`);
} else {
  console.error('usage: schema (print|check|release)');
  process.exit(2);
}
