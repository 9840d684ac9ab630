import { get, items, num, str, stringMap } from '../../parse/access';
import type { YNode } from '../../parse/types';
import type { ServicePortRef, ResourceFields } from '../types';

/** Summary fields of the Kubernetes kinds Istio semantics depend on. */
export function extractKubernetes(kind: string, node: YNode): ResourceFields {
  const spec = get(node, 'spec');
  switch (kind) {
    case 'Service':
      return {
        ports: servicePorts(spec),
        serviceSelector: get(spec, 'selector') ? stringMap(get(spec, 'selector')) : undefined,
        serviceType: str(get(spec, 'type'))?.value ?? 'ClusterIP',
        exportTo: exportToAnnotation(node),
      };
    case 'Pod':
      return {
        podLabels: stringMap(get(node, 'metadata', 'labels')),
        serviceAccount: str(get(spec, 'serviceAccountName'))?.value,
      };
    case 'CronJob': {
      const template = get(spec, 'jobTemplate', 'spec', 'template');
      return {
        podLabels: stringMap(get(template, 'metadata', 'labels')),
        serviceAccount: str(get(template, 'spec', 'serviceAccountName'))?.value,
      };
    }
    case 'Namespace':
    case 'ServiceAccount':
      return {};
    default: {
      const template = get(spec, 'template');
      return {
        podLabels: stringMap(get(template, 'metadata', 'labels')),
        serviceAccount: str(get(template, 'spec', 'serviceAccountName'))?.value,
      };
    }
  }
}

/** The `networking.istio.io/exportTo` annotation: comma-separated namespaces, `.`, `*` or `~`. */
function exportToAnnotation(node: YNode): string[] | undefined {
  const value = str(get(node, 'metadata', 'annotations', 'networking.istio.io/exportTo'))?.value;
  // Most Services have none: nothing to split.
  if (value === undefined) return undefined;
  const list = value
    .split(',')
    .map(v => v.trim())
    .filter(Boolean);
  return list.length > 0 ? list : undefined;
}

function servicePorts(spec: YNode | undefined): ServicePortRef[] {
  return items(get(spec, 'ports')).map(p => ({
    port: num(get(p, 'port')),
    name: str(get(p, 'name')),
    protocol: str(get(p, 'protocol'))?.value,
    appProtocol: str(get(p, 'appProtocol'))?.value,
    targetPort: num(get(p, 'targetPort')) ?? str(get(p, 'targetPort'))?.value,
    span: p.span,
  }));
}
