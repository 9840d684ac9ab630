import { podPath } from '../annotations/sites';
import { asMap, asScalar, get, getPath, keyText, str } from '../parse/access';
import { isTemplatedString } from '../parse/helm';
import { parseYamlFile } from '../parse/parseFile';
import type { Span, SyntaxProblem, YNode, YPair, YScalar } from '../parse/types';
import type { EmbeddedKind } from '../schema/embedded';
import { scalarText, toOuter, type ScalarText } from './scalarText';

/**
 * YAML documents written inside a string of another document, which Istio parses on its own:
 * the `proxy.istio.io/config` annotation of a pod (a ProxyConfig) and the `mesh` and
 * `meshNetworks` keys of the `istio` ConfigMap (MeshConfig, MeshNetworks). Their trees carry
 * spans in the enclosing file's offsets, so findings point at the exact key the user wrote; a
 * node whose place cannot be mapped exactly gets the span UNMAPPED and is never reported on.
 */
export interface EmbeddedDocument {
  readonly kind: EmbeddedKind;
  /** What holds it, for messages: `proxy.istio.io/config`, `mesh`, `meshNetworks`. */
  readonly name: string;
  /** The key whose value is the document (the annotation name, `mesh`). */
  readonly key: YScalar;
  /** The string scalar holding the document. */
  readonly host: YScalar;
  readonly text: ScalarText;
  /** The parsed document, spans in the enclosing file; null when empty. */
  readonly root: YNode | null;
  readonly errors: readonly SyntaxProblem[];
}

export const UNMAPPED: Span = { start: -1, end: -1 };

export function isMapped(span: Span): boolean {
  return span.start >= 0 && span.end >= span.start;
}

/** Kinds that can hold an embedded document (the pod kinds and ConfigMap). */
export function mayEmbed(kind: string): boolean {
  return kind === 'ConfigMap' || podPath(kind) !== undefined;
}

export const PROXY_CONFIG_ANNOTATION = 'proxy.istio.io/config';

/** The embedded documents of one object (`node` is its root map). */
export function embeddedDocuments(kind: string, node: YNode, source: string): EmbeddedDocument[] {
  const out: EmbeddedDocument[] = [];
  for (const { pair, kind: docKind, name } of hosts(kind, node)) {
    const doc = embeddedDocument(source, pair, docKind, name);
    if (doc) out.push(doc);
  }
  return out;
}

/** Where an object keeps embedded documents: the pairs whose values are documents. */
export function hosts(kind: string, node: YNode): { pair: YPair; kind: EmbeddedKind; name: string }[] {
  const out: { pair: YPair; kind: EmbeddedKind; name: string }[] = [];
  if (kind === 'ConfigMap') {
    if (!isMeshConfigMap(node)) return out;
    const data = asMap(get(node, 'data'));
    for (const pair of data?.items ?? []) {
      const key = keyText(pair);
      if (key === 'mesh') out.push({ pair, kind: 'MeshConfig', name: 'mesh' });
      else if (key === 'meshNetworks') out.push({ pair, kind: 'MeshNetworks', name: 'meshNetworks' });
    }
    return out;
  }
  const pod = podPath(kind);
  if (!pod) return out;
  const annotations = asMap(get(getPath(node, pod), 'metadata', 'annotations'));
  for (const pair of annotations?.items ?? []) {
    if (keyText(pair) === PROXY_CONFIG_ANNOTATION)
      out.push({ pair, kind: 'ProxyConfig', name: PROXY_CONFIG_ANNOTATION });
  }
  return out;
}

/** The mesh ConfigMap: `istio` or a revision's `istio-<revision>`, as istiod reads it. */
export function isMeshConfigMap(node: YNode): boolean {
  const name = str(get(node, 'metadata', 'name'))?.value ?? '';
  return name === 'istio' || name.startsWith('istio-');
}

/** The document a pair's string value holds; undefined when it is not a (mappable) string. */
export function embeddedDocument(
  source: string,
  pair: YPair,
  kind: EmbeddedKind,
  name: string,
): EmbeddedDocument | undefined {
  // The summary and two rules read the same string: it is decoded and parsed once per file (see
  // forgetEmbeddedDocuments).
  if (cache?.source !== source) cache = { source, documents: new Map() };
  if (cache.documents.has(pair)) return cache.documents.get(pair);
  const doc = readDocument(source, pair, kind, name);
  cache.documents.set(pair, doc);
  return doc;
}

/** The documents read from the file analysed last: a fresh map per file, dropped when it is done. */
let cache: { readonly source: string; readonly documents: Map<YPair, EmbeddedDocument | undefined> } | undefined;

/**
 * Drops the documents remembered for the file analysed last (analyzeFile calls it when done). A
 * long-lived table of them (a WeakMap over every pair, or one map cleared per file) kept each
 * file's trees and text alive through young-generation collections, which then copied and
 * promoted them: the collector treats what old objects point to as live until a full collection.
 */
export function forgetEmbeddedDocuments(): void {
  cache = undefined;
}

function readDocument(source: string, pair: YPair, kind: EmbeddedKind, name: string): EmbeddedDocument | undefined {
  const key = asScalar(pair.key);
  const host = asScalar(pair.value);
  if (!key || !host || typeof host.value !== 'string' || isTemplatedString(host.value)) return undefined;
  const text = scalarText(source, host);
  if (!text) return undefined;
  const parsed = parseYamlFile('embedded.yaml', text.text);
  const first = parsed.docs[0];
  const map = (span: Span) => toOuter(text, span) ?? UNMAPPED;
  const errors: SyntaxProblem[] = [];
  for (const d of parsed.docs) for (const e of d.errors) errors.push({ ...e, span: map(e.span) });
  if (parsed.fatal) errors.push({ message: parsed.fatal, span: host.span, code: 'fatal' });
  return { kind, name, key, host, text, root: first ? remap(first.root, map) : null, errors };
}

/** A copy of the tree with every span passed through `map`. */
function remap(node: YNode | null, map: (span: Span) => Span, seen = new Map<YNode, YNode>()): YNode | null {
  if (!node) return null;
  const done = seen.get(node);
  if (done) return done;
  switch (node.kind) {
    case 'scalar': {
      const out = { ...node, span: map(node.span) };
      seen.set(node, out);
      return out;
    }
    case 'alias': {
      const out = { ...node, span: map(node.span), target: null as YNode | null };
      seen.set(node, out);
      out.target = remap(node.target, map, seen);
      return out;
    }
    case 'map': {
      const items: YPair[] = [];
      const out = { ...node, span: map(node.span), items };
      seen.set(node, out);
      for (const p of node.items)
        items.push({ key: remap(p.key, map, seen), value: remap(p.value, map, seen), span: map(p.span) });
      return out;
    }
    case 'seq': {
      const items: (YNode | null)[] = [];
      const out = { ...node, span: map(node.span), items };
      seen.set(node, out);
      for (const i of node.items) items.push(remap(i, map, seen));
      return out;
    }
  }
}
