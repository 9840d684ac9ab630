import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import { statIfAny } from './readFile';
import { TimeSlices } from './turns';

/**
 * The diagnostics as they were published when the index cache was last written, with the size
 * and modification time of every file they were computed from: a reopen whose files all still
 * have those stamps shows them at once, before the index is loaded from the index cache (about
 * two seconds on 34,500 files). It holds for itself: the stamps are checked against the disk, the
 * key covers the istio-ls version, its analysis code, the settings (reporting ones included) and
 * the workspace folders; any difference, a file more or less, or damage, and it is not used.
 */
export const PUBLISHED_FILE = 'published-diagnostics.jsonl';
const FORMAT = 1;
/** Files stat-ed between checks of the time slice. */
const STAT_BATCH = 64;
const SLICE_MS = 10;
/** Files per line of diagnostics (a few milliseconds to parse). */
const CHUNK_FILES = 256;

/** What was published, as read back: each file's diagnostics as JSON (opaque here). */
export interface PublishedDiagnostics {
  /** Index counts when they were published (the status bar's). */
  readonly files: number;
  readonly resources: number;
  /** File -> its diagnostics (an array); files without diagnostics are absent. */
  readonly diagnostics: ReadonlyMap<string, readonly unknown[]>;
}

/** What is written: every indexed file's stamp, and the diagnostics of the analysed ones that have any. */
export interface PublishedRecord {
  readonly files: number;
  readonly resources: number;
  /** Every file of the index (all read from disk, none racily), sorted, with its size and modification time. */
  readonly stamps: Stamps;
  /** Every directory walked for those files (sorted) with its modification time; none when one was racy. */
  readonly directories?: DirectoryStamps;
  /** The files whose diagnostics are written (those with a summary), sorted. */
  readonly analysed: readonly string[];
}

/** Directories with their modification times: while none changed, the same walk finds the same files. */
export interface DirectoryStamps {
  readonly names: string[];
  readonly mtimes: number[];
}

/** Files with their sizes and modification times, as three lists (one object each, not one per file). */
export interface Stamps {
  readonly names: string[];
  readonly sizes: number[];
  readonly mtimes: number[];
}

/** The first line of the file. */
interface Header {
  readonly chunks: number;
  readonly format: number;
  readonly key: string;
  readonly files: number;
  readonly resources: number;
  readonly stamps: Stamps;
  readonly directories?: DirectoryStamps;
}

/** The key of published diagnostics: the index cache's key and what decides how findings are reported. */
export function publishedKey(indexKey: string, report: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([FORMAT, indexKey, report]))
    .digest('hex');
}

/**
 * The file is lines of JSON: first the header (key, counts, stamps), then the diagnostics of each
 * run of CHUNK_FILES indexed files (`[]` when none has any), so that a reopen parses them in
 * slices, and only once the stamps hold. Each line is made and written in turn (the diagnostics of
 * a large workspace are never held at once); `stillValid` is asked at the end, and the file is only
 * put in place if the diagnostics still describe the state the stamps were taken from.
 */
export async function writePublished(
  dir: string,
  key: string,
  record: PublishedRecord,
  diagnosticsOf: (file: string) => string | undefined,
  stillValid: () => boolean,
): Promise<void> {
  const file = path.join(dir, PUBLISHED_FILE);
  const { files, resources, stamps, directories, analysed } = record;
  const chunks = Math.ceil(analysed.length / CHUNK_FILES);
  const temp = `${file}.${process.pid}.tmp`;
  const out = await fs.open(temp, 'w');
  try {
    await out.write(JSON.stringify({ format: FORMAT, key, files, resources, chunks, stamps, directories }));
    for (let i = 0; i < analysed.length; i += CHUNK_FILES) {
      const parts: string[] = [];
      for (const f of analysed.slice(i, i + CHUNK_FILES)) {
        // Each file's diagnostics are JSON already (without line breaks): joined, not encoded again.
        const diagnostics = diagnosticsOf(f);
        if (diagnostics !== undefined) parts.push(`[${JSON.stringify(f)},${diagnostics}]`);
      }
      await out.write(`\n[${parts.join(',')}]`);
    }
  } finally {
    await out.close();
  }
  if (stillValid()) await fs.rename(temp, file);
  else await fs.rm(temp, { force: true });
}

