import type { Span, YScalar } from '../parse/types';

/**
 * The value of a YAML string scalar together with where each of its characters came from in the
 * enclosing file, so that a document written inside the string (a `proxy.istio.io/config`
 * annotation, the `istio` ConfigMap's `mesh`) can be analysed on its own and every finding mapped
 * back to the exact characters the user wrote: through block indentation (with or without an
 * indentation indicator), folding, quotes and escapes.
 *
 * The value is decoded here a second time, keeping positions, and compared with what the parser
 * produced: when the two disagree (a construct this decoder does not follow), there is no map and
 * callers stay silent rather than point at the wrong place.
 */
export interface ScalarText {
  /** The decoded value (equal to the scalar's value). */
  readonly text: string;
  /** Outer offset where character i's source starts. */
  readonly starts: Int32Array;
  /** Outer offset where character i's source ends (after an escape, both quote characters of `''`). */
  readonly ends: Int32Array;
  /** Block scalars: within a line, the value is the file's text verbatim (edits can be mapped back). */
  readonly verbatim: boolean;
  /** Column (in the file) where the block's content lines start; 0 for other styles. */
  readonly indent: number;
  /**
   * Set when character i is the file's character `linear + i` (a one-line flow scalar without
   * escapes): toOuter and toInner then compute, and `starts`/`ends` are only made if read.
   */
  readonly linear?: number;
}

export function scalarText(source: string, node: YScalar): ScalarText | undefined {
  if (typeof node.value !== 'string') return undefined;
  const built =
    node.style === 'literal' || node.style === 'folded'
      ? blockScalar(source, node, node.value)
      : flowScalar(source, node);
  return built && built.text === node.value ? built : undefined;
}

/** The file span of `inner` (offsets into the value); undefined when it cannot be placed exactly. */
export function toOuter(t: ScalarText, inner: Span): Span | undefined {
  const n = t.text.length;
  if (inner.start < 0 || inner.end > n || inner.start > inner.end) return undefined;
  const linear = t.linear;
  if (linear !== undefined) {
    // starts[i] = linear + i, ends[i] = linear + i + 1.
    if (inner.start === inner.end) {
      const at = inner.start < n ? linear + inner.start : n > 0 ? linear + n : -1;
      return at < 0 ? undefined : { start: at, end: at };
    }
    return { start: linear + inner.start, end: linear + inner.end };
  }
  if (inner.start === inner.end) {
    const at = inner.start < n ? t.starts[inner.start] : n > 0 ? t.ends[n - 1] : -1;
    return at < 0 ? undefined : { start: at, end: at };
  }
  const start = t.starts[inner.start];
  const end = t.ends[inner.end - 1];
  return start < 0 || end < 0 ? undefined : { start, end };
}

/** The value offset of a file offset inside the scalar; undefined between characters (indentation, quotes). */
export function toInner(t: ScalarText, outer: number): number | undefined {
  const n = t.text.length;
  const linear = t.linear;
  if (linear !== undefined) {
    // The binary search below, over starts[i] = linear + i and ends[i] = linear + i + 1.
    if (n === 0 || outer < linear) return undefined;
    const found = Math.min(n - 1, Math.floor(outer - linear));
    if (outer < linear + found + 1) return found;
    if (outer === linear + found + 1) return found + 1;
    return undefined;
  }
  let lo = 0;
  let hi = n - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (t.starts[mid] <= outer) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found === -1) return undefined;
  if (outer < t.ends[found]) return found;
  if (outer === t.ends[found]) return found + 1;
  return undefined;
}

/** Accumulates decoded characters with their source ranges (typed arrays, grown as needed). */
class Builder {
  private chars: string[] = [];
  private s = new Int32Array(64);
  private e = new Int32Array(64);
  private n = 0;

  push(text: string, start: number, end: number): void {
    // A character outside the BMP is two UTF-16 units, both from the same source.
    for (let k = 0; k < text.length; k++) this.add(text[k], start, end);
  }

  /** Characters copied verbatim from `source[from, to)`. */
  copy(source: string, from: number, to: number): void {
    for (let i = from; i < to; i++) this.add(source[i], i, i + 1);
  }

  private add(c: string, start: number, end: number): void {
    if (this.n === this.s.length) {
      const s = new Int32Array(this.n * 2);
      const e = new Int32Array(this.n * 2);
      s.set(this.s);
      e.set(this.e);
      this.s = s;
      this.e = e;
    }
    this.chars.push(c);
    this.s[this.n] = start;
    this.e[this.n] = end;
    this.n++;
  }

