import { createHash } from 'node:crypto';
import pg from 'pg';
import { buildAdminDataset } from '@kn/communes/seed/admin-units';
import { loadAdminDataset } from '@kn/communes/seed/index';
import { dbRoles, READ_ALL_SETTING, seedIds, TENANT_SETTING } from '@kn/platform';
import type { ProgrammeFile } from '@kn/programs/seed/file';
import { buildProgramsDatasetFromFiles, loadProgramsDataset } from '@kn/programs/seed/index';

/**
 * Onboarding a province as data (issue #18 §1, docs/ONBOARDING.md): a tenant, the real units of its
 * provinces before and after the 2025 reform with their succession (the bundled national data), and
 * its programmes from programme files — in one transaction, idempotent, audited.
 */
export interface OnboardRequest {
  /** The tenant id: lower case, digits and dashes (`cao-bang`). */
  slug: string;
  /** Its name, with diacritics (`Tỉnh Cao Bằng`). */
  name: string;
  /** Codes of its provinces before 1/7/2025 (`['04']`; Đà Nẵng: `['48', '49']`). */
  oldProvinces: string[];
  /** Codes of its provinces from 1/7/2025 (`['04']`; Đà Nẵng: `['48']`). */
  newProvinces: string[];
  programmes: { where: string; text: string; file: ProgrammeFile }[];
  /** Who onboards (the audit's actor): `operator:<name>`. */
  actor: string;
  via: 'cli' | 'graphql';
}

export interface OnboardResult {
  tenant: string;
  /** False when everything was already there (a second run): nothing written, nothing audited. */
  changed: boolean;
  /** Rows of the tenant per table, before → after. */
  counts: Record<string, { before: number; after: number }>;
}

/** A refusal before anything is written (bad slug, unknown province, a commune not of the province…). */
export class OnboardingError extends Error {
  constructor(
    readonly code: 'BAD_INPUT' | 'CONFLICT',
    message: string,
  ) {
    super(message);
    this.name = 'OnboardingError';
  }
}

const SLUG = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const PROVINCE = /^\d{2}$/;

/** The tables whose rows of the tenant the onboarding counts (and writes). */
const COUNTED = ['communes.tenant', 'communes.admin_unit', 'communes.unit_succession', 'communes.unit_change', 'programs.indicator', 'programs.program', 'programs.target', 'programs.task', 'programs.funding_line', 'programs.covered_commune'];

/**
 * A client on which the loaders' own `begin`/`commit`/`rollback` become a savepoint of the
 * onboarding's one transaction: every step commits together or not at all.
 */
function inOneTransaction(client: pg.Client): pg.Client {
  const map: Record<string, string> = { begin: 'savepoint onboarding_step', commit: 'release savepoint onboarding_step', rollback: 'rollback to savepoint onboarding_step' };
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop !== 'query') return Reflect.get(target, prop, receiver);
      return (sql: unknown, ...rest: unknown[]) => {
        const mapped = typeof sql === 'string' && map[sql.trim().toLowerCase()] ? map[sql.trim().toLowerCase()] : sql;
        return (target.query as (...a: unknown[]) => unknown).call(target, mapped, ...rest);
      };
    },
  });
}

function validate(req: OnboardRequest): ReturnType<typeof buildAdminDataset> {
  if (!SLUG.test(req.slug) || req.slug.length > 63) throw new OnboardingError('BAD_INPUT', `tenant "${req.slug}": lower-case letters, digits and dashes, e.g. cao-bang`);
  if (!req.name.trim()) throw new OnboardingError('BAD_INPUT', 'the tenant needs a name');
  if (req.oldProvinces.length === 0 || req.newProvinces.length === 0) throw new OnboardingError('BAD_INPUT', 'name the provinces before (--old) and after (--province) the 2025 reform');
  for (const p of [...req.oldProvinces, ...req.newProvinces]) if (!PROVINCE.test(p)) throw new OnboardingError('BAD_INPUT', `province code "${p}": two digits, e.g. 04`);
  let data: ReturnType<typeof buildAdminDataset>;
  try {
    data = buildAdminDataset([{ slug: req.slug, name: req.name.trim(), oldProvinces: req.oldProvinces, newProvinces: req.newProvinces }]);
  } catch (e) {
    // the national data's own refusal (`unknown new province 06`: Bắc Kạn is part of Thái Nguyên since 1/7/2025)
    throw new OnboardingError('BAD_INPUT', `${e instanceof Error ? e.message : String(e)} in the national data (../shared/data/admin-units)`);
  }
  const provinces = data.units.filter((u) => u.level === 'PROVINCE');
  for (const p of req.oldProvinces) if (!provinces.some((u) => u.code === p)) throw new OnboardingError('BAD_INPUT', `no province ${p} before the 2025 reform in the national data`);
  for (const p of req.newProvinces) if (!provinces.some((u) => u.code === p && !u.validTo)) throw new OnboardingError('BAD_INPUT', `no province ${p} after the 2025 reform in the national data`);
  const communes = new Set(data.units.filter((u) => u.level === 'COMMUNE').map((u) => u.id));
  const codes = new Set<string>();
  for (const { where, file } of req.programmes) {
    if (codes.has(file.programme.code)) throw new OnboardingError('BAD_INPUT', `${where}: programme ${file.programme.code} is given twice`);
    codes.add(file.programme.code);
    const foreign = file.programme.coveredCommuneCodes.filter((c) => !communes.has(seedIds.unit(req.slug, 'COMMUNE', c, 'old')));
    if (foreign.length) throw new OnboardingError('BAD_INPUT', `${where}: communes ${foreign.join(', ')} are not communes of provinces ${req.oldProvinces.join(', ')} before the reform`);
  }
  return data;
}

