/** Worker threads a cold index reads and analyses files with: one per core, up to four. */
export function summaryWorkerCount(cores: number): number {
  return Math.max(1, Math.min(4, cores));
}

/** Node's default size of V8's thread pool. */
const DEFAULT_V8_POOL = 4;

/**
 * Node options the language server process is started with, on a machine with `cores` cores: by
 * the extension, and by the benchmarks, which measure what users run.
 *
 * `--max-semi-space-size=4` (MB): V8's young generation defaults to 16 MB semi-spaces. Nearly
 * everything a cold index allocates survives (it is the index), so each scavenge copies most of a
 * full semi-space: pauses of 25-90 ms on the large benchmark corpus, the longest stalls of the
 * event loop while it is indexed. With 4 MB they are a third to a half as long, for more frequent
 * collections, and the process keeps some 30 MB less resident.
 *
 * `--v8-pool-size`: V8's background threads (garbage collection and compilation for the main
 * thread and every worker) default to four. The workers already keep every core busy on small
 * machines, so more background threads only take turns from the thread that answers the editor:
 * the pool gets the cores the workers leave, at least one (machines that leave four or more keep Node's default). On the 2-core benchmark VM one thread
 * instead of four gave a 15% lower event-loop delay p99, shorter collections and an 8% faster
 * cold index (four alternating runs each).
 */
export function serverNodeOptions(cores: number): string[] {
  const pool = Math.max(1, cores - summaryWorkerCount(cores));
  return pool < DEFAULT_V8_POOL ? ['--max-semi-space-size=4', `--v8-pool-size=${pool}`] : ['--max-semi-space-size=4'];
}
