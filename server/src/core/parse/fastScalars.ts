import type { ScalarStyle, ScalarValue, YScalar } from './types';

/**
 * Scalars and shared pieces of the fast parser (fastParse.ts): plain-scalar resolution by the
 * YAML 1.2 core schema, quoted scalars, block-scalar values, and the bail-out signal.
 */

/** Thrown to abandon the fast path; fastParse() turns it into undefined. */
export const BAIL = Symbol('bail');
export const MAX_DEPTH = 100;

export function bail(): never {
  throw BAIL;
}

export function scalar(start: number, end: number, value: ScalarValue, style: ScalarStyle): YScalar {
  return { kind: 'scalar', span: { start, end }, value, style };
}

/** Characters that cannot start a plain scalar (or start something this parser leaves to `yaml`). */
export function startsWithIndicator(src: string, at: number, end: number): boolean {
  const c = src.charCodeAt(at);
  // `?x` and `:x` are plain scalars in YAML 1.2; they are rare enough to leave to `yaml`.
  if (c < 128 && INDICATORS[c] === 1) return true;
  if (c === 45 && (at + 1 === end || src.charCodeAt(at + 1) === 32)) return true; // `- `
  return false;
}

/** 1 for the characters startsWithIndicator rejects, by character code (a table: called for every scalar). */
const INDICATORS = new Uint8Array(128);
for (const ch of '&*!|>%@`#?:,[]{}') INDICATORS[ch.charCodeAt(0)] = 1;

/** Offset just after the closing quote of a quoted scalar at `at`, or -1 if it does not close on the line. */
export function quotedEnd(src: string, at: number, end: number): number {
  const q = src[at];
  for (let i = at + 1; i < end; i++) {
    const c = src[i];
    if (q === '"' && c === '\\') {
      i++;
      continue;
    }
    if (c === q) {
      if (q === "'" && src[i + 1] === "'") {
        i++;
        continue;
      }
      return i + 1;
    }
  }
  return -1;
}

export function quoted(src: string, at: number, end: number): YScalar {
  const close = quotedEnd(src, at, end);
  if (close === -1) bail(); // multi-line quoted scalars are left to `yaml`
  const raw = src.slice(at + 1, close - 1);
  if (raw.includes('\t')) bail();
  if (src[at] === "'") return scalar(at, close, raw.replace(/''/g, "'"), 'single');
  let value = raw;
  if (raw.includes('\\')) {
    try {
      value = JSON.parse(`"${raw}"`) as string; // JSON's escapes are a subset of YAML's
    } catch {
      bail();
    }
  }
  return scalar(at, close, value, 'double');
}

const OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const NAN_INF = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** The YAML 1.2 core schema, in the order the `yaml` package tries its tags. */
export function resolvePlain(text: string): ScalarValue {
  if (text === '') return null;
  const c = text.charCodeAt(0);
  // Most scalars are words: decide by the first character before trying any pattern.
  switch (c) {
    case 110:
    case 78: // n N
      return text === 'null' || text === 'Null' || text === 'NULL' ? null : text;
    case 116:
    case 84: // t T
      return text === 'true' || text === 'True' || text === 'TRUE' ? true : text;
    case 102:
    case 70: // f F
      return text === 'false' || text === 'False' || text === 'FALSE' ? false : text;
    case 126: // ~
      return text === '~' ? null : text;
    default:
      break;
  }
  const digitLike = (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46; // 0-9 + - .
  if (!digitLike) return text;
  // Plain decimal digits (ports, weights, counts): what INT would match, without the patterns.
  let digits = 0;
  while (digits < text.length && isDigit(text.charCodeAt(digits))) digits++;
  if (digits === text.length) return parseInt(text, 10);
  if (OCT.test(text)) return parseInt(text.slice(2), 8);
  if (INT.test(text)) return parseInt(text, 10);
  if (HEX.test(text)) return parseInt(text.slice(2), 16);
  if (NAN_INF.test(text))
    return text.slice(-3).toLowerCase() === 'nan'
      ? NaN
      : text[0] === '-'
        ? Number.NEGATIVE_INFINITY
        : Number.POSITIVE_INFINITY;
  if (EXP.test(text) || FLOAT.test(text)) return parseFloat(text);
  return text;
}

/** Literal and folded block scalar values with chomping, as the YAML spec defines them. */
export function blockValue(
  lines: readonly string[],
  folded: boolean,
  chomp: 'clip' | 'strip' | 'keep',
  trailingEmpty: number,
): string {
  let out = '';
  let empty = 0;
  let didRead = false;
  let moreIndented = false;
  for (const line of lines) {
    if (line === '') {
      empty++;
      continue;
    }
    if (folded) {
      const isMore = line[0] === ' ' || line[0] === '\t';
      if (isMore) {
        moreIndented = true;
        out += '\n'.repeat(didRead ? 1 + empty : empty);
      } else if (moreIndented) {
        moreIndented = false;
        out += '\n'.repeat(empty + 1);
      } else if (empty === 0) {
        if (didRead) out += ' ';
      } else {
        out += '\n'.repeat(empty);
      }
    } else {
      out += '\n'.repeat(didRead ? 1 + empty : empty);
    }
    didRead = true;
    empty = 0;
    out += line;
  }
  if (chomp === 'keep') out += '\n'.repeat(didRead ? 1 + empty + trailingEmpty : empty + trailingEmpty);
  else if (chomp === 'clip' && didRead) out += '\n';
  return out;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