async function countRows(c: pg.Client, tenant: string): Promise<Record<string, number>> {
  const r = await c.query(`select ${COUNTED.map((t, i) => `(select count(*)::int from ${t} where tenant_id = $1) as c${i}`).join(', ')}`, [tenant]);
  return Object.fromEntries(COUNTED.map((t, i) => [t, Number(r.rows[0][`c${i}`])]));
}

/**
 * Onboards a province on the database at `adminUrl` (a superuser's or the database owner's URL: it
 * acts as each subgraph's owner role in turn, with row-level security in force). Refusals
 * (`OnboardingError`) come before anything is written; any later failure rolls everything back.
 */
export async function onboardTenant(adminUrl: string, req: OnboardRequest): Promise<OnboardResult> {
  const data = validate(req);
  const programmes = buildProgramsDatasetFromFiles(req.programmes.map((p) => ({ tenant: req.slug, file: p.file, where: p.where })));
  const client = new pg.Client({ connectionString: adminUrl, application_name: 'kn-onboarding' });
  await client.connect();
  const tx = inOneTransaction(client);
  try {
    await client.query('begin');
    // the tenant's rows only, whatever the connecting role (forced RLS applies to all but superusers)
    const settings = `select set_config('${TENANT_SETTING}', $1, true), set_config('${READ_ALL_SETTING}', 'off', true)`;
    await client.query(settings, [req.slug]);
    // one onboarding of a tenant at a time (a second waits, then finds the work done)
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [`onboard:${req.slug}`]);
    const existing = await client.query('select province_codes from communes.tenant where tenant_id = $1', [req.slug]);
    const wanted = [...new Set([...req.oldProvinces, ...req.newProvinces])].sort();
    if (existing.rowCount && JSON.stringify([...(existing.rows[0].province_codes as string[])].sort()) !== JSON.stringify(wanted)) {
      throw new OnboardingError('CONFLICT', `tenant ${req.slug} exists with provinces ${(existing.rows[0].province_codes as string[]).join(', ')}, not ${wanted.join(', ')}`);
    }
    const before = await countRows(client, req.slug);
    await client.query(`set local role "${dbRoles('communes').owner}"`);
    await loadAdminDataset(tx, data);
    await client.query(`set local role "${dbRoles('programs').owner}"`);
    await loadProgramsDataset(tx, programmes);
    await client.query('reset role');
    await client.query(settings, [req.slug]);
    const after = await countRows(client, req.slug);
    const counts = Object.fromEntries(COUNTED.map((t) => [t, { before: before[t]!, after: after[t]! }]));
    const changed = COUNTED.some((t) => after[t] !== before[t]);
    if (changed) await auditOnboarding(client, req, counts);
    await client.query('commit');
    return { tenant: req.slug, changed, counts };
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
}

/** One record per schema written to: who onboarded, the request (files by name and SHA-256), the counts. */
async function auditOnboarding(client: pg.Client, req: OnboardRequest, counts: OnboardResult['counts']): Promise<void> {
  const request = {
    tenant: req.slug,
    name: req.name,
    oldProvinces: req.oldProvinces,
    newProvinces: req.newProvinces,
    programmes: req.programmes.map((p) => ({ file: p.where, code: p.file.programme.code, sha256: createHash('sha256').update(p.text).digest('hex') })),
  };
  for (const schema of ['communes', 'programs']) {
    const mine = Object.fromEntries(Object.entries(counts).filter(([t]) => t.startsWith(`${schema}.`)));
    await client.query(`set local role "${dbRoles(schema).owner}"`);
    await client.query(`select set_config('${TENANT_SETTING}', $1, true), set_config('${READ_ALL_SETTING}', 'off', true)`, [req.slug]);
    await client.query(
      `insert into "${schema}".audit_log (tenant_id, actor, actor_roles, via, operation, changes, before, after)
       values ($1, $2, '{operator}', $3, 'onboardTenant', $4, $5, $6)`,
      [
        req.slug,
        req.actor,
        req.via,
        JSON.stringify([request]),
        JSON.stringify(Object.fromEntries(Object.entries(mine).map(([t, v]) => [t, v.before]))),
        JSON.stringify(Object.fromEntries(Object.entries(mine).map(([t, v]) => [t, v.after]))),
      ],
    );
  }
  await client.query('reset role');
}
