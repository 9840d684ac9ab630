import { promises as fs, readFileSync } from 'fs';

/** Files larger than this are not indexed (generated dumps, not hand-written configuration). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export type ReadResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: string; readonly looksIstio: boolean; readonly missing?: boolean };

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Reads a YAML file for analysis; binary, oversized, non-UTF-8 or vanished files come back as reasons. */
export async function readYamlFile(file: string): Promise<ReadResult> {
  try {
    return checked(await fs.readFile(file));
  } catch (e) {
    return vanished(e);
  }
}

/**
 * Reads first and checks the size after: a separate stat per file was a fifth of the syscalls of
 * indexing a large workspace, for files that are almost never over the limit.
 */
export function readYamlFileSync(file: string): ReadResult {
  try {
    return checked(readFileSync(file));
  } catch (e) {
    return vanished(e);
  }
}

function checked(bytes: Buffer): ReadResult {
  return bytes.length > MAX_FILE_BYTES ? tooLarge(bytes.length, bytes.subarray(0, 65536)) : decode(bytes);
}

function decode(bytes: Buffer): ReadResult {
  const looksIstio = looksOwn(bytes);
  if (bytes.includes(0)) return { ok: false, reason: 'it is a binary file', looksIstio };
  try {
    let text = decoder.decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // editors drop the BOM too, so offsets agree
    return { ok: true, text };
  } catch {
    return { ok: false, reason: 'it is not valid UTF-8', looksIstio };
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
