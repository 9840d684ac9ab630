import { parentPort, workerData } from 'worker_threads';
import type { AnalysisSettings } from '../core/settings';
import { readInputSync, toInput, type DiskInput } from './fileInput';
import { joinLineStarts, packForTransfer, type JoinedLineStarts } from './transfer';

/**
 * What a worker thread is asked and answers (summaryWorker.ts serves it): files read and analysed
 * on their own, or the text of an open document, as plain-data summaries.
 */
export type WorkerRequest = {
  readonly id: number;
  readonly settings: AnalysisSettings;
} & ({ readonly files: readonly string[] } | { readonly document: { readonly file: string; readonly text: string } });

export type WorkerResponse = {
  readonly id: number;
  readonly inputs: readonly DiskInput[];
  /** The inputs' line starts (their summaries carry none until splitLineStarts). */
  readonly lineStarts: JoinedLineStarts;
  readonly logs: readonly string[];
};

/**
 * Where a worker is, shared with the main thread without messages (which a worker stuck in
 * synchronous code could not send): files started so far, and the request and index of the
 * file under analysis (request 0: idle).
 */
export const PROGRESS_STARTED = 0;
export const PROGRESS_REQUEST = 1;
export const PROGRESS_INDEX = 2;
export const PROGRESS_SLOTS = 3;

/**
 * Answers requests on this worker thread. `beforeFile` lets a test stand in for a file whose
 * analysis never ends (test/hostile/stallingWorker.ts).
 */
export function serveRequests(beforeFile?: (file: string) => void): void {
  const shared = (workerData as { progress?: SharedArrayBuffer } | undefined)?.progress;
  const progress = shared ? new Int32Array(shared) : undefined;
  const starting = (id: number, index: number) => {
    if (!progress) return;
    Atomics.store(progress, PROGRESS_REQUEST, id);
    Atomics.store(progress, PROGRESS_INDEX, index);
    Atomics.add(progress, PROGRESS_STARTED, 1);
  };
  parentPort?.on('message', (request: WorkerRequest) => {
    const logs: string[] = [];
    const log = (m: string) => logs.push(m);
    const inputs: DiskInput[] = [];
    const files = 'files' in request ? request.files : [request.document.file];
    files.forEach((file, index) => {
      starting(request.id, index);
      try {
        beforeFile?.(file);
        inputs.push(
          'document' in request
            ? toInput(file, { ok: true, text: request.document.text }, request.settings, log)
            : readInputSync(file, request.settings, log),
        );
      } catch (e) {
        logs.push(`Could not analyse ${file}: ${String(e)}`);
        inputs.push({ file, deleted: true });
      }
    });
    if (progress) Atomics.store(progress, PROGRESS_REQUEST, 0);
    const lineStarts = joinLineStarts(inputs);
    const response: WorkerResponse = { id: request.id, inputs: packForTransfer(inputs), lineStarts, logs };
    parentPort?.postMessage(response, [lineStarts.all.buffer as ArrayBuffer]);
  });
}
