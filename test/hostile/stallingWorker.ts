import { serveRequests } from '../../server/src/host/workerRequests';

/**
 * A worker thread like server/src/host/summaryWorker.ts, for the per-file budget tests: it never
 * finishes a file whose name contains "stall" (synchronous code that no message can interrupt),
 * and it crashes the thread on a file whose name contains "crash".
 */
serveRequests(file => {
  if (file.includes('crash')) process.exit(3);
  // Half a minute, so that a broken budget fails the test instead of hanging the suite.
  const until = Date.now() + 30_000;
  if (file.includes('stall'))
    while (Date.now() < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
});
