import type { ParsedDocument, Span, YMap, YNode, YPair, YScalar, YSeq } from './types';
import { FlowParser } from './fastFlow';
import { computeLineStarts, type LineStarts } from './lineIndex';
import {
  BAIL,
  bail,
  blockValue,
  MAX_DEPTH,
  quoted,
  quotedEnd,
  resolvePlain,
  scalar,
  startsWithIndicator,
} from './fastScalars';

/**
 * A fast parser for the subset of YAML that Kubernetes and Istio files are almost always written
 * in: block maps and sequences, single-line plain and quoted scalars, single-line flow
 * collections, literal and folded block scalars, comments and `---` separators. It builds exactly
 * the tree the `yaml` package's parse converts to (a differential test over generated corpora and
 * every fixture holds it to that), several times faster. Anything outside the subset — anchors,
 * aliases, tags, multi-line plain or flow scalars, complex keys, tabs in indentation, CRLF,
 * directives, and every syntax error — returns undefined, and the caller uses the `yaml` package.
 */
export function fastParse(
  source: string,
  /** computeLineStarts(source), when the caller has it (masking Helm actions keeps line breaks). */
  lineStarts: LineStarts = computeLineStarts(source),
): { docs: ParsedDocument[]; multiLine: Span[] } | undefined {
  if (source.includes('\r')) return undefined;
  try {
    return new FastParser(source, lineStarts).parseDocuments();
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

/**
 * The parser's line indentation, kept between parses (a parse reads only its own lines, and
 * nothing keeps it afterwards): a typed array per file cost more to allocate than to fill.
 */
let indentScratch = new Int32Array(4096);
/** Beyond this (4 MB), a file's buffer is not kept for the next. */
const MAX_KEPT_LINES = 1 << 20;

class FastParser {
  /**
   * Lines as offsets and indentation, in typed arrays rather than an object per line: the caller
   * has the line starts already, and a file of 2,000 lines made 2,000 objects here.
   */
  private readonly starts: LineStarts;
  /** Leading spaces of each line; -1 for a line that is blank or only a comment. */
  private readonly indents: Int32Array;
  private readonly lineCount: number;
  private readonly multiLine: Span[] = [];
  /**
   * Index of the first line after the node the last node-parsing method returned: a field, not a
   * `{ node, next }` object per node, which was most of what parsing allocated besides the tree.
   */
  private after = 0;

  constructor(
    private readonly src: string,
    starts: LineStarts,
  ) {
    this.starts = starts;
    const count = starts.length;
    this.lineCount = count;
    let indents = indentScratch;
    if (indents.length < count) {
      indents = new Int32Array(Math.max(count, indents.length * 2));
      if (indents.length <= MAX_KEPT_LINES) indentScratch = indents;
    }
    for (let li = 0; li < count; li++) {
      const start = starts[li];
      const end = li + 1 < count ? starts[li + 1] - 1 : src.length;
      let i = start;
      while (i < end && src.charCodeAt(i) === 32) i++;
      if (i < end && src.charCodeAt(i) === 9) bail(); // tab in indentation
      const blank = i === end || src.charCodeAt(i) === 35; // '#'
      indents[li] = blank ? -1 : i - start;
    }
    this.indents = indents;
  }

  /** Offset of the line break ending line `li` (or the end of the text). */
  private lineEnd(li: number): number {
    return li + 1 < this.lineCount ? this.starts[li + 1] - 1 : this.src.length;
  }

  parseDocuments(): { docs: ParsedDocument[]; multiLine: Span[] } {
    // Split at `---` lines; content before the first marker is a document only if it has content.
    const markers: number[] = [];
    for (let li = 0; li < this.lineCount; li++) {
      const lineStart = this.starts[li];
      const lineEnd = this.lineEnd(li);
      const c = this.src.charCodeAt(lineStart);
      if (c === 37) bail(); // '%' directive
      if (this.src.startsWith('...', lineStart)) bail();
      if (this.src.startsWith('---', lineStart)) {
        const rest = this.src.slice(lineStart + 3, lineEnd);
        if (rest.length > 0 && rest[0] !== ' ') bail();
        const trimmed = rest.trim();
        if (trimmed !== '' && !trimmed.startsWith('#')) bail();
        markers.push(li);
      }
    }
    const segments: { from: number; to: number; marker?: number }[] = [];
    const firstEnd = markers.length > 0 ? markers[0] : this.lineCount;
    if (markers.length === 0 || this.hasContent(0, firstEnd)) segments.push({ from: 0, to: firstEnd });
    markers.forEach((m, i) =>
      segments.push({ from: m + 1, to: i + 1 < markers.length ? markers[i + 1] : this.lineCount, marker: m }),
    );
    const docs: ParsedDocument[] = [];
    segments.forEach((seg, index) => {
      const start = index === 0 ? 0 : this.starts[seg.marker as number];
      const next = segments[index + 1];
      const end = next ? this.starts[next.marker as number] : this.src.length;
      let root: YNode | null;
      const first = this.nextContent(seg.from, seg.to);
      if (first === -1) {
        if (seg.marker === undefined) return; // only comments: no document at all
        // An empty document's null sits after the marker and its spaces, as `yaml` places it.
        let at = this.starts[seg.marker] + 3;
        while (this.src.charCodeAt(at) === 32) at++;
        root = scalar(at, at, null, 'plain');
      } else {
        root = this.node(first, this.indents[first], -1, seg.to, 0);
        if (this.nextContent(this.after, seg.to) !== -1) bail(); // content the root did not take
      }
      docs.push({ index, span: { start, end }, root, errors: [], templated: false });
    });
    return { docs, multiLine: this.multiLine };
  }

  private hasContent(from: number, to: number): boolean {
    return this.nextContent(from, to) !== -1;
  }

  private nextContent(from: number, to: number): number {
    for (let li = from; li < to; li++) if (this.indents[li] !== -1) return li;
    return -1;
  }

  /** A node whose first character is at column `col` of line `li`, inside a parent at `parentIndent`. */
  private node(li: number, col: number, parentIndent: number, limit: number, depth: number): YNode {
    if (depth > MAX_DEPTH) bail();
    const lineStart = this.starts[li];
    const lineEnd = this.lineEnd(li);
    const at = lineStart + col;
    const c = this.src[at];
    if (c === '-' && (at + 1 === lineEnd || this.src[at + 1] === ' ')) return this.sequence(li, col, limit, depth);
    const colon = this.keyEnd(li, col);
    if (colon !== -1) return this.mapping(li, col, colon, limit, depth);
    return this.inlineValue(li, col, parentIndent, limit);
  }

  /** A scalar, flow collection or block scalar starting at (li, col); never a block collection. */
  private inlineValue(li: number, col: number, parentIndent: number, limit: number): YNode {
    const lineStart = this.starts[li];
    const lineEnd = this.lineEnd(li);
    const at = lineStart + col;
    const c = this.src[at];
    if (c === '|' || c === '>') return this.blockScalar(li, col, parentIndent, limit);
    if (c === '[' || c === '{') {
      const flow = new FlowParser(this.src, at, lineEnd, this.multiLine).parse();
      this.expectLineEnd(flow.span.end, lineEnd);
      this.after = li + 1;
      return flow;
    }
    if (c === '"' || c === "'") {
      const q = quoted(this.src, at, lineEnd);
      this.multiLine.push(q.span);
      this.expectLineEnd(q.span.end, lineEnd);
      this.after = li + 1;
      return q;
    }
    const plain = this.plainScalar(at, lineEnd);
    this.after = li + 1;
    return plain;
  }

  private plainScalar(at: number, lineEnd: number): YScalar {
    if (startsWithIndicator(this.src, at, lineEnd)) bail();
    // One pass up to a comment: a tab, or a colon followed by a space or the end of the text
    // (`a: b`, `a:`, also once trailing spaces are trimmed), is left to `yaml`.
    const src = this.src;
    let end = lineEnd;
    for (let i = at; i < lineEnd; i++) {
      const ch = src.charCodeAt(i);
      if (ch === 35 && i > at && src.charCodeAt(i - 1) === 32) {
        // ' #' starts a comment
        end = i;
        break;
      }
      if (ch === 9 || (ch === 58 && (i + 1 === lineEnd || src.charCodeAt(i + 1) === 32))) bail();
    }
    while (end > at && src.charCodeAt(end - 1) === 32) end--;
    return scalar(at, end, resolvePlain(src.slice(at, end)), 'plain');
  }

  private expectLineEnd(from: number, lineEnd: number): void {
    let i = from;
    while (i < lineEnd && this.src.charCodeAt(i) === 32) i++;
    if (i < lineEnd && !(this.src.charCodeAt(i) === 35 && i > from)) bail(); // only a comment may follow
  }

  /**
   * Where the key of a `key: value` entry starting at (li, col) ends (the colon's offset), or -1
   * when the line there is not a mapping entry.
   */
  private keyEnd(li: number, col: number): number {
    const lineStart = this.starts[li];
    const lineEnd = this.lineEnd(li);
    const at = lineStart + col;
    const c = this.src[at];
    if (c === '"' || c === "'") {
      const close = quotedEnd(this.src, at, lineEnd);
      if (close === -1) return -1;
      return this.src[close] === ':' && (close + 1 === lineEnd || this.src[close + 1] === ' ') ? close : -1;
    }
    if (c === '[' || c === '{' || c === '#') return -1;
    for (let i = at; i < lineEnd; i++) {
      const ch = this.src.charCodeAt(i);
      if (ch === 58 && (i + 1 === lineEnd || this.src.charCodeAt(i + 1) === 32)) {
        // ':'
        if (startsWithIndicator(this.src, at, lineEnd)) bail();
        return i;
      }
      if (ch === 35 && i > at && this.src.charCodeAt(i - 1) === 32) return -1; // a comment starts
    }
    return -1;
  }

  /** `firstColon`: keyEnd of the first entry, which node() has found already. */
  private mapping(li: number, indent: number, firstColon: number, limit: number, depth: number): YMap {
    const items: YPair[] = [];
    let cur = li;
    let col = indent;
    let first = true;
    let mapStart = 0;
    for (;;) {
      const lineStart = this.starts[cur];
      const lineEnd = this.lineEnd(cur);
      const colon = first ? firstColon : this.keyEnd(cur, col);
      if (colon === -1) bail();
      const keyStart = lineStart + col;
      if (first) mapStart = keyStart;
      const key =
        this.src[keyStart] === '"' || this.src[keyStart] === "'"
          ? quoted(this.src, keyStart, colon)
          : plainKey(this.src, keyStart, colon);
      if (key.style !== 'plain') this.multiLine.push(key.span);
      let p = colon + 1;
      while (p < lineEnd && this.src.charCodeAt(p) === 32) p++;
      let value: YNode;
      let next: number;
      if (p === lineEnd || this.src.charCodeAt(p) === 35) {
        const nested = this.nested(cur + 1, indent, true, limit, depth);
        if (nested) {
          value = nested;
          next = this.after;
        } else {
          value = scalar(p, p, null, 'plain');
          next = cur + 1;
        }
      } else {
        const c = this.src[p];
        if (c === '-' && (p + 1 === lineEnd || this.src[p + 1] === ' ')) bail(); // `key: - a`
        value = this.inlineValue(cur, p - lineStart, indent, limit);
        next = this.after;
      }
      items.push({ key, value, span: { start: key.span.start, end: value.span.end } });
      first = false;
      const following = this.nextContent(next, limit);
      if (following === -1) return this.done(map(mapStart, items), limit);
      const fi = this.indents[following];
      if (fi < indent) return this.done(map(mapStart, items), following);
      if (fi > indent) bail();
      if (this.isDash(following, fi)) return this.done(map(mapStart, items), following);
      cur = following;
      col = indent;
    }
  }

  private sequence(li: number, indent: number, limit: number, depth: number): YSeq {
    const items: YNode[] = [];
    let cur = li;
    let seqStart = -1;
    for (;;) {
      const lineStart = this.starts[cur];
      const lineEnd = this.lineEnd(cur);
      const dash = lineStart + indent;
      if (seqStart === -1) seqStart = dash;
      let p = dash + 1;
      while (p < lineEnd && this.src.charCodeAt(p) === 32) p++;
      let item: YNode;
      let next: number;
      if (p === lineEnd || this.src.charCodeAt(p) === 35) {
        const nested = this.nested(cur + 1, indent, false, limit, depth);
        if (nested) {
          item = nested;
          next = this.after;
        } else {
          item = scalar(p, p, null, 'plain');
          next = cur + 1;
        }
      } else {
        item = this.node(cur, p - lineStart, indent, limit, depth + 1);
        next = this.after;
      }
      items.push(item);
      const following = this.nextContent(next, limit);
      if (following === -1) return this.done(seq(seqStart, items), limit);
      const fi = this.indents[following];
      if (fi < indent) return this.done(seq(seqStart, items), following);
      if (fi > indent) bail();
      if (!this.isDash(following, fi)) return this.done(seq(seqStart, items), following);
      cur = following;
    }
  }

  /**
   * The value of a `key:` or `-` whose line ends there: a more-indented node on the following
   * lines, or (for a key only) a sequence at the key's own indentation.
   */
  private nested(
    from: number,
    ownerIndent: number,
    allowSameIndentSeq: boolean,
    limit: number,
    depth: number,
  ): YNode | undefined {
    const li = this.nextContent(from, limit);
    if (li === -1) return undefined;
    const indent = this.indents[li];
    if (indent > ownerIndent) return this.node(li, indent, ownerIndent, limit, depth + 1);
    if (allowSameIndentSeq && indent === ownerIndent && this.isDash(li, indent))
      return this.sequence(li, indent, limit, depth + 1);
    return undefined;
  }

  /** Returns `node`, the first line after it noted in `after`. */
  private done<T extends YNode>(node: T, next: number): T {
    this.after = next;
    return node;
  }

  private isDash(li: number, col: number): boolean {
    const lineStart = this.starts[li];
    const lineEnd = this.lineEnd(li);
    const at = lineStart + col;
    return this.src[at] === '-' && (at + 1 === lineEnd || this.src[at + 1] === ' ');
  }

  /** `|` / `>` with an optional chomping indicator; explicit indentation indicators are left to `yaml`. */
  private blockScalar(li: number, col: number, parentIndent: number, limit: number): YScalar {
    const lineStart = this.starts[li];
    const lineEnd = this.lineEnd(li);
    const at = lineStart + col;
    const folded = this.src[at] === '>';
    let h = at + 1;
    let chomp: 'clip' | 'strip' | 'keep' = 'clip';
    if (this.src[h] === '-') {
      chomp = 'strip';
      h++;
    } else if (this.src[h] === '+') {
      chomp = 'keep';
      h++;
    }
    if (this.src.slice(h, lineEnd).trim() !== '') bail(); // indentation indicator or header comment
    // Content lines are raw: a `#` line inside the scalar is text, not a comment.
    let contentIndent = -1;
    let last = li; // last line holding content
    let next = li + 1;
    for (let k = li + 1; k < limit; k++) {
      const text = this.src.slice(this.starts[k], this.lineEnd(k));
      const spaces = text.length - text.trimStart().length;
      const empty = text.trim() === '';
      if (empty) {
        if (contentIndent !== -1 && spaces > contentIndent) bail(); // whitespace content lines
        if (contentIndent === -1 && spaces > parentIndent + 1 && text.length > 0) bail();
        next = k + 1;
        continue;
      }
      if (contentIndent === -1) {
        if (spaces <= parentIndent) break;
        contentIndent = spaces;
      } else if (spaces < contentIndent) break;
      if (text.slice(0, spaces).includes('\t')) bail();
      last = k;
      next = k + 1;
    }
    if (contentIndent === -1) bail(); // empty block scalars: rare, and `yaml`'s spans differ
    // Trailing empty lines belong to the scalar only as line breaks; the next node starts after the content.
    next = last + 1;
    const parts: string[] = [];
    for (let k = li + 1; k <= last; k++) {
      const start = this.starts[k];
      const end = this.lineEnd(k);
      parts.push(end - start <= contentIndent ? '' : this.src.slice(start + contentIndent, end));
    }
    let trailingEmpty = 0;
    for (let k = last + 1; k < limit; k++) {
      const start = this.starts[k];
      const end = this.lineEnd(k);
      if (this.src.slice(start, end).trim() !== '') break;
      if (k === this.lineCount - 1 && start === end) break; // the final "line" after a last newline
      trailingEmpty++;
    }
    const value = blockValue(parts, folded, chomp, trailingEmpty);
    const lastStart = this.starts[last];
    let end = this.lineEnd(last);
    while (end > lastStart && /\s/.test(this.src[end - 1])) end--;
    const node = scalar(at, end, value, folded ? 'folded' : 'literal');
    this.multiLine.push(node.span);
    return this.done(node, next);
  }
}

function map(start: number, items: YPair[]): YMap {
  return { kind: 'map', span: { start, end: items[items.length - 1].span.end }, items, flow: false };
}

function seq(start: number, items: YNode[]): YSeq {
  return { kind: 'seq', span: { start, end: items[items.length - 1].span.end }, items, flow: false };
}

function plainKey(src: string, start: number, colon: number): YScalar {
  let end = colon;
  while (end > start && src.charCodeAt(end - 1) === 32) end--;
  if (end !== colon) bail(); // `key :` — legal, but `yaml` spans it differently; rare
  const text = src.slice(start, end);
  if (text.includes('\t') || text === '') bail();
  return scalar(start, end, resolvePlain(text), 'plain');
}
