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
