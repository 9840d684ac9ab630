import * as path from 'path';
import type { InitializeParams } from 'vscode-languageserver';
import { timing } from '../host/timings';
import { WorkspaceHost } from '../host/workspaceHost';
import { DEFAULT_SERVER_SETTINGS } from '../host/settings';
import type { ServerContext } from './context';
import { fetchSettings } from './configuration';
import { DiagnosticsPublisher } from './diagnostics';
import { IndexProgress } from './status';
import { registerWatchers } from './watcher';

/** How long after "ready" the index cache is written. */
const CACHE_SAVE_DELAY_MS = 2000;

/**
 * The server's lifecycle around the WorkspaceHost: settings, workspace folders, indexing with
 * progress, and publishing whatever the host reports as changed.
 */
export class Session {
  readonly publisher: DiagnosticsPublisher;
  private folders: { uri: string; path: string }[] = [];
  private progress!: IndexProgress;
  private canPullConfig = false;
  private canRegisterWatchers = false;
  private initOptions: unknown;

  constructor(private readonly ctx: ServerContext) {
    this.publisher = new DiagnosticsPublisher(ctx);
  }

  initialize(params: InitializeParams): void {
    const caps = params.capabilities;
    this.canPullConfig = !!caps.workspace?.configuration;
    this.canRegisterWatchers = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    this.initOptions = params.initializationOptions;
    this.progress = new IndexProgress(this.ctx, !!caps.window?.workDoneProgress);
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    this.folders = folders.map(f => ({ uri: f.uri, path: this.ctx.uris.toPath(f.uri) }));
    this.ctx.host = this.createHost(DEFAULT_SERVER_SETTINGS, cacheDirectoryOf(params.initializationOptions));
  }

  async initialized(): Promise<void> {
    const settings = await fetchSettings(this.ctx, this.folders, this.canPullConfig, this.initOptions);
    await this.ctx.host.setSettings(settings);
    if (this.canRegisterWatchers)
      await registerWatchers(this.ctx).catch(e => this.ctx.log(`File watching unavailable: ${String(e)}`));
    await this.reindex();
  }

  async reindex(): Promise<void> {
    await this.progress.begin();
    try {
      await this.ctx.host.indexWorkspace(this.folders.map(f => f.path));
      // Diagnostics go out before "ready", so ready means everything is published.
      await this.publisher.flushAll();
      this.publisher.forgetCached();
      timing('diagnostics published');
      this.progress.end();
      void this.ctx.host.finishWarmStart();
      this.saveCacheSoon();
    } catch (e) {
      this.ctx.log(`Indexing failed: ${(e as Error)?.stack ?? String(e)}`);
      this.progress.error(String(e));
    }
  }

  async configurationChanged(pushed: unknown): Promise<void> {
    const settings = await fetchSettings(this.ctx, this.folders, this.canPullConfig, pushed ?? this.initOptions);
    await this.ctx.host.setSettings(settings);
    this.progress.ready();
    // Settings that change single-file results re-index (with a cache under a new key).
    this.saveCacheSoon();
  }

  /**
   * Writes the index cache in the background, once the first requests after "ready" (a hover,
   * code actions) are answered; "Analyze workspace" answers without waiting for it.
   */
  private saveCacheSoon(): void {
    const diagnosticsOf = (file: string) => {
      const diagnostics = this.publisher.diagnosticsFor(file);
      return diagnostics.length > 0 ? JSON.stringify(diagnostics) : undefined;
    };
    setTimeout(
      () => void this.ctx.host.saveCache(undefined, diagnosticsOf).then(() => timing('index cache saved')),
      CACHE_SAVE_DELAY_MS,
    );
  }

  async foldersChanged(added: readonly { uri: string }[], removed: readonly { uri: string }[]): Promise<void> {
    const gone = new Set(removed.map(f => f.uri));
    this.folders = this.folders
      .filter(f => !gone.has(f.uri))
      .concat(added.map(f => ({ uri: f.uri, path: this.ctx.uris.toPath(f.uri) })));
    await this.reindex();
  }

  private createHost(settings: typeof DEFAULT_SERVER_SETTINGS, cacheDir: string | undefined): WorkspaceHost {
    return new WorkspaceHost(
      settings,
      {
        findingsChanged: files => {
          this.publisher.schedule(files);
          this.progress.countsChanged();
        },
        progress: (done, total) => this.progress.report(done, total),
        log: message => this.ctx.log(message),
        cachedDiagnostics: async published => {
          await this.publisher.publishCached(published.diagnostics);
          await this.publisher.flushAll();
          timing('diagnostics published from the index cache');
          this.progress.readyBeforeIndex(published.files, published.resources);
          // Loading the index keeps the event loop busy: the diagnostics go out first.
          await this.ctx.outputDrained?.();
          timing('published diagnostics sent');
        },
      },
      { cacheDir },
    );
  }
}

/**
 * The index cache's directory, from `initializationOptions.cacheDirectory` (the VS Code client
 * passes its workspace storage); an absolute path or nothing (no cache).
 */
function cacheDirectoryOf(options: unknown): string | undefined {
  const dir =
    options && typeof options === 'object' ? (options as { cacheDirectory?: unknown }).cacheDirectory : undefined;
  return typeof dir === 'string' && path.isAbsolute(dir) ? dir : undefined;
}
