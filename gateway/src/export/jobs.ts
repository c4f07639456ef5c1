import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';

export type JobStatus = 'RUNNING' | 'DONE' | 'FAILED';

export interface ExportJob {
  id: string;
  /** Whose job it is: only this subject of this tenant sees it and downloads its file. */
  owner: { sub: string; tenant: string | null };
  kind: 'export' | 'report';
  format: string;
  filename: string;
  status: JobStatus;
  progress: { done: number; total: number | null };
  createdAt: string;
  finishedAt: string | null;
  expiresAt: string;
  /** Last saved by the gateway running it (a heartbeat while RUNNING): a job not saved for `lostMs` was lost. */
  updatedAt?: string;
  error: { code: string; message: string } | null;
  bytes: number | null;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Export and report jobs of one gateway: the file and a JSON record per job in a directory
 * (EXPORT_DIR), kept for `ttlMs` (a day) and then swept. The caller's identity never leaves the
 * process: a job runs with the credential of the request that started it, in memory.
 */
export class JobStore {
  private sweeper: NodeJS.Timeout | null = null;

  /**
   * @param now the clock (injectable for tests)
   * @param heartbeatMs how often a running job's record is re-saved by the gateway running it
   * @param lostMs a RUNNING job whose record was not saved for this long is reported FAILED
   *   (`JOB_LOST`): the gateway that ran it stopped (a restart), its credential gone with it
   */
  constructor(
    readonly dir: string,
    readonly ttlMs: number,
    readonly now: () => number = Date.now,
    readonly heartbeatMs = 30_000,
    readonly lostMs = 5 * 60_000,
  ) {}

  async init() {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await this.sweep();
    this.sweeper = setInterval(() => void this.sweep().catch(() => undefined), Math.min(this.ttlMs, 10 * 60_000));
    this.sweeper.unref();
  }

  close() {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  private recordPath = (id: string) => join(this.dir, `${id}.json`);
  filePath = (id: string) => join(this.dir, `${id}.file`);

  async create(owner: ExportJob['owner'], kind: ExportJob['kind'], format: string, filename: string): Promise<ExportJob> {
    const now = this.now();
    const job: ExportJob = {
      id: randomUUID(),
      owner,
      kind,
      format,
      filename,
      status: 'RUNNING',
      progress: { done: 0, total: null },
      createdAt: new Date(now).toISOString(),
      finishedAt: null,
      expiresAt: new Date(now + this.ttlMs).toISOString(),
      error: null,
      bytes: null,
    };
    await this.save(job);
    return job;
  }

  async save(job: ExportJob) {
    job.updatedAt = new Date(this.now()).toISOString();
    const tmp = `${this.recordPath(job.id)}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(job), { mode: 0o600 });
    await rename(tmp, this.recordPath(job.id));
  }

  /** The job if it exists, has not expired and belongs to this owner; otherwise null (as if it did not exist). */
  async get(id: string, owner: ExportJob['owner']): Promise<ExportJob | null> {
    if (!UUID_RE.test(id)) return null;
    let job: ExportJob;
    try {
      job = JSON.parse(await readFile(this.recordPath(id), 'utf8')) as ExportJob;
    } catch {
      return null;
    }
    if (job.owner.sub !== owner.sub || job.owner.tenant !== owner.tenant) return null;
    const now = this.now();
    if (Date.parse(job.expiresAt) <= now) return null;
    if (job.status === 'RUNNING' && now - Date.parse(job.updatedAt ?? job.createdAt) > this.lostMs) {
      job.status = 'FAILED';
      job.error = { code: 'JOB_LOST', message: 'The gateway running this export stopped (a restart?); start it again' };
    }
    return job;
  }

  /** Re-saves a running job every `heartbeatMs` (so it is not taken for lost); call the result when it ends. */
  heartbeat(job: ExportJob): () => void {
    const timer = setInterval(() => {
      if (job.status === 'RUNNING') void this.save(job).catch(() => undefined);
    }, this.heartbeatMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Writes the job's file from a stream; the job is DONE once the last byte is on disk. */
  async writeFile(job: ExportJob, source: Readable) {
    const tmp = `${this.filePath(job.id)}.tmp`;
    await pipeline(source, createWriteStream(tmp, { mode: 0o600 }));
    await rename(tmp, this.filePath(job.id));
    job.bytes = (await stat(this.filePath(job.id))).size;
  }

  readFile = (job: ExportJob) => createReadStream(this.filePath(job.id));

  /** Removes expired jobs and their files. */
  async sweep() {
    const now = this.now();
    for (const name of await readdir(this.dir).catch(() => [] as string[])) {
      if (!name.endsWith('.json')) continue;
      const id = name.slice(0, -'.json'.length);
      try {
        const job = JSON.parse(await readFile(join(this.dir, name), 'utf8')) as ExportJob;
        if (Date.parse(job.expiresAt) > now) continue;
      } catch {
        /* unreadable record: removed below */
      }
      await rm(this.filePath(id), { force: true });
      await rm(`${this.filePath(id)}.tmp`, { force: true });
      await rm(join(this.dir, name), { force: true });
    }
  }
}
