import type { LineStarts } from './lineIndex';
import type { Directive, Span } from './types';

const PREFIX = 'istio-ls-disable-';

/**
 * Finds suppression comments. Only whole-line comments count, and lines inside multi-line
 * scalars are skipped: there a `#` is content, not a comment. Linear in the text, however many
 * comments there are (20,000 of them in a row once took seconds: each looked ahead for its target).
 */
export function scanDirectives(text: string, lineStarts: LineStarts, multiLineScalars: readonly Span[]): Directive[] {
  const directives: Directive[] = [];
  if (!text.includes(PREFIX)) return directives;
  const scalars = [...multiLineScalars].sort((a, b) => a.start - b.start);
  let scalar = 0;
  // Only lines holding the prefix can be directives: go from one occurrence to the next.
  let next = 0; // the first line not looked at yet
  for (let at = text.indexOf(PREFIX); at !== -1 && next < lineStarts.length; at = text.indexOf(PREFIX, at + 1)) {
    if (at < lineStarts[next]) continue; // on the line just looked at
    let line = next;
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= at) line++;
    next = line + 1;
    const start = lineStarts[line];
    const content = lineText(text, lineStarts, line).trim();
    if (!content.startsWith('#')) continue;
    const body = content.slice(1).trim();
    if (!body.startsWith(PREFIX)) continue;
    // Scalars do not overlap and lines come in order: one pass over the sorted spans.
    while (scalar < scalars.length && scalars[scalar].end <= start) scalar++;
    if (scalar < scalars.length && scalars[scalar].start <= start) continue;
    const rest = body.slice(PREFIX.length);
    const scope = rest.startsWith('next-line') ? 'next-line' : rest.startsWith('file') ? 'file' : undefined;
    if (!scope) continue;
    const ids = rest
      .slice(scope.length)
      .split(/[\s,]+/)
      .map(s => s.trim())
      .filter(s => s.length > 0 && !s.startsWith('--'));
    directives.push({ scope, rules: ids, line, targetLine: line + 1 });
  }
  return distinct(withTargets(directives, text, lineStarts));
}

/**
 * Comments that say the same thing about the same line count once: summaries cross from worker
 * threads by structured clone, and 40,000 copies of one comment took half a second to cross.
 */
function distinct(directives: readonly Directive[]): Directive[] {
  const seen = new Set<string>();
  return directives.filter(d => {
    const key = `${d.scope === 'file' ? -1 : d.targetLine} ${d.scope} ${d.rules.join(',')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Each directive applies to the next line that is neither blank nor a comment (or, with none, the
 * line after it). Found in one backward pass over the lines, not by looking ahead from each.
 */
function withTargets(directives: Directive[], text: string, lineStarts: LineStarts): Directive[] {
  let next = directives.length - 1;
  let nextContent = -1;
  for (let line = lineStarts.length - 1; line >= 0 && next >= 0; line--) {
    while (next >= 0 && directives[next].line >= line) {
      const d = directives[next];
      directives[next] = { ...d, targetLine: nextContent > d.line ? nextContent : d.line + 1 };
      next--;
    }
    if (holdsContent(text, lineStarts, line)) nextContent = line;
  }
  return directives;
}

/** Whether a line is neither blank nor a comment (`lineText(…).trim()` neither empty nor starting with `#`). */
function holdsContent(text: string, lineStarts: LineStarts, line: number): boolean {
  const end = lineEnd(text, lineStarts, line);
  for (let i = lineStarts[line]; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    // Other characters trim() skips are not ASCII: ask it then.
    if (c >= 128) {
      const content = lineText(text, lineStarts, line).trim();
      return content !== '' && !content.startsWith('#');
    }
    return c !== 35;
  }
  return false;
}

function lineEnd(text: string, lineStarts: LineStarts, line: number): number {
  return line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
}

function lineText(text: string, lineStarts: LineStarts, line: number): string {
  const end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
  return text.slice(lineStarts[line], end);
}
