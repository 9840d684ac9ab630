import type { YMap, YNode, YScalar, YSeq } from '../../parse/types';
import type { TextEdit } from '../types';

/**
 * Text edits that change YAML structure while keeping the user's layout: new entries take the
 * indentation of their siblings, flow collections stay flow, quoted scalars keep their quotes.
 */

export function replaceScalar(node: YScalar, value: string): TextEdit {
  const quote = node.style === 'double' ? '"' : node.style === 'single' ? "'" : '';
  return { span: node.span, newText: `${quote}${value}${quote}` };
}

/** Column of the first character of the line holding `offset`, counting spaces only. */
export function columnOf(text: string, offset: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return offset - lineStart;
}

export function indentOfLine(text: string, offset: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let i = lineStart;
  while (text[i] === ' ') i++;
  return i - lineStart;
}

/** Offset just after the line on which a node ends (where a following sibling line goes). */
export function afterLineOf(text: string, end: number): { offset: number; needsNewline: boolean } {
  if (end > 0 && text[end - 1] === '\n') return { offset: end, needsNewline: false };
  const nl = text.indexOf('\n', end);
  if (nl === -1) return { offset: text.length, needsNewline: true };
  return { offset: nl + 1, needsNewline: false };
}

/**
 * Appends an item to a sequence. `lines` is the item as block YAML at indentation 0, first line
 * without the dash (e.g. ['name: v3', 'labels:', '  version: v3']); `flowText` is used for flow
 * sequences.
 */
export function appendToSequence(text: string, seq: YSeq, lines: readonly string[], flowText: string): TextEdit {
  if (seq.flow) {
    const close = text.lastIndexOf(']', seq.span.end - 1);
    const hasItems = seq.items.length > 0;
    return { span: { start: close, end: close }, newText: `${hasItems ? ', ' : ''}${flowText}` };
  }
  const first = seq.items[0];
  const last = seq.items[seq.items.length - 1];
  const dashCol = first ? Math.max(0, columnOf(text, first.span.start) - 2) : columnOf(text, seq.span.start);
  const pad = ' '.repeat(dashCol);
  const body = lines.map((l, i) => (i === 0 ? `${pad}- ${l}` : `${pad}  ${l}`)).join('\n');
  const { offset, needsNewline } = afterLineOf(text, (last ?? seq).span.end);
  return insertLines(offset, needsNewline, body);
}

/** At the end of a file without a final newline, the new lines go before the end, not after. */
function insertLines(offset: number, atEofWithoutNewline: boolean, body: string): TextEdit {
  return { span: { start: offset, end: offset }, newText: atEofWithoutNewline ? `\n${body}` : `${body}\n` };
}

/**
 * Adds `key` to a block or flow map. `lines` is the value as block YAML lines at indentation 0
 * (placed under the key, indented by two), or a single inline value when `inline` is set.
 */
export function addMapEntry(
  text: string,
  map: YMap,
  key: string,
  value: { inline: string } | { lines: readonly string[]; flow: string },
): TextEdit {
  if (map.flow) {
    // The span ends just after the closing brace; searching from there could find an outer one.
    const close = text.lastIndexOf('}', map.span.end - 1);
    const v = 'inline' in value ? value.inline : value.flow;
    return { span: { start: close, end: close }, newText: `${map.items.length > 0 ? ', ' : ''}${key}: ${v}` };
  }
  const firstKey = map.items[0]?.key;
  const col = firstKey ? columnOf(text, firstKey.span.start) : columnOf(text, map.span.start);
  const pad = ' '.repeat(col);
  const body =
    'inline' in value
      ? `${pad}${key}: ${value.inline}`
      : [`${pad}${key}:`, ...value.lines.map(l => `${pad}${l}`)].join('\n');
  const lastEnd = lastDescendantEnd(map);
  const { offset, needsNewline } = afterLineOf(text, lastEnd);
  return insertLines(offset, needsNewline, body);
}

/** Removes a whole `key: value` entry of a block map, including its lines. */
export function removeMapEntry(text: string, pairStart: number, pairEnd: number): TextEdit {
  const lineStart = text.lastIndexOf('\n', pairStart - 1) + 1;
  const onlyKeyOnLine = text.slice(lineStart, pairStart).trim() === '';
  const { offset } = afterLineOf(text, pairEnd);
  return { span: { start: onlyKeyOnLine ? lineStart : pairStart, end: offset }, newText: '' };
}

function lastDescendantEnd(node: YNode): number {
  return node.span.end;
}
