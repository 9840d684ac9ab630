import type { Lookup } from '../../index/lookup';
import type { Resource } from '../../model/types';
import { dirname } from '../../util/paths';

/**
 * The MeshConfig of the workspace, as rules that depend on mesh-wide settings may trust it: the
 * IstioOperators and `istio` ConfigMaps the index found, when they plausibly describe one mesh —
 * all in one directory (overlays passed together to `istioctl install -f a.yaml -f b.yaml`, or an
 * IstioOperator next to the ConfigMap it generates) and all readable. Several in different places
 * are alternatives (Istio's samples hold many) or other clusters: nothing can be said from them.
 */
export function workspaceMesh(index: Lookup): { readonly configs: readonly Resource[]; readonly known: boolean } {
  const configs = index.meshConfigs();
  if (configs.length === 0) return { configs, known: false };
  const dir = dirname(configs[0].file);
  const known = configs.every(m => dirname(m.file) === dir && !m.incomplete && !m.mesh?.incomplete);
  return { configs, known };
}
