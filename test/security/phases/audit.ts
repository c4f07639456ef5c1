import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@kn/platform/identity';
import { tokenFor } from '../../support/client.js';
import { MUTATION_FIXTURES, type FixtureContext } from '../fixtures.js';
import { allTables, qualified, withAdmin } from '../support/db.js';
import { fillerOf } from '../support/harvest.js';
import { errorsOf, gqlRaw, uploadFile } from '../support/http.js';
import { report, writeResult } from '../support/results.js';
import { operation, requiredArgs, rootFields, selection } from '../support/schema.js';
import { getWorld, phaseEnabled, TENANTS, type World } from '../support/world.js';

/**
 * Every mutation of the schema, run once with valid input that changes something, leaves exactly
 * one audit record — in whichever subgraph's audit_log — with who, roles, tenant, when, the
 * operation's name, and before/after of what changed.
 */
describe.skipIf(!phaseEnabled('audit'))('audit completeness', () => {
  let w: World;
  const results: { mutation: string; complete: boolean; detail: string }[] = [];
  afterAll(() => {
    const failures = results.filter((r) => !r.complete).map((r) => `${r.mutation}: ${r.detail}`);
    writeResult('audit', { mutations: results.length, complete: results.filter((r) => r.complete).length, failures, results });
    report(`audit: ${results.length} mutations, ${results.filter((r) => r.complete).length} with exactly one complete audit record`);
  });

  beforeAll(async () => {
    w = await getWorld();
  });

  it('every mutation, run once, leaves exactly one complete audit record', async () => {
    // one fixture context per tenant: a fixture may run its mutation in the province that has what it needs
    const contexts = new Map<string, FixtureContext>();
    const contextOf = async (t: string): Promise<FixtureContext> => {
      if (!contexts.has(t)) {
        const adminToken = await tokenFor(t, 'admin', { sub: `audit-reader:${t}` });
        contexts.set(t, {
          tenant: t,
          store: w.tenants[t]!.store,
          async read(query, variables) {
            const r = await gqlRaw(adminToken, query, variables);
            if (errorsOf(r).length || r.body?.data == null) throw new Error(`fixture read failed: ${r.text.slice(0, 300)}`);
            return r.body.data;
          },
          upload: (bytes, name) => uploadFile(adminToken, bytes, name),
        });
      }
      return contexts.get(t)!;
    };
    const auditTables = (await withAdmin((c) => allTables(c))).filter((t) => t.table === 'audit_log');
    const mutations = rootFields(w.schema, 'mutation');
    for (const field of mutations) {
      const fixture = MUTATION_FIXTURES[field.name];
      const tenant = fixture?.tenant ?? TENANTS[0];
      const ctx = await contextOf(tenant);
      let variables: Record<string, unknown>;
      try {
        variables = fixture ? await fixture.variables(ctx) : requiredArgs(w.schema, field, fillerOf(ctx.store, tenant));
      } catch (e) {
        results.push({ mutation: field.name, complete: false, detail: `fixture failed: ${e instanceof Error ? e.message : String(e)}` });
        continue;
      }
      const roles: Role[] = fixture?.role ? [fixture.role] : ['admin', 'officer', 'sponsor'];
      let done: { role: Role; sub: string; requestId: string; t0: number; t1: number } | null = null;
      let lastError = '';
      for (const role of roles) {
        const sub = `audit:${tenant}:${role}:${randomUUID().slice(0, 8)}`;
        const who = w.who(tenant, role);
        const token = await tokenFor(tenant, role, { sub, ...(who.sponsorId ? { scope: { sponsorId: who.sponsorId } } : {}) });
        const op = operation('mutation', field, variables, selection(w.schema, field.type, { depth: 0, first: 1 }));
        const requestId = `audit-${randomUUID()}`;
        const t0 = Date.now();
        const r = await gqlRaw(token, op.query, op.variables, { headers: { 'x-request-id': requestId } });
        const t1 = Date.now();
        const codes = errorsOf(r).map((e) => e.extensions?.code);
        // a report that says it did nothing (`ok: false`: an import refused row by row) is no success
        const refusedReport = r.body?.data?.[field.name]?.ok === false;
        if (!codes.length && r.body?.data?.[field.name] != null && !refusedReport) {
          done = { role, sub, requestId, t0, t1 };
          break;
        }
        lastError = `${role}: ${codes.join(',')} ${errorsOf(r)[0]?.message ?? r.text.slice(0, 300)}`;
        if (!codes.includes('FORBIDDEN')) break;
      }
      if (!done) {
        results.push({
          mutation: field.name,
          complete: false,
          detail: fixture
            ? `its fixture did not run: ${lastError}`
            : `no fixture in test/security/fixtures.ts (MUTATION_FIXTURES) and the generated input failed — ${lastError}`,
        });
        continue;
      }
      const rows = await withAdmin(async (c) => {
        const out: Record<string, any>[] = [];
        for (const t of auditTables) {
          const { rows: found } = await c.query(`select *, '${t.schema}' as schema from ${qualified(t)} where request_id = $1`, [done.requestId]);
          out.push(...found);
        }
        return out;
      });
      const problems: string[] = [];
      if (rows.length !== 1) problems.push(`${rows.length} audit records for its request`);
      const row = rows[0];
      if (row) {
        if (row.actor !== done.sub) problems.push(`actor ${row.actor}, expected ${done.sub}`);
        if (!Array.isArray(row.actor_roles) || !row.actor_roles.includes(done.role)) problems.push(`roles ${JSON.stringify(row.actor_roles)}`);
        if (row.tenant_id !== tenant) problems.push(`tenant ${row.tenant_id}`);
        const at = new Date(row.at).getTime();
        if (!(at >= done.t0 - 2000 && at <= done.t1 + 2000)) problems.push(`at ${row.at} outside the request's time`);
        if (row.operation !== field.name) problems.push(`operation "${row.operation}", expected "${field.name}"`);
        const keys = (o: unknown) => (o && typeof o === 'object' && !Array.isArray(o) ? Object.keys(o) : null);
        if (!keys(row.before) || !keys(row.after)) problems.push('before/after are not objects');
        else if (keys(row.before)!.length === 0 || keys(row.after)!.length === 0) problems.push('before/after are empty');
        if (!Array.isArray(row.changes) || row.changes.length === 0) problems.push('no changes listed');
        else {
          const changed = new Set((row.changes as { entity: string; key: string }[]).map((c) => `${c.entity}:${c.key}`));
          if ([...changed].some((k) => !(k in (row.before ?? {})) || !(k in (row.after ?? {})))) problems.push('a change without its before/after');
        }
      }
      results.push({
        mutation: field.name,
        complete: problems.length === 0,
        detail: problems.length ? problems.join('; ') : `${row!.schema}.audit_log: ${row!.actor} (${row!.actor_roles}) ${row!.tenant_id} ${new Date(row!.at).toISOString()} ${row!.changes.length} change(s)`,
      });
    }
    for (const r of results) report(`audit ${r.complete ? 'ok' : 'FAILED'}: ${r.mutation} — ${r.detail}`);
    const stale = Object.keys(MUTATION_FIXTURES).filter((m) => !mutations.some((f) => f.name === m));
    if (stale.length) report(`audit: fixtures for mutations no longer in the schema: ${stale.join(', ')}`);
    expect(results.filter((r) => !r.complete)).toEqual([]);
    expect(results.length).toBe(mutations.length);
  });
});
