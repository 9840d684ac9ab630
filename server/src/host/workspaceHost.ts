import { Analyzer, type FileInput } from '../core/analysis/analyzer';
import { walkWithDirectories, walkYamlFiles } from './fileWalker';
import { environmentGlobs } from './environmentGlobs';
import { FileScope } from './glob';
import { pathInside } from '../core/util/paths';
import { kustomizationsFirst } from '../core/model/extract/kustomization';
import { toInput } from './fileInput';
import { LargeDocuments } from './largeDocuments';
import { readYamlFile, readYamlFileSync, type ReadResult } from './readFile';
import { loadSchemas } from './schemaLoader';
import { summarizeWithCache } from './cachedSummaries';
import { cacheKey, IndexCache } from './indexCache';
import { loadPublished, publishedKey, type PublishedDiagnostics, type StoredPublished } from './publishedCache';
import { warmStart } from './warmStart';
import { timing } from './timings';
import type { ServerSettings } from './settings';
import { nextTurn, TimeSlices } from './turns';

export interface HostEvents {
  /** Findings of these files may have changed (including files that now have none). */
  readonly findingsChanged: (files: ReadonlySet<string>) => void;
  readonly progress?: (done: number, total: number) => void;
  readonly log: (message: string) => void;
  /**
   * A reopen on which every file is as the index cache was written from: its diagnostics, to be
   * published (and "ready" announced) while the index is loaded. Absent: never done.
   */
  readonly cachedDiagnostics?: (published: PublishedDiagnostics) => Promise<void>;
}

export interface HostOptions {
  readonly debounceMs?: number;
  readonly fileBudgetMs?: number;
  /** Directory of the index cache (the extension's workspace storage); none: no cache. */
  readonly cacheDir?: string;
}

export type DiskChange = { readonly file: string; readonly type: 'created' | 'changed' | 'deleted' };

/** Longest stretch of cross-file checking between turns of the event loop. */
const SLICE_MS = 12;

/**
 * The workspace as the analysis sees it: open documents (whose unsaved text wins) and every YAML
 * file of the workspace folders on disk, fed to the Analyzer. The only place that reads files.
 */
export class WorkspaceHost {
  readonly analyzer: Analyzer;
  private readonly openTexts = new Map<string, string>();
  private folders: string[] = [];
  private generation = 0;
  private indexingDone = false;
  private readonly large: LargeDocuments;
  private scope: FileScope;

  constructor(
    private settings: ServerSettings,
    private readonly events: HostEvents,
    private readonly options: HostOptions = {},
  ) {
    this.analyzer = new Analyzer(
      settings.analysis,
      undefined,
      (id, e) => events.log(`Rule ${id} failed: ${(e as Error)?.stack ?? String(e)}`),
      loadSchemas(events.log),
      // Patterns of `istio.environments` are relative to the workspace folders.
      environmentGlobs(() => this.folders),
    );
    this.scope = new FileScope(settings.include, settings.exclude, events.log);
    this.large = new LargeDocuments({
      settings: () => this.settings.analysis,
      log: events.log,
      apply: input => void this.applyInSlices(input),
      debounceMs: options.debounceMs,
      fileBudgetMs: options.fileBudgetMs,
    });
  }

  /** The index cache of the last complete indexing, until it is saved. */
  private unsavedCache: IndexCache | undefined;

  /**
   * Writes the index cache of the last complete indexing (if it changed). Called after "ready":
   * encoding runs in slices, but it would still delay the first diagnostics. Never throws.
   */
  async saveCache(sliceMs?: number, diagnosticsOf?: (file: string) => string | undefined): Promise<void> {
    const cache = this.unsavedCache;
    this.unsavedCache = undefined;
    // Cross-file results are kept only when complete: no indexing or sliced re-check under way.
    await cache?.save(
      this.analyzer,
      () => this.indexingDone && this.slicing === 0 && this.analyzer.crossFileRulesEnabled,
      sliceMs,
      diagnosticsOf && {
        report: { report: this.settings.report, include: this.settings.include, exclude: this.settings.exclude },
        diagnosticsOf,
        stampOf: file => this.diskStampIfSame(file),
        tree: () => walkWithDirectories(this.folders, this.scope),
      },
    );
  }

