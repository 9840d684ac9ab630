import { asMap, asScalar, keyText } from '../../parse/access';
import type { Span, YMap, YNode, YPair, YScalar, YSeq } from '../../parse/types';
import type { TextEdit } from '../types';
import { afterLineOf, columnOf, replaceScalar } from './yamlEdit';

/**
 * Structural edits the single-resource rules' quick-fixes need beyond yamlEdit.ts: removing an
 * entry or a list item, renaming a key, replacing an entry with a differently shaped one, and
 * copying an entry elsewhere. Block and flow styles are both handled; the user's indentation is kept.
 */

/** The key scalar of `key` in `node` (own keys only, so that edits land in this map). */
export function ownPair(node: YNode | undefined, key: string): { map: YMap; pair: YPair; key: YScalar } | undefined {
  const map = asMap(node);
  if (!map) return undefined;
  for (const pair of map.items) {
    if (keyText(pair) !== key) continue;
    const k = asScalar(pair.key);
    if (k) return { map, pair, key: k };
  }
  return undefined;
}

export function renameKey(pair: YPair, newKey: string): TextEdit | undefined {
  const key = asScalar(pair.key);
  return key ? replaceScalar(key, newKey) : undefined;
}

/** Removes `pair` from `map`, with its lines (block) or its separating comma (flow). */
export function removePair(text: string, map: YMap, pair: YPair): TextEdit {
  const index = map.items.indexOf(pair);
  const next = map.items[index + 1];
  const prev = map.items[index - 1];
  if (map.flow) {
    if (next) return remove(pair.span.start, next.span.start);
    if (prev) return remove(prev.span.end, pair.span.end);
    return remove(pair.span.start, pair.span.end);
  }
  const lineStart = text.lastIndexOf('\n', pair.span.start - 1) + 1;
  if (text.slice(lineStart, pair.span.start).trim() === '') return removeLines(text, lineStart, pair.span.end);
  // The entry shares its line with a `- ` that opens a list item: the next entry moves up in its place.
  if (next) return remove(pair.span.start, next.span.start);
  return { span: { start: pair.span.start, end: pair.span.end }, newText: '{}' };
}

/** Removes item `index` of a sequence, with its lines (block) or its separating comma (flow). */
export function removeSeqItem(text: string, seq: YSeq, index: number): TextEdit | undefined {
  const item = seq.items[index];
  if (!item) return undefined;
  const next = seq.items[index + 1];
  const prev = seq.items[index - 1];
  if (seq.flow) {
    if (next) return remove(item.span.start, next.span.start);
    if (prev) return remove(prev.span.end, item.span.end);
    return remove(item.span.start, item.span.end);
  }
  const dash = text.lastIndexOf('-', item.span.start - 1);
  const lineStart = text.lastIndexOf('\n', dash - 1) + 1;
  if (dash < 0 || text.slice(lineStart, dash).trim() !== '') return undefined;
  return removeLines(text, lineStart, item.span.end);
}

/**
 * Replaces a whole `key: value` entry by `newKey` with a new value. `lines` is the value as block
 * YAML relative to the key's column (`['  value: 5']`); `flow` is used inside flow maps.
 */
export function replacePair(
  text: string,
  map: YMap,
  pair: YPair,
  newKey: string,
  value: { lines: readonly string[]; flow: string },
): TextEdit {
  const span: Span = { start: pair.span.start, end: pair.span.end };
  if (map.flow) return { span, newText: `${newKey}: ${value.flow}` };
  const pad = ' '.repeat(columnOf(text, pair.span.start));
  return { span, newText: [`${newKey}:`, ...value.lines.map(l => `${pad}${l}`)].join('\n') };
}

/**
 * The entry's source as lines relative to its key's column, ready to be inserted elsewhere with
 * addMapEntry/replacePair. Flow-style entries come back as one line.
 */
export function pairLines(text: string, pair: YPair): { key: string; valueLines: string[]; flow: string } | undefined {
  const key = keyText(pair);
  if (key === undefined || !pair.value) return undefined;
  const col = columnOf(text, pair.span.start);
  const valueText = text.slice(pair.value.span.start, pair.value.span.end);
  const lineStart = text.lastIndexOf('\n', pair.value.span.start - 1) + 1;
  const onKeyLine = lineStart <= pair.span.start;
  if (onKeyLine) return { key, valueLines: [], flow: valueText.replace(/\s*\n\s*/g, ' ') };
  // A block value starts on the line after the key: take whole lines and re-base their indentation.
  const lines = text
    .slice(lineStart, pair.value.span.end)
    .split('\n')
    .map(l => l.replace(/\s+$/, ''));
  const valueLines = lines
    .filter(l => l.trim() !== '')
    .map(l => l.slice(Math.min(col, l.length - l.trimStart().length)));
  return { key, valueLines, flow: '' };
}

/** Whole lines from `lineStart` through the line holding `end`; at a file end without newline, the preceding newline goes too. */
function removeLines(text: string, lineStart: number, end: number): TextEdit {
  const after = afterLineOf(text, end);
  if (after.needsNewline && lineStart > 0) return remove(lineStart - 1, after.offset);
  return remove(lineStart, after.offset);
}

function remove(start: number, end: number): TextEdit {
  return { span: { start, end }, newText: '' };
}
