import * as path from 'path';
import { Analyzer, type FileInput } from '../core/analysis/analyzer';
import { skipped } from '../core/analysis/analyzeFile';
import { computeLineStarts } from '../core/parse/lineIndex';
import type { FileSummary } from '../core/index/fileSummary';
import { walkYamlFiles } from './fileWalker';
import { GlobSet } from './glob';
import { readYamlFile, readYamlFileSync, type ReadResult } from './readFile';
import type { ServerSettings } from './settings';

export interface HostEvents {
  /** Findings of these files may have changed (including files that now have none). */
  readonly findingsChanged: (files: ReadonlySet<string>) => void;
  readonly progress?: (done: number, total: number) => void;
  readonly log: (message: string) => void;
}

export type DiskChange = { readonly file: string; readonly type: 'created' | 'changed' | 'deleted' };

/** Files summarised per turn of the event loop while indexing, so requests keep being answered. */
const BATCH = 64;

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

  constructor(private settings: ServerSettings, private readonly events: HostEvents) {
    this.analyzer = new Analyzer(settings.analysis, undefined, (id, e) => events.log(`Rule ${id} failed: ${(e as Error)?.stack ?? String(e)}`));
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
    this.folders = [...folders];
    this.indexingDone = false;
    this.emit(this.analyzer.setCrossFileEnabled(false));
    const files: string[] = [];
    for (const folder of folders) {
      files.push(...await walkYamlFiles(folder, { include: this.settings.include, exclude: this.settings.exclude, log: this.events.log }));
    }
    const known = new Set(files);
    const stale = [...this.analyzer.index.allFiles()].map(s => s.file).filter(f => !known.has(f) && !this.openTexts.has(f));
    if (stale.length > 0) this.emit(this.analyzer.update(stale.map(file => ({ file, deleted: true as const }))));
    const todo = files.filter(f => !this.openTexts.has(f));
    this.events.progress?.(0, todo.length);
    for (let i = 0; i < todo.length; i += BATCH) {
      if (generation !== this.generation) return; // superseded by a newer indexing run
      const batch = todo.slice(i, i + BATCH);
      const reads = await Promise.all(batch.map(f => readYamlFile(f)));
      const inputs = batch.map((file, k) => this.inputFor(file, reads[k]));
      this.emit(this.analyzer.update(inputs));
      this.events.progress?.(Math.min(i + BATCH, todo.length), todo.length);
      await new Promise<void>(resolve => setImmediate(resolve));
    }
    if (generation !== this.generation) return;
    this.indexingDone = true;
    this.emit(this.analyzer.setCrossFileEnabled(true));
  }

  openDocument(file: string, text: string): void {
    this.openTexts.set(file, text);
    this.emit(this.analyzer.update([{ file, text }]));
  }

  changeDocument(file: string, text: string): void {
    this.openTexts.set(file, text);
    this.emit(this.analyzer.update([{ file, text }]));
  }

  /** A closed document falls back to what is on disk (or leaves the index if it is not in scope). */
  closeDocument(file: string): void {
    this.openTexts.delete(file);
    if (!this.inScope(file)) {
      this.emit(this.analyzer.update([{ file, deleted: true }]));
      return;
    }
    this.emit(this.analyzer.update([this.inputFor(file, readYamlFileSync(file))]));
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
        for (const s of this.analyzer.index.allFiles()) if (s.file.startsWith(prefix) && !this.openTexts.has(s.file)) inputs.push({ file: s.file, deleted: true });
        continue;
      }
      if (!/\.ya?ml$/i.test(change.file) || !this.inScope(change.file)) continue;
      inputs.push(this.inputFor(change.file, await readYamlFile(change.file)));
    }
    if (inputs.length > 0) this.emit(this.analyzer.update(inputs));
  }

  async setSettings(settings: ServerSettings): Promise<void> {
    const scopeChanged = JSON.stringify([settings.include, settings.exclude]) !== JSON.stringify([this.settings.include, this.settings.exclude]);
    this.settings = settings;
    const { reanalyzeFiles, changedFiles } = this.analyzer.setSettings(settings.analysis);
    this.emit(changedFiles);
    if (reanalyzeFiles || scopeChanged) {
      const open = [...this.openTexts].map(([file, text]) => ({ file, text }));
      if (open.length > 0) this.emit(this.analyzer.update(open));
      await this.indexWorkspace(this.folders);
    } else {
      // Severities and suppressions are applied when reporting: every file is re-reported.
      this.emit(new Set([...this.analyzer.index.allFiles()].map(s => s.file)));
    }
  }

  private inScope(file: string): boolean {
    return this.folders.some(folder => {
      const rel = path.relative(folder, file).split(path.sep).join('/');
      if (rel.startsWith('..') || path.isAbsolute(rel)) return false;
      if (rel.split('/').some(part => part === 'node_modules' || part === '.git')) return false;
      if (new GlobSet(this.settings.exclude).matches(rel)) return false;
      const include = new GlobSet(this.settings.include);
      return include.empty || include.matches(rel);
    });
  }

  private inputFor(file: string, read: ReadResult): FileInput {
    if (read.ok) return { file, text: read.text };
    if (read.missing) return { file, deleted: true };
    this.events.log(`Not analysing ${file}: ${read.reason}`);
    if (!read.looksIstio) return { file, deleted: true };
    return { file, summary: skippedSummary(file, `File not analysed: ${read.reason}.`) };
  }

  private emit(files: ReadonlySet<string>): void {
    if (files.size > 0) this.events.findingsChanged(files);
  }
}

function skippedSummary(file: string, message: string): FileSummary {
  return { file, lineStarts: computeLineStarts(''), resources: [], directives: [], findings: [skipped(file, message)], hasIstio: true, brokenDocs: [] };
}
