import type { Resource } from '../model/types';
import { didYouMean } from './support/distance';
import { workspaceMesh } from './support/meshConfigs';
import { replaceValueFix } from './support/resourceEdit';
import type { CrossFileRule } from './types';

/**
 * A Telemetry resource names a provider (`tracing`, `accessLogging` or `metrics` `providers[].name`)
 * that the mesh does not have: istiod looks providers up by name (case-insensitively) among
 * MeshConfig `extensionProviders`, which always include `prometheus`, `stackdriver` and `envoy`
 * (istio/istio pkg/config/mesh DefaultMeshConfig), and skips a name it does not find, so the
 * telemetry is silently not produced. Judged only when the workspace holds the mesh's
 * configuration (an IstioOperator or the `istio` ConfigMap, or several in one directory) and every
 * provider name in it is known.
 */
export const rule: CrossFileRule = {
  id: 'telemetry-provider-not-found',
  meta: {
    description:
      "A Telemetry provider that is neither built in nor an extensionProviders entry of the workspace's MeshConfig.",
    defaultSeverity: 'warning',
    crossFile: true,
    fixable: true,
    kinds: ['Telemetry'],
    messages: {
      missing:
        "Provider '{name}' is neither built in (prometheus, stackdriver, envoy) nor an extensionProviders entry of the mesh config ({mesh}): Istio skips it, so this telemetry is not produced.{hint}",
    },
  },
  check(ctx) {
    const r = ctx.resource;
    if (!r.telemetryProviders || r.incomplete) return;
    const mesh = workspaceMesh(ctx.index);
    if (!mesh.known) return;
    const meshes = mesh.configs;
    const defined = [...BUILTIN_PROVIDERS];
    for (const m of meshes) {
      const names = m.mesh?.extensionProviders;
      if (!names) return;
      defined.push(...names);
    }
    const known = new Set(defined.map(n => n.toLowerCase()));
    for (const provider of r.telemetryProviders) {
      if (provider.value.includes('\uE000') || known.has(provider.value.toLowerCase())) continue;
      const suggestion = didYouMean(provider.value, [...new Set(defined)]);
      ctx.report({
        span: provider.span,
        messageId: 'missing',
        data: {
          name: provider.value,
          mesh: meshes.map(describe).join(', '),
          hint: suggestion ? ` Did you mean '${suggestion}'?` : '',
        },
        related: meshes.map(m => ({
          file: m.file,
          span: m.nameSpan ?? m.span,
          message: `MeshConfig in ${describe(m)}`,
        })),
        fixes: suggestion
          ? [replaceValueFix(r.file, provider, suggestion, `Replace with ${suggestion}`, true)]
          : undefined,
      });
    }
  },
};

/** The providers every mesh has (DefaultMeshConfig's extensionProviders). */
const BUILTIN_PROVIDERS = ['prometheus', 'stackdriver', 'envoy'];

function describe(m: Resource): string {
  return `${m.kind} ${m.namespace}/${m.name ?? '?'}`;
}
