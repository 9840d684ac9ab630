import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as v8 from 'v8';
import type { FileInput } from '../core/analysis/analyzer';
import type { Resource } from '../core/model/types';
import { unpackAfterTransfer } from './transfer';

/**
 * The index cache on disk: one file, written whole and renamed into place.
 *
 *   magic "ISTIOLS-CACHE-1\n" | u32 header length | header JSON { key, entries }
 *   then per entry: u32 payload length | md5 of the payload (16 bytes) | payload
 *
 * A payload is the V8 serialization (the structured clone that worker threads use, so typed
 * arrays survive) of `[file, size, mtimeMs, takenAt, input]`. Each entry carries its checksum:
 * reading verifies every one before trusting any, so a damaged or truncated file is dropped
 * whole. The key (istio-ls version, code, settings, format) is compared before anything is decoded.
 */
export interface CacheEntry {
  readonly size: number;
  readonly mtimeMs: number;
  readonly takenAt: number;
  /** A summary, or `deleted` for a file not worth indexing (not YAML of interest). */
  readonly input: FileInput;
}

const MAGIC = Buffer.from('ISTIOLS-CACHE-1\n');
const SUM_BYTES = 16;
/** Longest stretch of encoding or decoding between turns of the event loop. */
const SLICE_MS = 8;

export type DecodeResult =
  { readonly ok: true; readonly entries: Map<string, CacheEntry> } | { readonly ok: false; readonly reason: string };

/** Decodes a cache file's bytes, in slices that keep the event loop turning; never throws. */
export async function decodeCache(bytes: Buffer, key: string): Promise<DecodeResult> {
  try {
    if (bytes.length < MAGIC.length + 4 || !bytes.subarray(0, MAGIC.length).equals(MAGIC))
      return { ok: false, reason: 'not an istio-ls cache file' };
    let at = MAGIC.length;
    const headerLength = bytes.readUInt32LE(at);
    at += 4;
    if (at + headerLength > bytes.length) return { ok: false, reason: 'truncated header' };
    const header = JSON.parse(bytes.toString('utf8', at, at + headerLength)) as { key?: unknown; entries?: unknown };
    at += headerLength;
    if (header.key !== key) return { ok: false, reason: 'made by another version or with other settings' };
    if (typeof header.entries !== 'number') return { ok: false, reason: 'damaged header' };
    const entries = new Map<string, CacheEntry>();
    let sliceStart = performance.now();
    for (let n = 0; n < header.entries; n++) {
      if (at + 4 + SUM_BYTES > bytes.length) return { ok: false, reason: 'truncated' };
      const length = bytes.readUInt32LE(at);
      const sum = bytes.subarray(at + 4, at + 4 + SUM_BYTES);
      at += 4 + SUM_BYTES;
      if (at + length > bytes.length) return { ok: false, reason: 'truncated' };
      const payload = bytes.subarray(at, at + length);
      at += length;
      if (!md5(payload).equals(sum)) return { ok: false, reason: `entry ${n} is damaged` };
      const entry = entryOf(v8.deserialize(payload));
      if (!entry) return { ok: false, reason: `entry ${n} is malformed` };
      unpackAfterTransfer([entry.value.input]);
      entries.set(entry.file, entry.value);
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise<void>(resolve => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    if (at !== bytes.length) return { ok: false, reason: 'trailing bytes' };
    return { ok: true, entries };
  } catch (e) {
    return { ok: false, reason: `unreadable (${String(e)})` };
  }
}

/**
 * Writes entries to `file` atomically: a temporary file beside it, renamed over it, so a reader
 * sees the old cache or the new one, never half of one. Encoding runs in slices.
 */
export async function writeCache(file: string, key: string, entries: ReadonlyMap<string, CacheEntry>): Promise<void> {
  const header = Buffer.from(JSON.stringify({ key, entries: entries.size }));
  const length = Buffer.allocUnsafe(4);
  length.writeUInt32LE(header.length);
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    const handle = await fs.open(temp, 'w');
    try {
      // Written as encoded, a slice at a time: the whole cache is never in memory twice.
      let chunks: Buffer[] = [MAGIC, length, header];
      let sliceStart = performance.now();
      for (const [name, entry] of entries) {
        const payload = v8.serialize([name, entry.size, entry.mtimeMs, entry.takenAt, pristine(entry.input)]);
        const head = Buffer.allocUnsafe(4);
        head.writeUInt32LE(payload.length);
        chunks.push(head, md5(payload), payload);
        if (performance.now() - sliceStart > SLICE_MS || chunks.length >= 510) {
          // writev takes a bounded number of buffers per call (IOV_MAX, 1024 on Linux).
          await handle.writev(chunks);
          chunks = [];
          sliceStart = performance.now();
        }
      }
      if (chunks.length > 0) await handle.writev(chunks);
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
 * A summary as analysis made it: the index later sets each resource's namespace and placement
 * in place, which must not be cached (the index assigns them again when it loads the summary).
 * The file's path, which every resource and finding repeats, is left out as for worker threads
 * (transfer.ts) and put back by `unpackAfterTransfer` when read.
 */
function pristine(input: FileInput): FileInput {
  if (!('summary' in input)) return { file: input.file, deleted: true };
  const resources = input.summary.resources.map(r => {
    const { placement: _placement, ...rest } = r;
    return { ...rest, namespace: r.explicitNamespace ?? '', file: '', id: '' } as Resource;
  });
  const findings = input.summary.findings.map(f => ({ ...f, file: '' }));
  return { file: input.file, summary: { ...input.summary, resources, findings } };
}

function entryOf(value: unknown): { file: string; value: CacheEntry } | undefined {
  if (!Array.isArray(value) || value.length !== 5) return undefined;
  const [file, size, mtimeMs, takenAt, input] = value as unknown[];
  if (typeof file !== 'string' || typeof size !== 'number' || typeof mtimeMs !== 'number') return undefined;
  if (typeof takenAt !== 'number' || !input || typeof input !== 'object') return undefined;
  const i = input as { file?: unknown; summary?: unknown; deleted?: unknown };
  if (i.file !== file || (i.deleted !== true && (!i.summary || typeof i.summary !== 'object'))) return undefined;
  const summary = i.summary as { lineStarts?: unknown } | undefined;
  // v8.deserialize makes typed arrays views of the bytes it reads: one such view would keep the
  // whole cache file's buffer alive for as long as the index keeps the summary.
  if (summary && ArrayBuffer.isView(summary.lineStarts))
    summary.lineStarts = (summary.lineStarts as Uint32Array).slice();
  return { file, value: { size, mtimeMs, takenAt, input: input as FileInput } };
}

function md5(bytes: Uint8Array): Buffer {
  return createHash('md5').update(bytes).digest();
}
