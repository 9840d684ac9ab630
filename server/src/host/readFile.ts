import { closeSync, fstatSync, openSync, promises as fs, readSync, statSync } from 'fs';

/** Files larger than this are not indexed (generated dumps, not hand-written configuration). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Of a file over the limit, only this much is read: enough to tell whether it looks like Istio. */
const HEAD_BYTES = 65536;

export type ReadResult = (
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: string; readonly looksIstio: boolean; readonly missing?: boolean }
) & {
  /** Size and modification time of the file read, taken on the open file before reading (for the index cache). */
  readonly stamp?: FileStamp;
};

/**
 * What the index cache knows a file by. Taken before the read: a file changed while it is read
 * gets a newer stamp than the one recorded, so the cache can only be wrong on the safe side.
 */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
  /** When it was taken (ms since the epoch): an mtime too close to it may not yet be final. */
  readonly takenAt: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a YAML file for analysis; binary, oversized, non-UTF-8 or vanished files come back as
 * reasons. The size is checked on the open file before reading (a 1.5 GB file costs one 64 KB read,
 * not 1.5 GB of memory); that is the same open/fstat/read/close `readFile` does, no extra syscall.
 */
export async function readYamlFile(file: string): Promise<ReadResult> {
  try {
    const handle = await fs.open(file, 'r');
    try {
      const takenAt = Date.now();
      const { size, mtimeMs } = await handle.stat();
      const bytes = Buffer.allocUnsafe(size > MAX_FILE_BYTES ? HEAD_BYTES : size);
      let length = 0;
      while (length < bytes.length) {
        const { bytesRead } = await handle.read(bytes, length, bytes.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
      }
      return { ...checked(size, bytes.subarray(0, length)), stamp: { size, mtimeMs, takenAt } };
    } finally {
      await handle.close();
    }
  } catch (e) {
    return vanished(e);
  }
}

export function readYamlFileSync(file: string): ReadResult {
  try {
    const fd = openSync(file, 'r');
    try {
      const takenAt = Date.now();
      const { size, mtimeMs } = fstatSync(fd);
      const bytes = Buffer.allocUnsafe(size > MAX_FILE_BYTES ? HEAD_BYTES : size);
      let length = 0;
      while (length < bytes.length) {
        const bytesRead = readSync(fd, bytes, length, bytes.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
      }
      return { ...checked(size, bytes.subarray(0, length)), stamp: { size, mtimeMs, takenAt } };
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    return vanished(e);
  }
}

/** Whether the head of a file mentions an Istio or Gateway API (for files skipped without being read whole). */
export function looksIstioOnDisk(file: string): boolean {
  try {
    const fd = openSync(file, 'r');
    try {
      const head = Buffer.allocUnsafe(HEAD_BYTES);
      return looksOwn(head.subarray(0, readSync(fd, head, 0, HEAD_BYTES, 0)));
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/** `bytes` is the whole file, or only its head when `size` is over the limit. */
function checked(size: number, bytes: Buffer): ReadResult {
  return size > MAX_FILE_BYTES ? tooLarge(size, bytes) : decode(bytes);
}

function decode(bytes: Buffer): ReadResult {
  // Whether the bytes look like Istio matters only for files that are not read: not asked otherwise.
  if (bytes.includes(0)) return { ok: false, reason: 'it is a binary file', looksIstio: looksOwn(bytes) };
  try {
    let text = decoder.decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // editors drop the BOM too, so offsets agree
    return { ok: true, text };
  } catch {
    return { ok: false, reason: 'it is not valid UTF-8', looksIstio: looksOwn(bytes) };
  }
}

function tooLarge(size: number, head: Buffer): ReadResult {
  const mb = (size / 1024 / 1024).toFixed(1);
  return {
    ok: false,
    reason: `it is ${mb} MB, over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit for analysis`,
    looksIstio: looksOwn(head),
  };
}

function vanished(e: unknown): ReadResult {
  const code = (e as NodeJS.ErrnoException).code;
  return {
    ok: false,
    reason: code === 'ENOENT' ? 'it no longer exists' : `it could not be read (${code ?? String(e)})`,
    looksIstio: false,
    missing: code === 'ENOENT',
  };
}

/** Bytes that mention an Istio or Gateway API apiVersion (as core's `looksOwn` does for text). */
function looksOwn(bytes: Buffer): boolean {
  return bytes.includes('istio.io/') || bytes.includes('gateway.networking.k8s.io/');
}

/** Size and modification time of a file (following links), or undefined when it cannot be stat-ed. */
export function statIfAny(file: string): { size: number; mtimeMs: number } | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
