import type { Span } from '../parse/types';
import type { PathStep } from './nodeAt';
import { closingQuote, quoteOf, unquote } from './yamlText';

/**
 * The cursor inside a flow collection (`{a: 1, b: [x, y]}`), which may span lines: the keys and
 * items before the cursor give its path and what is being written, those after it the sibling
 * keys already present.
 */

export interface FlowCursor {
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
export function scanFlow(text: string, start: number, offset: number, end: number): FlowCursor | undefined {
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
      if (top.open === '{' && top.key !== undefined && !top.keys.has(top.key))
        top.keys.set(top.key, text.slice(top.tokenStart, i).trim());
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
    return {
      slot: 'value',
      path: [...top.path, top.key ?? ''],
      prefix,
      replace,
      siblings,
      needsSpace,
      colonAfter: false,
      quote,
    };
  }
  return {
    slot: 'item',
    path: [...top.path, top.index],
    prefix,
    replace,
    siblings: new Map(),
    needsSpace: false,
    colonAfter: false,
    quote,
  };
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
