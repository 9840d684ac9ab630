import { istioName, istioNames, type NameKind } from '../annotations/catalog';
import { ANNOTATED_KINDS, istioEntries, type SiteEntry, mentionsIstioNames } from '../annotations/sites';
import { didYouMean } from './support/distance';
import { replaceScalar } from './support/yamlEdit';
import type { Fix, LocalRule, LocalRuleContext } from './types';

/**
 * istioctl's IST0108: a name in Istio's domains (`istio.io/…`, `*.istio.io/…`) that Istio does not
 * define. Istio reads annotations and labels by exact name, so a misspelt one is silently ignored.
 * Every annotation under Istio's domains is judged, as istioctl does; labels only when they are
 * plainly a misspelling of one of Istio's (teams put labels of their own under istio.io). Names of
 * other owners are never judged.
 */
export const rule: LocalRule = {
  id: 'unknown-annotation',
  meta: {
    description:
      "An annotation (or a misspelt label) under Istio's domains that Istio does not define, so it is silently ignored.",
    defaultSeverity: 'warning',
    crossFile: false,
    fixable: true,
    istioctl: 'IST0108',
    kinds: ANNOTATED_KINDS,
    messages: {
      unknownAnnotation: "Unknown Istio annotation '{name}': Istio ignores it.{hint}",
      unknownLabel: "Unknown Istio label '{name}': Istio ignores it. Did you mean '{suggestion}'?",
      wrongMap:
        "'{name}' is an Istio {is}, not {an} {written}: Istio does not read it from {map}. Move it to {target}.",
    },
  },
  check(ctx) {
    // The object's Istio names first (a few keys): a file without any is otherwise scanned whole.
    const entries = istioEntries(ctx.resource.kind, ctx.node);
    if (entries.length === 0 || !mentionsIstioNames(ctx.text)) return;
    for (const { site, entry } of entries) {
      if (!istioName(site.which, entry.name)) checkUnknown(ctx, site.which, entry, site.template);
    }
  },
};

function checkUnknown(ctx: LocalRuleContext, which: NameKind, entry: SiteEntry, template: boolean): void {
  const other: NameKind = which === 'annotation' ? 'label' : 'annotation';
  if (istioName(other, entry.name)) {
    const map = which === 'annotation' ? 'annotations' : 'labels';
    const target = `${template ? 'spec.template.' : ''}metadata.${other === 'annotation' ? 'annotations' : 'labels'}`;
    ctx.report({
      span: entry.key.span,
      messageId: 'wrongMap',
      data: { name: entry.name, is: other, an: which === 'annotation' ? 'an' : 'a', written: which, map, target },
    });
    return;
  }
  const suggestion = didYouMean(
    entry.name,
    istioNames(which).map(n => n.name),
  );
  if (which === 'label' && !suggestion) return;
  const fixes: Fix[] = suggestion
    ? [
        {
          title: `Rename to ${suggestion}`,
          isPreferred: true,
          edits: [{ file: ctx.resource.file, edits: [replaceScalar(entry.key, suggestion)] }],
        },
      ]
    : [];
  if (which === 'label') {
    ctx.report({
      span: entry.key.span,
      messageId: 'unknownLabel',
      data: { name: entry.name, suggestion: suggestion ?? '' },
      fixes,
    });
    return;
  }
  ctx.report({
    span: entry.key.span,
    messageId: 'unknownAnnotation',
    data: { name: entry.name, hint: suggestion ? ` Did you mean '${suggestion}'?` : '' },
    fixes,
  });
}
