import { parentPort } from 'worker_threads';
import type { FileInput } from '../core/analysis/analyzer';
import type { AnalysisSettings } from '../core/settings';
import { readInputSync } from './fileInput';
import { packForTransfer } from './transfer';

/**
 * Worker thread: reads and analyses files on its own (parse, summaries, single-resource rules)
 * and posts back plain-data summaries; the main thread only indexes them.
 */
export type WorkerRequest = {
  readonly id: number;
  readonly files: readonly string[];
  readonly settings: AnalysisSettings;
};
export type WorkerResponse = {
  readonly id: number;
  readonly inputs: readonly FileInput[];
  readonly logs: readonly string[];
};

parentPort?.on('message', (request: WorkerRequest) => {
  const logs: string[] = [];
  const inputs = request.files.map(file => {
    try {
      return readInputSync(file, request.settings, m => logs.push(m));
    } catch (e) {
      logs.push(`Could not analyse ${file}: ${String(e)}`);
      return { file, deleted: true as const };
    }
  });
  const response: WorkerResponse = { id: request.id, inputs: packForTransfer(inputs), logs };
  parentPort?.postMessage(response);
});
