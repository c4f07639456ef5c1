import 'reflect-metadata';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { JWK } from 'jose';
import { startPlatform } from '@kn/devkit/platform';
import { repoRoot } from '@kn/devkit/paths';
import { signUserToken } from '@kn/devkit/tokens';
import { RssSampler } from './rss.js';

/**
 * `pnpm run bench:export` — peak RSS of the gateway (and the sponsors subgraph) while `POST /export`
 * streams every contribution of a province, at two sizes: if memory is flat in the size, the peak at
 * 100,000 rows is about the peak at 10,000. Contributions are synthetic (ten years, 2015–2024, on one
 * of Lạng Sơn's demo twinnings), inserted by SQL; the export itself goes through the real gateway.
 */
const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    formats: { type: 'string', default: 'csv,jsonl,xlsx' },
  },
});
const sizes = args.sizes!.split(',').map(Number).sort((a, b) => a - b);
const formats = args.formats!.split(',');
const log = (m: string) => console.log(`[bench:export] ${m}`);

const QUERY = `query AllContributions {
  contributions(filter: { yearFrom: 2015, yearTo: 2024 }) {
    nodes { id contributedOn year category description cashVnd inKindVnd totalVnd poorHouseholdsHelped status sponsor { code name } commune { name } }
  }
}`;

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'kn-bench-export-'));
  const platform = await startPlatform({ dataDir, persistent: false, gatewayPort: 0, subgraphPorts: 'random', seed: true, exposeSqlCounts: true, logLevel: 'info', progress: log });
  const results: Record<string, unknown>[] = [];
  try {
    const db = new pg.Client({ connectionString: platform.adminDbUrl });
    await db.connect();
    const token = await signUserToken(platform.secrets.issuer.privateJwk as JWK, { sub: 'bench:export', tenant: 'lang-son', roles: ['analyst'] }, { expiresInSeconds: 3600 });
    const pids = {
      gateway: platform.services.find((s) => s.name === 'gateway')!.child.pid!,
      sponsors: platform.services.find((s) => s.name === 'sponsors')!.child.pid!,
    };
    const base = platform.gatewayUrl.replace(/\/graphql$/, '');
    let inserted = 0;
    for (const size of sizes) {
      const add = size - inserted;
      await db.query(
        `insert into sponsors.contribution (tenant_id, id, twinning_id, sponsor_id, commune_id, program_id, contributed_on, category, description,
           cash_vnd, in_kind_vnd, poor_households_helped, models_built, people_trained, beneficiaries, status, created_by)
         select t.tenant_id, gen_random_uuid(), t.id, t.sponsor_id, t.commune_id, t.program_id, date '2015-01-01' + (g % 3652),
           'EDUCATION', 'Hỗ trợ học bổng, đợt ' || g, 1000000 + g, g * 10, g % 5, 0, 0, 0, 'DONE', 'bench:export'
         from (select * from sponsors.twinning where tenant_id = 'lang-son' order by id limit 1) t, generate_series($1::int, $2::int) g`,
        [inserted + 1, size],
      );
      await db.query('analyze sponsors.contribution');
      inserted = size;
      log(`${add} contributions added (${size} in 2015–2024 for lang-son's first twinning, plus the demo's)`);
      for (const format of formats) {
        const sampler = new RssSampler(pids, 50).start();
        const started = performance.now();
        const res = await fetch(`${base}/export`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: QUERY, format }),
        });
        let bytes = 0;
        let lines = 0;
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          bytes += chunk.length;
          if (format === 'jsonl') for (const b of chunk) if (b === 10) lines++;
        }
        const seconds = (performance.now() - started) / 1000;
        const peak = sampler.stop();
        const row = { rows: size, format, status: res.status, mb: +(bytes / 1048576).toFixed(1), seconds: +seconds.toFixed(1), peakRssMb: peak, ...(format === 'jsonl' ? { lines } : {}) };
        results.push(row);
        log(JSON.stringify(row));
      }
    }
    await db.end();
  } finally {
    await platform.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const out = join(repoRoot(), 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'export-rss.json'), `${JSON.stringify({ at: new Date().toISOString(), results }, null, 2)}\n`);
  console.log('\n| rows | format | MB | s | gateway peak RSS MB | sponsors peak RSS MB |\n|---:|---|---:|---:|---:|---:|');
  for (const r of results as any[]) console.log(`| ${r.rows} | ${r.format} | ${r.mb} | ${r.seconds} | ${r.peakRssMb.gateway} | ${r.peakRssMb.sponsors} |`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
