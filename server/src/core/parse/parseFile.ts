import { parseAllDocuments, isAlias, isMap, isPair, isScalar, isSeq, type Scalar } from 'yaml';
import type { Node as YamlNode, Document } from 'yaml';
import { maskHelmActions, looksLikeHelm } from './helm';
import { computeLineStarts } from './lineIndex';
import { scanDirectives } from './directives';
import { excessiveAliasing } from './aliases';
import { fastParse } from './fastParse';
import type { ParsedDocument, ParsedFile, ScalarStyle, Span, SyntaxProblem, YNode, YPair } from './types';

/** Deeper than any real Istio resource; guards the converter's recursion against hostile input. */
const MAX_DEPTH = 400;

/**
 * Parses every document of a YAML file into plain trees with source spans. Never throws: a file
 * the parser cannot handle comes back with `fatal` set and no documents.
 */
export function parseYamlFile(path: string, text: string, options: { fast?: boolean } = {}): ParsedFile {
  const lineStarts = computeLineStarts(text);
  const isHelm = looksLikeHelm(path, text);
  try {
    const source = isHelm ? maskHelmActions(text).text : text;
    // Most files are plain block YAML: the fast parser builds the same tree several times faster.
    const fast = options.fast === false ? undefined : fastParse(source, lineStarts);
    if (fast) {
      // The fast parser's documents are not templated; only a Helm file's need copies that say.
      const docs = isHelm ? fast.docs.map(d => ({ ...d, templated: hasActions(text, d.span) })) : fast.docs;
      return { docs, lineStarts, isHelm, directives: scanDirectives(text, lineStarts, fast.multiLine) };
    }
    const documents = parseAllDocuments(source, {
      prettyErrors: false,
      uniqueKeys: false,
      merge: false,
      strict: false,
    });
    const docs: ParsedDocument[] = [];
    const multiLineScalars: Span[] = [];
    const list = Array.isArray(documents) ? documents : [];
    // Documents partition the file: each runs from its `---` (the first from offset 0) to the next.
    const starts = list.map((doc, i) => (i === 0 ? 0 : doc.range[0]));
    list.forEach((doc, index) =>
      docs.push(
        convertDocument(
          doc,
          index,
          source,
          multiLineScalars,
          {
            start: starts[index],
            end: starts[index + 1] ?? source.length,
          },
          isHelm && hasActions(text, { start: starts[index], end: starts[index + 1] ?? source.length }),
        ),
      ),
    );
    return { docs, lineStarts, isHelm, directives: scanDirectives(text, lineStarts, multiLineScalars) };
  } catch (e) {
    const reason =
      e instanceof RangeError ? 'the YAML is nested too deeply to analyse' : `the YAML parser failed: ${String(e)}`;
    return { docs: [], lineStarts, isHelm, directives: [], fatal: reason };
  }
}

function convertDocument(
  doc: Document.Parsed,
  index: number,
  source: string,
  multiLine: Span[],
  span: Span,
  templated: boolean,
): ParsedDocument {
  const errors: SyntaxProblem[] = doc.errors.map(e => ({
    message: firstLine(e.message),
    code: e.code,
    span: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) },
  }));
  const converter = new Converter(source, multiLine, errors);
  let root = converter.convert(doc.contents as YamlNode | null, 0);
  // A document whose aliases expand to far more than it holds is not analysed (nor applied by
  // Kubernetes): everything that reads the tree then stays proportional to the text.
  const bomb = converter.sawAlias ? excessiveAliasing(root) : undefined;
  if (bomb) {
    errors.unshift({
      message:
        'The aliases of this document expand to too much to analyse; Kubernetes rejects it too ("document contains excessive aliasing")',
      code: 'EXCESSIVE_ALIASING',
      span: bomb.span,
    });
    root = null;
  }
  return { index, span, root, errors, templated };
}

class Converter {
  private readonly anchorNames = new Map<string, YNode>();
  private tooDeepReported = false;
  sawAlias = false;

