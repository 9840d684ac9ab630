import type { FileEdit, TextEdit } from '../../server/src/core/rules/types';

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start))
    out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

/** Applies file edits to a copy of a fixture's files. */
export function applyFileEdits(files: ReadonlyMap<string, string>, edits: readonly FileEdit[]): Map<string, string> {
  const out = new Map(files);
  for (const { file, edits: list } of edits) {
    const text = out.get(file);
    if (text === undefined) throw new Error(`fix edits unknown file ${file}`);
    out.set(file, applyTextEdits(text, list));
  }
  return out;
}
