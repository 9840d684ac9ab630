import type { Span } from '../parse/types';
import type { PathStep } from './nodeAt';

/**
 * Where a cursor is in a YAML document, told from lines and indentation alone: completion is
 * asked for while the user types, when the document is usually not valid YAML (`spec:` with no
 * value yet, a half-written key, an unclosed `{`), so the parse tree cannot be relied on.
 *
 * The scanner reads the cursor's document from its start, keeping the stack of block maps and
 * sequences by column as a YAML parser would (compact `- ` items, `- - ` nested items, block
 * scalars and multi-line flow values skipped), then reads the cursor line and, inside `{…}` or
 * `[…]`, the flow collection up to the cursor. Lines it cannot read are passed over.
 */
export interface YamlCursor {
  /** The document holding the cursor, as offsets into the text. */
  readonly doc: Span;
  /**
   * `key`: a key of the map at `path` is being written. `value`: the value at `path` (whose last
   * step is the key or the index). `item`: after `- `, a new item at `path` (last step its index),
   * which may become a map (a key is written) or a scalar (a value is written).
   */
  readonly slot: 'key' | 'value' | 'item';
  readonly path: readonly PathStep[];
  /** What is typed of the word at the cursor (without an opening quote). */
  readonly prefix: string;
  /** The text a completion replaces: the typed word (the whole key when editing a key). */
  readonly replace: Span;
  /** Keys present in the map around the cursor (other than the one being written), with their inline values. */
  readonly siblings: ReadonlyMap<string, string>;
  /** Column where a key written here starts (block context), for indenting what is inserted under it. */
  readonly column: number;
  /** Inside `{…}`/`[…]`: insert single-line text only. */
  readonly flow: boolean;
  /** A `:` already follows the key being edited: insert the key alone. */
  readonly colonAfter: boolean;
  /** The cursor directly follows `key:` or `-`: what is inserted must start with a space. */
  readonly needsSpace: boolean;
  /** The value is being written inside quotes (the quote character). */
  readonly quote?: '"' | "'";
  /** Sequences under a key start at the key's column (`compact`, Istio's docs) or two further. */
  readonly seqStyle: 'compact' | 'indented';
  /** The key a blank line's new entry would go under when the column is deeper than its map (`spec:⏎  |`). */
  readonly under?: string;
}

export function yamlCursor(text: string, offset: number): YamlCursor | undefined {
  const doc = documentAt(text, offset);
  const lines = linesOf(text, doc);
  const cursorLine = lines.findIndex(l => l.start <= offset && offset <= l.end);
  if (cursorLine === -1) return undefined;
  const scanner = new Scanner(text, lines);
  if (!scanner.scan(cursorLine)) return undefined;
  return scanner.atCursor(cursorLine, offset, doc, seqStyleOf(text, lines));
}

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

interface Line {
  readonly start: number;
  readonly end: number;
  readonly indent: number;
  /** Empty, whitespace or a comment. */
  readonly blank: boolean;
}

