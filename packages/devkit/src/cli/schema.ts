import 'reflect-metadata';
import { driftOf, generateSchemas, writeSchemas } from '../schema.js';

const mode = process.argv[2];
const schemas = await generateSchemas();
if (mode === 'print') {
  const written = writeSchemas(schemas);
  console.log(written.length ? `wrote ${written.join(', ')}` : 'schema/ and operations/manifest.json: up to date');
} else if (mode === 'check') {
  const drift = driftOf(schemas);
  if (drift.length) {
    console.error(`schema drift in schema/: ${drift.join(', ')}\nRun \`pnpm schema:print\`, review the change and commit it.`);
    process.exit(1);
  }
  console.log('schema: committed SDL and supergraph match the code');
} else {
  console.error('usage: schema (print|check)');
  process.exit(2);
}
