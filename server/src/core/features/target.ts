import type { Labels, Resource } from '../model/types';
import { keyText } from '../parse/access';
import { parseYamlFile } from '../parse/parseFile';
import type { Span } from '../parse/types';
import { nodeAt } from './nodeAt';
import { siteAt, type Site } from './sites';
import type { FeatureContext } from './types';

/** What the cursor is on, in cross-file terms. */
export type Target =
  | { readonly kind: 'site'; readonly site: Site }
  | { readonly kind: 'selector'; readonly resource: Resource; readonly labels: Labels; readonly span: Span };

/**
 * The named value under the cursor. The index holds the summaries of the file's current text
 * (open documents are re-indexed on every change), so their spans are looked up directly; only a
 * selector, whose label spans the summary does not keep, needs the file parsed again. A document
 * that is broken mid-edit keeps its last good summary, whose spans no longer match: it has none.
 */
export function targetAt(fc: FeatureContext, file: string, offset: number): Target | undefined {
  const resources = resourcesAt(fc, file, offset);
  for (const r of resources) {
    const s = siteAt(r, offset);
    if (s) return { kind: 'site', site: s };
  }
  const selecting = resources.find(r => r.selector || r.serviceSelector);
  return selecting ? selectorAt(fc, selecting, offset) : undefined;
}

export function resourcesAt(fc: FeatureContext, file: string, offset: number): Resource[] {
  const summary = fc.index.file(file);
  if (!summary) return [];
  return summary.resources.filter(r => !r.stale && r.span.start <= offset && offset <= r.span.end);
}

/** The cursor on a selector's key or one of its labels. */
function selectorAt(fc: FeatureContext, r: Resource, offset: number): Target | undefined {
  const text = fc.readText(r.file);
  if (text === undefined) return undefined;
  const at = nodeAt(parseYamlFile(r.file, text), offset);
  if (!at || at.doc.index !== r.docIndex || at.itemIndex !== r.itemIndex) return undefined;
  const labels = r.selector?.labels ?? r.serviceSelector ?? {};
  for (let i = 0; i < at.path.length; i++) {
    const container = at.nodes[i];
    if (container.kind !== 'map') continue;
    const pair = container.items.find(p => keyText(p) === at.path[i]);
    if (!pair?.key) continue;
    const isSelector = r.selector
      ? pair.key.span.start === r.selector.keySpan.start
      : i === 1 && at.path[0] === 'spec' && at.path[1] === 'selector';
    if (!isSelector) continue;
    // The selector key itself, or a label key or value directly under it.
    if (at.path.length - i > 2) return undefined;
    return { kind: 'selector', resource: r, labels, span: at.scalar?.span ?? pair.key.span };
  }
  return undefined;
}