  constructor(
    private readonly source: string,
    private readonly multiLine: Span[],
    private readonly errors: SyntaxProblem[],
  ) {}

  convert(node: YamlNode | null | undefined, depth: number): YNode | null {
    if (!node) return null;
    let span = spanOf(node.range);
    if (depth > MAX_DEPTH) {
      if (!this.tooDeepReported) {
        this.errors.push({
          message: `Nesting deeper than ${MAX_DEPTH} levels is not analysed`,
          code: 'TOO_DEEP',
          span,
        });
        this.tooDeepReported = true;
      }
      return null;
    }
    if (isAlias(node)) {
      // Anchors are registered before their children are converted, so an alias to an ancestor
      // (a cyclic document) resolves to that ancestor instead of recursing forever.
      const target = this.findAnchored(node.source);
      this.sawAlias = true;
      return { kind: 'alias', span, name: node.source, target };
    }
    if (isScalar(node)) {
      // Block scalars end at their last content character, not after trailing line breaks.
      if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')
        span = { start: span.start, end: span.start + this.source.slice(span.start, span.end).trimEnd().length };
      const converted: YNode = { kind: 'scalar', span, value: scalarValue(node.value), style: styleOf(node.type) };
      if (
        node.type === 'BLOCK_LITERAL' ||
        node.type === 'BLOCK_FOLDED' ||
        node.type === 'QUOTE_DOUBLE' ||
        node.type === 'QUOTE_SINGLE'
      )
        this.multiLine.push(span);
      this.remember(node, converted);
      return converted;
    }
    if (isMap(node)) {
      const items: YPair[] = [];
      const converted = { kind: 'map' as const, span, items, flow: node.flow === true };
      this.remember(node, converted);
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = this.convert(pair.key as YamlNode | null, depth + 1);
        const value = this.convert(pair.value as YamlNode | null, depth + 1);
        const pairStart = key?.span.start ?? value?.span.start ?? span.start;
        const pairEnd = value?.span.end ?? key?.span.end ?? pairStart;
        items.push({ key, value, span: { start: pairStart, end: pairEnd } });
      }
      if (!converted.flow && items.length > 0)
        converted.span = { start: span.start, end: items[items.length - 1].span.end };
      return converted;
    }
    if (isSeq(node)) {
      const items: (YNode | null)[] = [];
      const converted = { kind: 'seq' as const, span, items, flow: node.flow === true };
      this.remember(node, converted);
      for (const item of node.items) items.push(this.convert(item as YamlNode | null, depth + 1));
      const last = items[items.length - 1];
      if (!converted.flow && last) converted.span = { start: span.start, end: last.span.end };
      return converted;
    }
    return null;
  }

  private remember(node: YamlNode, converted: YNode): void {
    if (node.anchor) this.anchorNames.set(node.anchor, converted);
  }

  private findAnchored(name: string): YNode | null {
    return this.anchorNames.get(name) ?? null;
  }
}

function spanOf(range: [number, number, number] | null | undefined): Span {
  if (!range) return { start: 0, end: 0 };
  return { start: range[0], end: range[1] };
}

function scalarValue(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  return String(value);
}

function styleOf(type: Scalar['type']): ScalarStyle {
  switch (type) {
    case 'QUOTE_DOUBLE':
      return 'double';
    case 'QUOTE_SINGLE':
      return 'single';
    case 'BLOCK_LITERAL':
      return 'literal';
    case 'BLOCK_FOLDED':
      return 'folded';
    default:
      return 'plain';
  }
}

/**
 * Template actions in the document as written: inline ones (masked to TEMPLATE_MARK) and those on
 * lines of their own (masked to blanks, which leave no mark in the tree but may add keys or items).
 */
function hasActions(text: string, span: Span): boolean {
  return text.slice(span.start, span.end).includes('{{');
}

function firstLine(message: string): string {
  const line = message.split('\n')[0];
  return line.replace(/ at line \d+, column \d+:?$/, '');
}
