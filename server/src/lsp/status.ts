import { STATUS_NOTIFICATION, type IndexStatus } from './requests';
import type { ServerContext } from './context';

/** Index progress: a work-done progress bar where the client supports it, plus istio/status. */
export class IndexProgress {
  private reporter: { report(percentage: number, message?: string): void; done(): void } | undefined;
  private lastPercent = -1;
  /** Between begin() and end()/error(): a settings change must not announce "ready" mid-index. */
  private indexing = false;
  private indexedOnce = false;

  constructor(
    private readonly ctx: ServerContext,
    private readonly supportsProgress: boolean,
  ) {}

  async begin(): Promise<void> {
    this.indexing = true;
    this.send({ state: 'indexing', done: 0, total: 0 });
    if (!this.supportsProgress) return;
    try {
      const reporter = await this.ctx.connection.window.createWorkDoneProgress();
      reporter.begin('Indexing Istio configuration', 0, undefined, false);
      this.reporter = reporter;
    } catch {
      this.reporter = undefined;
    }
  }

  report(done: number, total: number): void {
    if (this.readyEarly) return;
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (percent === this.lastPercent) return;
    this.lastPercent = percent;
    this.reporter?.report(percent, `${done}/${total} files`);
    this.send({ state: 'indexing', done, total });
  }

  /**
   * "Ready" before the index is: the diagnostics of a warm reopen are published from the cache
   * (requests wait for the index meanwhile). Progress stays silent until end().
   */
  readyBeforeIndex(files: number, resources: number): void {
    this.reporter?.done();
    this.reporter = undefined;
    this.readyEarly = true;
    this.lastCounts = `${files}/${resources}`;
    this.send({ state: 'ready', files, resources });
  }

  private readyEarly = false;

  end(): void {
    this.readyEarly = false;
    this.reporter?.done();
    this.reporter = undefined;
    this.lastPercent = -1;
    this.indexing = false;
    this.indexedOnce = true;
    this.sendReady();
  }

  /** Re-announces the counts (after a settings change); silent until the first index is done. */
  ready(): void {
    if (this.indexing || !this.indexedOnce) return;
    this.sendReady();
  }

  /**
   * After files were analysed outside a full index (created, deleted, edited): announces the new
   * counts when they changed, so the status bar does not go stale as files are added.
   */
  countsChanged(): void {
    if (this.indexing || !this.indexedOnce) return;
    const { index } = this.ctx.host.analyzer;
    if (this.lastCounts === `${index.fileCount}/${index.resourceCount}`) return;
    this.sendReady();
  }

  private lastCounts = '';

  private sendReady(): void {
    const { index } = this.ctx.host.analyzer;
    this.lastCounts = `${index.fileCount}/${index.resourceCount}`;
    this.send({ state: 'ready', files: index.fileCount, resources: index.resourceCount });
  }

  error(message: string): void {
    this.indexing = false;
    this.send({ state: 'error', message });
  }

  private send(status: IndexStatus): void {
    void this.ctx.connection.sendNotification(STATUS_NOTIFICATION, status);
  }
}
