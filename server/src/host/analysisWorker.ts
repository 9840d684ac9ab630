import { looksOwn } from '../core/analysis/analyzeFile';
import { Worker } from 'worker_threads';
import type { FileInput } from '../core/analysis/analyzer';
import type { AnalysisSettings } from '../core/settings';
import { skippedSummary, type DiskInput } from './fileInput';
import { looksIstioOnDisk } from './readFile';
import { splitLineStarts, unpackAfterTransfer } from './transfer';
import {
  PROGRESS_INDEX,
  PROGRESS_REQUEST,
  PROGRESS_SLOTS,
  PROGRESS_STARTED,
  type WorkerRequest,
  type WorkerResponse,
} from './workerRequests';

/** Longest a worker may spend on one file before it is stopped and the file skipped. */
export const FILE_BUDGET_MS = 10_000;

export type AnalysisRequest =
  | { readonly files: readonly string[]; readonly settings: AnalysisSettings }
  | { readonly document: { readonly file: string; readonly text: string }; readonly settings: AnalysisSettings };

export interface AnalysisOutcome {
  readonly inputs: readonly DiskInput[];
  readonly logs: readonly string[];
  /**
   * Files of the request left unanalysed because the thread had to be stopped (another file of it
   * went over its budget or crashed the thread): the caller sends them again.
   */
  readonly retry: readonly string[];
}

export interface AnalysisWorkerOptions {
  readonly budgetMs?: number;
  readonly log: (message: string) => void;
  /** Stop the thread after this long without work (it is started again when needed). */
  readonly idleMs?: number;
  /** Let the process exit while the thread runs (for a thread the process does not wait on). */
  readonly unref?: boolean;
}

/**
 * One worker thread that reads and analyses files, each within a time budget. A thread stuck in
 * synchronous code cannot answer messages, so the main thread watches a shared counter of the
 * files it has started: when one file has been under analysis for longer than the budget, or the
 * thread dies (out of memory), the thread is terminated, that file comes back skipped with a
 * `file-skipped` finding saying why, the other files it held come back to be sent again, and the
 * next request starts a fresh thread.
 */
export class AnalysisWorker {
  private thread: Thread | undefined;
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly budgetMs: number;

  constructor(
    private readonly script: string,
    private readonly options: AnalysisWorkerOptions,
  ) {
    this.budgetMs = options.budgetMs ?? FILE_BUDGET_MS;
  }

  /** Rejects only when the thread cannot start or dies before it analysed anything. */
  run(request: AnalysisRequest): Promise<AnalysisOutcome> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.thread ??= new Thread(this.script, this.budgetMs, this.options, () => this.threadDone());
    return this.thread.run({ ...request, id: this.nextId++ } as WorkerRequest);
  }

  async terminate(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const thread = this.thread;
    this.thread = undefined;
    await thread?.terminate();
  }

  /** The thread finished its last request, or was stopped. */
  private threadDone(): void {
    if (this.thread?.stopped) this.thread = undefined;
    if (!this.thread || this.thread.busy || this.options.idleMs === undefined) return;
    this.idleTimer = setTimeout(() => void this.terminate(), this.options.idleMs);
    this.idleTimer.unref();
  }
}

interface Pending {
  readonly request: WorkerRequest;
  readonly resolve: (outcome: AnalysisOutcome) => void;
  readonly reject: (error: Error) => void;
}

class Thread {
  private readonly worker: Worker;
  private readonly progress: Int32Array;
  private readonly pending = new Map<number, Pending>();
  private watchdog: NodeJS.Timeout | undefined;
  private seenStarted = -1;
  private seenAt = 0;
  stopped = false;

  private readonly log: (message: string) => void;

  constructor(
    script: string,
    private readonly budgetMs: number,
    options: AnalysisWorkerOptions,
    private readonly onIdle: () => void,
  ) {
    this.log = options.log;
    const shared = new SharedArrayBuffer(PROGRESS_SLOTS * Int32Array.BYTES_PER_ELEMENT);
    this.progress = new Int32Array(shared);
    this.worker = new Worker(script, {
      workerData: { progress: shared },
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    });
    if (options.unref) this.worker.unref();
    this.worker.on('message', (response: WorkerResponse) => this.answered(response));
    this.worker.on('error', e => this.stop(failureReason(e)));
    this.worker.on('exit', code => {
      if (!this.stopped) this.stop(`its analysis stopped the worker thread (exit code ${code})`);
    });
  }

  get busy(): boolean {
    return this.pending.size > 0;
  }

  run(request: WorkerRequest): Promise<AnalysisOutcome> {
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { request, resolve, reject });
      this.worker.postMessage(request);
      this.watch();
    });
  }

  async terminate(): Promise<void> {
    this.stopped = true;
    this.unwatch();
    await this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('the worker thread was terminated'));
    this.pending.clear();
  }

  private answered(response: WorkerResponse): void {
    const p = this.pending.get(response.id);
    if (!p) return;
    this.pending.delete(response.id);
    if (this.pending.size === 0) this.unwatch();
    splitLineStarts(response.inputs, response.lineStarts);
    p.resolve({ inputs: unpackAfterTransfer(response.inputs), logs: response.logs, retry: [] });
    if (this.pending.size === 0) this.onIdle();
  }

  private watch(): void {
    if (this.watchdog) return;
    this.seenStarted = -1;
    // A few checks per budget: a file is stopped between 1 and 1.25 budgets after it started.
    this.watchdog = setInterval(() => this.check(), Math.max(10, Math.min(1000, this.budgetMs / 4)));
    this.watchdog.unref();
  }

  private unwatch(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = undefined;
  }

  private check(): void {
    const started = Atomics.load(this.progress, PROGRESS_STARTED);
    const now = performance.now();
    if (started !== this.seenStarted || Atomics.load(this.progress, PROGRESS_REQUEST) === 0) {
      this.seenStarted = started;
      this.seenAt = now;
      return;
    }
    if (now - this.seenAt > this.budgetMs)
      this.stop(`analysing it took longer than ${formatSeconds(this.budgetMs)}, the limit per file`);
  }

  /** Stops the thread: the file under analysis is skipped for `reason`, the others go back to the caller. */
  private stop(reason: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.unwatch();
    void this.worker.terminate();
    const startedAny = Atomics.load(this.progress, PROGRESS_STARTED) > 0;
    const current = Atomics.load(this.progress, PROGRESS_REQUEST);
    const index = Atomics.load(this.progress, PROGRESS_INDEX);
    const pending = [...this.pending.values()].sort((a, b) => a.request.id - b.request.id);
    this.pending.clear();
    for (const { request, resolve, reject } of pending) {
      if (!startedAny) {
        reject(new Error(`the worker thread failed: ${reason}`));
        continue;
      }
      const files = 'files' in request ? request.files : [request.document.file];
      if (request.id !== current) {
        resolve({ inputs: [], logs: [], retry: 'files' in request ? files : [] });
        continue;
      }
      const file = files[index];
      this.log(`Skipped ${file}: ${reason}.`);
      const looksIstio = 'document' in request ? looksOwn(request.document.text) : looksIstioOnDisk(file);
      const input: FileInput = looksIstio
        ? { file, summary: skippedSummary(file, `File not analysed: ${reason}.`) }
        : { file, deleted: true };
      resolve({ inputs: [input], logs: [], retry: files.filter((_, i) => i !== index) });
    }
    this.onIdle();
  }
}

function failureReason(e: Error): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ERR_WORKER_OUT_OF_MEMORY'
    ? 'its analysis ran out of memory'
    : `its analysis failed (${e.message.split('\n')[0]})`;
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
