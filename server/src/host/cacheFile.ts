import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as zlib from 'zlib';
import type { CrossFileState, FileInput } from '../core/analysis/analyzer';
import type { Finding } from '../core/model/finding';
import type { Resource } from '../core/model/types';
import { ValueReader, ValueWriter, type Rewrite } from './cacheCodec';
import { resourceId } from '../core/model/summarize';
import { nextTurn, TimeSlices } from './turns';

/**
 * The index cache on disk: one file, written whole and renamed into place.
 *
 *   magic "ISTIOLS-CACHE-4\n" | slots | doubles | line starts | strings | shapes | trailer JSON | u32 trailer length
 *
 * The body holds the entries as values of host/cacheCodec.ts: the slots (i32), the doubles (f64),
 * then every file's line starts (u32), all little-endian, then the string table (JSON arrays) and
 * the shapes (a JSON array of key lists). The trailer holds the key, the body's checksum and the
 * byte length of each part. The key (istio-ls version, code, settings, folders, format) is
 * compared first, then the checksum over the whole body, and only then is anything decoded: a
 * damaged, truncated or foreign file is dropped whole.
 *
 * What the encoding cannot carry exactly (functions such as computed quick-fixes, class
 * instances) keeps an entry or a resource's cross-file state out of the cache. Paths are not
 * repeated: every `file` equal to the entry's own file, and the file part of ids, are written
 * empty and restored when read. An id of one of the entry's own resources (a finding's
 * `resourceId`, an instance's cross-file state) is written as the resource's position in the
 * summary and read back as that resource's id string itself: one string per id instead of a
 * copy per mention, and the index's lookups by id hash it once.
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

const MAGIC = Buffer.from('ISTIOLS-CACHE-4\n');
/** Strings per JSON array of the string table: parsing one takes a few milliseconds. */
const STRING_CHUNK = 4096;
/** Slots written to the file at a time (4 MB): the encoder never holds much more. */
const FLUSH_SLOTS = 1024 * 1024;
/** Bytes checked between turns of the event loop (a few milliseconds). */
const CHECK_BYTES = 8 * 1024 * 1024;
/** Longest stretch of encoding or decoding between turns of the event loop. */
const SLICE_MS = 8;

export type DecodeResult = ({ readonly ok: true } & CacheContents) | { readonly ok: false; readonly reason: string };

interface Trailer {
  readonly key: string;
  readonly check: 'crc32' | 'sha1';
  readonly sum: string;
  /** Byte lengths of the body's parts, in order; `strings` per JSON array. */
  readonly slots: number;
  readonly doubles: number;
  readonly lineStarts: number;
  readonly strings: readonly number[];
  readonly shapes: number;
  readonly entries: number;
  readonly cross: boolean;
}

