import { readFileSync } from 'fs';

/** Time the main thread has run on a CPU and waited for one, in milliseconds (Linux scheduler statistics). */
export interface ThreadSchedule {
  readonly onCpuMs: number;
  readonly runQueueMs: number;
}

const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;

/**
 * The main thread's scheduler statistics, or undefined where the system has none. A long turn of
 * the event loop is then told apart: our own work (on a CPU), a busy machine (waiting for a CPU),
 * or the thread asleep (blocked in the kernel, e.g. on a lock).
 */
export function mainThreadSchedule(): ThreadSchedule | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const [onCpuNs, waitNs] = readFileSync(SCHEDSTAT, 'latin1').split(' ').map(Number);
    return Number.isFinite(onCpuNs) && Number.isFinite(waitNs)
      ? { onCpuMs: onCpuNs / 1e6, runQueueMs: waitNs / 1e6 }
      : undefined;
  } catch {
    return undefined;
  }
}
