import { lastAtOrBefore } from '../util/search';
/** Offsets <-> (line, character) in UTF-16 units, the unit of both JS strings and LSP. */
export interface LineCol {
  readonly line: number;
  readonly character: number;
}

/**
 * Offsets where lines start. A typed array: every file of the workspace keeps one, and they cross
 * from worker threads as raw bytes.
 */
export type LineStarts = ArrayLike<number>;

export function computeLineStarts(text: string): Uint32Array {
  // One pass into a scratch buffer, then one copy of the right size: counting first meant
  // scanning every file twice, and a buffer grown as it fills meant more typed arrays to allocate.
  let starts = scratch;
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (n === starts.length) {
      const grown = new Uint32Array(n * 2);
      grown.set(starts);
      starts = grown;
      if (grown.length <= MAX_KEPT_LINES) scratch = grown;
    }
    starts[n++] = i + 1;
  }
  return starts.slice(0, n);
}

/** computeLineStarts' buffer, kept between calls (index 0 is always 0). */
let scratch = new Uint32Array(4096);
/** Beyond this (4 MB), a file's buffer is not kept for the next. */
const MAX_KEPT_LINES = 1 << 20;

export function offsetToLineCol(lineStarts: LineStarts, offset: number): LineCol {
  const line = lastAtOrBefore(lineStarts, offset);
  return { line, character: Math.max(0, offset - lineStarts[line]) };
}

export function lineColToOffset(lineStarts: LineStarts, pos: LineCol, textLength: number): number {
  if (pos.line >= lineStarts.length) return textLength;
  const lineStart = lineStarts[Math.max(0, pos.line)];
  const nextStart = pos.line + 1 < lineStarts.length ? lineStarts[pos.line + 1] : textLength + 1;
  return Math.min(lineStart + Math.max(0, pos.character), nextStart - 1, textLength);
}

export function lineOf(lineStarts: LineStarts, offset: number): number {
  return offsetToLineCol(lineStarts, offset).line;
}
