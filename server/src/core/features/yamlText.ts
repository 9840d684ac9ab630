import type { Span } from '../parse/types';

/**
 * Line-level reading of YAML text for the cursor scanner (yamlCursor.ts): documents, lines and
 * their indentation, `- key: value` structure, quotes and comments. Nothing here needs the
 * text to be valid YAML.
 */

/** The document (between `---` lines) that holds `offset`. */
export function documentAt(text: string, offset: number): Span {
  let start = 0;
  let end = text.length;
  const re = /^---(?=[ \t]|$)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lineEnd = text.indexOf('\n', m.index);
    const after = lineEnd === -1 ? text.length : lineEnd + 1;
    if (m.index < offset && offset >= after) start = after;
    else if (m.index >= offset) {
      end = m.index;
      break;
    } else {
      // The cursor is on the `---` line itself: it belongs to no document's content.
      return { start: after, end: after };
    }
  }
  return { start, end };
}

/** Top-level `key: value` of a document (apiVersion, kind), read from its lines. */
export function topLevelValue(text: string, doc: Span, key: string): { value: string; span: Span } | undefined {
  const re = new RegExp(`^${key}:[ \\t]*(.*)$`, 'gm');
  re.lastIndex = doc.start;
  for (let m = re.exec(text); m && m.index < doc.end; m = re.exec(text)) {
    const raw = stripComment(m[1]).trim();
    const valueStart = m.index + m[0].length - m[1].length;
    const value = unquote(raw);
    return { value, span: { start: valueStart, end: valueStart + raw.length } };
  }
  return undefined;
}

export interface Line {
  readonly start: number;
  readonly end: number;
  readonly indent: number;
  /** Empty, whitespace or a comment. */
  readonly blank: boolean;
}

export function linesOf(text: string, doc: Span): Line[] {
  const out: Line[] = [];
  let start = doc.start;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 || nl >= doc.end ? doc.end : nl;
    let lineEnd = end;
    if (lineEnd > start && text[lineEnd - 1] === '\r') lineEnd--;
    let i = start;
    while (i < lineEnd && text[i] === ' ') i++;
    out.push({ start, end: lineEnd, indent: i - start, blank: i === lineEnd || text[i] === '#' });
    // The empty line after a final line break is where a cursor at the end of the file sits.
    if (nl === -1 || nl >= doc.end || (nl + 1 === doc.end && doc.end < text.length)) break;
    start = nl + 1;
  }
  return out;
}

/** The structure of one line: `- ` markers, then a key and its value or a bare scalar. */
export interface Parts {
  /** Columns of the leading `- ` item markers. */
  readonly dashes: readonly number[];
  /** Column of what follows the markers. */
  readonly content: number;
  readonly key?: string;
  readonly keyEnd?: number;
  readonly colon?: number;
  /** Column where the value starts (after the colon and spaces). */
  readonly valueCol?: number;
  /** The inline value, comment stripped and trimmed ('' when none). */
  readonly value?: string;
}

export function parseParts(line: string, indent: number): Parts {
  const dashes: number[] = [];
  let c = indent;
  while (line[c] === '-' && (c + 1 === line.length || line[c + 1] === ' ')) {
    dashes.push(c);
    c++;
    while (line[c] === ' ') c++;
  }
  if (c >= line.length || line[c] === '#') return { dashes, content: c };
  let keyEnd: number | undefined;
  let colon: number | undefined;
  let key: string | undefined;
  const q = line[c];
  if (q === '"' || q === "'") {
    const close = closingQuote(line, c);
    if (close !== -1) {
      let j = close + 1;
      while (line[j] === ' ') j++;
      if (line[j] === ':' && (j + 1 === line.length || line[j + 1] === ' ')) {
        key = unquote(line.slice(c, close + 1));
        keyEnd = close + 1;
        colon = j;
      }
    }
  } else if (q !== '{' && q !== '[') {
    for (let i = c; i < line.length; i++) {
      if (line[i] === '#' && line[i - 1] === ' ') break;
      if (line[i] === ':' && (i + 1 === line.length || line[i + 1] === ' ')) {
        colon = i;
        key = line.slice(c, i).trimEnd();
        keyEnd = c + key.length;
        break;
      }
    }
  }
  if (colon === undefined) return { dashes, content: c };
  let v = colon + 1;
  while (line[v] === ' ') v++;
  return { dashes, content: c, key, keyEnd, colon, valueCol: v, value: stripComment(line.slice(v)).trim() };
}

/** Compact when the first sequence under a key in the document starts at the key's column. */
export function seqStyleOf(text: string, lines: readonly Line[]): 'compact' | 'indented' {
  for (let i = 0; i + 1 < lines.length; i++) {
    const l = lines[i];
    if (l.blank) continue;
    const s = text.slice(l.start, l.end);
    if (!/:\s*(#.*)?$/.test(s)) continue;
    const next = lines.slice(i + 1).find(n => !n.blank);
    if (!next) break;
    const ns = text.slice(next.start + next.indent, next.end);
    if (!ns.startsWith('- ') && ns !== '-') continue;
    const keyCol = parseParts(s, l.indent).content;
    return next.indent <= keyCol ? 'compact' : 'indented';
  }
  return 'compact';
}

export function flowDepth(s: string, depth: number): number {
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"' || c === "'") {
      const close = closingQuote(s, i);
      if (close === -1) return depth;
      i = close;
    } else if (c === '#' && (i === 0 || s[i - 1] === ' ')) return depth;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return depth;
}

/** Index of the quote closing the one at `open` (YAML escapes: `\"` in double, `''` in single quotes). */
export function closingQuote(s: string, open: number): number {
  const q = s[open];
  for (let i = open + 1; i < s.length; i++) {
    if (q === '"' && s[i] === '\\') {
      i++;
      continue;
    }
    if (s[i] === q) {
      if (q === "'" && s[i + 1] === "'") {
        i++;
        continue;
      }
      return i;
    }
    if (s[i] === '\n') return -1;
  }
  return -1;
}

export function quoteOf(s: string): '"' | "'" | undefined {
  return s[0] === '"' || s[0] === "'" ? s[0] : undefined;
}

export function unquote(s: string): string {
  if (s.length >= 2 && ((s[0] === '"' && s[s.length - 1] === '"') || (s[0] === "'" && s[s.length - 1] === "'"))) {
    const inner = s.slice(1, -1);
    return s[0] === "'" ? inner.replace(/''/g, "'") : inner.replace(/\\(.)/g, '$1');
  }
  return s;
}

export function stripComment(s: string): string {
  const q = s[0];
  if (q === '"' || q === "'") {
    const close = closingQuote(s, 0);
    if (close !== -1) return s.slice(0, close + 1);
    return s;
  }
  const hash = s.search(/(^|\s)#/);
  return hash === -1 ? s : s.slice(0, hash);
}
