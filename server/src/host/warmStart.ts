import type { Analyzer, FileInput } from '../core/analysis/analyzer';
import type { IndexCache } from './indexCache';
import { summarizeFiles, type SummarizeOptions } from './summarizer';
import { timing } from './timings';
import { nextTurn, TimeSlices } from './turns';

/** Summaries handed to the index per batch while the snapshot is loaded (about 10 ms each). */
const BATCH = 256;
/** Longest stretch of work between turns of the event loop. */
const SLICE_MS = 12;
/**
 * Past this share of changed files, replaying them one batch at a time as edits costs more than
 * running the cross-file rules once over everything (the cold way, with the cached summaries).
 */
const MAX_CHANGED_SHARE = 0.2;

export interface WarmStartOptions extends Omit<SummarizeOptions, 'onBatch'> {
  readonly analyzer: Analyzer;
  /** Files whose text the editor holds: the caller applies their text once this returns true. */
  readonly isOpen?: (file: string) => boolean;
  /** Findings of these files may have changed. */
  readonly changed: (files: Iterable<string>) => void;
  readonly progress?: (done: number, total: number) => void;
}

/**
 * A warm start from a cache that holds a whole index (summaries and cross-file results): the
 * index is put back exactly as it was written, the cross-file results with it (nothing is
 * re-checked), and only then is everything that differs now applied as ordinary updates —
 * files deleted or renamed since, files changed or added since (read and analysed) — which
 * re-check exactly the resources depending on the keys those files provide, as for an edit.
 *
 * `files` are the files to index (open documents excepted). Cross-file rules must be held back
 * (the cold-index state) when called. Returns false, having changed nothing, when the cache
 * holds no such snapshot or too much changed: the caller then indexes the cold way.
 */
export async function warmStart(
  files: readonly string[],
  cache: IndexCache,
  options: WarmStartOptions,
): Promise<boolean> {
  const snapshot = cache.snapshot;
  if (!snapshot) return false;
  const { analyzer } = options;
  const isOpen = options.isOpen ?? (() => false);
  const { hits, misses } = await cache.partition(files);
  const gone: string[] = [];
  // Nothing is gone when every cached summary is among the unchanged files (the usual reopen).
  if (countSummaries(hits) < countSummaries(Array.from(snapshot.entries.values(), e => e.input))) {
    const listed = new Set(files);
    for (const [file, entry] of snapshot.entries)
      if ('summary' in entry.input && !listed.has(file) && !isOpen(file)) gone.push(file);
  }
  if (misses.length + gone.length > files.length * MAX_CHANGED_SHARE) return false;
  timing(`warm start: ${misses.length} files changed or new, ${gone.length} gone`);

  // 1. The index as the snapshot had it. Whatever it holds now (open documents) leaves first: a
  // summary with broken documents would otherwise keep resources of the one it replaces.
  const present = [...analyzer.index.allFiles()].map(s => ({ file: s.file, deleted: true as const }));
  if (present.length > 0) options.changed(analyzer.update(present));
  // Kustomizations first, as in a cold index: files then get their namespace and environment
  // evidence once, under the final kustomize graph, instead of again when it settles. The rest in
  // the order of the index's lookup tables (by file): each resource is appended to its lists
  // instead of inserted into the middle of long ones. The cache is written in that order.
  const kustomizations: FileInput[] = [];
  const rest: FileInput[] = [];
  for (const entry of snapshot.entries.values())
    if ('summary' in entry.input)
      (entry.input.summary.resources.some(r => r.kustomization) ? kustomizations : rest).push(entry.input);
  const load = [...byFile(kustomizations), ...byFile(rest)];
  const slices = new TimeSlices(SLICE_MS);
  for (let i = 0; i < load.length; i += BATCH) {
    if (options.cancelled?.()) return true;
    options.changed(analyzer.update(load.slice(i, i + BATCH)));
    options.progress?.(Math.min(i + BATCH, load.length), load.length);
    if (slices.due()) await slices.next();
  }
  timing(`warm start: ${load.length} summaries indexed`);

  // 2. Its cross-file results, instead of running the rules (instances the cache could not
  // keep, such as those whose findings carry computed quick-fixes, are checked).
  const job = analyzer.restoreCrossFile(
    id => snapshot.cross.get(id),
    () => performance.now(),
  );
  while (!job.step(SLICE_MS)) {
    await nextTurn();
    if (options.cancelled?.()) return true;
  }
  options.changed(job.files);
  timing(`warm start: cross-file results restored (${job.total} instances checked)`);

  // 3. What changed since, as edits.
  if (gone.length > 0) options.changed(analyzer.update(gone.map(file => ({ file, deleted: true as const }))));
  if (misses.length > 0)
    await summarizeFiles(misses, {
      ...options,
      onBatch: inputs => {
        if (options.cancelled?.()) return;
        cache.record(inputs);
        const fresh = inputs.filter(i => !isOpen(i.file));
        // As in a cold index, a broken file does not keep resources of its previous version.
        const broken = fresh.filter(i => 'summary' in i && i.summary.brokenDocs.length > 0);
        if (broken.length > 0)
          options.changed(analyzer.update(broken.map(i => ({ file: i.file, deleted: true as const }))));
        options.changed(analyzer.update(fresh));
      },
    });
  timing('warm start: changes applied');
  return true;
}

/** The inputs by file name; as they are when already in order (a linear check). */
function byFile(inputs: FileInput[]): FileInput[] {
  for (let i = 1; i < inputs.length; i++)
    if (inputs[i - 1].file > inputs[i].file)
      return inputs.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return inputs;
}

function countSummaries(inputs: readonly FileInput[]): number {
  let n = 0;
  for (const input of inputs) if ('summary' in input) n++;
  return n;
}
