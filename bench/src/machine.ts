import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, release } from 'node:os';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memTotalGiB: number;
  kernel: string;
  node: string;
  postgres?: string;
  loadAverageAtStart: number[];
}

export function machineInfo(): MachineInfo {
  let cpus = availableParallelism();
  try {
    cpus = Number(execFileSync('nproc').toString().trim()) || cpus;
  } catch {
    // keep availableParallelism
  }
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const meminfo = readFileSync('/proc/meminfo', 'utf8');
  const memKb = Number(/^MemTotal:\s+(\d+)/m.exec(meminfo)?.[1] ?? 0);
  return {
    cpus,
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown',
    memTotalGiB: Math.round((memKb / 1024 / 1024) * 10) / 10,
    kernel: release(),
    node: process.version,
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
