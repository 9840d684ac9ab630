import { splitApiVersion } from '../model/kinds';
import type { Resource } from '../model/types';
import type { Span } from '../parse/types';
import type { KindInfo, SchemaRegistry } from '../schema/registry';
import { defaultNamespaceFor, type AnalysisSettings } from '../settings';
import type { FeatureContext } from './types';
import { topLevelValue, unquote } from './yamlText';

/** What completion needs to know about the document at the cursor, read from its text. */
export interface DocumentInfo {
  readonly apiVersion?: string;
  readonly group?: string;
  readonly version?: string;
  readonly kind?: string;
  /** The Istio kind: by group and kind, or by kind alone while the apiVersion is not written. */
  readonly kindInfo?: KindInfo;
  /** The effective namespace: the index's (kustomize, defaults) or `metadata.namespace`. */
  readonly namespace: string;
  /** The document's summary in the index (possibly the last good one while it is broken). */
  readonly resource?: Resource;
}

export function documentInfo(
  cc: FeatureContext & { readonly schemas: SchemaRegistry; readonly settings: AnalysisSettings },
  file: string,
  text: string,
  doc: Span,
  offset: number,
): DocumentInfo {
  const apiVersion = topLevelValue(text, doc, 'apiVersion')?.value || undefined;
  const kind = topLevelValue(text, doc, 'kind')?.value || undefined;
  const { group, version } = apiVersion ? splitApiVersion(apiVersion) : { group: undefined, version: undefined };
  let kindInfo = group && kind ? cc.schemas.kind(group, kind) : undefined;
  if (!kindInfo && !apiVersion && kind) {
    const named = cc.schemas.kinds.filter(k => k.kind === kind);
    if (named.length === 1) kindInfo = named[0];
  }
  const resource = cc.index
    .file(file)
    ?.resources.find(
      r => r.span.start <= offset && offset <= r.span.end && r.itemIndex === undefined && (!kind || r.kind === kind),
    );
  const namespace = resource?.namespace || metadataNamespace(text, doc) || defaultNamespaceFor(cc.settings, file);
  return { apiVersion, group, version, kind, kindInfo, namespace, resource };
}

/** `metadata.namespace` of a document, block or flow style, read from its lines. */
export function metadataNamespace(text: string, doc: Span): string | undefined {
  const meta = /^metadata:[ \t]*(.*)$/gm;
  meta.lastIndex = doc.start;
  const m = meta.exec(text);
  if (!m || m.index >= doc.end) return undefined;
  const inline = /(?:^|[{,\s])namespace:\s*([^,}\s#]+)/.exec(m[1]);
  if (m[1].trim().startsWith('{')) return inline ? unquote(inline[1]) : undefined;
  const block = /^[ \t]+namespace:[ \t]*([^\s#]+)/gm;
  block.lastIndex = m.index + m[0].length;
  for (let b = block.exec(text); b && b.index < doc.end; b = block.exec(text)) {
    // Stop at the next top-level key: `namespace` must be inside metadata.
    const between = text.slice(m.index + m[0].length, b.index);
    if (/\n[^\s#]/.test(between)) return undefined;
    return unquote(b[1]);
  }
  return undefined;
}
