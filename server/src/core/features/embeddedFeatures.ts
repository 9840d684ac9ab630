import { embeddedDocument, hosts, PROXY_CONFIG_ANNOTATION } from '../embedded/documents';
import { scalarText, toInner, toOuter } from '../embedded/scalarText';
import { asMap, asScalar, get, str } from '../parse/access';
import { parseYamlFile } from '../parse/parseFile';
import type { Span, YPair } from '../parse/types';
import type { SchemaNode } from '../schema/node';
import type { EmbeddedKind } from '../schema/embedded';
import type { Completion, CompletionContext, CompletionResult } from './completionTypes';
import { nodeAt, type PathStep } from './nodeAt';
import { enumValueDoc, fieldDoc, typeLabel } from './schemaDocs';
import { yamlCursor } from './yamlCursor';

/**
 * Completion and hover inside documents written in a string: the `proxy.istio.io/config`
 * annotation (ProxyConfig) and the `istio` ConfigMap's `mesh`/`meshNetworks`. The string is read
 * as a document of its own, against the schema generated from Istio's protos, and what is
 * offered or shown is placed back in the file. Completion works in block scalars (`|`, `>`),
 * where the document is the file's text, indented; hover also in quoted strings.
 */
export function embeddedCompletion(
  cc: CompletionContext,
  file: string,
  text: string,
  offset: number,
  trigger?: string,
): CompletionResult | undefined {
  if (!mayEmbed(text)) return undefined;
  const block = blockAt(file, text, offset);
  if (!block) return undefined;
  const schema = cc.schemas.embedded(block.kind);
  if (!schema) return undefined;
  const inner = innerLines(text, block);
  const innerOffset = inner.toInner(offset);
  if (innerOffset === undefined) return undefined;
  const cur = yamlCursor(inner.text, innerOffset);
  if (!cur) return undefined;
  if (trigger === ' ' && cur.slot === 'key') return undefined;
  const node = schema.at(cur.path);
  if (!node || node.freeForm) return undefined;
  const map = (span: Span): Span => ({ start: inner.toOuter(span.start), end: inner.toOuter(span.end) });
  const indent = (s: string) => s.replace(/\n/g, `\n${' '.repeat(block.indent)}`);
  let items: Completion[] = [];
  if (cur.slot === 'key' || (cur.slot === 'item' && node.isObject)) {
    const target = cur.slot === 'key' && cur.under !== undefined && node.isArray ? node.items : node;
    if (!target?.isObject) return undefined;
    items = keyItems(target, cur.siblings, cur.column, cur.colonAfter, cur.needsSpace);
  } else {
    items = valueItems(node, cur.needsSpace, !!cur.quote);
  }
  if (items.length === 0) return undefined;
  return {
    items: items.map(i => ({ ...i, edit: { span: map(cur.replace), newText: indent(i.edit.newText) } })),
    isIncomplete: false,
  };
}

/** Hover inside an embedded document: a field's documentation, or a value's and its field's. */
export function embeddedHover(
  cc: CompletionContext,
  file: string,
  text: string,
  offset: number,
): { contents: string; span: Span } | undefined {
  if (!mayEmbed(text)) return undefined;
  const parsed = parseYamlFile(file, text);
  const doc = parsed.docs.find(d => d.span.start <= offset && offset <= d.span.end);
  const root = asMap(doc?.root);
  const kind = str(get(root, 'kind'))?.value;
  if (!root || !kind) return undefined;
  const host = hosts(kind, root).find(h => h.pair.value && contains(h.pair.value.span, offset));
  if (!host) return undefined;
  const schema = cc.schemas.embedded(host.kind);
  const embedded = embeddedDocument(text, host.pair, host.kind, host.name);
  if (!schema || !embedded) return undefined;
  const innerOffset = toInner(embedded.text, offset);
  if (innerOffset === undefined) return undefined;
  const at = nodeAt(parseYamlFile('embedded.yaml', embedded.text.text), innerOffset);
  if (!at?.scalar) return undefined;
  const span = toOuter(embedded.text, at.scalar.span);
  if (!span) return undefined;
  const field = fieldOf(schema, at.path);
  if (!field) return undefined;
  const parts: string[] = [];
  const value = at.scalar.value;
  if (!at.onKey && typeof value === 'string' && field.node.enumValues?.includes(value))
    parts.push(enumValueDoc(field.node, value), '---');
  parts.push(fieldDoc(field.name, field.node, { parent: field.parent?.title, required: field.required }));
  return { contents: parts.join('\n\n'), span };
}

