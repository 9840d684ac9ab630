import type { FileInput } from '../core/analysis/analyzer';
import type { FileEdit, Finding } from '../core/model/finding';
import type { Resource } from '../core/model/types';
import { resourceId } from '../core/model/summarize';

/**
 * Summaries cross from worker threads by structured clone, whose cost grows with their size.
 * Every resource and finding repeats its file's full path (twice, with the resource id); those
 * are dropped before sending and rebuilt on arrival, about a fifth of the bytes.
 */
export function packForTransfer<T extends FileInput>(inputs: readonly T[]): T[] {
  for (const input of inputs) {
    if (!('summary' in input)) continue;
    for (const r of input.summary.resources) {
      const w = r as { file: string; id: string };
      w.file = '';
      w.id = '';
    }
    for (const f of input.summary.findings) (f as { file: string }).file = '';
  }
  return inputs as T[];
}

export function unpackAfterTransfer<T extends FileInput>(inputs: readonly T[]): readonly T[] {
  for (const input of inputs) {
    if (!('summary' in input)) continue;
    const { file } = input.summary;
    for (const r of input.summary.resources) {
      const w = r as Writable<Resource>;
      w.file = file;
      w.id = resourceId(file, r.docIndex, r.itemIndex);
      w.apiVersion = intern(r.apiVersion);
      w.group = intern(r.group);
      w.version = intern(r.version);
      w.kind = intern(r.kind);
      if (r.explicitNamespace !== undefined) w.explicitNamespace = intern(r.explicitNamespace);
    }
    for (const f of input.summary.findings) {
      const w = f as Writable<Finding>;
      w.file = file;
      w.ruleId = intern(f.ruleId);
      w.message = intern(f.message);
      w.severity = intern(f.severity) as Finding['severity'];
      for (const fix of f.fixes ?? [])
        for (const edit of fix.edits ?? []) if (edit.file === file) (edit as Writable<FileEdit>).file = file;
    }
  }
  return inputs;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

const NO_LINES = new Uint32Array(0);

/**
 * The line starts of a batch's files in one buffer, moved to the main thread rather than copied,
 * instead of one typed array per file: every typed array a message carries is an ArrayBuffer
 * allocated on arrival and later swept by the main thread's garbage collector (34,000 of them on
 * the large benchmark corpus). `counts` has one entry per input (0 without a summary).
 */
export interface JoinedLineStarts {
  readonly all: Uint32Array;
  readonly counts: Uint32Array;
}

/** Takes each summary's line starts into one buffer (the summaries keep an empty array until splitLineStarts). */
export function joinLineStarts(inputs: readonly FileInput[]): JoinedLineStarts {
  const counts = new Uint32Array(inputs.length);
  let total = 0;
  inputs.forEach((input, i) => {
    if ('summary' in input) total += counts[i] = input.summary.lineStarts.length;
  });
  const all = new Uint32Array(total);
  let at = 0;
  for (const input of inputs) {
    if (!('summary' in input)) continue;
    const starts = input.summary.lineStarts;
    if (ArrayBuffer.isView(starts)) all.set(starts as Uint32Array, at);
    else for (let j = 0; j < starts.length; j++) all[at + j] = starts[j];
    at += starts.length;
    (input.summary as { lineStarts: ArrayLike<number> }).lineStarts = NO_LINES;
  }
  return { all, counts };
}

/** Gives each summary its line starts back, as views of the one buffer (see joinLineStarts). */
export function splitLineStarts(inputs: readonly FileInput[], joined: JoinedLineStarts): void {
  let at = 0;
  inputs.forEach((input, i) => {
    const count = joined.counts[i];
    if (!('summary' in input)) return;
    (input.summary as { lineStarts: ArrayLike<number> }).lineStarts = joined.all.subarray(at, at + count);
    at += count;
  });
}

/**
 * One copy of the strings that repeat across summaries (apiVersion, kind, namespaces, finding
 * messages): every message from a worker brings its own copies, tens of thousands of each on a
 * large workspace. Emptied when it grows past a bound, so it never holds more than a few MB.
 */
const pool = new Map<string, string>();
const POOL_LIMIT = 50_000;

function intern(s: string): string {
  const known = pool.get(s);
  if (known !== undefined) return known;
  if (pool.size >= POOL_LIMIT) pool.clear();
  pool.set(s, s);
  return s;
}
