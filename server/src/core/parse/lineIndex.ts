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
  // One pass into a buffer sized for lines of 32 characters, grown when they are shorter: every
  // file's text is scanned here, and counting first meant scanning it twice.
  let starts = new Uint32Array((text.length >> 5) + 16);
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (n === starts.length) {
      const grown = new Uint32Array(n * 2);
      grown.set(starts);
      starts = grown;
    }
    starts[n++] = i + 1;
  }
  return starts.slice(0, n);
}

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
