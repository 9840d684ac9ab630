/**
 * Node options the language server process is started with: by the extension, and by the
 * benchmarks, which measure what users run.
 *
 * `--max-semi-space-size=4` (MB): V8's young generation defaults to 16 MB semi-spaces. Nearly
 * everything a cold index allocates survives (it is the index), so each scavenge copies most of a
 * full semi-space: pauses of 25-90 ms on the large benchmark corpus, the longest stalls of the
 * event loop while it is indexed. With 4 MB they are a third to a half as long, for more frequent
 * collections, and the process keeps some 30 MB less resident.
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=4'];