/** Removes published diagnostics that no longer describe the index cache (a newer one could not hold them). */
export async function removePublished(dir: string): Promise<void> {
  await fs.rm(path.join(dir, PUBLISHED_FILE), { force: true });
}

/** Published diagnostics in `dir` under `key`, not yet checked against the disk; undefined if none or damaged. */
export async function loadPublished(dir: string, key: string): Promise<StoredPublished | undefined> {
  let lines: string[];
  let header: Header;
  try {
    lines = (await fs.readFile(path.join(dir, PUBLISHED_FILE), 'utf8')).split('\n');
    header = JSON.parse(lines[0]) as Header;
  } catch {
    return undefined;
  }
  // A file cut short (at a line break) lacks chunks.
  return isValid(header) && header.key === key && header.chunks === lines.length - 1
    ? new StoredPublished(header, lines.slice(1))
    : undefined;
}

export class StoredPublished {
  constructor(
    private readonly stored: Header,
    private readonly chunks: readonly string[],
  ) {}

  /**
   * The files a walk of the folders would find (sorted), when every directory it walked when the
   * diagnostics were written still has its modification time (one stat per directory instead of
   * reading each); undefined otherwise.
   */
  async filesIfTreeUnchanged(): Promise<readonly string[] | undefined> {
    const { directories, stamps } = this.stored;
    if (!directories) return undefined;
    const slices = new TimeSlices(SLICE_MS);
    for (let i = 0; i < directories.names.length; i++) {
      if (!sameMtime(directories.names[i], directories.mtimes[i])) return undefined;
      if (i % STAT_BATCH === STAT_BATCH - 1 && slices.due()) await slices.next();
    }
    return stamps.names;
  }

  /**
   * The diagnostics, if every file of `files` (and no other) still has the stamp they were
   * computed with; undefined otherwise. Stats every file, in slices.
   */
  async ifStillOnDisk(files: readonly string[]): Promise<PublishedDiagnostics | undefined> {
    const { stamps, files: fileCount, resources } = this.stored;
    const { names, sizes, mtimes } = stamps;
    if (names.length !== files.length) return undefined;
    // Both lists sorted (several folders' walks are not, together): equal lists compare element by element.
    if (!isSorted(files)) files = [...files].sort();
    const slices = new TimeSlices(SLICE_MS);
    for (let i = 0; i < files.length; i++) {
      if (names[i] !== files[i] || !sameOnDisk(names[i], sizes[i], mtimes[i])) return undefined;
      if (i % STAT_BATCH === STAT_BATCH - 1 && slices.due()) await slices.next();
    }
    const diagnostics = new Map<string, unknown[]>();
    try {
      for (const chunk of this.chunks) {
        for (const entry of JSON.parse(chunk) as [string, unknown[]][]) {
          if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) return undefined;
          diagnostics.set(entry[0], entry[1]);
        }
        if (slices.due()) await slices.next();
      }
    } catch {
      return undefined;
    }
    return { files: fileCount, resources, diagnostics };
  }
}

function isSorted(list: readonly string[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i - 1] > list[i]) return false;
  return true;
}

function sameMtime(dir: string, mtimeMs: number): boolean {
  return statIfAny(dir)?.mtimeMs === mtimeMs;
}

function sameOnDisk(file: string, size: number, mtimeMs: number): boolean {
  const st = statIfAny(file);
  return !!st && st.size === size && st.mtimeMs === mtimeMs;
}

function isValid(p: Header): boolean {
  return (
    !!p &&
    p.format === FORMAT &&
    typeof p.key === 'string' &&
    typeof p.files === 'number' &&
    typeof p.resources === 'number' &&
    !!p.stamps &&
    Array.isArray(p.stamps.names) &&
    Array.isArray(p.stamps.sizes) &&
    Array.isArray(p.stamps.mtimes) &&
    p.stamps.names.length === p.stamps.sizes.length &&
    p.stamps.names.length === p.stamps.mtimes.length &&
    (p.directories === undefined ||
      (Array.isArray(p.directories.names) &&
        Array.isArray(p.directories.mtimes) &&
        p.directories.names.length === p.directories.mtimes.length))
  );
}
