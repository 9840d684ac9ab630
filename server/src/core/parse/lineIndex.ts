/** Offsets <-> (line, character) in UTF-16 units, the unit of both JS strings and LSP. */
export interface LineCol {
  readonly line: number;
  readonly character: number;
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function offsetToLineCol(lineStarts: readonly number[], offset: number): LineCol {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: Math.max(0, offset - lineStarts[lo]) };
}

export function lineColToOffset(lineStarts: readonly number[], pos: LineCol, textLength: number): number {
  if (pos.line >= lineStarts.length) return textLength;
  const lineStart = lineStarts[Math.max(0, pos.line)];
  const nextStart = pos.line + 1 < lineStarts.length ? lineStarts[pos.line + 1] : textLength + 1;
  return Math.min(lineStart + Math.max(0, pos.character), nextStart - 1, textLength);
}

export function lineOf(lineStarts: readonly number[], offset: number): number {
  return offsetToLineCol(lineStarts, offset).line;
}
