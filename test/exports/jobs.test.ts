import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { gql, platform, tokenFor } from '../support/client.js';
import { ok, RECORD, writableTenant, type WritableTenant } from '../sponsors/support.js';

const base = () => platform().gatewayUrl.replace(/\/graphql$/, '');
/** POST /export as a caller (importing export.test.ts's helper would run its suite here too). */
async function exportAs(token: string, body: Record<string, unknown>) {
  const res = await fetch(`${base()}/export`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}
const CONTRIBUTIONS = `query Contributions($year: Int) { contributions(filter: { year: $year }) { nodes { id cashVnd contributedOn } } }`;

async function follow(token: string, id: string) {
  let state: any;
  for (let i = 0; i < 200; i++) {
    state = await (await fetch(`${base()}/export/jobs/${id}`, { headers: { authorization: `Bearer ${token}` } })).json();
    if (state.status !== 'RUNNING') return state;
    await new Promise((r) => setTimeout(r, 100));
  }
  return state;
}

/** Export jobs through the real gateway (docs/EXPORTS.md § Jobs): `POST /export {job:true}`, `GET /export/jobs/:id`. */
describe('export jobs: start, progress, owner only, failures', () => {
  let t: WritableTenant;
  const N = 12;

  beforeAll(async () => {
    t = await writableTenant('exjobs');
    for (let i = 0; i < N; i++) {
      ok(
        await gql(t.officer, RECORD, {
          k: randomUUID(),
          i: { twinningId: t.twinningA, contributedOn: `2023-0${1 + (i % 9)}-15`, category: 'HEALTH', description: `Khám bệnh, đợt ${i}`, cashVnd: String(2_000_000 + i), inKindVnd: '0', poorHouseholdsHelped: 1 },
        }),
      );
    }
  });

  it('kept a day, followed to DONE with progress { done total }, the same rows as the graph, for its owner only', async () => {
    const start = await exportAs(t.analyst, { query: CONTRIBUTIONS, variables: { year: 2023 }, format: 'jsonl', pageSize: 4, job: true });
    expect(start.status).toBe(202);
    const job = JSON.parse(start.text);
    expect(start.headers.get('location')).toBe(`/export/jobs/${job.id}`);
    expect(job).toMatchObject({ kind: 'export', status: 'RUNNING', format: 'jsonl', url: null });
    const keptMs = Date.parse(job.expiresAt) - Date.parse(job.createdAt);
    expect(keptMs).toBe(24 * 3600_000);
    const state = await follow(t.analyst, job.id);
    expect(state).toMatchObject({ status: 'DONE', progress: { done: N, total: N }, url: `/export/jobs/${job.id}/file`, error: null });
    const file = await fetch(`${base()}${state.url}`, { headers: { authorization: `Bearer ${t.analyst}` } });
    expect(file.status).toBe(200);
    const lines = (await file.text()).trim().split('\n').map((l) => JSON.parse(l));
    const graph = ok(await gql(t.analyst, `{ contributions(first: 500, filter: { year: 2023 }) { nodes { id cashVnd } } }`)).contributions.nodes;
    expect(lines).toHaveLength(N);
    expect(new Set(lines.map((l) => `${l.id}:${l.cashVnd}`))).toEqual(new Set(graph.map((n: any) => `${n.id}:${n.cashVnd}`)));

    // another user of the same province (officer, admin), and the same subject in another province: not found
    const sub = decodeJwt(t.analyst).sub as string;
    for (const who of [t.officer, t.admin, await tokenFor('quang-nam', 'analyst', { sub })]) {
      for (const path of [`/export/jobs/${job.id}`, state.url]) {
        const res = await fetch(`${base()}${path}`, { headers: { authorization: `Bearer ${who}` } });
        expect(res.status).toBe(404);
        expect((await res.json()).errors[0].extensions.code).toBe('NOT_FOUND');
      }
    }
    expect((await fetch(`${base()}/export/jobs/${randomUUID()}`, { headers: { authorization: `Bearer ${t.analyst}` } })).status).toBe(404);
    expect((await fetch(`${base()}/export/jobs/${job.id}`)).status).toBe(401);
  });

  it('a bad body is refused at once; a query the export refuses fails its job with the code, and no file', async () => {
    const bad = await exportAs(t.analyst, { format: 'csv', job: true });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const start = await exportAs(t.analyst, { query: '{ contributions { nodes { id } } sponsors { nodes { id } } }', format: 'csv', job: true });
    expect(start.status).toBe(202);
    const state = await follow(t.analyst, JSON.parse(start.text).id);
    expect(state).toMatchObject({ status: 'FAILED', url: null, error: { code: 'BAD_USER_INPUT' } });
    const file = await fetch(`${base()}/export/jobs/${state.id}/file`, { headers: { authorization: `Bearer ${t.analyst}` } });
    expect(file.status).toBe(409);
  });
});
