import { computeLineStarts, lineOf } from '../parse/lineIndex';
import type { Span } from '../parse/types';
import type { TextEdit } from '../model/finding';

/**
 * The edits behind "Disable <rule> for this line / for this file": the same suppression comments
 * users write by hand (`# istio-ls-disable-next-line <id>`, `# istio-ls-disable-file <id>`, see
 * parse/directives.ts). A comment already there gets the rule id appended instead of a second one.
 */

const NEXT_LINE = /^([ \t]*)#[ \t]*istio-ls-disable-next-line\b(.*)$/;
const FILE = /^[ \t]*#[ \t]*istio-ls-disable-file\b(.*)$/;

/** Inserts `# istio-ls-disable-next-line <id>` above the line the finding starts on, indented like it. */
export function disableForLineEdit(text: string, ruleId: string, span: Span): TextEdit | undefined {
  const starts = computeLineStarts(text);
  const line = lineOf(starts, span.start);
  const lineStart = starts[line];
  const current = lineAt(text, starts, line);
  if (line > 0) {
    const above = lineAt(text, starts, line - 1);
    const m = NEXT_LINE.exec(above);
    if (m) return appendRule(starts[line - 1], above, m[2], ruleId);
  }
  const indent = /^[ \t]*/.exec(current)?.[0] ?? '';
  return { span: { start: lineStart, end: lineStart }, newText: `${indent}# istio-ls-disable-next-line ${ruleId}\n` };
}

/** Inserts `# istio-ls-disable-file <id>` on the first line, or adds the id to such a comment there. */
export function disableForFileEdit(text: string, ruleId: string): TextEdit | undefined {
  const starts = computeLineStarts(text);
  for (let line = 0; line < starts.length; line++) {
    const content = lineAt(text, starts, line);
    if (!content.trim().startsWith('#')) break;
    const m = FILE.exec(content);
    if (m) return appendRule(starts[line], content, m[1], ruleId);
  }
  return { span: { start: 0, end: 0 }, newText: `# istio-ls-disable-file ${ruleId}\n` };
}

/** Undefined when the comment already names the rule (or names none, which means every rule). */
function appendRule(lineStart: number, content: string, ids: string, ruleId: string): TextEdit | undefined {
  const list = ids
    .replace(/--.*$/, '')
    .split(/[\s,]+/)
    .filter(s => s.length > 0);
  if (list.length === 0 || list.includes(ruleId) || list.includes('*')) return undefined;
  // After the last id, before any `-- reason`.
  const reason = content.indexOf(' --');
  const end = reason === -1 ? content.trimEnd().length : content.slice(0, reason).trimEnd().length;
  return { span: { start: lineStart + end, end: lineStart + end }, newText: `, ${ruleId}` };
}

function lineAt(text: string, starts: ArrayLike<number>, line: number): string {
  const end = line + 1 < starts.length ? starts[line + 1] : text.length;
  return text.slice(starts[line], end).replace(/\r?\n$/, '');
}
