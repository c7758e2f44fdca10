import { readFileSync } from 'node:fs';

/** A field of /proc/<pid>/status in MB (Linux): VmRSS now, VmHWM the peak since the process started. */
function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

export const rssMb = (pid: number): number => statusMb(pid, 'VmRSS');
export const peakRssMb = (pid: number): number => statusMb(pid, 'VmHWM');

export function pidOf(child: { pid?: number }): number {
  if (child.pid === undefined) throw new Error('the process has no pid (it did not start)');
  return child.pid;
}