  /** The disk's stamp of an open document whose text is the disk's (its diagnostics then hold for the file). */
  private diskStampIfSame(file: string) {
    const text = this.openTexts.get(file);
    if (text === undefined) return undefined;
    const read = readYamlFileSync(file);
    return read.ok && read.text === text ? read.stamp : undefined;
  }

  /** Whether the folders were indexed (or began to be) since the server started. */
  private reopened = false;

  /** Set while the index is loaded after the cached diagnostics were published: requests wait for it. */
  private loading: Promise<void> | undefined;
  private endLoading: (() => void) | undefined;

  /** Resolves once the index is loaded, when "ready" was announced before it was (a warm reopen); else undefined. */
  get indexLoading(): Promise<void> | undefined {
    return this.loading;
  }

  /**
   * Work a warm start leaves until after "ready" (the dependency keys of the restored cross-file
   * results), done in slices that keep requests answered; an edit meanwhile finishes it at once.
   */
  async finishWarmStart(): Promise<void> {
    const slices = new TimeSlices(SLICE_MS);
    while (!this.analyzer.settleRestoredDependencies(256)) if (slices.due()) await slices.next();
  }

  get serverSettings(): ServerSettings {
    return this.settings;
  }

  get isIndexed(): boolean {
    return this.indexingDone;
  }

  /** Current text of a file: the editor's if open, else the disk's. */
  readText(file: string): string | undefined {
    const open = this.openTexts.get(file);
    if (open !== undefined) return open;
    const r = readYamlFileSync(file);
    return r.ok ? r.text : undefined;
  }

  isOpen(file: string): boolean {
    return this.openTexts.has(file);
  }

  /**
   * Indexes every YAML file of the folders. Cross-file rules wait until the whole workspace is
   * known; single-file findings (open files first) are reported as they come.
   */
  async indexWorkspace(folders: readonly string[]): Promise<void> {
    const generation = ++this.generation;
    const superseded = () => generation !== this.generation;
    this.folders = [...folders];
    this.indexingDone = false;
    this.emit(this.analyzer.setCrossFileEnabled(false));
    const { cacheDir } = this.options;
    const useCache = !!cacheDir && folders.length > 0;
    const stored =
      useCache && this.events.cachedDiagnostics && !this.reopened
        ? await loadPublished(cacheDir, this.publishedKey(folders))
        : undefined;
    // Only the first indexing of the folders is a reopen; later ones have diagnostics out already.
    if (useCache) this.reopened = true;
    // Read while the folders are walked, unless the published diagnostics may do without it until "ready".
    const openCache = () => IndexCache.open(cacheDir!, this.settings.analysis, folders, this.events.log);
    let opening = useCache && !stored ? openCache() : undefined;
    // A reopen whose directories are all as they were walked for the stored diagnostics knows its files.
    const known = await stored?.filesIfTreeUnchanged();
    const files: string[] = known ? [...known] : [];
    if (!known)
      for (const folder of folders) {
        files.push(...(await walkYamlFiles(folder, { scope: this.scope, log: this.events.log })));
      }
    timing(`${known ? 'directories unchanged' : 'walked'}: ${files.length} files`);
    try {
      if (stored && (await this.publishEarly(stored, files, superseded)))
        opening = openCache().then(cache => {
          cache.publishedCurrent = true;
          return cache;
        });
      else if (useCache) opening ??= openCache();
      await this.index(files, opening, superseded);
    } finally {
      this.endLoading?.();
      this.endLoading = undefined;
      this.loading = undefined;
    }
  }

  /** The key of published diagnostics for these folders and the current settings. */
  private publishedKey(folders: readonly string[]): string {
    // The scope decides which files a walk finds.
    const { report, include, exclude } = this.settings;
    return publishedKey(cacheKey(this.settings.analysis, folders), { report, include, exclude });
  }

