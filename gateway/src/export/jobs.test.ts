import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobStore } from './jobs.js';

const HOUR = 3600_000;
const owner = { sub: 'analyst-1', tenant: 'lang-son' };

/** The job store on a real directory, with a clock the test moves. */
describe('JobStore: a day, its owner, a lost job', () => {
  let dir: string;
  let clock: number;
  let store: JobStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kn-jobs-'));
    clock = Date.parse('2026-12-07T08:00:00Z');
    store = new JobStore(dir, 24 * HOUR, () => clock, 30_000, 5 * 60_000);
    await store.init();
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a finished file for a day, then is gone and swept', async () => {
    const job = await store.create(owner, 'export', 'csv', 'x.csv');
    await store.writeFile(job, Readable.from(['a,b\n1,2\n']));
    job.status = 'DONE';
    await store.save(job);
    expect(job.expiresAt).toBe('2026-12-08T08:00:00.000Z');

    clock += 24 * HOUR - 1;
    expect((await store.get(job.id, owner))?.status).toBe('DONE');
    await store.sweep();
    expect(existsSync(store.filePath(job.id))).toBe(true);

    clock += 1;
    expect(await store.get(job.id, owner)).toBeNull();
    await store.sweep();
    expect(existsSync(store.filePath(job.id))).toBe(false);
    expect(existsSync(join(dir, `${job.id}.json`))).toBe(false);
  });

  it('only its owner (same subject and tenant) sees it', async () => {
    const job = await store.create(owner, 'export', 'csv', 'x.csv');
    expect(await store.get(job.id, owner)).not.toBeNull();
    expect(await store.get(job.id, { sub: 'admin-1', tenant: 'lang-son' })).toBeNull();
    expect(await store.get(job.id, { sub: 'analyst-1', tenant: 'quang-nam' })).toBeNull();
    expect(await store.get('../etc/passwd', owner)).toBeNull();
  });

  it('a running job no gateway saves any more (a restart) is reported FAILED, JOB_LOST', async () => {
    const job = await store.create(owner, 'export', 'csv', 'x.csv');
    clock += 5 * 60_000;
    expect((await store.get(job.id, owner))?.status).toBe('RUNNING');
    await store.save(job); // the running gateway's heartbeat or progress
    clock += 5 * 60_000;
    expect((await store.get(job.id, owner))?.status).toBe('RUNNING');
    clock += 1;
    const lost = await store.get(job.id, owner);
    expect(lost).toMatchObject({ status: 'FAILED', error: { code: 'JOB_LOST' } });
  });

  it('the heartbeat re-saves a running job', async () => {
    const fast = new JobStore(dir, 24 * HOUR, () => clock, 20, 5 * 60_000);
    const job = await fast.create(owner, 'report', 'pdf', 'r.pdf');
    const stop = fast.heartbeat(job);
    clock += 10 * 60_000;
    await new Promise((r) => setTimeout(r, 100));
    stop();
    expect((await fast.get(job.id, owner))?.status).toBe('RUNNING');
  });
});
