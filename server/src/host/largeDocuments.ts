import { looksOwn } from '../core/analysis/analyzeFile';
import * as fs from 'fs';
import * as path from 'path';
import type { FileInput } from '../core/analysis/analyzer';
import type { AnalysisSettings } from '../core/settings';
import { AnalysisWorker } from './analysisWorker';
import { skippedSummary, toInput } from './fileInput';
import { MAX_FILE_BYTES } from './readFile';

/**
 * Above this size (UTF-16 units) a document is analysed in a worker thread once typing pauses.
 * Smaller ones take a few tens of milliseconds on the main thread, which keeps edit-to-diagnostic
 * latency low; larger ones would hold up every other request (a hover elsewhere) while they parse.
 */
export const LARGE_DOCUMENT_CHARS = 64 * 1024;
/** Quiet time after the last change before a large document is analysed. */
export const LARGE_DOCUMENT_DEBOUNCE_MS = 300;
/** The document thread stops after this long without work (it starts again when needed). */
const IDLE_MS = 30_000;

export interface LargeDocumentsOptions {
  readonly settings: () => AnalysisSettings;
  readonly log: (message: string) => void;
  /** Receives the analysis of a document, unless a newer change or close superseded it. */
  readonly apply: (input: FileInput) => void;
  readonly debounceMs?: number;
  readonly fileBudgetMs?: number;
  /** The worker thread script (default: summaryWorker.js beside this module). */
  readonly workerScript?: string;
}

/**
 * Analysis of large texts (open documents, or files re-read from disk) off the main thread:
 * debounced per file, one document thread for all of them, each analysis within the per-file time
 * budget (host/analysisWorker.ts). Without a worker script (a bundle that lacks it) they are
 * analysed on the main thread, still debounced.
 */
export class LargeDocuments {
  private readonly pending = new Map<string, { generation: number; timer?: NodeJS.Timeout }>();
  private generation = 0;
  private worker: AnalysisWorker | undefined;
  private readonly script: string | undefined;

  constructor(private readonly options: LargeDocumentsOptions) {
    const script = options.workerScript ?? path.join(__dirname, 'summaryWorker.js');
    this.script = fs.existsSync(script) ? script : undefined;
  }

  static isLarge(text: string): boolean {
    return text.length > LARGE_DOCUMENT_CHARS;
  }

  /** Analyses `text` as `file` after the debounce, replacing any analysis of the file not yet applied. */
  schedule(file: string, text: string): void {
    this.cancel(file);
    const entry: { generation: number; timer?: NodeJS.Timeout } = { generation: ++this.generation };
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      void this.analyse(file, text, entry.generation);
    }, this.options.debounceMs ?? LARGE_DOCUMENT_DEBOUNCE_MS);
    this.pending.set(file, entry);
  }

  /** Drops a pending analysis of the file (a newer text, a close or a deletion supersedes it). */
  cancel(file: string): void {
    const entry = this.pending.get(file);
    if (entry?.timer) clearTimeout(entry.timer);
    this.pending.delete(file);
  }

  /** True while an analysis of the file is scheduled or running. */
  isPending(file: string): boolean {
    return this.pending.has(file);
  }

  async dispose(): Promise<void> {
    for (const file of [...this.pending.keys()]) this.cancel(file);
    await this.worker?.terminate();
  }

  private async analyse(file: string, text: string, generation: number): Promise<void> {
    let input: FileInput | undefined;
    try {
      input = await this.analysed(file, text);
    } catch (e) {
      this.options.log(`Document thread unavailable (${String(e)}); analysing ${file} on the main thread.`);
      input = toInput(file, { ok: true, text }, this.options.settings(), this.options.log);
    }
    if (this.pending.get(file)?.generation !== generation) return;
    this.pending.delete(file);
    if (input) this.options.apply(input);
    else this.schedule(file, text); // the thread was stopped by another document: try again
  }

  private async analysed(file: string, text: string): Promise<FileInput | undefined> {
    const bytes = Buffer.byteLength(text);
    if (bytes > MAX_FILE_BYTES) {
      const reason = `it is ${(bytes / 1024 / 1024).toFixed(1)} MB, over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit for analysis`;
      this.options.log(`Not analysing ${file}: ${reason}`);
      return looksOwn(text)
        ? { file, summary: skippedSummary(file, `File not analysed: ${reason}.`) }
        : { file, deleted: true };
    }
    if (!this.script) return toInput(file, { ok: true, text }, this.options.settings(), this.options.log);
    this.worker ??= new AnalysisWorker(this.script, {
      budgetMs: this.options.fileBudgetMs,
      log: this.options.log,
      idleMs: IDLE_MS,
      unref: true,
    });
    const outcome = await this.worker.run({ document: { file, text }, settings: this.options.settings() });
    for (const line of outcome.logs) this.options.log(line);
    return outcome.inputs[0];
  }
}
