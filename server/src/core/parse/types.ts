import type { LineStarts } from './lineIndex';
/**
 * The YAML tree the analysis works on: plain data with source offsets, independent of the
 * `yaml` package so that a faster extractor can produce the same shape (see the performance
 * issue) and so that nothing outside `parse/` depends on the parser's object model.
 */

/** Half-open range of UTF-16 offsets into the file text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';
export type ScalarValue = string | number | boolean | null;

export interface YScalar {
  readonly kind: 'scalar';
  readonly span: Span;
  readonly value: ScalarValue;
  readonly style: ScalarStyle;
}

export interface YPair {
  readonly key: YNode | null;
  readonly value: YNode | null;
  /** From the key's start to the value's end. */
  readonly span: Span;
}

/**
 * Spans follow one convention whichever parser built the tree: a scalar covers its text (quotes
 * and block indicators included, trailing line breaks excluded; an empty value is a zero-width
 * span where the value would start); a block collection runs from its first item to the end of
 * its last item's value; a flow collection covers its brackets.
 */
export interface YMap {
  readonly kind: 'map';
  span: Span;
  readonly items: readonly YPair[];
  readonly flow: boolean;
}

export interface YSeq {
  readonly kind: 'seq';
  span: Span;
  readonly items: readonly (YNode | null)[];
  readonly flow: boolean;
}

export interface YAlias {
  readonly kind: 'alias';
  readonly span: Span;
  readonly name: string;
  /** The anchored node; may be an ancestor of the alias when the YAML is cyclic. */
  readonly target: YNode | null;
}

export type YNode = YScalar | YMap | YSeq | YAlias;

export interface SyntaxProblem {
  readonly message: string;
  readonly span: Span;
  readonly code: string;
}

export interface ParsedDocument {
  /** Position of the document in its file (0-based, counting empty documents). */
  readonly index: number;
  readonly span: Span;
  readonly root: YNode | null;
  readonly errors: readonly SyntaxProblem[];
  /** True when template actions (`{{ }}`, inline or on lines of their own) were masked inside this document. */
  readonly templated: boolean;
}

/** A suppression comment: `# istio-ls-disable-next-line a, b` or `# istio-ls-disable-file a`. */
export interface Directive {
  readonly scope: 'next-line' | 'file';
  /** Rule ids; empty means every rule. */
  readonly rules: readonly string[];
  /** 0-based line of the comment. */
  readonly line: number;
  /** 0-based line the directive applies to: the next line that is neither blank nor a comment. */
  readonly targetLine: number;
}

export interface ParsedFile {
  readonly docs: readonly ParsedDocument[];
  readonly lineStarts: LineStarts;
  readonly isHelm: boolean;
  readonly directives: readonly Directive[];
  /** Set when the file could not be parsed at all (too deep, parser failure). */
  readonly fatal?: string;
}
