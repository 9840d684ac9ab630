import { createHash } from 'crypto';
import { existsSync, promises as fs, readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import type { Analyzer, FileInput } from '../core/analysis/analyzer';
import type { AnalysisSettings } from '../core/settings';
import { SERVER_VERSION } from '../version';
import { decodeCache, writeCache, type CacheContents, type CacheEntry, type CacheRecord } from './cacheFile';
import type { DiskInput } from './fileInput';
import {
  publishedKey,
  removePublished,
  writePublished,
  type DirectoryStamps,
  type PublishedRecord,
  type Stamps,
} from './publishedCache';
import { statIfAny, type FileStamp } from './readFile';
import { findSchemaDir } from './schemaLoader';
import { TimeSlices } from './turns';

/** The file in the cache directory. */
export const CACHE_FILE = 'index-cache.bin';
/** Bumped whenever what a summary holds changes shape, in case the code fingerprint is unavailable. */
const CACHE_FORMAT = 4;
/**
 * A file modified this shortly before it was read may be modified again within the same mtime
 * tick (coarse file systems: 2 s on FAT), unseen: such files are not cached ("racily clean" in git).
 */
export const RACY_MS = 2000;
/**
 * How the diagnostics are written beside the index (host/publishedCache.ts): the caller reports
 * findings; the cache knows which files, and as of which stamps.
 */
export interface PublishWriter {
  /** Settings that decide how findings become diagnostics (severities, suppressions). */
  readonly report: unknown;
  /** JSON of a file's diagnostics as they would be published now; undefined when it has none. */
  readonly diagnosticsOf: (file: string) => string | undefined;
  /** The disk's stamp of a file indexed with an editor's text, when that text is the disk's. */
  readonly stampOf: (file: string) => FileStamp | undefined;
  /** Walks the folders: their files (sorted) and, if none was racy, their directories (only when written). */
  readonly tree?: () => Promise<{ readonly files: readonly string[]; readonly directories?: DirectoryStamps }>;
}

/** Longest stretch of checking files, or of taking a snapshot to save, between turns of the event loop. */
const SLICE_MS = 10;
/** Snapshots taken in slices before one is taken at once (the index kept changing meanwhile). */
const MAX_SLICED_SNAPSHOTS = 4;

/**
 * The index cache, as ESLint's `--cache`: what the single-file analysis made of each file (its
 * summary: resources, single-file findings, line starts, directives), so that a warm start reads
 * neither the text nor the YAML of files that did not change, and what the cross-file rules made
 * of the whole index (each instance's findings and dependency keys), so that a warm start does
 * not run them again (host/warmStart.ts).
 *
 * An entry is used when the file's size and modification time (stat, no read) equal those taken
 * before it was read for the entry; entries of files modified within RACY_MS before that read are
 * never trusted. The whole cache is keyed by the istio-ls version, a fingerprint of the analysis
 * code, the cache format, the analysis settings and the workspace folders: any difference, and
 * any damage, and the cache is ignored (then overwritten).
 */
export class IndexCache {
  private readonly next = new Map<string, CacheEntry>();
  private changed = false;
  private partitioned?: { files: readonly string[]; hits: FileInput[]; misses: string[] };
  /** Whether the diagnostics beside the cache were found to describe it (else a save writes them). */
  publishedCurrent = false;

  private constructor(
    readonly file: string,
    private readonly key: string,
    private readonly loaded: CacheContents,
    private readonly log: (message: string) => void,
  ) {}

  /** Opens the cache in `dir` for these settings and folders; a missing, stale or damaged cache opens empty. */
  static async open(
    dir: string,
    settings: AnalysisSettings,
    folders: readonly string[],
    log: (m: string) => void,
  ): Promise<IndexCache> {
    const file = path.join(dir, CACHE_FILE);
    const key = cacheKey(settings, folders);
    const empty: CacheContents = { entries: new Map() };
    const bytes = await readCapped(file).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') log(`Index cache ${file} ignored: unreadable (${e.message}).`);
      return undefined;
    });
    if (!bytes) return new IndexCache(file, key, empty, log);
    const decoded = await decodeCache(bytes, key);
    if (!decoded.ok) log(`Index cache ${file} ignored: ${decoded.reason}.`);
    return new IndexCache(file, key, decoded.ok ? decoded : empty, log);
  }

  get size(): number {
    return this.loaded.entries.size;
  }

  /** The index the cache was written from, when it holds the cross-file results as well. */
  get snapshot(): Required<CacheContents> | undefined {
    const { entries, cross } = this.loaded;
    return cross && entries.size > 0 ? { entries, cross } : undefined;
  }

  /**
   * Splits files into those whose cached input still holds (stat only) and those to analyse.
   * Order is kept within each part.
   */
  async partition(files: readonly string[]): Promise<{ hits: FileInput[]; misses: string[] }> {
    if (this.partitioned?.files === files) return this.partitioned;
    const hits: FileInput[] = [];
    const misses: string[] = [];
    // Synchronous stat, in slices: a promise and a thread-pool round trip per file cost more
    // than the system call (tens of thousands of files on a warm start).
    const slices = new TimeSlices(SLICE_MS);
    for (let i = 0; i < files.length; i++) {
      const f = files[i];
      const entry = this.loaded.entries.get(f);
      if (entry && entry.size >= 0 && isFresh(entry, f)) {
        this.next.set(f, entry);
        hits.push(entry.input);
      } else misses.push(f);
      if ((i & 31) === 31 && slices.due()) await slices.next();
    }
    // Anything not carried over (changed, deleted, renamed, out of scope) means a new cache.
    if (hits.length !== this.loaded.entries.size) this.changed = true;
    this.partitioned = { files, hits, misses };
    return this.partitioned;
  }

  /** Records what was just read and analysed (inputs without a stamp, or racy ones, are not kept). */
  record(inputs: readonly DiskInput[]): void {
    for (const input of inputs) {
      const stamp = input.stamp;
      if (!stamp || stamp.takenAt - stamp.mtimeMs <= RACY_MS) continue;
      if (!('summary' in input) && !('deleted' in input)) continue;
      const { stamp: _stamp, ...plain } = input;
      this.next.set(input.file, { size: stamp.size, mtimeMs: stamp.mtimeMs, takenAt: stamp.takenAt, input: plain });
      this.changed = true;
    }
  }

  /**
   * Writes the analyzer's index as it is now, if it differs from what was read: each file's
   * summary (with the stamp recorded when it was read, or unverified if the index holds another
   * one, such as an editor's text) and, when `settled`, every instance's cross-file state.
   * Summaries and states are replaced, never changed, by updates: the snapshot is their list,
   * taken in slices that keep the event loop turning (a quarter second at once on 34,500 files)
   * and taken again from the start when the analyzer changed in between (a consistent one, taken
   * at once, after a few tries); encoding runs in slices too. Failures are logged, never thrown.
   */
  async save(
    analyzer: Analyzer,
    settled: boolean | (() => boolean),
    sliceMs = SLICE_MS,
    publish?: PublishWriter,
  ): Promise<void> {
    const isSettled = typeof settled === 'function' ? settled : () => settled;
    let snapshot: Snapshot | undefined;
    for (let attempt = 1; !snapshot; attempt++)
      snapshot = await this.snapshotOf(
        analyzer,
        isSettled,
        attempt < MAX_SLICED_SNAPSHOTS ? sliceMs : undefined,
        publish,
      );
    if (!snapshot.write) return;
    const dir = path.dirname(this.file);
    try {
      await fs.mkdir(dir, { recursive: true });
      // Diagnostics of an older index must not outlive it, even when these cannot be written.
      await removePublished(dir);
      await writeCache(this.file, this.key, snapshot.records, snapshot.withCross);
      this.changed = false;
      const { published, at } = snapshot;
      if (publish && published)
        await writePublished(
          dir,
          publishedKey(this.key, publish.report),
          published,
          publish.diagnosticsOf,
          () => analyzer.changeCount === at && isSettled(),
        );
    } catch (e) {
      this.log(`Could not write the index cache ${this.file}: ${String(e)}`);
    }
  }

  /**
   * What save() writes, as of one state of the analyzer; undefined when it changed while the
   * snapshot was taken in slices of `sliceMs` (undefined: at once).
   */
  private async snapshotOf(
    analyzer: Analyzer,
    isSettled: () => boolean,
    sliceMs: number | undefined,
    publish: PublishWriter | undefined,
  ): Promise<Snapshot | undefined> {
    const at = analyzer.changeCount;
    const settled = isSettled();
    const sliced = sliceMs !== undefined;
    const slices = new TimeSlices(sliceMs ?? 0);
    const moved = async () => {
      if (!sliced || !slices.due()) return false;
      await slices.next();
      return analyzer.changeCount !== at || isSettled() !== settled;
    };
    const entries = new Map<string, CacheEntry>();
    let verified = 0;
    const files = [...analyzer.index.allFiles()];
    for (let i = 0; i < files.length; i++) {
      const summary = files[i];
      const recorded = this.next.get(summary.file);
      const same = recorded && 'summary' in recorded.input && recorded.input.summary === summary;
      if (same) verified++;
      entries.set(
        summary.file,
        same ? recorded : { size: -1, mtimeMs: -1, takenAt: -1, input: { file: summary.file, summary } },
      );
      if ((i & 255) === 255 && (await moved())) return undefined;
    }
    for (const [file, entry] of this.next)
      if ('deleted' in entry.input && !entries.has(file)) {
        entries.set(file, entry);
        verified++;
      }
    if (
      !this.changed &&
      verified === entries.size &&
      (!settled || !!this.loaded.cross) &&
      (!settled || !publish || this.publishedCurrent)
    )
      return { write: false, at, records: new Map(), withCross: false };
    if (await moved()) return undefined;
    const names = [...entries.keys()].sort();
    if (await moved()) return undefined;
    const records = new Map<string, CacheRecord>();
    // Diagnostics are kept only of a settled index whose every file is known by its disk stamp.
    let published: { stamps: Stamps; analysed: string[] } | undefined =
      settled && publish ? { stamps: { names: [], sizes: [], mtimes: [] }, analysed: [] } : undefined;
    // In the order a warm start indexes them (by file), so it finds them sorted.
    for (let i = 0; i < names.length; i++) {
      const file = names[i];
      const entry = entries.get(file)!;
      records.set(file, {
        entry,
        cross: settled && 'summary' in entry.input ? analyzer.crossFileStateOf(file) : undefined,
      });
      if (published && publish) {
        const stamp = entry.size >= 0 ? entry : publish.stampOf(file);
        if (!stamp || stamp.takenAt - stamp.mtimeMs <= RACY_MS) published = undefined;
        else {
          published.stamps.names.push(file);
          published.stamps.sizes.push(stamp.size);
          published.stamps.mtimes.push(stamp.mtimeMs);
          if ('summary' in entry.input) published.analysed.push(file);
        }
      }
      if ((i & 63) === 63 && (await moved())) return undefined;
    }
    // The walk's directories vouch for the file list only if it found exactly the indexed files.
    const tree = published ? await publish?.tree?.() : undefined;
    if (sliced && (analyzer.changeCount !== at || isSettled() !== settled)) return undefined;
    const { fileCount, resourceCount } = analyzer.index;
    const directories =
      published && tree?.directories && sameList(tree.files, published.stamps.names) ? tree.directories : undefined;
    return {
      write: true,
      at,
      records,
      withCross: settled,
      published: published && { files: fileCount, resources: resourceCount, ...published, directories },
    };
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** What save() writes: the records, and whether they hold every instance's cross-file state. */
interface Snapshot {
  readonly write: boolean;
  readonly records: ReadonlyMap<string, CacheRecord>;
  readonly withCross: boolean;
  /** Analyzer.changeCount of that state. */
  readonly at: number;
  /** The diagnostics of that state, when it was settled and every file has a disk stamp. */
  readonly published?: PublishedRecord;
}

/**
 * What the cache depends on besides the files: istio-ls, its analysis code, the format, the settings,
 * and the workspace folders (placements read globs relative to them).
 */
export function cacheKey(settings: AnalysisSettings, folders: readonly string[]): string {
  return createHash('sha256')
    .update(JSON.stringify([CACHE_FORMAT, SERVER_VERSION, codeFingerprint(), settings, folders]))
    .digest('hex');
}

/** A cache file is a fraction of the workspace's YAML (which is read at most 5 MB per file): past this, it is not one. */
const MAX_CACHE_BYTES = 1024 * 1024 * 1024;

async function readCapped(file: string): Promise<Buffer> {
  const { size } = await fs.stat(file);
  if (size > MAX_CACHE_BYTES) throw Object.assign(new Error(`${size} bytes, over the limit`), { code: 'TOO_LARGE' });
  return fs.readFile(file);
}

/** Whether the file still has the size and modification time of its entry, which was not taken racily. */
function isFresh(entry: CacheEntry, file: string): boolean {
  if (entry.takenAt - entry.mtimeMs <= RACY_MS) return false;
  const st = statIfAny(file);
  return !!st && st.size === entry.size && st.mtimeMs === entry.mtimeMs;
}

let fingerprint: string | undefined;

/**
 * The analysis code and data: a development build keeps its version number while rules change. In
 * the bundle (dist/), the worker script and this bundle hold all of it; unbundled (tsc's out/, the
 * development CLI), the modules of core/ are listed with their sizes and modification times.
 */
function codeFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const hash = createHash('sha256');
  for (const script of [path.join(__dirname, 'summaryWorker.js'), __filename]) {
    try {
      hash.update(readFileSync(script));
    } catch {
      hash.update('-');
    }
  }
  const core = path.join(__dirname, '..', 'core');
  if (existsSync(core)) for (const line of listModules(core)) hash.update(line);
  // Schema validation findings come from the schemas (regenerated by `npm run schemas`).
  const schemas = findSchemaDir();
  if (schemas) for (const line of listModules(path.dirname(schemas), '.json')) hash.update(line);
  return (fingerprint = hash.digest('hex'));
}

/** Files ending in `ext` below `dir`, each as a line with its size and modification time. */
function listModules(dir: string, ext = '.js'): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listModules(full, ext));
    else if (entry.name.endsWith(ext)) {
      const st = statSync(full);
      out.push(`${full}:${st.size}:${st.mtimeMs}\n`);
    }
  }
  return out.sort();
}
