import { istioName, isWrittenByIstio, replacementOf } from '../annotations/catalog';
import {
  KUBERNETES_ANNOTATED_KINDS,
  istioEntries,
  nameSites,
  type NameSite,
  type SiteEntry,
  mentionsIstioNames,
} from '../annotations/sites';
import { keyText } from '../parse/access';
import { removePair } from './support/edits';
import { addMapEntry, replaceScalar } from './support/yamlEdit';
import type { Fix, LocalRule, LocalRuleContext } from './types';

/**
 * istioctl's IST0135: an annotation or label Istio's list marks deprecated, with what replaces it.
 * The `sidecar.istio.io/inject` annotation next to the label of the same name is left alone (the
 * label wins and keeping both is deliberate compatibility, as istioctl also judges), and names
 * Istio writes itself (`security.istio.io/tlsMode`) are never reported.
 */
export const rule: LocalRule = {
  id: 'deprecated-annotation',
  meta: {
    description: 'An Istio annotation or label that Istio has deprecated, with its replacement.',
    defaultSeverity: 'warning',
    crossFile: false,
    fixable: true,
    istioctl: 'IST0135',
    // Every deprecated name goes on pods or Services; on Istio resources it would be misplaced anyway.
    kinds: KUBERNETES_ANNOTATED_KINDS,
    messages: {
      deprecated: "The {which} '{name}' is deprecated: {advice}.",
      deprecatedNoReplacement: "The {which} '{name}' is deprecated and may stop working in a future Istio release.",
    },
  },
  check(ctx) {
    // The object's Istio names first (a few keys): a file without any is otherwise scanned whole.
    const entries = istioEntries(ctx.resource.kind, ctx.node);
    if (entries.length === 0 || !mentionsIstioNames(ctx.text)) return;
    const sites = nameSites(ctx.resource.kind, ctx.node);
    for (const { site, entry } of entries) {
      const def = istioName(site.which, entry.name);
      if (!def?.deprecated || isWrittenByIstio(site.which, entry.name)) continue;
      if (site.which === 'annotation' && entry.name === INJECT && labelsOf(sites, site)?.has(INJECT)) continue;
      report(ctx, site, entry, sites);
    }
  },
};

const INJECT = 'sidecar.istio.io/inject';

function report(ctx: LocalRuleContext, site: NameSite, entry: SiteEntry, sites: readonly NameSite[]): void {
  const replacement = replacementOf(site.which, entry.name);
  const file = ctx.resource.file;
  const fixes: Fix[] = [];
  if (replacement?.rename) {
    fixes.push({
      title: `Rename to ${replacement.rename}`,
      isPreferred: true,
      edits: [{ file, edits: [replaceScalar(entry.key, replacement.rename)] }],
    });
  } else if (site.which === 'annotation' && entry.name === INJECT) {
    const move = moveToLabels(ctx, site, entry, sites);
    if (move) fixes.push(move);
  }
  ctx.report({
    span: entry.key.span,
    messageId: replacement ? 'deprecated' : 'deprecatedNoReplacement',
    data: { which: site.which, name: entry.name, advice: replacement?.advice ?? '' },
    tags: ['deprecated'],
    fixes,
  });
}

/** The label names written next to an annotation site (same metadata), if that metadata has labels. */
function labelsOf(sites: readonly NameSite[], site: NameSite): Set<string> | undefined {
  const labels = sites.find(s => s.which === 'label' && s.template === site.template);
  if (!labels) return undefined;
  return new Set(labels.map.items.map(keyText).filter((k): k is string => k !== undefined));
}

/** The injection annotation becomes the label of the same name, in the labels map beside it. */
function moveToLabels(
  ctx: LocalRuleContext,
  site: NameSite,
  entry: SiteEntry,
  sites: readonly NameSite[],
): Fix | undefined {
  const labels = sites.find(s => s.which === 'label' && s.template === site.template);
  const value = entry.pair.value;
  if (!labels || !value || value.kind !== 'scalar' || site.map.items.length < 2) return undefined;
  const valueText = ctx.text.slice(value.span.start, value.span.end);
  if (valueText.includes('\n')) return undefined;
  return {
    title: 'Move to the sidecar.istio.io/inject label',
    isPreferred: true,
    edits: [
      {
        file: ctx.resource.file,
        edits: [
          removePair(ctx.text, site.map, entry.pair),
          addMapEntry(ctx.text, labels.map, INJECT, { inline: valueText }),
        ],
      },
    ],
  };
}
