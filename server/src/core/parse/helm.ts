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
  const actions = findActions(text);
  // Actions that share a line are masked together: a line of nothing but actions (`{{- end }}{{ end }}`)
  // becomes blank as a whole. Each character is looked at a bounded number of times, so one line
  // of 200 KB holding thousands of actions costs what any 200 KB does.
  const out: string[] = [];
  let copied = 0;
  for (let a = 0; a < actions.length;) {
    const lineStart = text.lastIndexOf('\n', actions[a] - 1) + 1;
    let lineEnd = lineEndAt(text, actions[a + 1]);
    let b = a;
    while (b + 2 < actions.length && actions[b + 2] < lineEnd) {
      b += 2;
      if (actions[b + 1] > lineEnd) lineEnd = lineEndAt(text, actions[b + 1]);
    }
    let blank = isBlank(text, lineStart, actions[a]) && isBlank(text, actions[b + 1], lineEnd);
    for (let k = a; blank && k < b; k += 2) blank = isBlank(text, actions[k + 1], actions[k + 2]);
    const fill = blank ? ' ' : TEMPLATE_MARK;
    for (let k = a; k <= b; k += 2) {
      out.push(text.slice(copied, actions[k]), text.slice(actions[k], actions[k + 1]).replace(/[^\r\n]/g, fill));
      copied = actions[k + 1];
    }
    a = b + 2;
  }
  out.push(text.slice(copied));
  return { text: out.join(''), masked: true };
}

/** Start and end offsets of every template action, flattened; an unclosed one runs to the end. */
function findActions(text: string): number[] {
  const actions: number[] = [];
  let i = text.indexOf('{{');
  while (i !== -1) {
    const close = text.indexOf('}}', i + 2);
    const end = close === -1 ? text.length : close + 2;
    actions.push(i, end);
    i = close === -1 ? -1 : text.indexOf('{{', end);
  }
  return actions;
}

function lineEndAt(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end;
}

function isBlank(text: string, start: number, end: number): boolean {
  return start >= end || !/\S/.test(text.slice(start, end));
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
