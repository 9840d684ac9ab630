import { asScalar, get } from '../parse/access';
import { ownPair } from './support/edits';
import { effectiveComponent, policyLevels } from './support/trafficPolicy';
import { addMapEntry } from './support/yamlEdit';
import type { LocalRule } from './types';

/**
 * Locality failover only happens when the cluster has outlier detection: Istio's cluster builder
 * enables failover priorities only `if c.OutlierDetection != nil`, because without it Envoy never
 * marks the local endpoints unhealthy and so never moves traffic to the next locality. Istio's
 * validation only warns ("outlier detection policy must be provided for failover").
 */
export const rule: LocalRule = {
  id: 'locality-without-outlier-detection',
  meta: {
    description:
      'A DestinationRule sets localityLbSetting without an effective outlierDetection, so failover never triggers.',
    defaultSeverity: 'warning',
    crossFile: false,
    fixable: true,
    kinds: ['DestinationRule'],
    messages: {
      missing:
        'localityLbSetting in {where} has no outlierDetection{why}: unhealthy endpoints are never ejected, so traffic never fails over to another locality.',
    },
  },
  check(ctx) {
    for (const level of policyLevels(get(ctx.node, 'spec'))) {
      const locality = ownPair(get(level.node, 'loadBalancer'), 'localityLbSetting');
      if (!locality) continue;
      const setting = locality.pair.value;
      if (asScalar(get(setting, 'enabled'))?.value === false) continue;
      // Pure weighted distribution works without outlier detection; failover does not.
      if (
        get(setting, 'distribute') !== undefined &&
        get(setting, 'failover') === undefined &&
        get(setting, 'failoverPriority') === undefined
      )
        continue;
      if (effectiveComponent(level, 'outlierDetection') !== undefined) continue;
      // A template may write the outlierDetection this policy seems to lack.
      if (ctx.isTemplated(level.node) || (level.kind === 'subset' && ctx.isTemplated(level.inheritsFrom?.node)))
        continue;
      const inherited = level.kind === 'port' || level.kind === 'subsetPort';
      const why =
        inherited && level.replaces && get(level.replaces.node, 'outlierDetection') !== undefined
          ? ' (port-level settings do not inherit the outlierDetection around them)'
          : '';
      const edit = addMapEntry(ctx.text, level.node, 'outlierDetection', {
        lines: ['  consecutive5xxErrors: 5', '  interval: 10s', '  baseEjectionTime: 30s'],
        flow: '{consecutive5xxErrors: 5, interval: 10s, baseEjectionTime: 30s}',
      });
      ctx.report({
        span: locality.key.span,
        messageId: 'missing',
        data: { where: level.where, why },
        fixes: [
          {
            title: "Add outlierDetection (Envoy's defaults, written out)",
            isPreferred: true,
            edits: [{ file: ctx.resource.file, edits: [edit] }],
          },
        ],
      });
    }
  },
};
