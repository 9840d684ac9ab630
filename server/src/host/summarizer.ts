import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { AnalysisSettings } from '../core/settings';
import { toInput, type DiskInput } from './fileInput';
import { readYamlFile } from './readFile';
import { AnalysisWorker } from './analysisWorker';
import { HandOver } from './handOver';
import { summaryWorkerCount } from '../../../shared/src/serverProcess';
import { timing } from './timings';
import { TimeSlices } from './turns';

/** Files per request: big enough to amortise messaging, small enough to keep results flowing. */
const BATCH = 32;
/** Below this many files, starting threads costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 1500;

export interface SummarizeOptions {
  readonly settings: AnalysisSettings;
  readonly log: (message: string) => void;
  /** Called with each batch of results, in no particular order; may be async (backpressure). */
  readonly onBatch: (inputs: readonly DiskInput[]) => void | Promise<void>;
  /** Return true to stop early (a newer indexing run superseded this one). */
  readonly cancelled?: () => boolean;
  /** Force (true) or forbid (false) worker threads; by default they are used for large inputs. */
  readonly workers?: boolean;
  /** Time budget per file in worker threads (default FILE_BUDGET_MS); a file over it is skipped. */
  readonly fileBudgetMs?: number;
  /** The worker thread script (default: summaryWorker.js beside this module). */
  readonly workerScript?: string;
}

/**
 * Reads and analyses many files, in worker threads when there are enough of them to pay for it
 * (one per core, up to four), else on the main thread in batches that yield to the event loop.
 */
export async function summarizeFiles(files: readonly string[], options: SummarizeOptions): Promise<void> {
  const script = options.workerScript ?? path.join(__dirname, 'summaryWorker.js');
  const useWorkers = options.workers ?? (files.length >= MIN_FILES_FOR_WORKERS && fs.existsSync(script));
  if (useWorkers) {
    try {
      await inWorkers(files, script, options);
      return;
    } catch (e) {
      options.log(`Worker threads unavailable (${String(e)}); analysing on the main thread.`);
    }
  }
  // On the main thread: read a handful of files concurrently, analyse them one by one, and hand
  // over (and yield to the event loop) whenever a slice of time is used up.
  let pending: DiskInput[] = [];
  const slices = new TimeSlices(SLICE_MS);
  for (let i = 0; i < files.length; i += READ_AHEAD) {
    if (options.cancelled?.()) return;
    const reads = await Promise.all(
      files.slice(i, i + READ_AHEAD).map(f => readYamlFile(f).then(read => ({ f, read }))),
    );
    for (const { f, read } of reads) {
      pending.push(toInput(f, read, options.settings, options.log));
      if (slices.due()) {
        await options.onBatch(pending);
        pending = [];
        await slices.next();
      }
    }
  }
  if (pending.length > 0) await options.onBatch(pending);
}

/** Files read concurrently on the main thread. */
const READ_AHEAD = 16;
/** Longest stretch of main-thread analysis between turns of the event loop. */
const SLICE_MS = 15;

async function inWorkers(files: readonly string[], script: string, options: SummarizeOptions): Promise<void> {
  // One thread per core, up to four: on two cores the main thread (indexing what they send)
  // shares the machine with them; beyond four, messaging costs more than parsing saves.
  const count = summaryWorkerCount(os.availableParallelism?.() ?? os.cpus().length);
  // Small batches first: the main thread's indexing code is still cold (compiled on first use),
  // and a full batch then stalls the event loop for longer.
  const queue: (readonly string[])[] = [];
  for (let i = 0, size = 4; i < files.length; i += size, size = Math.min(BATCH, size * 2))
    queue.push(files.slice(i, i + size));
  const workers = Array.from(
    { length: count },
    () => new AnalysisWorker(script, { budgetMs: options.fileBudgetMs, log: options.log }),
  );
  timing('workers started');
  const handOver = new HandOver(options.onBatch, options.cancelled);
  const feed = (worker: AnalysisWorker) =>
    new Promise<void>((resolve, reject) => {
      // Two requests in flight per worker: it parses the next batch while the main thread
      // indexes the previous one, instead of waiting for it.
      let inFlight = 0;
      const sendNext = (): boolean => {
        const batch = options.cancelled?.() ? undefined : queue.shift();
        if (!batch) return false;
        inFlight++;
        worker.run({ files: batch, settings: options.settings }).then(outcome => {
          inFlight--;
          // Files a stopped thread held go first to whichever worker asks next.
          if (outcome.retry.length > 0) queue.unshift(outcome.retry);
          for (const line of outcome.logs) options.log(line);
          handOver.push(outcome.inputs);
          if (!sendNext() && inFlight === 0) resolve();
        }, reject);
        return true;
      };
      if (!sendNext()) resolve();
      sendNext();
    });
  try {
    await Promise.all(workers.map(feed));
  } finally {
    // Threads are only for the cold index: their heaps go back to the system as soon as they are done.
    await Promise.all(workers.map(w => w.terminate()));
  }
  await handOver.drained();
}
