import { goesOn, istioName, istioNames, isWrittenByIstio, nameDoc, type NameKind } from '../annotations/catalog';
import { siteAt } from '../annotations/sites';
import { valueFormat } from '../annotations/values';
import { isIstioGroup, splitApiVersion } from '../model/kinds';
import type { Span } from '../parse/types';
import type { Completion, CompletionResult } from './completionTypes';
import type { NodeAt } from './nodeAt';
import { topLevelValue } from './yamlText';
import type { YamlCursor } from './yamlCursor';

/**
 * Completion and hover of Istio's annotation and label names (and of their values where Istio
 * takes a fixed set) in `metadata.annotations`/`labels` and a workload's pod template, offering
 * the names that go on that kind. Hidden names (set by Istio itself) are not offered; deprecated
 * ones are, last and struck through.
 */
export function istioNameCompletion(text: string, cur: YamlCursor, trigger?: string): CompletionResult | undefined {
  if (cur.flow) return undefined;
  const doc = documentKind(text, cur.doc);
  if (!doc) return undefined;
  if (cur.slot === 'key') {
    if (trigger === ' ') return undefined;
    const site = siteAt(doc.kind, cur.path);
    return site ? nameItems(site.which, site.kind, cur) : undefined;
  }
  if (cur.slot === 'value') {
    const name = cur.path[cur.path.length - 1];
    const site = siteAt(doc.kind, cur.path.slice(0, -1));
    if (!site || typeof name !== 'string') return undefined;
    return valueItems(site.which, name, cur);
  }
  return undefined;
}

/** Hover on a name (or its value) in an annotations or labels map. */
export function istioNameHover(
  at: NodeAt,
  kind: string | undefined,
  span: Span,
): { contents: string; span: Span } | undefined {
  if (!kind) return undefined;
  const path = at.path;
  const name = path[path.length - 1];
  const site = siteAt(kind, path.slice(0, -1));
  if (!site || typeof name !== 'string') return undefined;
  const entry = istioName(site.which, name);
  if (!entry) return undefined;
  const parts = [nameDoc(site.which, entry)];
  const format = valueFormat(site.which, name);
  if (format) parts.push(`Value: ${format.expected}.`);
  return { contents: parts.join('\n\n'), span };
}

/** The document's kind when names could be Istio's there: Istio kinds and the Kubernetes kinds Istio reads names from. */
function documentKind(text: string, doc: Span): { kind: string } | undefined {
  const kind = topLevelValue(text, doc, 'kind')?.value;
  if (!kind) return undefined;
  const apiVersion = topLevelValue(text, doc, 'apiVersion')?.value ?? '';
  const { group } = splitApiVersion(apiVersion);
  if (isIstioGroup(group)) return { kind };
  const used = new Set([
    'Pod',
    ...istioNames('annotation').flatMap(n => n.resources),
    ...istioNames('label').flatMap(n => n.resources),
  ]);
  return used.has(kind) || siteAt(kind, ['spec', 'template', 'metadata', 'annotations']) ? { kind } : undefined;
}

function nameItems(which: NameKind, kind: string, cur: YamlCursor): CompletionResult | undefined {
  const items: Completion[] = [];
  for (const entry of istioNames(which)) {
    if (entry.hidden || isWrittenByIstio(which, entry.name) || !goesOn(entry, kind) || cur.siblings.has(entry.name))
      continue;
    const format = valueFormat(which, entry.name);
    const hasChoices = !!format?.values;
    const lead = cur.needsSpace ? ' ' : '';
    items.push({
      label: entry.name,
      kind: 'label',
      detail: `Istio ${which}${entry.deprecated ? ' (deprecated)' : ''}`,
      documentation: nameDoc(which, entry, { heading: false }),
      sortText: `${entry.deprecated ? 2 : entry.resources.includes('Any') ? 1 : 0}${entry.name}`,
      filterText: entry.name,
      edit: { span: cur.replace, newText: cur.colonAfter ? `${lead}${entry.name}` : `${lead}${entry.name}: ` },
      snippet: false,
      deprecated: entry.deprecated,
      retrigger: !cur.colonAfter && hasChoices ? true : undefined,
    });
  }
  // Nothing of Istio's goes here: the schema's completion (or nothing) answers instead.
  return items.length > 0 ? { items, isIncomplete: false } : undefined;
}

function valueItems(which: NameKind, name: string, cur: YamlCursor): CompletionResult | undefined {
  const values = valueFormat(which, name)?.values;
  if (!values) return undefined;
  const items = values.map((v, i): Completion => ({
    label: v,
    kind: 'enum',
    detail: `${name}`,
    sortText: String(i).padStart(3, '0'),
    filterText: v,
    // Kubernetes wants strings: `"true"`, never a YAML boolean.
    edit: { span: cur.replace, newText: cur.quote ? v : `${cur.needsSpace ? ' ' : ''}"${v}"` },
    snippet: false,
  }));
  return { items, isIncomplete: false };
}