/** A checksum over the parts of the body, in order: CRC-32 where zlib has it (Node 20.15+), else SHA-1. */
class BodyCheck {
  private readonly crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
  private crc = 0;
  private readonly sha1;
  readonly kind: Trailer['check'];
  constructor(kind?: Trailer['check']) {
    this.kind = kind ?? (this.crc32 ? 'crc32' : 'sha1');
    this.sha1 = this.kind === 'sha1' ? createHash('sha1') : undefined;
    if (this.kind === 'crc32' && !this.crc32) throw new Error('CRC-32 unavailable');
  }
  update(bytes: Uint8Array): void {
    if (this.sha1) this.sha1.update(bytes);
    else this.crc = this.crc32!(bytes, this.crc);
  }
  digest(): string {
    return this.sha1 ? this.sha1.digest('hex') : this.crc.toString(16);
  }
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
    const { slots, doubles, lineStarts, strings, shapes, entries: count, sum, check } = trailer;
    const sizes = [slots, doubles, lineStarts, shapes, count];
    if (!sizes.every(n => typeof n === 'number' && Number.isInteger(n) && n >= 0) || !Array.isArray(strings))
      return { ok: false, reason: 'damaged trailer' };
    if (typeof sum !== 'string' || (check !== 'crc32' && check !== 'sha1'))
      return { ok: false, reason: 'damaged trailer' };
    if (slots! % 4 !== 0 || doubles! % 8 !== 0 || lineStarts! % 4 !== 0)
      return { ok: false, reason: 'damaged trailer' };
    const body = bytes.subarray(MAGIC.length, trailerStart);
    const total = slots! + doubles! + lineStarts! + shapes! + strings.reduce((a: number, b: number) => a + b, 0);
    if (total !== body.length) return { ok: false, reason: 'truncated' };
    // Checked a few megabytes at a time, between turns of the event loop.
    const bodyCheck = new BodyCheck(check);
    for (let i = 0; i < body.length; i += CHECK_BYTES) {
      await nextTurn();
      bodyCheck.update(body.subarray(i, i + CHECK_BYTES));
    }
    if (bodyCheck.digest() !== sum) return { ok: false, reason: 'damaged' };
    await nextTurn();
    let at = 0;
    const part = (length: number) => body.subarray(at, (at += length));
    const slotArray = copyInto(new Int32Array(slots! / 4), part(slots!));
    const doubleArray = copyInto(new Float64Array(doubles! / 8), part(doubles!));
    // One aligned copy of every file's line starts; each summary gets its own view of it.
    const starts = copyInto(new Uint32Array(lineStarts! / 4), part(lineStarts!));
    const table: string[] = [];
    for (const length of strings as number[]) {
      await nextTurn();
      for (const s of JSON.parse(part(length).toString('latin1')) as string[]) table.push(s);
    }
    const shapeList = JSON.parse(part(shapes!).toString('latin1')) as string[][];
    if (!table.every(s => typeof s === 'string') || !shapeList.every(k => Array.isArray(k)))
      return { ok: false, reason: 'damaged tables' };
    const reader = new ValueReader(slotArray, doubleArray, table, shapeList);
    const entries = new Map<string, CacheEntry>();
    const cross = trailer.cross ? new Map<string, CrossFileState>() : undefined;
    let lineAt = 0;
    const slices = new TimeSlices(SLICE_MS);
    for (let n = 0; n < count!; n++) {
      const decoded = entryOf(reader.next(), starts, lineAt, cross);
      if (!decoded) return { ok: false, reason: 'malformed entry' };
      lineAt = decoded.lineAt;
      entries.set(decoded.file, decoded.entry);
      if ((n & 15) === 15 && slices.due()) await slices.next();
    }
    if (!reader.exhausted) return { ok: false, reason: 'malformed values' };
    if (lineAt !== starts.length) return { ok: false, reason: 'malformed line starts' };
    return { ok: true, entries, cross };
  } catch (e) {
    return { ok: false, reason: `unreadable (${String(e)})` };
  }
}

