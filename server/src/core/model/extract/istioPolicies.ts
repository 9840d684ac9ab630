import { get, items, pairOf, str, strings, type Str } from '../../parse/access';
import type { Span, YNode } from '../../parse/types';
import type { ResourceFields } from '../types';
import type { AuthzSummary, IdentityUse } from '../types';

/**
 * What the mesh-wide rules need of AuthorizationPolicies (the action, where rules use hosts,
 * peer identities and paths) and of Telemetry resources (the providers they name).
 */
export function extractIstioPolicies(kind: string, node: YNode): ResourceFields {
  const spec = get(node, 'spec');
  if (kind === 'AuthorizationPolicy') return { authz: authorization(spec) };
  if (kind === 'Telemetry') {
    const providers: Str[] = [];
    for (const section of ['tracing', 'accessLogging', 'metrics'])
      for (const entry of items(get(spec, section)))
        for (const p of items(get(entry, 'providers'))) {
          const name = str(get(p, 'name'));
          if (name) providers.push(name);
        }
    return providers.length > 0 ? { telemetryProviders: providers } : {};
  }
  return {};
}

const SOURCE_IDENTITIES: readonly [string, boolean][] = [
  ['principals', false],
  ['notPrincipals', true],
  ['namespaces', false],
  ['notNamespaces', true],
];

/** `when` keys that test the peer identity mTLS carries. */
const IDENTITY_CONDITIONS = new Set(['source.principal', 'source.namespace']);

function authorization(spec: YNode | undefined): AuthzSummary {
  const action = (str(get(spec, 'action'))?.value ?? 'ALLOW').trim().toUpperCase() || 'ALLOW';
  const hostKeys: { field: 'hosts' | 'notHosts'; span: Span }[] = [];
  const identities: IdentityUse[] = [];
  const pathKeys: { span: Span; example: string }[] = [];
  for (const rule of items(get(spec, 'rules'))) {
    for (const from of items(get(rule, 'from'))) {
      const source = get(from, 'source');
      for (const [field, negative] of SOURCE_IDENTITIES) {
        const pair = pairOf(source, field);
        if (pair?.key && strings(pair.value).length > 0) identities.push({ field, negative, span: pair.key.span });
      }
    }
    for (const to of items(get(rule, 'to'))) {
      const operation = get(to, 'operation');
      for (const field of ['hosts', 'notHosts'] as const) {
        const pair = pairOf(operation, field);
        if (pair?.key) hostKeys.push({ field, span: pair.key.span });
      }
      const paths = pairOf(operation, 'paths');
      const path = strings(paths?.value).find(p => p.value !== '*');
      if (paths?.key && path) pathKeys.push({ span: paths.key.span, example: path.value });
    }
    for (const condition of items(get(rule, 'when'))) {
      const key = str(get(condition, 'key'));
      if (!key || !IDENTITY_CONDITIONS.has(key.value)) continue;
      const positive = strings(get(condition, 'values')).length > 0;
      const negative = strings(get(condition, 'notValues')).length > 0;
      if (positive) identities.push({ field: key.value, negative: false, span: key.span });
      if (negative) identities.push({ field: key.value, negative: true, span: key.span });
    }
  }
  // Two lookups (merge keys followed, as entries does), not a list of every key of the spec.
  const targetsRefs = pairOf(spec, 'targetRef') !== undefined || pairOf(spec, 'targetRefs') !== undefined;
  return { action, targetsRefs, hostKeys, identities, pathKeys };
}
