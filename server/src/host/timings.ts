const started = performance.now();

/**
 * ISTIO_LS_TIMINGS=1 logs, to stderr, where the server or the CLI spends the time of a cold
 * index (milliseconds since the process loaded this module): for profiling big workspaces.
 */
export function timing(what: string): void {
  if (process.env.ISTIO_LS_TIMINGS)
    process.stderr.write(`[istio-ls ${(performance.now() - started).toFixed(0)} ms] ${what}\n`);
}