function copyInto<T extends Int32Array | Float64Array | Uint32Array>(target: T, bytes: Buffer): T {
  Buffer.from(target.buffer, target.byteOffset, target.byteLength).set(bytes);
  return target;
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
      const bodyCheck = new BodyCheck();
      const write = async (buffers: Buffer[]) => {
        for (const b of buffers) bodyCheck.update(b);
        // writev takes a bounded number of buffers per call (IOV_MAX, 1024 on Linux).
        for (let i = 0; i < buffers.length; i += 512) await handle.writev(buffers.slice(i, i + 512));
      };
      await handle.write(MAGIC);
      const values = new ValueWriter();
      const lineStarts: Buffer[] = [];
      let slotBytes = 0;
      let entries = 0;
      // Slots are written as they fill: the whole cache is never in memory at once.
      const flush = async () => {
        const chunk = values.take();
        slotBytes += chunk.length;
        await write([chunk]);
      };
      const slices = new TimeSlices(SLICE_MS);
      for (const [name, record] of records) {
        const starts = encodeEntry(name, record, values, withCross);
        if (starts === undefined) continue;
        entries++;
        if (starts) lineStarts.push(starts);
        if (values.size >= FLUSH_SLOTS) await flush();
        if (slices.due()) await slices.next();
      }
      await flush();
      const doubles = Buffer.from(Float64Array.from(values.doubles).buffer);
      const stringChunks: Buffer[] = [];
      for (let i = 0; i < values.strings.length; i += STRING_CHUNK)
        stringChunks.push(asciiJson(JSON.stringify(values.strings.slice(i, i + STRING_CHUNK))));
      const shapes = asciiJson(JSON.stringify(values.shapes));
      await write([doubles, ...lineStarts, ...stringChunks, shapes]);
      const trailer = Buffer.from(
        JSON.stringify({
          key,
          check: bodyCheck.kind,
          sum: bodyCheck.digest(),
          slots: slotBytes,
          doubles: doubles.length,
          lineStarts: lineStarts.reduce((a, b) => a + b.length, 0),
          strings: stringChunks.map(c => c.length),
          shapes: shapes.length,
          entries,
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

/**
 * Writes one entry, `[file, size, mtimeMs, takenAt, summary | 0, lineCount, cross | 0]`, where
 * cross is `[[id without the file, findings | 0, dependency keys, 1 if fixes come later?], …]`.
 * Returns its line starts (null for a file without a summary), or undefined, having written
 * nothing, when the summary cannot be written exactly (the file is then read again next time).
 */
function encodeEntry(
  file: string,
  record: CacheRecord,
  values: ValueWriter,
  withCross: boolean,
): Buffer | null | undefined {
  const { entry } = record;
  const mark = values.mark();
  const head = [file, entry.size, entry.mtimeMs, entry.takenAt];
  if (!('summary' in entry.input)) {
    values.value([...head, 0, 0, 0]);
    return null;
  }
  const summary = entry.input.summary;
  const positions = new Map<string, number>();
  summary.resources.forEach((r, i) => positions.set(r.id, i));
  const rewrite = rewriteFor(file, new Set<object>(summary.resources), positions);
  const at = values.openArray();
  try {
    for (const v of head) values.value(v);
    const { lineStarts: _lineStarts, ...rest } = summary;
    values.value(rest, rewrite);
  } catch {
    values.rollback(mark);
    return undefined;
  }
  const starts = Uint32Array.from(summary.lineStarts);
  values.value(starts.length);
  if (!withCross) values.value(0);
  else {
    const list = values.openArray();
    let states = 0;
    for (const [id, state] of record.cross ?? []) {
      if (!id.startsWith(`${file}#`)) continue;
      const stateMark = values.mark();
      try {
        // Computed quick-fixes are functions: left out, and made again when code actions ask.
        const later = state.fixesLater || state.findings.some(f => f.fixes?.some(x => x.compute));
        const kept = later ? state.findings.map(withoutComputedFixes) : state.findings;
        const raw = [positions.get(id) ?? id.slice(file.length), kept.length > 0 ? kept : 0, state.deps];
        values.value(later ? [...raw, 1] : raw, rewrite);
        states++;
      } catch {
        // Left out: the instance is checked again when the cache is read.
        values.rollback(stateMark);
      }
    }
    values.setLength(list, states);
  }
  values.setLength(at, 7);
  return Buffer.from(starts.buffer, starts.byteOffset, starts.byteLength);
}

/**
 * Writes a summary as analysis made it: the index sets each resource's namespace and placement in
 * place, which must not be cached (the index assigns them again). Strips the entry's own path.
 */
function rewriteFor(file: string, resources: ReadonlySet<object>, positions: ReadonlyMap<string, number>): Rewrite {
  const ownId = `${file}#`;
  return (key, value) => {
    if (typeof value === 'string') {
      if (key === 'file' && value === file) return '';
      if (key === 'resourceId' && value.startsWith(ownId)) return positions.get(value) ?? value.slice(file.length);
      return value;
    }
    if (typeof value === 'object' && value !== null && resources.has(value)) {
      const r = value as Resource;
      const { placement: _placement, ...rest } = r;
      return { ...rest, id: '', file: '', namespace: r.explicitNamespace ?? '' };
    }
    return value;
  };
}

function entryOf(
  raw: unknown,
  starts: Uint32Array,
  lineAt: number,
  cross: Map<string, CrossFileState> | undefined,
): { file: string; entry: CacheEntry; lineAt: number } | undefined {
  if (!Array.isArray(raw) || raw.length !== 7) return undefined;
  const file: unknown = raw[0];
  const size: unknown = raw[1];
  const mtimeMs: unknown = raw[2];
  const takenAt: unknown = raw[3];
  const summary: unknown = raw[4];
  const lineCount: unknown = raw[5];
  const states: unknown = raw[6];
  if (typeof file !== 'string' || typeof size !== 'number' || typeof mtimeMs !== 'number') return undefined;
  if (typeof takenAt !== 'number' || typeof lineCount !== 'number') return undefined;
  if (summary === 0) return { file, entry: { size, mtimeMs, takenAt, input: { file, deleted: true } }, lineAt };
  if (!summary || typeof summary !== 'object') return undefined;
  const s = summary as { file: string; lineStarts: Uint32Array; resources?: unknown; findings?: unknown };
  if (!Array.isArray(s.resources) || !Array.isArray(s.findings) || lineAt + lineCount > starts.length) return undefined;
  s.file = file;
  s.lineStarts = starts.subarray(lineAt, lineAt + lineCount);
  const input = { file, summary: s } as unknown as FileInput;
  const ids = restoreResources(s.resources as unknown[], file);
  if (!ids) return undefined;
  for (const f of s.findings as Finding[]) if (!restoreFinding(f, file, ids)) return undefined;
  if (cross && Array.isArray(states))
    for (const state of states as unknown[]) {
      if (!Array.isArray(state) || !Array.isArray(state[2])) return undefined;
      const id = idOf(state[0], file, ids);
      const findings = state[1] === 0 ? NO_FINDINGS : (state[1] as Finding[]);
      if (id === undefined || !Array.isArray(findings) || !state[2].every(k => typeof k === 'string')) return undefined;
      for (const f of findings) if (!restoreFinding(f, file, ids)) return undefined;
      cross.set(id, { findings, deps: state[2] as string[], fixesLater: state[3] === 1 });
    }
  return { file, entry: { size, mtimeMs, takenAt, input }, lineAt: lineAt + lineCount };
}

/** The findings of every state without any (most of them), one array: restored states are never changed. */
const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

function withoutComputedFixes(finding: Finding): Finding {
  if (!finding.fixes?.some(x => x.compute)) return finding;
  const fixes = finding.fixes.filter(x => !x.compute);
  return { ...finding, fixes: fixes.length > 0 ? fixes : undefined };
}

/**
 * Puts back what the writer left out of a summary's resources (their file and id; see
 * host/transfer.ts, whose interning the cache does not need: its strings are one copy each
 * already). Returns their ids, by position; undefined when a resource is not one.
 */
function restoreResources(resources: unknown[], file: string): string[] | undefined {
  const ids: string[] = new Array<string>(resources.length);
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i] as { file: string; id: string; docIndex?: unknown; itemIndex?: unknown };
    if (!r || typeof r !== 'object' || typeof r.docIndex !== 'number') return undefined;
    if (r.itemIndex !== undefined && typeof r.itemIndex !== 'number') return undefined;
    r.file = file;
    ids[i] = r.id = resourceId(file, r.docIndex, r.itemIndex);
  }
  return ids;
}

/** An id as written: a resource's position in the entry's summary, or an id without its file part. */
function idOf(written: unknown, file: string, ids: readonly string[]): string | undefined {
  if (typeof written === 'number') return ids[written];
  return typeof written === 'string' ? file + written : undefined;
}

/** Puts back the paths the writer left out (`file` equal to the entry's, resource ids); false when malformed. */
function restoreFinding(finding: Finding, file: string, ids: readonly string[]): boolean {
  const f = finding as { file: string; resourceId?: unknown };
  if (f.file === '') f.file = file;
  if (typeof f.resourceId === 'number') {
    f.resourceId = ids[f.resourceId];
    if (f.resourceId === undefined) return false;
  } else if (typeof f.resourceId === 'string' && f.resourceId.startsWith('#')) f.resourceId = file + f.resourceId;
  for (const rel of finding.related ?? []) if (rel.file === '') (rel as { file: string }).file = file;
  for (const fix of finding.fixes ?? [])
    for (const edit of fix.edits ?? []) if (edit.file === '') (edit as { file: string }).file = file;
  return true;
}
