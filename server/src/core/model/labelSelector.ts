import type { LabelSelectorSummary } from './gatewayApiTypes';
import type { Labels } from './types';

/** The label Kubernetes sets on every Namespace to its own name (Istio adds it when missing). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Whether a Kubernetes label selector matches `labels`: every matchLabels pair and every
 * expression (`In`, `NotIn`, `Exists`, `DoesNotExist`). An empty selector matches everything; an
 * unknown operator matches nothing, as the API server would reject it.
 */
export function selectorMatches(selector: LabelSelectorSummary, labels: Labels): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels)) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In':
        if (!has || !e.values.includes(labels[e.key])) return false;
        break;
      case 'NotIn':
        if (has && e.values.includes(labels[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Label keys a selector reads. */
export function selectorKeys(selector: LabelSelectorSummary): string[] {
  return [...Object.keys(selector.matchLabels), ...selector.matchExpressions.map(e => e.key)];
}

/** A Namespace's labels as selectors see them: with `kubernetes.io/metadata.name` set to its name. */
export function namespaceLabels(name: string, labels: Labels | undefined): Labels {
  return { ...(labels ?? {}), [NAMESPACE_NAME_LABEL]: name };
}

/** `k=v, k in (a,b)` for messages. */
export function selectorText(selector: LabelSelectorSummary): string {
  const parts = Object.entries(selector.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions) {
    if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator === 'NotIn' ? 'notin' : 'in'} (${e.values.join(',')})`);
  }
  return parts.join(', ') || '(everything)';
}
