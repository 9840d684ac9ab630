import { resolveHost } from '../model/hosts';
import { otherFile } from './support/otherFile';
import type { CrossFileRule } from './types';

/**
 * Two DestinationRules for one host in one namespace, neither with a workloadSelector. Istio
 * merges them in creation order: subsets are concatenated (a name defined twice keeps the first
 * definition) and only the first top-level trafficPolicy and exportTo count, so the effective
 * policy depends on the order the files were applied in.
 */
export const rule: CrossFileRule = {
  id: 'duplicate-destination-rule',
  meta: {
    description: 'Two DestinationRules without workloadSelector configure the same host in the same namespace.',
    defaultSeverity: 'warning',
    crossFile: true,
    fixable: false,
    kinds: ['DestinationRule'],
    messages: {
      duplicate:
        '{host} is also configured in namespace {namespace} by {others}. Istio merges such rules in creation order: only the oldest top-level trafficPolicy and exportTo apply and a subset defined twice keeps its first definition, so the result depends on apply order. Keep one DestinationRule per host.',
    },
  },
  check(ctx) {
    const dr = ctx.resource;
    // Rules with a workloadSelector apply to their workloads only and are merged separately.
    if (!dr.drHost || dr.selector) return;
    const host = resolveHost(dr.drHost.value, dr.namespace);
    const others = ctx.index.destinationRulesExact(dr.namespace, host).filter(o => o.id !== dr.id && !o.selector);
    if (others.length === 0) return;
    ctx.report({
      span: dr.drHost.span,
      messageId: 'duplicate',
      data: {
        others: others.map(o => `DestinationRule ${o.name ?? '(unnamed)'} (${otherFile(dr.file, o.file)})`).join(', '),
        host,
        namespace: dr.namespace,
      },
      related: others.map(o => ({
        file: o.file,
        span: o.drHost?.span ?? o.nameSpan ?? o.span,
        message: `DestinationRule ${o.namespace}/${o.name ?? '?'} for the same host`,
      })),
    });
  },
};
