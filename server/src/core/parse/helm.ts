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