interface Block {
  readonly kind: EmbeddedKind;
  /** Column of the block's content (its indentation). */
  readonly indent: number;
  /** Column of the key holding the block. */
  readonly keyIndent: number;
  /** Offset where the first content line starts (after the header's line break). */
  readonly start: number;
  /** Offset of the end of the block's last line, including blank lines up to the cursor. */
  readonly end: number;
}

/**
 * The block scalar (`|`, `>`) holding a document that contains `offset`: from the line after its
 * header to the last line indented deeper than its key (blank lines included, where one types).
 */
function blockAt(file: string, text: string, offset: number): Block | undefined {
  const parsed = parseYamlFile(file, text);
  for (const doc of parsed.docs) {
    if (offset < doc.span.start || offset > doc.span.end) continue;
    const root = asMap(doc.root);
    const kind = str(get(root, 'kind'))?.value;
    if (!root || !kind) return undefined;
    const column = offset - (text.lastIndexOf('\n', offset - 1) + 1);
    for (const host of hosts(kind, root)) {
      const block = blockOf(text, host.pair, host.kind, column);
      // A cursor at the key's column or left of it is writing the next key, not the block.
      if (block && block.start <= offset && offset <= block.end && column > block.keyIndent) return block;
    }
  }
  return undefined;
}

function blockOf(text: string, pair: YPair, kind: EmbeddedKind, cursorColumn: number): Block | undefined {
  const key = asScalar(pair.key);
  const value = asScalar(pair.value);
  if (!key || !value || (value.style !== 'literal' && value.style !== 'folded')) return undefined;
  const keyLineStart = text.lastIndexOf('\n', key.span.start - 1) + 1;
  const keyIndent = indentAt(text, keyLineStart);
  const headerEnd = text.indexOf('\n', value.span.start);
  if (headerEnd === -1) return undefined;
  const start = headerEnd + 1;
  // The block runs to the last line indented deeper than the key.
  let end = start;
  let indent = -1;
  for (let at = start; at <= text.length;) {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl === -1 ? text.length : nl;
    const line = text.slice(at, lineEnd);
    const spaces = indentAt(text, at);
    if (line.trim() !== '') {
      if (spaces <= keyIndent) break;
      if (indent === -1) indent = spaces;
    }
    end = lineEnd;
    if (nl === -1) break;
    at = nl + 1;
  }
  const mapped = scalarText(text, value);
  // An empty block: its content starts where the cursor is.
  if (indent === -1) indent = cursorColumn;
  else if (mapped) indent = mapped.indent;
  return { kind, indent, keyIndent, start, end };
}

/** The block's lines with its indentation removed, and offsets both ways. */
function innerLines(text: string, block: Block) {
  const outerStarts: number[] = [];
  const innerStarts: number[] = [];
  const lines: string[] = [];
  let innerAt = 0;
  for (let at = block.start; at <= block.end;) {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl === -1 || nl > block.end ? block.end : nl;
    const line = text.slice(at, lineEnd).replace(/\r$/, '');
    const cut = Math.min(block.indent, indentAt(text, at), line.length);
    outerStarts.push(at + cut);
    innerStarts.push(innerAt);
    lines.push(line.slice(cut));
    innerAt += line.length - cut + 1;
    if (nl === -1 || nl >= block.end) break;
    at = nl + 1;
  }
  const lineOf = (starts: number[], offset: number) => {
    let k = 0;
    while (k + 1 < starts.length && starts[k + 1] <= offset) k++;
    return k;
  };
  return {
    text: lines.join('\n'),
    toInner(outer: number): number | undefined {
      const k = lineOf(outerStarts, outer);
      const col = outer - outerStarts[k];
      if (col < 0) return undefined;
      return innerStarts[k] + col;
    },
    toOuter(inner: number): number {
      const k = lineOf(innerStarts, inner);
      return outerStarts[k] + (inner - innerStarts[k]);
    },
  };
}

