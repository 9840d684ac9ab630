import { entries, get, items } from '../parse/access';
import type { YNode } from '../parse/types';
import { field, text, type Rejections } from './types';

/**
 * validateWorkloadSelector / ValidateAlphaWorkloadSelector: selector labels may not have an empty
 * key nor a `*` in key or value (selectors match labels exactly).
 */
export function checkSelectorLabels(labels: YNode | undefined, out: Rejections): void {
  for (const { key, pair } of entries(labels)) {
    if (out.isTemplated(pair.key) || out.isTemplated(pair.value)) continue;
    const value = text(pair.value)?.value ?? '';
    if (key.value === '') out.reject(key.span, 'a selector label key may not be empty');
    else if (key.value.includes('*'))
      out.reject(key.span, `wildcard is not supported in selector labels ("${key.value}")`);
    else if (value.includes('*'))
      out.reject(text(pair.value)!.span, `wildcard is not supported in selector labels ("${key.value}: ${value}")`);
  }
}

/** `selector.matchLabels` of the security, telemetry and extension kinds. */
export function checkWorkloadSelector(spec: YNode | undefined, out: Rejections): void {
  checkSelectorLabels(field(field(spec, 'selector')?.value, 'matchLabels')?.value, out);
}

const ALLOWED_TARGETS = new Set([
  'core/Service',
  'networking.istio.io/ServiceEntry',
  'gateway.networking.k8s.io/Gateway',
  'gateway.networking.k8s.io/GatewayClass',
]);

/** validatePolicyTargetReference: no namespace, and only Service, ServiceEntry, Gateway or GatewayClass. */
function checkTargetRef(ref: YNode | undefined, out: Rejections): void {
  const ns = field(ref, 'namespace');
  const nsText = text(ns?.value);
  if (ns && nsText && nsText.value !== '')
    out.reject(ns.keySpan, 'targetRef namespace must not be set: cross namespace referencing is not supported');
  const kind = text(field(ref, 'kind')?.value);
  const groupField = field(ref, 'group');
  const group = groupField ? text(groupField.value)?.value : '';
  // Malformed kinds and groups are the CRD pattern's to report.
  if (!kind || group === undefined || !/^[A-Za-z][-A-Za-z0-9_]*$/.test(kind.value) || !/^[a-z0-9.-]*$/.test(group))
    return;
  if (!ALLOWED_TARGETS.has(`${group || 'core'}/${kind.value}`))
    out.reject(
      kind.span,
      `a targetRef must point to a Service, ServiceEntry, Gateway or GatewayClass, not ${group ? `${group}/` : ''}${kind.value}`,
    );
}

/** `targetRef` and `targetRefs` of the policy kinds. */
export function checkTargetRefs(spec: YNode | undefined, out: Rejections): void {
  checkTargetRef(field(spec, 'targetRef')?.value, out);
  for (const ref of items(get(spec, 'targetRefs'))) checkTargetRef(ref, out);
}
