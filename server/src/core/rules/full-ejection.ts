import { asScalar, get, num } from '../parse/access';
import { policyLevels } from './support/trafficPolicy';
import type { LocalRule } from './types';

/**
 * `maxEjectionPercent: 100` lets outlier detection eject every endpoint. Envoy's safety net is the
 * panic threshold (below it, Envoy load-balances over all endpoints regardless of health), and
 * Istio sets that threshold from `minHealthPercent` — whose default 0 disables it (Istio writes
 * `healthy_panic_threshold: 0` whenever outlierDetection is set). Together: one bad deploy or a
 * brief upstream blip can eject the whole cluster and every request fails with 503 "no healthy upstream".
 */
export const rule: LocalRule = {
  id: 'full-ejection',
  meta: {
    description:
      'outlierDetection allows ejecting every endpoint (maxEjectionPercent: 100) with the panic threshold disabled (minHealthPercent 0).',
    defaultSeverity: 'warning',
    crossFile: false,
    fixable: false,
    kinds: ['DestinationRule'],
    messages: {
      all: 'maxEjectionPercent: 100 with minHealthPercent {min} lets outlier detection eject every endpoint of {where}; then all requests fail with 503 (no healthy upstream). Lower maxEjectionPercent or set minHealthPercent.',
    },
  },
  check(ctx) {
    for (const level of policyLevels(get(ctx.node, 'spec'))) {
      const outlier = get(level.node, 'outlierDetection');
      const max = asScalar(get(outlier, 'maxEjectionPercent'));
      if (!max || num(max) !== 100) continue;
      const min = num(get(outlier, 'minHealthPercent'));
      if (min !== undefined && min > 0) continue;
      ctx.report({
        span: max.span,
        messageId: 'all',
        data: { min: min === undefined ? 'unset (0)' : '0', where: level.where },
      });
    }
  },
};
