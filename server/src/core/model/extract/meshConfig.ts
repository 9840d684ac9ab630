import { parse } from 'yaml';
import { get, str } from '../../parse/access';
import type { YNode } from '../../parse/types';
import type { ResourceFields } from '../types';

/**
 * MeshConfig's `rootNamespace`, from an IstioOperator (`spec.meshConfig`) or from the `istio`
 * ConfigMap, whose `data.mesh` is itself a YAML document.
 */
export function extractMeshConfig(kind: string, node: YNode): ResourceFields {
  if (kind === 'IstioOperator') {
    const root = str(get(node, 'spec', 'meshConfig', 'rootNamespace'));
    return root ? { meshRootNamespace: root.value } : {};
  }
  if (kind === 'ConfigMap') {
    const name = str(get(node, 'metadata', 'name'))?.value ?? '';
    if (name !== 'istio' && !name.startsWith('istio-')) return {};
    const mesh = str(get(node, 'data', 'mesh'))?.value;
    if (!mesh) return {};
    try {
      const parsed: unknown = parse(mesh);
      if (parsed && typeof parsed === 'object' && 'rootNamespace' in parsed) {
        const value = (parsed as Record<string, unknown>).rootNamespace;
        if (typeof value === 'string' && value) return { meshRootNamespace: value };
      }
    } catch {
      // A malformed mesh config is the schema rule's concern; the root namespace stays the default.
    }
  }
  return {};
}
