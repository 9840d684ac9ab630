import { goesOn, istioName } from '../annotations/catalog';
import {
  KUBERNETES_ANNOTATED_KINDS,
  istioEntries,
  mentionsIstioNames,
  nameSites,
  podTemplateMetadataPath,
  type NameSite,
  type SiteEntry,
} from '../annotations/sites';
import { keyText } from '../parse/access';
import type { LocalRule, LocalRuleContext } from './types';

/**
 * istioctl's IST0107: one of Istio's names on a kind it does not go on. The sure case is a pod
 * setting on a workload's own metadata (the injector and the proxy read the pod's names only):
 * a warning, unless the pod template carries the same name. Annotations on other kinds get an
 * info: Istio's list of kinds per name is not exhaustive. Labels elsewhere, and names Istio marks
 * hidden (set by Istio itself), are left alone: Istio reads `istio.io/rev` on its own resources,
 * for one, although its list does not say so.
 */
export const rule: LocalRule = {
  id: 'misplaced-annotation',
  meta: {
    description:
      'An Istio annotation or label on a kind Istio does not read it from, such as a pod setting on a Deployment.',
    defaultSeverity: 'warning',
    crossFile: false,
    fixable: false,
    istioctl: 'IST0107',
    // Istio resources are not judged (their names are Istio's to read, whatever the list says).
    kinds: KUBERNETES_ANNOTATED_KINDS,
    messages: {
      podSetting:
        "'{name}' is read from pods only: on the {kind}'s own metadata Istio never sees it. Move it to spec.template.metadata.{map} (the pod template).",
      otherKind: "The {which} '{name}' goes on {allowed}, not on a {kind}: Istio does not read it here.",
    },
  },
  check(ctx) {
    // The object's Istio names first (a few keys): a file without any is otherwise scanned whole.
    const entries = istioEntries(ctx.resource.kind, ctx.node);
    if (entries.length === 0 || !mentionsIstioNames(ctx.text)) return;
    const sites = nameSites(ctx.resource.kind, ctx.node);
    for (const { site, entry } of entries) {
      const def = istioName(site.which, entry.name);
      if (!def || def.hidden || goesOn(def, site.kind)) continue;
      const template = sites.find(s => s.template && s.which === site.which);
      if (!site.template && podTemplateMetadataPath(ctx.resource.kind) && goesOn(def, 'Pod')) {
        if (template && hasName(template, entry.name)) continue;
        reportPodSetting(ctx, site, entry);
      } else if (site.which === 'annotation') {
        ctx.report({
          span: entry.key.span,
          messageId: 'otherKind',
          severity: 'info',
          data: { which: site.which, name: entry.name, allowed: def.resources.join(', '), kind: site.kind },
        });
      }
    }
  },
};

function reportPodSetting(ctx: LocalRuleContext, site: NameSite, entry: SiteEntry): void {
  ctx.report({
    span: entry.key.span,
    messageId: 'podSetting',
    data: { name: entry.name, kind: ctx.resource.kind, map: site.which === 'annotation' ? 'annotations' : 'labels' },
  });
}

function hasName(site: NameSite, name: string): boolean {
  return site.map.items.some(p => keyText(p) === name);
}
