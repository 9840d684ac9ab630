import type { FileInput } from '../core/analysis/analyzer';
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
      const w = r as { file: string; id: string };
      w.file = file;
      w.id = resourceId(file, r.docIndex, r.itemIndex);
    }
    for (const f of input.summary.findings) (f as { file: string }).file = file;
  }
  return inputs;
}
