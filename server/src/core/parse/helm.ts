import type { Span } from './types';

/**
 * Helm templates are YAML only after rendering. Rather than guessing at rendered output we mask
 * every template action so the surrounding YAML still parses with the same offsets:
 * - a line holding only actions (`{{- if .Values.x }}`, `{{ include ... | nindent 4 }}`) becomes blank;
 * - an action inside a value (`name: {{ .Values.name }}-svc`) becomes a run of TEMPLATE_MARK,
 *   so the value is still a scalar and the model can tell it is not known until render time.
 */
export const TEMPLATE_MARK = '\uE000';

export function looksLikeHelm(path: string, text: string): boolean {
  return text.includes('{{') || /(^|\/)templates\/[^/]+$/.test(path);
}

export function isTemplatedString(value: string): boolean {
  return value.includes(TEMPLATE_MARK);
}

export function maskHelmActions(text: string): { text: string; masked: boolean } {
  if (!text.includes('{{')) return { text, masked: false };
  const out = text.split('');
  let masked = false;
  let i = text.indexOf('{{');
  while (i !== -1) {
    const close = text.indexOf('}}', i + 2);
    const end = close === -1 ? text.length : close + 2;
    masked = true;
    const blankWholeLines = onlyActionsOnLines(text, i, end);
    for (let k = i; k < end; k++) {
      if (text[k] === '\n' || text[k] === '\r') continue;
      out[k] = blankWholeLines ? ' ' : TEMPLATE_MARK;
    }
    i = close === -1 ? -1 : text.indexOf('{{', end);
  }
  return { text: out.join(''), masked };
}

/** True when the lines spanned by [start, end) hold nothing but this action, other actions and spaces. */
function onlyActionsOnLines(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd === -1) lineEnd = text.length;
  const before = text.slice(lineStart, start);
  let after = text.slice(end, lineEnd);
  // Further actions on the same line (`{{- end }}{{ end }}`) keep the line blank-able.
  after = after.replace(/\{\{[\s\S]*?\}\}/g, '');
  return before.trim() === '' && after.trim() === '';
}

/**
 * True when template actions may hide or change what `node` holds, so checks that judge what a
 * node lacks must not trust it. `text` is the file as written (actions not masked). Two shapes:
 * - an action inside the node (`name: {{ .Values.name }}`, `{{- if }}` between two keys);
 * - action-only lines right after the node, indented at least as deep as the node starts
 *   (`{{- include "ports" . | nindent 4 }}` after the last key of a map): when rendered they add
 *   to it. An action indented less (the `{{- end }}` of a block around the node) does not.
 * Works for any file holding `{{`, in a chart or not: rendering tools other than Helm (helmfile,
 * gomplate, Argo CD generators) use the same syntax.
 */
export function hidesTemplatedContent(text: string, node: { readonly span: Span } | null | undefined): boolean {
  if (!node) return false;
  const { start, end } = node.span;
  if (text.slice(start, end).includes('{{')) return true;
  const column = start - (text.lastIndexOf('\n', start - 1) + 1);
  let lineEnd = text.indexOf('\n', end);
  while (lineEnd !== -1) {
    const lineStart = lineEnd + 1;
    lineEnd = text.indexOf('\n', lineStart);
    const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (!isActionOnlyLine(trimmed)) return false;
    return line.length - line.trimStart().length >= column;
  }
  return false;
}

function isActionOnlyLine(trimmed: string): boolean {
  return trimmed.startsWith('{{') && trimmed.replace(/\{\{[\s\S]*?\}\}/g, '').trim() === '';
}
