import { monitorEventLoopDelay, type IntervalHistogram } from 'perf_hooks';
import type { ServerContext } from './context';
import type { StatsResult } from './requests';

let histogram: IntervalHistogram | undefined;

/** Starts sampling event-loop delay; the benchmarks use it to find the longest blocking task. */
export function startEventLoopMonitor(): void {
  histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
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
  };
  if (reset) histogram?.reset();
  return result;
}