function indentAt(text: string, lineStart: number): number {
  let i = lineStart;
  while (text[i] === ' ') i++;
  return i - lineStart;
}

function keyItems(
  node: SchemaNode,
  siblings: ReadonlyMap<string, string>,
  column: number,
  colonAfter: boolean,
  needsSpace: boolean,
): Completion[] {
  const out: Completion[] = [];
  for (const name of node.propertyNames) {
    const child = node.property(name);
    if (!child || child.def['x-istio-alias-of'] || siblings.has(name)) continue;
    const hidden = child.def['x-istio-hidden'] === true;
    const lead = needsSpace ? ' ' : '';
    let newText = `${lead}${name}: `;
    let snippet = false;
    if (!colonAfter && child.isObject && !child.freeForm && child.propertyNames.length > 0) {
      newText = `${lead}${name}:\n${' '.repeat(column + 2)}$0`;
      snippet = true;
    } else if (!colonAfter && child.isArray && child.items?.isObject) {
      newText = `${lead}${name}:\n${' '.repeat(column)}- $0`;
      snippet = true;
    } else if (colonAfter) newText = `${lead}${name}`;
    out.push({
      label: name,
      kind: 'property',
      detail: typeLabel(child),
      documentation: fieldDoc(name, child, { noHeading: true }),
      sortText: `${child.deprecated ? 3 : hidden ? 2 : 1}${name}`,
      filterText: name,
      edit: { span: { start: 0, end: 0 }, newText },
      snippet,
      deprecated: child.deprecated || undefined,
      retrigger: !colonAfter && !snippet && (!!child.enumValues || child.types.includes('boolean')) ? true : undefined,
    });
  }
  return out;
}

function valueItems(node: SchemaNode, needsSpace: boolean, quoted: boolean): Completion[] {
  const values = node.enumValues ?? (node.types.includes('boolean') ? [true, false] : undefined);
  if (!values) return [];
  return values.map((v, i) => {
    const s = String(v);
    return {
      label: s,
      kind: 'enum',
      detail: node.defaultValue === v ? 'default' : undefined,
      documentation: enumValueDoc(node, s),
      sortText: `${node.defaultValue === v ? 0 : 1}${String(i).padStart(3, '0')}`,
      filterText: s,
      edit: { span: { start: 0, end: 0 }, newText: quoted ? s : `${needsSpace ? ' ' : ''}${s}` },
      snippet: false,
    };
  });
}

/** The field a path ends at (a list item's field for items), following jsonpb's proto-name aliases. */
function fieldOf(
  root: SchemaNode,
  path: readonly PathStep[],
): { name: string; node: SchemaNode; parent?: SchemaNode; required: boolean } | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const step = path[i];
    if (typeof step !== 'string') continue;
    const parent = root.at(path.slice(0, i));
    let node = parent?.property(step);
    let name = step;
    const alias = node?.def['x-istio-alias-of'];
    if (alias && parent?.property(alias)) {
      name = alias;
      node = parent.property(alias);
    }
    return node ? { name, node, parent, required: parent?.required.includes(name) ?? false } : undefined;
  }
  return undefined;
}

/** Cheap test on the text, so that other documents are not parsed for nothing. */
function mayEmbed(text: string): boolean {
  return text.includes(PROXY_CONFIG_ANNOTATION) || /^[ \t]*["']?mesh(?:Networks)?["']?[ \t]*:/m.test(text);
}

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}
