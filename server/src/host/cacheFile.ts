import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import type { CrossFileState, FileInput } from '../core/analysis/analyzer';
import type { Finding } from '../core/model/finding';
import type { Resource } from '../core/model/types';
import { unpackAfterTransfer } from './transfer';
import { nextTurn, TimeSlices } from './turns';

/**
 * The index cache on disk: one file, written whole and renamed into place.
 *
 *   magic "ISTIOLS-CACHE-2\n" | body | trailer JSON | u32 trailer length
 *
 * The trailer holds the key, the body's SHA-1 and the byte length of each part of the body:
 * JSON chunks (arrays of entries, then the table of dependency keys) and one
 * binary section with every file's line starts (u32, little-endian). The key (istio-ls version,
 * code, settings, folders, format) is compared first, then the checksum over the whole body, and
 * only then is anything parsed: a damaged, truncated or foreign file is dropped whole.
 *
 * JSON (ASCII only, non-ASCII escaped) because V8 parses it twice as fast as its structured clone; what JSON cannot carry
 * exactly (non-finite numbers, functions such as computed quick-fixes) keeps an entry or a
 * resource's cross-file state out of the cache. Paths are not repeated: every `file` equal to the
 * entry's own file, and the file part of ids, are written empty and restored when read.
 */
export interface CacheEntry {
  /** Size and modification time taken before the file was read; -1 when unverified (an editor's text). */
  readonly size: number;
  readonly mtimeMs: number;
  readonly takenAt: number;
  /** A summary, or `deleted` for a file not worth indexing (not YAML of interest). */
  readonly input: FileInput;
}

/** A whole index: every file's entry and, when it was settled, each checked instance's cross-file state. */
export interface CacheContents {
  readonly entries: Map<string, CacheEntry>;
  /** Instance id -> cross-file findings and dependency keys; undefined when not cached. */
  readonly cross?: Map<string, CrossFileState>;
}

/** What the writer is given for each file: the entry and its instances' cross-file states. */
export interface CacheRecord {
  readonly entry: CacheEntry;
  readonly cross?: readonly (readonly [string, CrossFileState])[];
}

const MAGIC = Buffer.from('ISTIOLS-CACHE-2\n');
/** Entries per JSON chunk: parsing one takes a few milliseconds, between turns of the event loop. */
const CHUNK_ENTRIES = 256;
/** Bytes hashed between turns of the event loop (a few milliseconds). */
const HASH_BYTES = 4 * 1024 * 1024;
/** Longest stretch of encoding between turns of the event loop. */
const SLICE_MS = 8;

export type DecodeResult = ({ readonly ok: true } & CacheContents) | { readonly ok: false; readonly reason: string };

interface Trailer {
  readonly key: string;
  readonly sum: string;
  readonly chunks: readonly number[];
  readonly lineStarts: number;
  readonly cross: boolean;
}

/** Decodes a cache file's bytes, in slices that keep the event loop turning; never throws. */
export async function decodeCache(bytes: Buffer, key: string): Promise<DecodeResult> {
  try {
    if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC))
      return { ok: false, reason: 'not an istio-ls cache file' };
    const trailerLength = bytes.readUInt32LE(bytes.length - 4);
    const trailerStart = bytes.length - 4 - trailerLength;
    if (trailerStart < MAGIC.length) return { ok: false, reason: 'truncated' };
    const trailer = JSON.parse(bytes.toString('utf8', trailerStart, bytes.length - 4)) as Partial<Trailer>;
    if (trailer.key !== key) return { ok: false, reason: 'made by another version or with other settings' };
    const { chunks, lineStarts, sum } = trailer;
    if (!Array.isArray(chunks) || typeof lineStarts !== 'number' || typeof sum !== 'string')
      return { ok: false, reason: 'damaged trailer' };
    const body = bytes.subarray(MAGIC.length, trailerStart);
    if (chunks.reduce((a: number, b: number) => a + b, 0) + lineStarts !== body.length)
      return { ok: false, reason: 'truncated' };
    // Hashed a few megabytes at a time, between turns of the event loop.
    const hash = createHash('sha1');
    for (let i = 0; i < body.length; i += HASH_BYTES) {
      await nextTurn();
      hash.update(body.subarray(i, i + HASH_BYTES));
    }
    if (hash.digest('hex') !== sum) return { ok: false, reason: 'damaged' };
    await nextTurn();
    // One aligned copy of every file's line starts; each summary gets its own view of it.
    const starts = new Uint32Array(lineStarts / 4);
    Buffer.from(starts.buffer).set(body.subarray(body.length - lineStarts));
    let at = 0;
    const parts = chunks.map(length => body.subarray(at, (at += length)));
    if (parts.length === 0) return { ok: false, reason: 'damaged trailer' };
    const keys = JSON.parse(parts[parts.length - 1].toString('latin1')) as string[];
    const entries = new Map<string, CacheEntry>();
    const cross = trailer.cross ? new Map<string, CrossFileState>() : undefined;
    let lineAt = 0;
    for (let c = 0; c < parts.length - 1; c++) {
      await nextTurn();
      for (const raw of JSON.parse(parts[c].toString('latin1')) as unknown[]) {
        const decoded = entryOf(raw, starts, lineAt, keys, cross);
        if (!decoded) return { ok: false, reason: 'malformed entry' };
        lineAt = decoded.lineAt;
        entries.set(decoded.file, decoded.entry);
      }
    }
    if (lineAt !== starts.length) return { ok: false, reason: 'malformed line starts' };
    return { ok: true, entries, cross };
  } catch (e) {
    return { ok: false, reason: `unreadable (${String(e)})` };
  }
}

