import { entries, get, items } from '../parse/access';
import type { YNode } from '../parse/types';
import { field, text, type Rejections } from './types';

/**
 * validateWorkloadSelector / ValidateAlphaWorkloadSelector: selector labels may not have an empty
 * key nor a `*` in key or value (selectors match labels exactly). `values: false` when a CEL rule of
 * the CRD checks the values.
 */
export function checkSelectorLabels(labels: YNode | undefined, out: Rejections, options = { values: true }): void {
  for (const { key, pair } of entries(labels)) {
    if (out.isTemplated(pair.key) || out.isTemplated(pair.value)) continue;
    const value = text(pair.value)?.value ?? '';
    if (key.value === '') out.reject(key.span, 'a selector label key may not be empty');
    else if (key.value.includes('*'))
      out.reject(key.span, `wildcard is not supported in selector labels ("${key.value}")`);
    else if (options.values && value.includes('*'))
      out.reject(text(pair.value)!.span, `wildcard is not supported in selector labels ("${key.value}: ${value}")`);
  }
}

// `selector.matchLabels` of the security, telemetry and extension kinds: the CRDs' CEL rules (rule `schema`).

const KIND_PATTERN = /^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const GROUP_PATTERN = /^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const ALLOWED_TARGETS = new Set([
  'core/Service',
  'networking.istio.io/ServiceEntry',
  'gateway.networking.k8s.io/Gateway',
  'gateway.networking.k8s.io/GatewayClass',
]);

/** validatePolicyTargetReference: only Service, ServiceEntry, Gateway or GatewayClass. */
function checkTargetRef(ref: YNode | undefined, out: Rejections): void {
  // A namespace (cross namespace reference) is the CRDs' CEL rule to report (rule `schema`).
  const kind = text(field(ref, 'kind')?.value);
  const groupField = field(ref, 'group');
  const group = groupField ? text(groupField.value)?.value : '';
  // Malformed kinds and groups are the CRD pattern's to report (the patterns below are the CRD's).
  if (!kind || group === undefined || !KIND_PATTERN.test(kind.value) || !GROUP_PATTERN.test(group)) return;
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
