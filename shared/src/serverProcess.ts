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
  const options = ['--max-semi-space-size=4', V8_INLINING_LIMIT];
  return pool < DEFAULT_V8_POOL ? [...options, `--v8-pool-size=${pool}`] : options;
}

/**
 * V8's optimising compiler inlines callees up to 920 bytes of bytecode per function by default.
 * The analysis (a parser, a schema walker, CEL, ~100 rules) is compiled in every thread that runs
 * it, and inlining everything into the big per-file functions made their optimised compiles take
 * longer than the files they analysed (analyzeFile alone 90 ms per compile). With 300 the
 * compiles are smaller and the code as fast: on the 2-core benchmark VM the cold index of the
 * large corpus took 9% less time (three alternating pairs, 11.6 s against 12.8 s on average).
 * Set for the CLI at start (V8 reads it when it compiles, so a running process can take it).
 */
export const V8_INLINING_LIMIT = '--max-inlined-bytecode-size-cumulative=300';