  build(verbatim: boolean, indent: number): ScalarText {
    return {
      text: this.chars.join(''),
      starts: this.s.slice(0, this.n),
      ends: this.e.slice(0, this.n),
      verbatim,
      indent,
    };
  }
}

// --- block scalars ---------------------------------------------------------------------------

interface SourceLine {
  readonly start: number;
  /** End of the line's text (before `\r\n` or `\n`). */
  readonly end: number;
}

function blockScalar(source: string, node: YScalar, value: string): ScalarText | undefined {
  const headerEnd = source.indexOf('\n', node.span.start);
  if (headerEnd === -1 || headerEnd >= node.span.end) return undefined;
  const header = source
    .slice(node.span.start + 1, headerEnd)
    .replace(/\s+#.*$/, '')
    .trim();
  if (!/^(?:[1-9][+-]?|[+-][1-9]?)?$/.test(header)) return undefined;
  const lines: SourceLine[] = [];
  for (let at = headerEnd + 1; at <= node.span.end;) {
    const nl = source.indexOf('\n', at);
    const stop = nl === -1 || nl > node.span.end ? node.span.end : nl;
    const end = stop > at && source[stop - 1] === '\r' ? stop - 1 : stop;
    lines.push({ start: at, end });
    if (nl === -1 || nl >= node.span.end) break;
    at = nl + 1;
  }
  const firstContent = lines.find(l => source.slice(l.start, l.end).trim() !== '');
  if (!firstContent) return undefined;
  const firstIndent = indentation(source, firstContent);
  // The indentation is the first content line's, unless an indicator says less: try both ways.
  for (let n = firstIndent; n >= (/[1-9]/.test(header) ? 1 : firstIndent); n--) {
    const built = blockLines(source, lines, n, node.style === 'folded', value, node.span.end);
    if (built) return built;
  }
  return undefined;
}

function indentation(source: string, line: SourceLine): number {
  let i = line.start;
  while (i < line.end && source[i] === ' ') i++;
  return i - line.start;
}

function blockLines(
  source: string,
  lines: readonly SourceLine[],
  n: number,
  folded: boolean,
  value: string,
  spanEnd: number,
): ScalarText | undefined {
  const b = new Builder();
  let didRead = false;
  let moreIndented = false;
  let empty = 0;
  let lastBreak = -1;
  const breaks = (count: number) => {
    for (let k = 0; k < count; k++) b.push('\n', Math.max(lastBreak, 0), Math.max(lastBreak, 0) + 1);
  };
  for (const line of lines) {
    const length = line.end - line.start;
    const blank = source.slice(line.start, line.end).trim() === '';
    if (blank && length <= n) {
      empty++;
      lastBreak = line.end;
      continue;
    }
    if (indentation(source, line) < n && !blank) return undefined;
    const contentStart = line.start + n;
    if (folded) {
      const c = source[contentStart];
      const isMore = c === ' ' || c === '\t';
      if (isMore) {
        moreIndented = true;
        breaks(didRead ? 1 + empty : empty);
      } else if (moreIndented) {
        moreIndented = false;
        breaks(empty + 1);
      } else if (empty === 0) {
        if (didRead) b.push(' ', lastBreak, lastBreak + 1);
      } else breaks(empty);
    } else breaks(didRead ? 1 + empty : empty);
    didRead = true;
    empty = 0;
    b.copy(source, contentStart, line.end);
    lastBreak = line.end;
  }
  const core = b.build(true, n);
  // Chomping adds line breaks after the content (clip: one; keep: the trailing ones too).
  if (!value.startsWith(core.text)) return undefined;
  const rest = value.slice(core.text.length);
  if (!/^\n*$/.test(rest)) return undefined;
  b.push(rest, spanEnd, spanEnd + 1);
  return b.build(true, n);
}

// --- plain and quoted scalars ----------------------------------------------------------------

/**
 * Flow scalars: plain, 'single' (`''` is a quote) and "double" (escapes, `\` before a line break
 * joins lines). Lines are folded: a single line break becomes a space, each empty line a `\n`;
 * whitespace around line breaks is dropped.
 */
function flowScalar(source: string, node: YScalar): ScalarText | undefined {
  const quoted = node.style === 'single' || node.style === 'double';
  const from = node.span.start + (quoted ? 1 : 0);
  const to = node.span.end - (quoted ? 1 : 0);
  if (to < from) return undefined;
  const verbatim = verbatimFlow(source, node, from, to);
  if (verbatim) return verbatim;
  const b = new Builder();
  let i = from;
  let pendingSpace = -1; // position of a line break folded into a space, if any
  while (i < to) {
    const c = source[i];
    if (c === '\n' || (c === '\r' && source[i + 1] === '\n')) {
      const br = i;
      i += c === '\r' ? 2 : 1;
      // Count empty lines that follow; skip their whitespace.
      let emptyLines = 0;
      for (;;) {
        let j = i;
        while (j < to && (source[j] === ' ' || source[j] === '\t')) j++;
        if (j < to && (source[j] === '\n' || (source[j] === '\r' && source[j + 1] === '\n'))) {
          emptyLines++;
          i = j + (source[j] === '\r' ? 2 : 1);
          continue;
        }
        i = j;
        break;
      }
      if (emptyLines > 0) for (let k = 0; k < emptyLines; k++) b.push('\n', br, br + 1);
      else pendingSpace = br;
      continue;
    }
    if (c === ' ' || c === '\t') {
      // Whitespace before a line break is not content; elsewhere it is.
      let j = i;
      while (j < to && (source[j] === ' ' || source[j] === '\t')) j++;
      const atBreak = j >= to ? false : source[j] === '\n' || (source[j] === '\r' && source[j + 1] === '\n');
      if (atBreak) {
        i = j;
        continue;
      }
      flushSpace();
      b.copy(source, i, j);
      i = j;
      continue;
    }
    flushSpace();
    if (node.style === 'single' && c === "'" && source[i + 1] === "'") {
      b.push("'", i, i + 2);
      i += 2;
      continue;
    }
    if (node.style === 'double' && c === '\\') {
      const escaped = escape(source, i, to);
      if (!escaped) return undefined;
      if (escaped.lineJoin) {
        // `\` at the end of a line: the break and the next line's indentation vanish.
        i = escaped.next;
        while (i < to && (source[i] === ' ' || source[i] === '\t')) i++;
        continue;
      }
      b.push(escaped.text, i, escaped.next);
      i = escaped.next;
      continue;
    }
    b.copy(source, i, i + 1);
    i++;
  }
  return b.build(false, 0);

  function flushSpace(): void {
    if (pendingSpace >= 0) {
      b.push(' ', pendingSpace, pendingSpace + 1);
      pendingSpace = -1;
    }
  }
}

/**
 * The usual flow scalar (`'{ "holdApplicationUntilProxyStarts": true }'`): one line, no escape
 * and no quote to undo, so the value is the source's characters one for one. What flowScalar
 * would build, without its character-by-character builder; undefined when the value is not that.
 */
function verbatimFlow(source: string, node: YScalar, from: number, to: number): ScalarText | undefined {
  const escapeChar = node.style === 'single' ? 39 : node.style === 'double' ? 92 : -1;
  for (let i = from; i < to; i++) {
    const c = source.charCodeAt(i);
    if (c === 10 || c === 13 || c === escapeChar) return undefined;
  }
  return new LinearText(source.slice(from, to), from);
}

/** A ScalarText whose character i is the file's character `linear + i`; its arrays are made when read. */
class LinearText implements ScalarText {
  readonly verbatim = false;
  readonly indent = 0;
  private arrays: { starts: Int32Array; ends: Int32Array } | undefined;

  constructor(
    readonly text: string,
    readonly linear: number,
  ) {}

  get starts(): Int32Array {
    return this.made().starts;
  }

  get ends(): Int32Array {
    return this.made().ends;
  }

  private made(): { starts: Int32Array; ends: Int32Array } {
    if (!this.arrays) {
      const n = this.text.length;
      const starts = new Int32Array(n);
      const ends = new Int32Array(n);
      for (let k = 0; k < n; k++) {
        starts[k] = this.linear + k;
        ends[k] = this.linear + k + 1;
      }
      this.arrays = { starts, ends };
    }
    return this.arrays;
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};

function escape(
  source: string,
  at: number,
  to: number,
): { text: string; next: number; lineJoin?: boolean } | undefined {
  const c = source[at + 1];
  if (c === undefined || at + 1 >= to) return undefined;
  if (c === '\n') return { text: '', next: at + 2, lineJoin: true };
  if (c === '\r' && source[at + 2] === '\n') return { text: '', next: at + 3, lineJoin: true };
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) return { text: simple, next: at + 2 };
  const digits = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
  if (digits === 0) return undefined;
  const hex = source.slice(at + 2, at + 2 + digits);
  if (hex.length !== digits || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
  const code = parseInt(hex, 16);
  if (code > 0x10ffff) return undefined;
  return { text: String.fromCodePoint(code), next: at + 2 + digits };
}
