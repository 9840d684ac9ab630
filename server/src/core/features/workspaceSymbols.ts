import type { WorkspaceIndex } from '../index/workspaceIndex';
import { lastAtOrBefore } from '../util/search';
import type { Resource } from '../model/types';
import type { Location } from './types';

export interface WorkspaceSymbolInfo {
  /** `Kind namespace/name`. */
  readonly name: string;
  readonly kind: string;
  readonly namespace: string;
  readonly location: Location;
}

/** Enough for any picker; the editor ranks and filters further as the user types. */
export const MAX_WORKSPACE_SYMBOLS = 500;

/**
 * Resources whose `Kind namespace/name` matches the query (case-insensitive), best first: exact
 * name, name prefix, name substring, substring of the whole label, then the query's characters
 * in order; alphabetical within each rank.
 *
 * Scanning 60k resource objects costs a cache miss each; instead the labels of the index live in
 * one sorted string, rebuilt when the index has changed since the last query (not while the
 * user types in the picker), and searched with `indexOf`.
 */
export function workspaceSymbols(
  index: WorkspaceIndex,
  query: string,
  limit = MAX_WORKSPACE_SYMBOLS,
): WorkspaceSymbolInfo[] {
  const corpus = corpusOf(index);
  const q = query.trim().toLowerCase().replace(/\s+/g, ' ');
  const picked = q === '' ? corpus.resources.slice(0, limit) : search(corpus, q, limit);
  return picked.map(r => ({
    name: `${r.kind} ${r.namespace}/${r.name}`,
    kind: r.kind,
    namespace: r.namespace,
    location: { file: r.file, span: r.nameSpan ?? r.span },
  }));
}

/** Every named resource's lower-case label, sorted, joined by newlines. */
interface Corpus {
  readonly version: number;
  readonly text: string;
  /** Label i is text[starts[i], starts[i + 1] - 1); its name starts at nameStarts[i]. */
  readonly starts: Int32Array;
  readonly nameStarts: Int32Array;
  /** Which characters each label holds (see charBit): labels missing one of the query's are skipped unread. */
  readonly charMasks: Int32Array;
  readonly resources: readonly Resource[];
}

/** Keyed by the index itself, so nothing outlives it and tests need not reset anything. */
const corpora = new WeakMap<WorkspaceIndex, Corpus>();

function corpusOf(index: WorkspaceIndex): Corpus {
  const version = index.tables.version;
  const cached = corpora.get(index);
  if (cached && cached.version === version) return cached;
  const entries: { label: string; nameOffset: number; r: Resource }[] = [];
  for (const r of index.allResources()) {
    if (r.name === undefined || !r.kind) continue;
    const prefix = `${r.kind} ${r.namespace}/`.toLowerCase();
    entries.push({ label: prefix + r.name.toLowerCase(), nameOffset: prefix.length, r });
  }
  entries.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : a.r.id < b.r.id ? -1 : 1));
  const starts = new Int32Array(entries.length + 1);
  const nameStarts = new Int32Array(entries.length);
  const charMasks = new Int32Array(entries.length);
  let offset = 0;
  entries.forEach((e, i) => {
    starts[i] = offset;
    nameStarts[i] = offset + e.nameOffset;
    offset += e.label.length + 1;
    charMasks[i] = maskOf(e.label);
  });
  starts[entries.length] = offset;
  const text = entries.map(e => `${e.label}\n`).join('');
  const corpus: Corpus = { version, text, starts, nameStarts, charMasks, resources: entries.map(e => e.r) };
  corpora.set(index, corpus);
  return corpus;
}

const NO_MATCH = 5;

function search(corpus: Corpus, q: string, limit: number): Resource[] {
  const { text, starts, nameStarts, resources } = corpus;
  const n = resources.length;
  const ranks = new Uint8Array(n).fill(NO_MATCH);
  let matched = 0;
  // Substring matches: at most two per label (the first anywhere, then the first in the name).
  for (let at = text.indexOf(q); at !== -1;) {
    const i = labelAt(starts, at);
    const end = starts[i + 1] - 1;
    if (at + q.length <= end) {
      const rank = at < nameStarts[i] ? 3 : at > nameStarts[i] ? 2 : at + q.length === end ? 0 : 1;
      if (ranks[i] === NO_MATCH) matched++;
      ranks[i] = Math.min(ranks[i], rank);
    }
    const next = ranks[i] === 3 && at < nameStarts[i] ? nameStarts[i] : end + 1;
    at = next >= text.length ? -1 : text.indexOf(q, next);
  }
  // Characters in order, only as many as substring matches leave room for: labels are sorted,
  // so the first ones found are the ones that would be listed.
  const needle = q.replace(/ /g, '');
  const needed = maskOf(needle);
  for (let i = 0; i < n && matched < limit; i++) {
    if (ranks[i] !== NO_MATCH || (corpus.charMasks[i] & needed) !== needed) continue;
    let k = 0;
    for (let c = starts[i], end = starts[i + 1] - 1; c < end && k < needle.length; c++)
      if (text.charCodeAt(c) === needle.charCodeAt(k)) k++;
    if (k === needle.length) {
      ranks[i] = 4;
      matched++;
    }
  }
  const out: Resource[] = [];
  for (let rank = 0; rank < NO_MATCH && out.length < limit; rank++) {
    for (let i = 0; i < n && out.length < limit; i++) if (ranks[i] === rank) out.push(resources[i]);
  }
  return out;
}

/** One bit per letter (26), digits sharing 5 bits, everything else one bit. */
function charBit(code: number): number {
  if (code >= 97 && code <= 122) return 1 << (code - 97);
  if (code >= 48 && code <= 57) return 1 << (26 + ((code - 48) % 5));
  return 1 << 31;
}

function maskOf(s: string): number {
  let mask = 0;
  for (let i = 0; i < s.length; i++) mask |= charBit(s.charCodeAt(i));
  return mask;
}

/** The label holding text offset `at`: the last start at or before it. */
function labelAt(starts: Int32Array, at: number): number {
  // The last entry is the end sentinel, not a label.
  return lastAtOrBefore(starts, at, starts.length - 2);
}