  /** Hands the stored diagnostics over when every file is still as they were computed from. */
  private async publishEarly(
    stored: StoredPublished,
    files: readonly string[],
    superseded: () => boolean,
  ): Promise<boolean> {
    const published = await stored.ifStillOnDisk(files);
    timing(published ? 'published diagnostics still hold' : 'published diagnostics do not hold');
    if (!published || superseded()) return false;
    // Requests wait from the moment the stored diagnostics go out until the index is loaded.
    this.loading = new Promise(resolve => (this.endLoading = resolve));
    await this.events.cachedDiagnostics!(published);
    return true;
  }

  private async index(
    files: string[],
    opening: Promise<IndexCache> | undefined,
    superseded: () => boolean,
  ): Promise<void> {
    // Each step below takes tens of milliseconds on tens of thousands of files: one per turn.
    await nextTurn();
    if (superseded()) return;
    if (this.analyzer.index.fileCount > 0) {
      const known = new Set(files);
      const stale = [...this.analyzer.index.allFiles()]
        .map(s => s.file)
        .filter(f => !known.has(f) && !this.openTexts.has(f));
      if (stale.length > 0) this.emit(this.analyzer.update(stale.map(file => ({ file, deleted: true as const }))));
      await nextTurn();
      if (superseded()) return;
    }
    // Kustomizations first: files they list then get their namespace when indexed, instead of
    // being moved (in every lookup table) at the end.
    const rest = this.openTexts.size > 0 ? files.filter(f => !this.openTexts.has(f)) : files;
    const toIndex = kustomizationsFirst(rest);
    timing('kustomizations first');
    await nextTurn();
    if (superseded()) return;
    let done = 0;
    const held = new Set<string>();
    this.events.progress?.(0, toIndex.length);
    const cache = await opening;
    if (superseded()) return;
    if (cache && (await this.warmStart(toIndex, cache, held, superseded))) return;
    await summarizeWithCache(toIndex, cache, {
      settings: this.settings.analysis,
      log: this.events.log,
      cancelled: superseded,
      onBatch: inputs => {
        if (superseded()) return;
        // A file opened while it was being read keeps the editor's text.
        const changed = this.analyzer.update(inputs.filter(i => !this.openTexts.has(i.file)));
        // Publishing thousands of files batch by batch would compete with indexing for the main
        // thread: they are published once at the end, open files excepted.
        for (const f of changed) held.add(f);
        done += inputs.length;
        this.events.progress?.(done, toIndex.length);
      },
    });
    if (superseded()) return;
    // Cross-file rules run once over the complete index, in slices that keep requests answered.
    timing(`summarised and indexed ${toIndex.length} files`);
    const job = this.analyzer.startCrossFile(() => performance.now());
    while (!job.step(SLICE_MS)) {
      await nextTurn();
      if (superseded()) return;
    }
    timing('cross-file rules done');
    this.indexingDone = true;
    for (const f of job.files) held.add(f);
    this.emit(held);
    // Saved after "ready" (saveCache): the next start reads these summaries instead of the files.
    this.unsavedCache = cache;
  }

  /**
   * Indexing from a cache that holds the whole index (warm start): see host/warmStart.ts. Open
   * documents are put back as the cache had them and then replayed with the editor's text.
   */
  private async warmStart(
    files: readonly string[],
    cache: IndexCache,
    held: Set<string>,
    superseded: () => boolean,
  ): Promise<boolean> {
    const warm = await warmStart(files, cache, {
      analyzer: this.analyzer,
      settings: this.settings.analysis,
      log: this.events.log,
      cancelled: superseded,
      isOpen: f => this.openTexts.has(f),
      changed: files => {
        for (const f of files) held.add(f);
      },
      progress: (done, total) => this.events.progress?.(done, total),
    });
    if (!warm || superseded()) return warm;
    this.indexingDone = true;
    const open = [...this.openTexts].map(([file, text]) => ({ file, text }));
    if (open.length > 0) {
      this.emit(this.analyzer.update(open.map(({ file }) => ({ file, deleted: true as const }))));
      this.apply(open);
    }
    this.emit(held);
    this.unsavedCache = cache;
    return true;
  }

  openDocument(file: string, text: string): void {
    this.openTexts.set(file, text);
    this.apply([{ file, text }]);
  }

  changeDocument(file: string, text: string): void {
    this.openTexts.set(file, text);
    this.apply([{ file, text }]);
  }

