import * as os from 'os';
import { serveRequests } from './workerRequests';

/**
 * Worker thread entry: reads and analyses files on its own (parse, summaries, single-resource
 * rules) and posts back plain-data summaries; the main thread only indexes them. Bundled as
 * dist/summaryWorker.js, loaded by path (host/analysisWorker.ts).
 */
lowerThreadPriority();
serveRequests();

/**
 * The main thread answers the editor; these threads only fill the index. On Linux a nice value is
 * a thread's own (setpriority(PRIO_PROCESS, 0) applies to the calling thread), so this thread
 * yields the CPU to the main thread when both want it, without slowing either when cores are
 * free. Elsewhere the call would lower the whole process: it is not made.
 */
function lowerThreadPriority(): void {
  if (process.platform !== 'linux' || process.env.ISTIO_LS_WORKER_NICE === '0') return;
  try {
    os.setPriority(0, Math.max(os.getPriority(0), os.constants.priority.PRIORITY_BELOW_NORMAL));
  } catch {
    // Not allowed here (a sandbox): the threads keep the process's priority.
  }
}