/**
 * Writes the records to `file` atomically: a temporary file beside it, renamed over it, so a
 * reader sees the old cache or the new one, never half of one. Encoding runs in slices, and
 * `withCross` says whether every file's cross-file state is included.
 */
export async function writeCache(
  file: string,
  key: string,
  records: ReadonlyMap<string, CacheRecord>,
  withCross: boolean,
): Promise<void> {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    const handle = await fs.open(temp, 'w');
    try {
      const hash = createHash('sha1');
      const write = async (buffers: Buffer[]) => {
        for (const b of buffers) hash.update(b);
        // writev takes a bounded number of buffers per call (IOV_MAX, 1024 on Linux).
        for (let i = 0; i < buffers.length; i += 512) await handle.writev(buffers.slice(i, i + 512));
      };
      await handle.write(MAGIC);
      const keys = new KeyTable();
      const chunkLengths: number[] = [];
      const lineStarts: Buffer[] = [];
      let parts: string[] = [];
      // Each chunk is written once encoded: the whole cache is never in memory as text.
      const flush = async () => {
        const chunk = asciiJson(`[${parts.join(',')}]`);
        parts = [];
        chunkLengths.push(chunk.length);
        await write([chunk]);
      };
      const slices = new TimeSlices(SLICE_MS);
      for (const [name, record] of records) {
        const json = encodeEntry(name, record, keys, withCross);
        if (json === undefined) continue;
        parts.push(json.text);
        if (json.lineStarts) lineStarts.push(json.lineStarts);
        if (parts.length >= CHUNK_ENTRIES) await flush();
        if (slices.due()) await slices.next();
      }
      if (parts.length > 0) await flush();
      const keyChunk = asciiJson(JSON.stringify(keys.list));
      chunkLengths.push(keyChunk.length);
      const lineBytes = lineStarts.reduce((a, b) => a + b.length, 0);
      await write([keyChunk, ...lineStarts]);
      const trailer = Buffer.from(
        JSON.stringify({
          key,
          sum: hash.digest('hex'),
          chunks: chunkLengths,
          lineStarts: lineBytes,
          cross: withCross,
        } satisfies Trailer),
      );
      const length = Buffer.allocUnsafe(4);
      length.writeUInt32LE(trailer.length);
      await handle.writev([trailer, length]);
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/**
 * JSON with every non-ASCII character escaped (\\uXXXX, valid JSON), as one byte per character:
 * read back as latin1, the fastest decoding, into one-byte strings, which V8 parses fastest.
 */
function asciiJson(json: string): Buffer {
  const ascii = json.replace(/[\u0080-\uffff]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return Buffer.from(ascii, 'latin1');
}

/** Dependency keys are shared by many resources: written once, referred to by number. */
class KeyTable {
  readonly list: string[] = [];
  private readonly numbers = new Map<string, number>();
  of(key: string): number {
    let n = this.numbers.get(key);
    if (n === undefined) this.numbers.set(key, (n = this.list.push(key) - 1));
    return n;
  }
}

/** Thrown by the JSON replacer at a value JSON would not give back as it was. */
const NOT_JSON = new Error('not representable in JSON');

/**
 * One entry as JSON: `[file, size, mtimeMs, takenAt, summary | 0, lineCount, cross | 0]`, where
 * cross is `[[id without the file, findings | 0, key numbers], …]`. Undefined when the summary
 * cannot be written exactly (the file is then read again next time).
 */
function encodeEntry(
  file: string,
  record: CacheRecord,
  keys: KeyTable,
  withCross: boolean,
): { text: string; lineStarts?: Buffer } | undefined {
  const { entry } = record;
  const head = [file, entry.size, entry.mtimeMs, entry.takenAt];
  if (!('summary' in entry.input)) return { text: JSON.stringify([...head, 0, 0, 0]) };
  const summary = entry.input.summary;
  const resources = new Set<object>(summary.resources);
  const replacer = replacerFor(file, resources);
  let text: string;
  try {
    const { lineStarts: _lineStarts, ...rest } = summary;
    text = JSON.stringify(rest, replacer);
  } catch {
    return undefined;
  }
  const cross: string[] = [];
  for (const [id, state] of withCross ? (record.cross ?? []) : []) {
    if (!id.startsWith(`${file}#`)) continue;
    try {
      // Computed quick-fixes are functions: left out, and made again when code actions ask.
      const later = state.fixesLater || state.findings.some(f => f.fixes?.some(x => x.compute));
      const kept = later ? state.findings.map(withoutComputedFixes) : state.findings;
      const findings = kept.length > 0 ? JSON.stringify(kept, replacer) : '0';
      const deps = state.deps.map(k => keys.of(k)).join(',');
      cross.push(`[${JSON.stringify(id.slice(file.length))},${findings},[${deps}]${later ? ',1' : ''}]`);
    } catch {
      // Left out: the instance is checked again when the cache is read.
    }
  }
  const starts = Uint32Array.from(summary.lineStarts);
  const prefix = JSON.stringify(head).slice(0, -1);
  return {
    text: `${prefix},${text},${starts.length},${withCross ? `[${cross.join(',')}]` : '0'}]`,
    lineStarts: Buffer.from(starts.buffer, starts.byteOffset, starts.byteLength),
  };
}

/**
 * Writes a summary as analysis made it: the index sets each resource's namespace and placement in
 * place, which must not be cached (the index assigns them again). Strips the entry's own path.
 */
function replacerFor(file: string, resources: ReadonlySet<object>) {
  const ownId = `${file}#`;
  return function (this: unknown, key: string, value: unknown): unknown {
    switch (typeof value) {
      case 'number':
        if (!Number.isFinite(value)) throw NOT_JSON;
        return value;
      case 'string':
        if (key === 'file' && value === file) return '';
        if (key === 'resourceId' && value.startsWith(ownId)) return value.slice(file.length);
        return value;
      case 'function':
      case 'bigint':
      case 'symbol':
        throw NOT_JSON;
      case 'undefined':
        // Dropped from objects as JSON does; in arrays it would come back as null.
        if (Array.isArray(this)) throw NOT_JSON;
        return value;
      case 'object': {
        if (value === null || Array.isArray(value)) return value;
        const proto = Object.getPrototypeOf(value) as unknown;
        if (proto !== Object.prototype && proto !== null) throw NOT_JSON;
        if (resources.has(value)) {
          const r = value as Resource;
          const { placement: _placement, ...rest } = r;
          return { ...rest, id: '', file: '', namespace: r.explicitNamespace ?? '' };
        }
        return value;
      }
      default:
        return value;
    }
  };
}

function entryOf(
  raw: unknown,
  starts: Uint32Array,
  lineAt: number,
  keys: readonly string[],
  cross: Map<string, CrossFileState> | undefined,
): { file: string; entry: CacheEntry; lineAt: number } | undefined {
  if (!Array.isArray(raw) || raw.length !== 7) return undefined;
  const [file, size, mtimeMs, takenAt, summary, lineCount, states] = raw as unknown[];
  if (typeof file !== 'string' || typeof size !== 'number' || typeof mtimeMs !== 'number') return undefined;
  if (typeof takenAt !== 'number' || typeof lineCount !== 'number') return undefined;
  const stamp = { size, mtimeMs, takenAt };
  if (summary === 0) return { file, entry: { ...stamp, input: { file, deleted: true } }, lineAt };
  if (!summary || typeof summary !== 'object') return undefined;
  const s = summary as { file: string; lineStarts: Uint32Array; resources?: unknown; findings?: unknown };
  if (!Array.isArray(s.resources) || !Array.isArray(s.findings) || lineAt + lineCount > starts.length) return undefined;
  s.file = file;
  s.lineStarts = starts.subarray(lineAt, lineAt + lineCount);
  const input = { file, summary: s } as unknown as FileInput;
  unpackAfterTransfer([input]);
  for (const f of s.findings as Finding[]) restoreFinding(f, file);
  if (cross && Array.isArray(states))
    for (const state of states as unknown[]) {
      if (!Array.isArray(state) || typeof state[0] !== 'string' || !Array.isArray(state[2])) return undefined;
      const findings = state[1] === 0 ? [] : (state[1] as Finding[]);
      for (const f of findings) restoreFinding(f, file);
      const deps = (state[2] as number[]).map(n => keys[n]);
      cross.set(file + state[0], { findings, deps, fixesLater: state[3] === 1 });
    }
  return { file, entry: { ...stamp, input }, lineAt: lineAt + lineCount };
}

function withoutComputedFixes(finding: Finding): Finding {
  if (!finding.fixes?.some(x => x.compute)) return finding;
  const fixes = finding.fixes.filter(x => !x.compute);
  return { ...finding, fixes: fixes.length > 0 ? fixes : undefined };
}

/** Puts back the paths the writer left out (`file` equal to the entry's, the file part of resource ids). */
function restoreFinding(finding: Finding, file: string): void {
  const f = finding as { file: string; resourceId?: string };
  if (f.file === '') f.file = file;
  if (f.resourceId?.startsWith('#')) f.resourceId = file + f.resourceId;
  for (const rel of finding.related ?? []) if (rel.file === '') (rel as { file: string }).file = file;
  for (const fix of finding.fixes ?? [])
    for (const edit of fix.edits ?? []) if (edit.file === '') (edit as { file: string }).file = file;
}
