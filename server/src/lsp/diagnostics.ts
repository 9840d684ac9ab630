import type { ServerContext } from './context';
import type { Diagnostic } from 'vscode-languageserver';
import { TimeSlices } from '../host/turns';
import { toDiagnostic } from './convert';

/**
 * Publishes diagnostics for files whose findings changed, open or not, and clears files that no
 * longer have any. The only place that sends textDocument/publishDiagnostics.
 */
const SLICE_MS = 10;

export class DiagnosticsPublisher {
  private readonly published = new Set<string>();
  /** Files just opened: they get a publish even with no findings, so the editor knows they were analysed. */
  private readonly opened = new Set<string>();
  private pending = new Set<string>();
  /** Files being published, taken from `pending` (files scheduled again meanwhile go there). */
  private batch: string[] = [];
  private batchAt = 0;
  private scheduled = false;

  constructor(private readonly ctx: ServerContext) {}

  /**
   * Coalesces bursts (a batch of watcher events, an indexing batch) into one send per file, and
   * publishes in slices of a few milliseconds so a cold index's thousands of files never stall
   * the server.
   */
  schedule(files: ReadonlySet<string>): void {
    for (const f of files) this.pending.add(f);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  documentOpened(file: string): void {
    this.opened.add(file);
    this.schedule(new Set([file]));
  }

  /** Resolves once everything scheduled so far has been published. */
  flushAll(): Promise<void> {
    if (!this.scheduled) return Promise.resolve();
    return new Promise(resolve => this.idle.push(resolve));
  }

  private readonly idle: (() => void)[] = [];

  private drain(): void {
    const started = performance.now();
    for (;;) {
      if (this.batchAt >= this.batch.length) {
        if (this.pending.size === 0) break;
        this.batch = [...this.pending];
        this.batchAt = 0;
        this.pending.clear();
      }
      const end = Math.min(this.batchAt + 16, this.batch.length);
      for (; this.batchAt < end; this.batchAt++) this.publish(this.batch[this.batchAt]);
      if (performance.now() - started >= SLICE_MS) {
        setImmediate(() => this.drain());
        return;
      }
    }
    this.batch = [];
    this.batchAt = 0;
    this.scheduled = false;
    for (const resolve of this.idle.splice(0)) resolve();
  }

  private publish(file: string): void {
    const { analyzer } = this.ctx.host;
    const justOpened = this.opened.delete(file);
    // Most files of a workspace have no finding: nothing to send unless they had some before.
    if (!justOpened && !this.published.has(file) && !analyzer.hasFindings(file)) return;
    const diagnostics = this.diagnosticsFor(file);
    if (diagnostics.length === 0 && !this.published.has(file) && !justOpened) return;
    const cached = this.fromCache.get(file);
    if (cached !== undefined) {
      this.fromCache.delete(file);
      if (!justOpened && JSON.stringify(diagnostics) === JSON.stringify(cached)) return;
    }
    const uri = this.ctx.uris.toUri(file);
    const version = this.ctx.documents.get(uri)?.version;
    void this.ctx.connection.sendDiagnostics({ uri, version, diagnostics });
    if (diagnostics.length > 0) this.published.add(file);
    else this.published.delete(file);
  }

  /** A file's diagnostics as the index has them now (what publishing sends). */
  diagnosticsFor(file: string): Diagnostic[] {
    const { analyzer, serverSettings } = this.ctx.host;
    const summary = analyzer.index.file(file);
    if (!summary || !analyzer.hasFindings(file)) return [];
    const lineStartsOf = (f: string) => analyzer.index.file(f)?.lineStarts;
    return analyzer
      .report(file, serverSettings.report)
      .map(f => toDiagnostic(f, summary.lineStarts, lineStartsOf, this.ctx.uris));
  }

  /** Diagnostics published from the index cache, until the index has them too. */
  private fromCache = new Map<string, readonly unknown[]>();

  /**
   * Publishes the diagnostics the index cache holds (a warm reopen, before the index is loaded),
   * in slices; open documents excepted (the editor's text may differ). Once the index is loaded,
   * a file is sent again only if its diagnostics differ from these.
   */
  async publishCached(diagnostics: ReadonlyMap<string, readonly unknown[]>): Promise<void> {
    const slices = new TimeSlices(SLICE_MS);
    for (const [file, list] of diagnostics) {
      if (this.ctx.host.isOpen(file)) continue;
      const uri = this.ctx.uris.toUri(file);
      void this.ctx.connection.sendDiagnostics({ uri, diagnostics: list as Diagnostic[] });
      this.published.add(file);
      this.fromCache.set(file, list);
      if (slices.due()) await slices.next();
    }
  }

  /** The index is loaded: every file it changed was compared with what the cache published. */
  forgetCached(): void {
    this.fromCache = new Map();
  }

  publishedCount(): number {
    return this.published.size;
  }
}
