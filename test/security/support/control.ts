import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import type { ServiceState } from './setup.js';

export const security = () => inject('security');

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${security().controlUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(`control ${path}: ${json.error ?? res.status}`);
  return json;
}

/** The platform's processes, through the security suite's control server (see setup.ts). */
export const control = {
  services: () => call<ServiceState[]>('GET', '/services'),
  kill: (name: string, signal: NodeJS.Signals = 'SIGKILL') => call<ServiceState[]>('POST', '/kill', { name, signal }),
  /** Stops a service's process (SIGSTOP) without killing it, or lets it run again (`thaw`). */
  freeze: (name: string, thaw = false) => call<ServiceState[]>('POST', '/freeze', { name, thaw }),
  restart: (name: string) => call<{ url: string; pid: number; startMs: number }>('POST', '/restart', { name }),
  postgresPid: () => call<{ pid: number | null }>('GET', '/postgres'),
  haltPostgres: (mode: 'fast' | 'immediate') => call<{ halted: boolean }>('POST', '/postgres/halt', { mode }),
  resumePostgres: () => call<{ pid: number | null; startMs: number }>('POST', '/postgres/resume'),
  replicaPid: () => call<{ exists: boolean; pid: number | null }>('GET', '/replica'),
  haltReplica: (mode: 'fast' | 'immediate') => call<{ halted: boolean }>('POST', '/replica/halt', { mode }),
  resumeReplica: () => call<{ pid: number | null }>('POST', '/replica/resume'),
};

/** Resident memory of a process in bytes (Linux /proc), or null when it is gone. */
export function rssBytes(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export interface MemoryReading {
  collected: boolean;
  rss: number;
  heapUsed: number;
}

/** A process's memory from its debug endpoint, after a full garbage collection. */
export async function memoryAfterGc(serviceUrl: string): Promise<MemoryReading | null> {
  try {
    // a subgraph's or the gateway's url ends in /graphql, the worker's in /healthcheck
    const res = await fetch(serviceUrl.replace(/\/(graphql|healthcheck)$/, '/debug/memory?gc'), { signal: AbortSignal.timeout(10_000) });
    return res.ok ? ((await res.json()) as MemoryReading) : null;
  } catch {
    return null;
  }
}
