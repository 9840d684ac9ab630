import type { IndexCache } from './indexCache';
import { summarizeFiles, type SummarizeOptions } from './summarizer';
import { timing } from './timings';
import { TimeSlices } from './turns';

/** Cached inputs handed over per batch; the host indexes each batch in one go. */
const BATCH = 64;
/** Longest stretch of handing over cached inputs between turns of the event loop. */
const SLICE_MS = 12;

/**
 * summarizeFiles with the index cache: files whose cached summary still holds are handed over
 * first (in order, so kustomizations still come first), the others are read and analysed as
 * usual and recorded for the next start. Without a cache, exactly summarizeFiles.
 */
export async function summarizeWithCache(
  files: readonly string[],
  cache: IndexCache | undefined,
  options: SummarizeOptions,
): Promise<void> {
  if (!cache) return summarizeFiles(files, options);
  timing(`index cache: ${cache.size} entries read`);
  const { hits, misses } = await cache.partition(files);
  timing(`index cache: ${hits.length} files unchanged, ${misses.length} to analyse`);
  const slices = new TimeSlices(SLICE_MS);
  for (let i = 0; i < hits.length; i += BATCH) {
    if (options.cancelled?.()) return;
    await options.onBatch(hits.slice(i, i + BATCH));
    if (slices.due()) await slices.next();
  }
  await summarizeFiles(misses, {
    ...options,
    onBatch: inputs => {
      cache.record(inputs);
      return options.onBatch(inputs);
    },
  });
}
