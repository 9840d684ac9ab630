import { monitorEventLoopDelay, PerformanceObserver, type IntervalHistogram } from 'perf_hooks';
import { mainThreadSchedule } from '../host/threadSchedule';
import type { ServerContext } from './context';
import type { StatsResult } from './requests';

let histogram: IntervalHistogram | undefined;
let longestGcMs = 0;

/**
 * Starts sampling event-loop delay (the benchmarks use it to find the longest blocking task) and
 * garbage-collection pauses, which block the event loop too and are not our code's tasks.
 */
export function startEventLoopMonitor(): void {
  histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const observer = new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      longestGcMs = Math.max(longestGcMs, entry.duration);
      if (process.env.ISTIO_LS_TIMINGS && entry.duration > 20)
        process.stderr.write(`[istio-ls] gc pause ${entry.duration.toFixed(0)} ms\n`);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  if (process.env.ISTIO_LS_TIMINGS) logLongTurns();
}

/**
 * ISTIO_LS_TIMINGS: each turn of the event loop longer than 40 ms, when it ended (to find stalls),
 * and on Linux how much of it the main thread ran, waited for a CPU, or slept in the kernel.
 */
function logLongTurns(): void {
  let last = performance.now();
  let schedule = mainThreadSchedule();
  setInterval(() => {
    const now = performance.now();
    const current = mainThreadSchedule();
    if (now - last > 45) {
      const turn = now - last - 5;
      let where = '';
      if (schedule && current) {
        const onCpu = current.onCpuMs - schedule.onCpuMs;
        const waiting = current.runQueueMs - schedule.runQueueMs;
        where = ` (on a CPU ${onCpu.toFixed(0)} ms, waiting for one ${waiting.toFixed(0)} ms, asleep ${Math.max(0, turn - onCpu - waiting).toFixed(0)} ms)`;
      }
      process.stderr.write(`[istio-ls ${now.toFixed(0)} ms] event loop blocked ${turn.toFixed(0)} ms${where}\n`);
    }
    last = now;
    schedule = current;
  }, 5).unref();
}

export function stats(ctx: ServerContext, reset: boolean): StatsResult {
  const memory = process.memoryUsage();
  const { index } = ctx.host.analyzer;
  const result: StatsResult = {
    files: index.fileCount,
    resources: index.resourceCount,
    indexed: ctx.host.isIndexed,
    rssMb: Math.round(memory.rss / 1e5) / 10,
    heapUsedMb: Math.round(memory.heapUsed / 1e5) / 10,
    eventLoopMaxMs: histogram ? Math.round(histogram.max / 1e5) / 10 : 0,
    eventLoopP99Ms: histogram ? Math.round(histogram.percentile(99) / 1e5) / 10 : 0,
    longestGcMs: Math.round(longestGcMs * 10) / 10,
    cpuMs: Math.round(cpuMs()),
  };
  if (reset) {
    histogram?.reset();
    longestGcMs = 0;
  }
  return result;
}

/** CPU time of the process so far, ms: on a busy machine, steadier than wall time. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
