import { asMap, asScalar, get, pairOf, type Str } from '../../parse/access';
import { parseYamlFile } from '../../parse/parseFile';
import type { YNode } from '../../parse/types';
import type { Resource } from '../../model/types';
import { defaultNamespaceFor, type AnalysisSettings } from '../../settings';
import type { Fix, TextEdit } from '../types';
import { addMapEntry, replaceScalar } from './yamlEdit';

/**
 * Helpers for fixes of cross-file rules. Those rules see summaries, not YAML trees, so their fixes
 * re-parse the file they edit when the user asks for them, against its current text.
 */

/** The YAML node of a resource in the current text of its file. */
export function resourceNode(text: string, r: Resource): YNode | undefined {
  const doc = parseYamlFile(r.file, text).docs[r.docIndex];
  const root = doc?.root ?? undefined;
  return r.itemIndex === undefined ? root : get(root, 'items', r.itemIndex);
}

/** Sets `metadata.namespace`: replaces the written value or adds the key. */
export function setNamespaceEdit(text: string, node: YNode, namespace: string): TextEdit | undefined {
  const metadata = asMap(get(node, 'metadata'));
  if (!metadata) return undefined;
  const current = asScalar(pairOf(metadata, 'namespace')?.value);
  if (current) return replaceScalar(current, namespace);
  return addMapEntry(text, metadata, 'namespace', { inline: namespace });
}

/**
 * True when a fix may move the resource by writing `metadata.namespace`. A namespace that comes
 * from a kustomization cannot be moved that way: kustomize overwrites `metadata.namespace`.
 */
export function canMoveNamespace(r: Resource, settings: AnalysisSettings): boolean {
  return r.namespace === (r.explicitNamespace ?? defaultNamespaceFor(settings, r.file));
}

/** Replaces a scalar value written at `value.span`, keeping its quotes. */
export function replaceValueFix(file: string, value: Str, newText: string, title: string, isPreferred = false): Fix {
  return {
    title,
    isPreferred,
    compute: ({ readText }) => {
      const text = readText(file);
      if (text === undefined) return undefined;
      const quote = text[value.span.start];
      const quoted = (quote === '"' || quote === "'") && text[value.span.end - 1] === quote;
      return [{ file, edits: [{ span: value.span, newText: quoted ? `${quote}${newText}${quote}` : newText }] }];
    },
  };
}