function linesOf(text: string, doc: Span): Line[] {
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
interface Parts {
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

function parseParts(line: string, indent: number): Parts {
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

interface Frame {
  readonly kind: 'map' | 'seq';
  readonly col: number;
  readonly path: PathStep[];
  readonly keys: Map<string, string>;
  /** The last key of a map and whether its value continues on the next lines. */
  lastKey?: string;
  lastOpen: boolean;
  index: number;
}

function frame(kind: 'map' | 'seq', col: number, path: PathStep[]): Frame {
  return { kind, col, path, keys: new Map(), lastOpen: false, index: 0 };
}

class Scanner {
  private readonly stack: Frame[] = [frame('map', 0, [])];

  constructor(private readonly text: string, private readonly lines: readonly Line[]) {}

  /** Reads the lines before `cursorLine`; false when the cursor is inside a block scalar or a multi-line value. */
  scan(cursorLine: number): boolean {
    for (let li = 0; li < cursorLine; li++) {
      const line = this.lines[li];
      if (line.blank) continue;
      const s = this.text.slice(line.start, line.end);
      const parts = parseParts(s, line.indent);
      const map = this.place(parts, line.indent);
      if (!map || parts.key === undefined) continue;
      const value = parts.value ?? '';
      map.keys.set(parts.key, value);
      map.lastKey = parts.key;
      map.lastOpen = value === '';
      // Lines that belong to this value (block scalar, multi-line flow or quoted scalar) are skipped.
      const skipTo = this.continuation(li, value, parts.content);
      if (skipTo === undefined) continue;
      if (skipTo >= cursorLine) return false;
      li = skipTo;
    }
    return true;
  }

  /**
   * Applies a line's `- ` markers and returns the map its key belongs to (creating nested maps
   * and sequences as the columns say), or undefined when the line continues a scalar.
   */
  private place(parts: Parts, indent: number): Frame | undefined {
    this.popTo(indent);
    for (const d of parts.dashes) this.openItem(d);
    if (parts.key === undefined) return undefined;
    return this.mapAt(parts.content, parts.dashes.length > 0);
  }

  private popTo(col: number): void {
    while (this.stack.length > 1 && this.top.col > col) this.stack.pop();
  }

  private get top(): Frame {
    return this.stack[this.stack.length - 1];
  }

  /** A `- ` at column `d`: the next item of a sequence there, or a new sequence. */
  private openItem(d: number): void {
    this.popTo(d);
    const top = this.top;
    if (top.kind === 'seq' && top.col === d) {
      top.index++;
      return;
    }
    if (top.kind === 'map') {
      const key = top.lastKey ?? '';
      top.lastOpen = false;
      this.stack.push(frame('seq', d, [...top.path, key]));
      return;
    }
    // A sequence nested in the current item (`- - a`, or `-` alone with items below).
    this.stack.push(frame('seq', d, [...top.path, top.index]));
  }

  /** The map whose keys sit at column `col` (a new item's map right after `- `). */
  private mapAt(col: number, newItem: boolean): Frame | undefined {
    // A key at a compact sequence's column ends the sequence: it is the next key of the map above.
    if (!newItem) while (this.stack.length > 1 && this.top.kind === 'seq' && this.top.col === col) this.stack.pop();
    const top = this.top;
    if (newItem && top.kind === 'seq') {
      const m = frame('map', col, [...top.path, top.index]);
      this.stack.push(m);
      return m;
    }
    if (top.kind === 'map' && top.col === col) return top;
    if (top.kind === 'map' && top.col < col) {
      if (!top.lastOpen || top.lastKey === undefined) return undefined;
      top.lastOpen = false;
      const m = frame('map', col, [...top.path, top.lastKey]);
      this.stack.push(m);
      return m;
    }
    if (top.kind === 'seq' && top.col < col) {
      const m = frame('map', col, [...top.path, top.index]);
      this.stack.push(m);
      return m;
    }
    return undefined;
  }

  /** Last line index of a value continuing past its line, or undefined. */
  private continuation(li: number, value: string, keyCol: number): number | undefined {
    if (/^[|>][0-9+-]*$/.test(value)) {
      let last = li;
      for (let j = li + 1; j < this.lines.length; j++) {
        const l = this.lines[j];
        if (l.start === l.end || (l.blank && l.indent > keyCol) || this.text.slice(l.start, l.end).trim() === '') continue;
        if (l.indent <= keyCol) break;
        last = j;
      }
      return last > li ? last : undefined;
    }
    const first = value[0];
    if (first === '{' || first === '[') {
      let depth = flowDepth(value, 0);
      if (depth <= 0) return undefined;
      for (let j = li + 1; j < this.lines.length; j++) {
        const l = this.lines[j];
        depth = flowDepth(this.text.slice(l.start, l.end), depth);
        if (depth <= 0) return j;
      }
      return this.lines.length;
    }
    if ((first === '"' || first === "'") && closingQuote(value, 0) === -1) {
      for (let j = li + 1; j < this.lines.length; j++) {
        const l = this.lines[j];
        if (this.text.slice(l.start, l.end).includes(first)) return j;
      }
      return this.lines.length;
    }
    return undefined;
  }

  atCursor(li: number, offset: number, doc: Span, seqStyle: 'compact' | 'indented'): YamlCursor | undefined {
    const line = this.lines[li];
    const s = this.text.slice(line.start, line.end);
    const col = offset - line.start;
    const before = s.slice(0, col);
    const after = s.slice(col);
    const base = { doc, flow: false, colonAfter: false, needsSpace: false, seqStyle } as const;
    const at = (c: number) => line.start + c;

    if (before.trim() === '') {
      // A blank (or only indented) line: a new entry at the cursor's column.
      if (after.trim() !== '' && !after.trim().startsWith('#')) return undefined;
      this.popTo(col);
      // At a compact sequence's column, the next key of the map holding it is the likelier entry.
      const below = this.stack[this.stack.length - 2];
      if (this.top.kind === 'seq' && this.top.col === col && below?.kind === 'map' && below.col === col) this.stack.pop();
      const top = this.top;
      const replace = { start: offset, end: offset };
      if (top.kind === 'map' && top.col === col && this.stack.length > 0) {
        return { ...base, slot: 'key', path: top.path, prefix: '', replace, siblings: this.siblings(top, li), column: col };
      }
      if (top.kind === 'map' && top.col < col) {
        if (!top.lastOpen || top.lastKey === undefined) return undefined;
        return { ...base, slot: 'key', path: [...top.path, top.lastKey], prefix: '', replace, siblings: this.following(li, col), column: col, under: top.lastKey };
      }
      if (top.kind === 'seq' && top.col === col) {
        return { ...base, slot: 'key', path: top.path, prefix: '', replace, siblings: new Map(), column: col, under: '' };
      }
      if (top.kind === 'seq' && top.col < col) {
        return { ...base, slot: 'key', path: [...top.path, top.index], prefix: '', replace, siblings: this.following(li, col), column: col };
      }
      return undefined;
    }

    const parts = parseParts(s, line.indent);
    this.popTo(line.indent);
    const dashesBefore = parts.dashes.filter(d => d < col);
    for (const d of dashesBefore) this.openItem(d);
    const lastDash = dashesBefore[dashesBefore.length - 1];

    // Right after `-` or `- `: a new item, nothing typed yet.
    const restOfLine = after.trim();
    if (lastDash !== undefined && col <= Math.max(parts.content, lastDash + 2) && before.trimEnd().endsWith('-') && before.slice(lastDash + 1).trim() === '' && (restOfLine === '' || restOfLine.startsWith('#'))) {
      const seq = this.top;
      const needsSpace = col === lastDash + 1;
      return {
        ...base, slot: 'item', path: [...seq.path, seq.index], prefix: '', replace: { start: offset, end: offset },
        siblings: this.following(li, lastDash + 2), column: lastDash + 2, needsSpace,
      };
    }

    if (parts.key !== undefined && parts.colon !== undefined && parts.keyEnd !== undefined) {
      const map = this.mapAt(parts.content, parts.dashes.length > 0);
      if (!map) return undefined;
      const siblings = this.siblings(map, li);
      siblings.delete(parts.key);
      if (col <= parts.keyEnd) {
        if (col < parts.content) return undefined;
        const prefix = s.slice(parts.content, col).replace(/^["']/, '');
        return { ...base, slot: 'key', path: map.path, prefix, replace: { start: at(parts.content), end: at(parts.keyEnd) }, siblings, column: parts.content, colonAfter: true };
      }
      if (col <= parts.colon) return undefined;
      const valueCol = Math.min(parts.valueCol ?? col, col);
      const valueText = s.slice(valueCol, col);
      const path = [...map.path, parts.key];
      if (valueText.startsWith('{') || valueText.startsWith('[')) return this.inFlow(at(valueCol), offset, path, doc, seqStyle);
      return this.valueSlot(path, valueText, at(valueCol), offset, s.slice(col), siblings, parts.content, { ...base, needsSpace: col === parts.colon + 1 });
    }

    // No `key:` on the line: a key or an item value being typed, or a flow collection.
    const word = s.slice(parts.content, col);
    if (word.startsWith('{') || word.startsWith('[')) {
      if (lastDash === undefined) return undefined;
      const seq = this.top;
      return this.inFlow(at(parts.content), offset, [...seq.path, seq.index], doc, seqStyle);
    }
    if (/\s/.test(word.trim()) || word.includes(': ')) return undefined;
    const wordEnd = col + (/^[^\s:#]*/.exec(after)?.[0].length ?? 0);
    const replace = { start: at(parts.content), end: at(wordEnd) };
    const prefix = word.replace(/^["']/, '');
    if (lastDash !== undefined) {
      const seq = this.top;
      return {
        ...base, slot: 'item', path: [...seq.path, seq.index], prefix, replace, siblings: this.following(li, parts.content), column: parts.content,
        quote: quoteOf(word),
      };
    }
    const map = this.mapAt(parts.content, false);
    if (!map) return undefined;
    const siblings = this.siblings(map, li);
    return { ...base, slot: 'key', path: map.path, prefix, replace, siblings, column: parts.content };
  }

  private valueSlot(path: PathStep[], valueText: string, valueStart: number, offset: number, rest: string, siblings: Map<string, string>, column: number, base: Omit<YamlCursor, 'slot' | 'path' | 'prefix' | 'replace' | 'siblings' | 'column'>): YamlCursor | undefined {
    const quote = quoteOf(valueText);
    if (quote) {
      const close = valueText.indexOf(quote, 1);
      if (close !== -1) return undefined; // after the closing quote
      const restEnd = rest.indexOf(quote);
      return { ...base, slot: 'value', path, prefix: valueText.slice(1), replace: { start: valueStart + 1, end: offset + (restEnd === -1 ? 0 : restEnd) }, siblings, column, quote };
    }
    if (valueText.includes(' #')) return undefined;
    const restWord = /^[^\s#]*/.exec(rest)?.[0].length ?? 0;
    return { ...base, slot: 'value', path, prefix: valueText, replace: { start: valueStart, end: offset + restWord }, siblings, column };
  }

  /** Keys of `map`: those read so far and those on the lines after the cursor at its column. */
  private siblings(map: Frame, li: number): Map<string, string> {
    const out = new Map(map.keys);
    for (const [k, v] of this.following(li, map.col)) out.set(k, v);
    return out;
  }

  /** Keys at column `col` on the lines after line `li`, until the block ends. */
  private following(li: number, col: number): Map<string, string> {
    const out = new Map<string, string>();
    for (let j = li + 1; j < this.lines.length; j++) {
      const l = this.lines[j];
      if (l.blank) continue;
      if (l.indent < col) break;
      if (l.indent > col) continue;
      const parts = parseParts(this.text.slice(l.start, l.end), l.indent);
      if (parts.dashes.length > 0) break;
      if (parts.key !== undefined) out.set(parts.key, parts.value ?? '');
    }
    return out;
  }

  /** The cursor inside a flow collection starting at `start` (its `{` or `[`), whose value sits at `path`. */
  private inFlow(start: number, offset: number, path: PathStep[], doc: Span, seqStyle: 'compact' | 'indented'): YamlCursor | undefined {
    const flow = scanFlow(this.text, start, offset, doc.end);
    if (!flow) return undefined;
    const full = [...path, ...flow.path];
    const base = { doc, flow: true, colonAfter: false, seqStyle, column: 0 } as const;
    if (flow.slot === 'key') {
      return { ...base, slot: 'key', path: full, prefix: flow.prefix, replace: flow.replace, siblings: flow.siblings, needsSpace: flow.needsSpace, colonAfter: flow.colonAfter };
    }
    return { ...base, slot: flow.slot, path: full, prefix: flow.prefix, replace: flow.replace, siblings: flow.siblings, needsSpace: flow.needsSpace, quote: flow.quote };
  }
}

interface FlowCursor {
  readonly slot: 'key' | 'value' | 'item';
  /** Steps from the flow collection's own value to the cursor's container/value. */
  readonly path: PathStep[];
  readonly prefix: string;
  readonly replace: Span;
  readonly siblings: Map<string, string>;
  readonly needsSpace: boolean;
  readonly colonAfter: boolean;
  readonly quote?: '"' | "'";
}

interface FlowLevel {
  readonly open: '{' | '[';
  readonly path: PathStep[];
  readonly keys: Map<string, string>;
  key?: string;
  afterColon: boolean;
  index: number;
  tokenStart: number;
}

/** Reads a flow collection from its opening bracket up to the cursor (and on to its close, for sibling keys). */
function scanFlow(text: string, start: number, offset: number, end: number): FlowCursor | undefined {
  const stack: FlowLevel[] = [];
  const childPath = (): PathStep[] => {
    const top = stack[stack.length - 1];
    if (!top) return [];
    return top.open === '{' ? [...top.path, top.key ?? ''] : [...top.path, top.index];
  };
  let i = start;
  for (; i < offset; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '"' || c === "'") {
      const close = closingQuote(text, i);
      if (close === -1 || close >= offset) break; // the cursor is inside this quoted scalar
      i = close;
      continue;
    }
    if (c === '#' && (text[i - 1] === ' ' || text[i - 1] === '\n')) {
      const nl = text.indexOf('\n', i);
      if (nl === -1 || nl >= offset) return undefined;
      i = nl;
      continue;
    }
    if (c === '{' || c === '[') {
      stack.push({ open: c, path: childPath(), keys: new Map(), afterColon: false, index: 0, tokenStart: i + 1 });
      continue;
    }
    if (!top) return undefined;
    if (c === '}' || c === ']') {
      stack.pop();
      if (stack.length === 0) return undefined; // the cursor is after the collection
      const parent = stack[stack.length - 1];
      if (parent.open === '{' && parent.key !== undefined) parent.keys.set(parent.key, '…');
      continue;
    }
    if (c === ',') {
      if (top.open === '{' && top.key !== undefined && !top.keys.has(top.key)) top.keys.set(top.key, text.slice(top.tokenStart, i).trim());
      if (top.open === '[') top.index++;
      top.key = undefined;
      top.afterColon = false;
      top.tokenStart = i + 1;
      continue;
    }
    if (c === ':' && top.open === '{' && !top.afterColon && /[\s,}\]]/.test(text[i + 1] ?? ' ')) {
      top.key = unquote(text.slice(top.tokenStart, i).trim());
      top.afterColon = true;
      top.tokenStart = i + 1;
    }
  }
  const top = stack[stack.length - 1];
  if (!top) return undefined;
  const token = text.slice(top.tokenStart, offset);
  const lead = token.length - token.trimStart().length;
  let prefix = token.trimStart();
  let replaceStart = top.tokenStart + lead;
  const quote = quoteOf(prefix);
  if (quote) {
    prefix = prefix.slice(1);
    replaceStart++;
  }
  if (/[\n]/.test(prefix)) return undefined;
  const restWord = /^[^\s,:}\]"']*/.exec(text.slice(offset, end))?.[0].length ?? 0;
  const replace = { start: replaceStart, end: offset + restWord };
  const siblings = new Map(top.keys);
  collectFlowKeys(text, offset, end, siblings);
  const needsSpace = top.afterColon && text[offset - 1] === ':';
  if (top.open === '{' && !top.afterColon) {
    const colonAfter = /^[^\s,}]*\s*:/.test(text.slice(offset, end));
    return { slot: 'key', path: top.path, prefix, replace, siblings, needsSpace: false, colonAfter, quote };
  }
  if (top.open === '{') {
    if (top.key !== undefined) siblings.delete(top.key);
    return { slot: 'value', path: [...top.path, top.key ?? ''], prefix, replace, siblings, needsSpace, colonAfter: false, quote };
  }
  return { slot: 'item', path: [...top.path, top.index], prefix, replace, siblings: new Map(), needsSpace: false, colonAfter: false, quote };
}

/** Keys (and scalar values) of the innermost flow map after the cursor, up to its closing brace. */
function collectFlowKeys(text: string, from: number, end: number, into: Map<string, string>): void {
  let depth = 0;
  let tokenStart = from;
  let key: string | undefined;
  const finish = (i: number) => {
    if (key) into.set(key, unquote(text.slice(tokenStart, i).trim()));
    key = undefined;
  };
  for (let i = from; i < end; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const close = closingQuote(text, i);
      if (close === -1) return;
      i = close;
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (depth === 0) {
        finish(i);
        return;
      }
      depth--;
    } else if (depth === 0 && c === ',') {
      finish(i);
      tokenStart = i + 1;
    } else if (depth === 0 && key === undefined && c === ':' && /[\s,}\]]/.test(text[i + 1] ?? ' ')) {
      const name = unquote(text.slice(tokenStart, i).trim());
      // The key the cursor is in (before the first comma) is not a sibling.
      if (name && tokenStart > from) key = name;
      tokenStart = i + 1;
    }
  }
}

/** Compact when the first sequence under a key in the document starts at the key's column. */
function seqStyleOf(text: string, lines: readonly Line[]): 'compact' | 'indented' {
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

function flowDepth(s: string, depth: number): number {
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
function closingQuote(s: string, open: number): number {
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

function quoteOf(s: string): '"' | "'" | undefined {
  return s[0] === '"' || s[0] === "'" ? s[0] : undefined;
}

export function unquote(s: string): string {
  if (s.length >= 2 && ((s[0] === '"' && s[s.length - 1] === '"') || (s[0] === "'" && s[s.length - 1] === "'"))) {
    const inner = s.slice(1, -1);
    return s[0] === "'" ? inner.replace(/''/g, "'") : inner.replace(/\\(.)/g, '$1');
  }
  return s;
}

function stripComment(s: string): string {
  const q = s[0];
  if (q === '"' || q === "'") {
    const close = closingQuote(s, 0);
    if (close !== -1) return s.slice(0, close + 1);
    return s;
  }
  const hash = s.search(/(^|\s)#/);
  return hash === -1 ? s : s.slice(0, hash);
}