  /** True while a large document's latest text is waiting for (or in) its analysis. */
  isAnalysisPending(file: string): boolean {
    return this.large.isPending(file);
  }

  /** Stops the document thread (the server is shutting down). */
  dispose(): Promise<void> {
    return this.large.dispose();
  }

  /** A closed document falls back to what is on disk (or leaves the index if it is not in scope). */
  closeDocument(file: string): void {
    this.openTexts.delete(file);
    if (!this.inScope(file)) {
      this.apply([{ file, deleted: true }]);
      return;
    }
    this.apply([this.inputFor(file, readYamlFileSync(file))]);
  }

  /** Changes made outside the editor (git checkout, generators); open documents keep their text. */
  async filesChanged(changes: readonly DiskChange[]): Promise<void> {
    const inputs: FileInput[] = [];
    for (const change of changes) {
      if (this.openTexts.has(change.file)) continue;
      if (change.type === 'deleted') {
        inputs.push({ file: change.file, deleted: true });
        // A deleted directory takes every indexed file below it.
        const prefix = `${change.file}/`;
        for (const s of this.analyzer.index.allFiles())
          if (s.file.startsWith(prefix) && !this.openTexts.has(s.file)) inputs.push({ file: s.file, deleted: true });
        continue;
      }
      if (!/\.ya?ml$/i.test(change.file) || !this.inScope(change.file)) continue;
      inputs.push(this.inputFor(change.file, await readYamlFile(change.file)));
    }
    if (inputs.length > 0) this.apply(inputs);
  }

  async setSettings(settings: ServerSettings): Promise<void> {
    const scopeChanged =
      JSON.stringify([settings.include, settings.exclude]) !==
      JSON.stringify([this.settings.include, this.settings.exclude]);
    this.settings = settings;
    if (scopeChanged) this.scope = new FileScope(settings.include, settings.exclude, this.events.log);
    const { reanalyzeFiles, changedFiles } = this.analyzer.setSettings(settings.analysis);
    this.emit(changedFiles);
    if (reanalyzeFiles || scopeChanged) {
      const open = [...this.openTexts].map(([file, text]) => ({ file, text }));
      if (open.length > 0) this.apply(open);
      await this.indexWorkspace(this.folders);
    } else {
      // Severities and suppressions are applied when reporting: every file is re-reported.
      this.emit(new Set([...this.analyzer.index.allFiles()].map(s => s.file)));
    }
  }

  /** The workspace folders being indexed (absolute paths). */
  get workspaceFolders(): readonly string[] {
    return this.folders;
  }

  private inScope(file: string): boolean {
    return this.folders.some(folder => {
      const rel = pathInside(folder, file);
      return rel !== undefined && rel !== '' && this.scope.contains(rel);
    });
  }

  /** Texts are analysed by the analyzer, or (large ones) by the document thread after a debounce. */
  private inputFor(file: string, read: ReadResult): FileInput {
    return read.ok ? { file, text: read.text } : toInput(file, read, this.settings.analysis, this.events.log);
  }

  /**
   * The one way file changes reach the analyzer outside the cold index: small texts at once, large
   * ones later and off the main thread. Any change to a file supersedes its pending analysis.
   */
  private apply(inputs: readonly FileInput[]): void {
    const now: FileInput[] = [];
    for (const input of inputs) {
      this.large.cancel(input.file);
      if ('text' in input && LargeDocuments.isLarge(input.text)) this.large.schedule(input.file, input.text);
      else now.push(input);
    }
    if (now.length > 0) this.emit(this.analyzer.update(now));
  }

  /**
   * A large document's analysis, from its thread: indexed at once, its cross-file re-check (which
   * may concern thousands of resources) in slices that keep requests answered.
   */
  private async applyInSlices(input: FileInput): Promise<void> {
    this.slicing++;
    try {
      const job = this.analyzer.updateInSlices([input], () => performance.now());
      while (!job.step(SLICE_MS)) await nextTurn();
      this.emit(job.files);
    } finally {
      this.slicing--;
    }
  }

  /** Sliced cross-file re-checks under way (large documents). */
  private slicing = 0;

  private emit(files: ReadonlySet<string>): void {
    if (files.size > 0) this.events.findingsChanged(files);
  }
}
