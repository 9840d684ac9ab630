const started = performance.now();

/**
 * ISTIO_LS_TIMINGS=1 logs, to stderr, where the server or the CLI spends the time of a cold
 * index (milliseconds since the process loaded this module, and the main thread's CPU time so far,
 * steadier on a busy machine): for profiling big workspaces.
 */
export function timing(what: string): void {
  if (process.env.ISTIO_LS_TIMINGS)
    process.stderr.write(
      `[istio-ls ${(performance.now() - started).toFixed(0)} ms, cpu ${(process.cpuUsage().user / 1000).toFixed(0)} ms] ${what}\n`,
    );
}
