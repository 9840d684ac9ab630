import { parse } from 'yaml';
import { get, str, strings } from '../../parse/access';
import type { YNode } from '../../parse/types';
import type { MeshExportDefaults, ResourceFields } from '../types';

/**
 * What the analysis reads of MeshConfig (`rootNamespace` and the exportTo defaults), from an
 * IstioOperator (`spec.meshConfig`) or from the `istio` ConfigMap, whose `data.mesh` is itself a
 * YAML document.
 */
export function extractMeshConfig(kind: string, node: YNode): ResourceFields {
  if (kind === 'IstioOperator') {
    const meshConfig = get(node, 'spec', 'meshConfig');
    const root = str(get(meshConfig, 'rootNamespace'));
    return withDefaults(root ? { meshRootNamespace: root.value } : {}, {
      service: listOf(strings(get(meshConfig, 'defaultServiceExportTo')).map(s => s.value)),
      virtualService: listOf(strings(get(meshConfig, 'defaultVirtualServiceExportTo')).map(s => s.value)),
      destinationRule: listOf(strings(get(meshConfig, 'defaultDestinationRuleExportTo')).map(s => s.value)),
    });
  }
  if (kind === 'ConfigMap') {
    const name = str(get(node, 'metadata', 'name'))?.value ?? '';
    if (name !== 'istio' && !name.startsWith('istio-')) return {};
    const mesh = str(get(node, 'data', 'mesh'))?.value;
    if (!mesh) return {};
    try {
      const parsed: unknown = parse(mesh);
      if (parsed && typeof parsed === 'object') {
        const config = parsed as Record<string, unknown>;
        const value = config.rootNamespace;
        return withDefaults(typeof value === 'string' && value ? { meshRootNamespace: value } : {}, {
          service: listOf(config.defaultServiceExportTo),
          virtualService: listOf(config.defaultVirtualServiceExportTo),
          destinationRule: listOf(config.defaultDestinationRuleExportTo),
        });
      }
    } catch {
      // A malformed mesh config is the schema rule's concern; the root namespace stays the default.
    }
  }
  return {};
}

function withDefaults(fields: ResourceFields, defaults: MeshExportDefaults): ResourceFields {
  const set = Object.entries(defaults).filter(([, v]) => v !== undefined);
  return set.length > 0 ? { ...fields, meshExportTo: Object.fromEntries(set) as MeshExportDefaults } : fields;
}

function listOf(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const list = value.filter((v): v is string => typeof v === 'string').map(v => v.trim());
  return list.length > 0 ? list : undefined;
}
