import type { LineStarts } from './lineIndex';
import type { Directive, Span } from './types';

const PREFIX = 'istio-ls-disable-';

/**
 * Finds suppression comments. Only whole-line comments count, and lines inside multi-line
 * scalars are skipped: there a `#` is content, not a comment.
 */
export function scanDirectives(text: string, lineStarts: LineStarts, multiLineScalars: readonly Span[]): Directive[] {
  const directives: Directive[] = [];
  if (!text.includes(PREFIX)) return directives;
  for (let line = 0; line < lineStarts.length; line++) {
    const start = lineStarts[line];
    const end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
    const content = text.slice(start, end).trim();
    if (!content.startsWith('#')) continue;
    const body = content.slice(1).trim();
    if (!body.startsWith(PREFIX)) continue;
    if (multiLineScalars.some(s => s.start <= start && start < s.end)) continue;
    const rest = body.slice(PREFIX.length);
    const scope = rest.startsWith('next-line') ? 'next-line' : rest.startsWith('file') ? 'file' : undefined;
    if (!scope) continue;
    const ids = rest
      .slice(scope.length)
      .split(/[\s,]+/)
      .map(s => s.trim())
      .filter(s => s.length > 0 && !s.startsWith('--'));
    directives.push({ scope, rules: ids, line, targetLine: nextContentLine(text, lineStarts, line) });
  }
  return directives;
}

function nextContentLine(text: string, lineStarts: LineStarts, line: number): number {
  for (let l = line + 1; l < lineStarts.length; l++) {
    const end = l + 1 < lineStarts.length ? lineStarts[l + 1] : text.length;
    const content = text.slice(lineStarts[l], end).trim();
    if (content !== '' && !content.startsWith('#')) return l;
  }
  return line + 1;
}
