import { istioName } from '../annotations/catalog';
import { ANNOTATED_KINDS, istioEntries, type NameSite, type SiteEntry, mentionsIstioNames } from '../annotations/sites';
import { valueFormat } from '../annotations/values';
import { isTemplatedString } from '../parse/helm';
import { replaceScalar } from './support/yamlEdit';
import type { LocalRule, LocalRuleContext } from './types';

/**
 * istioctl's IST0125: the value of one of Istio's annotations or labels in a format Istio cannot
 * use. Values the sidecar injector validates (ports, CIDR ranges, quantities, interception mode,
 * readiness settings) make it refuse the pod: errors. Values Istio parses leniently (booleans,
 * durations, JSON) are ignored when they do not parse: warnings. A YAML boolean or number where
 * Kubernetes wants a string makes the API server reject the object: an error, with the quotes as
 * the fix. `proxy.istio.io/config` is a document of its own, checked by `schema`.
 */
export const rule: LocalRule = {
  id: 'invalid-annotation',
  meta: {
    description: 'The value of an Istio annotation or label is not in the format Istio reads (or not a string at all).',
    defaultSeverity: 'warning',
    crossFile: false,
    fixable: true,
    istioctl: 'IST0125',
    kinds: ANNOTATED_KINDS,
    messages: {
      notString:
        'Kubernetes {which} values are strings, and {value} is a YAML {type}: the API server rejects this object. Quote it.',
      rejected: "Invalid value for '{name}': {problem}. The sidecar injector refuses pods with it; write {expected}.",
      ignored: "Invalid value for '{name}': {problem}. Istio ignores it; write {expected}.",
    },
  },
  check(ctx) {
    // The object's Istio names first (a few keys): a file without any is otherwise scanned whole.
    const entries = istioEntries(ctx.resource.kind, ctx.node);
    if (entries.length === 0 || !mentionsIstioNames(ctx.text)) return;
    for (const { site, entry } of entries) {
      if (istioName(site.which, entry.name)) checkValue(ctx, site, entry);
    }
  },
};

function checkValue(ctx: LocalRuleContext, site: NameSite, entry: SiteEntry): void {
  const value = entry.pair.value;
  if (!value || value.kind !== 'scalar' || value.value === null) return;
  if (typeof value.value !== 'string') {
    const source = ctx.text.slice(value.span.start, value.span.end);
    ctx.report({
      span: value.span,
      messageId: 'notString',
      severity: 'error',
      data: { which: site.which, value: source, type: typeof value.value === 'boolean' ? 'boolean' : 'number' },
      fixes: [
        {
          title: `Quote it: "${source}"`,
          isPreferred: true,
          edits: [{ file: ctx.resource.file, edits: [{ span: value.span, newText: `"${source}"` }] }],
        },
      ],
    });
    return;
  }
  if (isTemplatedString(value.value)) return;
  const format = valueFormat(site.which, entry.name);
  const problem = format?.check(value.value);
  if (!format || !problem) return;
  const suggestion = format.suggest?.(value.value);
  ctx.report({
    span: value.span,
    messageId: format.rejected ? 'rejected' : 'ignored',
    severity: format.rejected ? 'error' : undefined,
    data: { name: entry.name, problem, expected: format.expected },
    fixes: suggestion
      ? [
          {
            title: `Replace with ${suggestion}`,
            isPreferred: true,
            edits: [{ file: ctx.resource.file, edits: [replaceScalar(value, suggestion)] }],
          },
        ]
      : undefined,
  });
}
