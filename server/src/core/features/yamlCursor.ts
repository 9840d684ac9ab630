import type { Span } from '../parse/types';
import type { PathStep } from './nodeAt';
import { scanFlow } from './yamlFlow';
import {
  closingQuote,
  documentAt,
  flowDepth,
  linesOf,
  parseParts,
  quoteOf,
  seqStyleOf,
  type Line,
  type Parts,
} from './yamlText';

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
  const scanned = scanner.scan(cursorLine);
  if (scanned === false) return undefined;
  const seqStyle = seqStyleOf(text, lines);
  // The cursor is inside a flow collection that started on an earlier line.
  if (scanned !== true) return scanner.inFlow(scanned.start, offset, scanned.path, doc, seqStyle);
  return scanner.atCursor(cursorLine, offset, doc, seqStyle);
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

  constructor(
    private readonly text: string,
    private readonly lines: readonly Line[],
  ) {}

  /**
   * Reads the lines before `cursorLine`. False when the cursor is inside a block scalar or a
   * multi-line quoted scalar; where a flow collection holding the cursor starts, when it does.
   */
  scan(cursorLine: number): boolean | { readonly start: number; readonly path: PathStep[] } {
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
      if (skipTo >= cursorLine) {
        if (value[0] !== '{' && value[0] !== '[') return false;
        return { start: line.start + (parts.valueCol ?? 0), path: [...map.path, parts.key] };
      }
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
        if (l.start === l.end || (l.blank && l.indent > keyCol) || this.text.slice(l.start, l.end).trim() === '')
          continue;
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
      if (this.top.kind === 'seq' && this.top.col === col && below?.kind === 'map' && below.col === col)
        this.stack.pop();
      const top = this.top;
      const replace = { start: offset, end: offset };
      if (top.kind === 'map' && top.col === col && this.stack.length > 0) {
        return {
          ...base,
          slot: 'key',
          path: top.path,
          prefix: '',
          replace,
          siblings: this.siblings(top, li),
          column: col,
        };
      }
      if (top.kind === 'map' && top.col < col) {
        if (!top.lastOpen || top.lastKey === undefined) return undefined;
        return {
          ...base,
          slot: 'key',
          path: [...top.path, top.lastKey],
          prefix: '',
          replace,
          siblings: this.following(li, col),
          column: col,
          under: top.lastKey,
        };
      }
      if (top.kind === 'seq' && top.col === col) {
        return {
          ...base,
          slot: 'key',
          path: top.path,
          prefix: '',
          replace,
          siblings: new Map(),
          column: col,
          under: '',
        };
      }
      if (top.kind === 'seq' && top.col < col) {
        return {
          ...base,
          slot: 'key',
          path: [...top.path, top.index],
          prefix: '',
          replace,
          siblings: this.following(li, col),
          column: col,
        };
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
    if (
      lastDash !== undefined &&
      col <= Math.max(parts.content, lastDash + 2) &&
      before.trimEnd().endsWith('-') &&
      before.slice(lastDash + 1).trim() === '' &&
      (restOfLine === '' || restOfLine.startsWith('#'))
    ) {
      const seq = this.top;
      const needsSpace = col === lastDash + 1;
      return {
        ...base,
        slot: 'item',
        path: [...seq.path, seq.index],
        prefix: '',
        replace: { start: offset, end: offset },
        siblings: this.following(li, lastDash + 2),
        column: lastDash + 2,
        needsSpace,
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
        return {
          ...base,
          slot: 'key',
          path: map.path,
          prefix,
          replace: { start: at(parts.content), end: at(parts.keyEnd) },
          siblings,
          column: parts.content,
          colonAfter: true,
        };
      }
      if (col <= parts.colon) return undefined;
      const valueCol = Math.min(parts.valueCol ?? col, col);
      const valueText = s.slice(valueCol, col);
      const path = [...map.path, parts.key];
      if (valueText.startsWith('{') || valueText.startsWith('['))
        return this.inFlow(at(valueCol), offset, path, doc, seqStyle);
      return this.valueSlot(path, valueText, at(valueCol), offset, s.slice(col), siblings, parts.content, {
        ...base,
        needsSpace: col === parts.colon + 1,
      });
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
        ...base,
        slot: 'item',
        path: [...seq.path, seq.index],
        prefix,
        replace,
        siblings: this.following(li, parts.content),
        column: parts.content,
        quote: quoteOf(word),
      };
    }
    const map = this.mapAt(parts.content, false);
    if (!map) return undefined;
    const siblings = this.siblings(map, li);
    return { ...base, slot: 'key', path: map.path, prefix, replace, siblings, column: parts.content };
  }

  private valueSlot(
    path: PathStep[],
    valueText: string,
    valueStart: number,
    offset: number,
    rest: string,
    siblings: Map<string, string>,
    column: number,
    base: Omit<YamlCursor, 'slot' | 'path' | 'prefix' | 'replace' | 'siblings' | 'column'>,
  ): YamlCursor | undefined {
    const quote = quoteOf(valueText);
    if (quote) {
      const close = valueText.indexOf(quote, 1);
      if (close !== -1) return undefined; // after the closing quote
      const restEnd = rest.indexOf(quote);
      return {
        ...base,
        slot: 'value',
        path,
        prefix: valueText.slice(1),
        replace: { start: valueStart + 1, end: offset + (restEnd === -1 ? 0 : restEnd) },
        siblings,
        column,
        quote,
      };
    }
    if (valueText.includes(' #')) return undefined;
    const restWord = /^[^\s#]*/.exec(rest)?.[0].length ?? 0;
    return {
      ...base,
      slot: 'value',
      path,
      prefix: valueText,
      replace: { start: valueStart, end: offset + restWord },
      siblings,
      column,
    };
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
  inFlow(
    start: number,
    offset: number,
    path: PathStep[],
    doc: Span,
    seqStyle: 'compact' | 'indented',
  ): YamlCursor | undefined {
    const flow = scanFlow(this.text, start, offset, doc.end);
    if (!flow) return undefined;
    const full = [...path, ...flow.path];
    const base = { doc, flow: true, colonAfter: false, seqStyle, column: 0 } as const;
    if (flow.slot === 'key') {
      return {
        ...base,
        slot: 'key',
        path: full,
        prefix: flow.prefix,
        replace: flow.replace,
        siblings: flow.siblings,
        needsSpace: flow.needsSpace,
        colonAfter: flow.colonAfter,
      };
    }
    return {
      ...base,
      slot: flow.slot,
      path: full,
      prefix: flow.prefix,
      replace: flow.replace,
      siblings: flow.siblings,
      needsSpace: flow.needsSpace,
      quote: flow.quote,
    };
  }
}
