import { asMap, get, items, type Str } from '../parse/access';
import type { Span, YMap, YPair } from '../parse/types';
import { CLUSTER_DOMAIN, isWildcard, parseServiceFqdn, resolveHost } from '../model/hosts';
import type { Labels, Resource } from '../model/types';
import type { Lookup } from '../index/lookup';
import { ownPair, removePair } from './support/edits';
import { resourceNode } from './support/resourceEdit';
import type { CrossFileRule, Fix, TextEdit } from './types';

/**
 * A DestinationRule that turns mutual TLS off (DISABLE) or replaces it with plain TLS (SIMPLE)
 * towards a mesh service whose sidecars only accept mutual TLS: every connection is reset.
 * The effective PeerAuthentication follows Istio's precedence: a workload policy beats the
 * namespace policy, which beats the mesh policy (root namespace, no selector).
 */
export const rule: CrossFileRule = {
  id: 'mtls-conflict',
  meta: {
    description:
      'A DestinationRule disables mutual TLS (or uses SIMPLE TLS) towards a mesh service whose PeerAuthentication is STRICT.',
    defaultSeverity: 'error',
    crossFile: true,
    fixable: true,
    kinds: ['DestinationRule'],
    messages: {
      conflict:
        'tls.mode {mode} makes clients send {what} to {host}, but {scope} only accepts mutual TLS (PeerAuthentication {policy} is STRICT): its sidecars reject these connections. Remove the tls block and auto mTLS uses ISTIO_MUTUAL.',
    },
  },
  check(ctx) {
    const dr = ctx.resource;
    if (!dr.drHost || !dr.tlsModes) return;
    const offending = dr.tlsModes.filter(t => RELAXED_CLIENT_MODES.has(t.mode.value.trim().toUpperCase()));
    if (offending.length === 0) return;
    const host = resolveHost(dr.drHost.value, dr.namespace);
    const server = meshServer(ctx.index, host);
    if (!server) return;
    // A templated PeerAuthentication could relax the namespace or the workloads.
    if (
      ctx.index.hasIncomplete('PeerAuthentication', server.namespace) ||
      ctx.index.hasIncomplete('PeerAuthentication', ctx.index.rootNamespace)
    )
      return;
    const strict = strictPolicy(ctx.index, server);
    if (!strict) return;
    const root = ctx.index.rootNamespace;
    for (const t of offending) {
      const mode = t.mode.value.trim().toUpperCase();
      ctx.report({
        span: t.mode.span,
        messageId: 'conflict',
        data: {
          mode,
          what: mode === 'DISABLE' ? 'plaintext' : 'TLS without the Istio client certificate',
          host,
          scope:
            strict.namespace === root && server.namespace !== root
              ? `the whole mesh (root namespace ${root})`
              : `namespace ${server.namespace}`,
          policy: `${strict.namespace}/${strict.name ?? '?'}`,
        },
        related: [
          {
            file: strict.file,
            span: strict.mtlsMode?.span ?? strict.nameSpan ?? strict.span,
            message: `PeerAuthentication ${strict.namespace}/${strict.name ?? '?'}: STRICT`,
          },
        ],
        fixes: [removeTlsFix(dr, t.mode)],
      });
    }
  },
};

/** Client TLS modes a STRICT server rejects. */
const RELAXED_CLIENT_MODES = new Set(['DISABLE', 'SIMPLE']);
/** Server modes that accept plaintext, on a workload or a port. */
const RELAXED_SERVER_MODES = new Set(['PERMISSIVE', 'DISABLE']);

interface MeshServer {
  readonly namespace: string;
  /** Labels of the pods behind the host; undefined when unknown (any pod of the namespace). */
  readonly selector?: Labels;
  /**
   * Known only from the host's name (`name.ns.svc.cluster.local`): no Service or ServiceEntry of
   * the workspace defines it, as when Istio config lives in a repository of its own.
   */
  readonly fromName?: boolean;
}

/** The namespace (and pods) serving an in-mesh host: a Kubernetes Service or a MESH_INTERNAL ServiceEntry. */
function meshServer(index: Lookup, host: string): MeshServer | undefined {
  if (isWildcard(host)) {
    const m = new RegExp(`^\\*\\.([^.]+)\\.svc\\.${CLUSTER_DOMAIN.replace('.', '\\.')}$`).exec(host);
    return m && index.ofKind('Service', m[1]).length > 0 ? { namespace: m[1] } : undefined;
  }
  const providers = index.servicesForHost(host);
  const service = providers.find(p => p.kind === 'Service' && p.serviceType !== 'ExternalName');
  if (service) return { namespace: service.namespace, selector: service.serviceSelector };
  const entry = providers.find(p => p.kind === 'ServiceEntry' && p.location === 'MESH_INTERNAL');
  if (entry) return { namespace: entry.namespace, selector: entry.selector?.labels };
  if (providers.length > 0) return undefined;
  const fromName = parseServiceFqdn(host)?.namespace;
  return fromName ? { namespace: fromName, fromName: true } : undefined;
}

/** The PeerAuthentication that makes the server STRICT, or undefined when it is not (or not surely). */
function strictPolicy(index: Lookup, server: MeshServer): Resource | undefined {
  const root = index.rootNamespace;
  const local = index.ofKind('PeerAuthentication', server.namespace);
  const rootPolicies = server.namespace === root ? [] : index.ofKind('PeerAuthentication', root);
  // A workload policy that may select the service's pods and accepts plaintext wins over any
  // namespace or mesh policy, for those pods or ports.
  const relaxing = [...local, ...rootPolicies].filter(
    pa => pa.selector && relaxes(pa) && mayOverlap(pa.selector.labels, server.selector),
  );
  if (relaxing.length > 0) return undefined;
  const namespaceLevel = decide(local.filter(pa => !pa.selector));
  if (namespaceLevel !== 'inherit')
    return namespaceLevel === 'other' || namespaceLevel === 'ambiguous' ? undefined : namespaceLevel;
  // A mesh-wide STRICT policy says nothing about whether a service the workspace does not show
  // runs sidecars (plaintext to a namespace without them is right); a namespace policy does.
  if (server.namespace === root || server.fromName) return undefined;
  const meshLevel = decide(rootPolicies.filter(pa => !pa.selector));
  return typeof meshLevel === 'string' ? undefined : meshLevel;
}

/** The mode several selector-less policies of one namespace decide on; Istio would pick the oldest. */
function decide(policies: readonly Resource[]): Resource | 'inherit' | 'other' | 'ambiguous' {
  const explicit = policies.filter(pa => modeOf(pa) !== 'UNSET');
  if (explicit.length === 0) return 'inherit';
  const modes = new Set(explicit.map(modeOf));
  if (modes.size > 1) return 'ambiguous';
  return modes.has('STRICT') ? explicit[0] : 'other';
}

function modeOf(pa: Resource): string {
  return (pa.mtlsMode?.value ?? 'UNSET').trim().toUpperCase() || 'UNSET';
}

function relaxes(pa: Resource): boolean {
  return (
    RELAXED_SERVER_MODES.has(modeOf(pa)) ||
    (pa.portMtls ?? []).some(p => RELAXED_SERVER_MODES.has(p.mode.value.trim().toUpperCase()))
  );
}

/** False only when the two label sets surely select different pods (a shared key with different values). */
function mayOverlap(policy: Labels, service: Labels | undefined): boolean {
  if (!service) return true;
  return Object.keys(policy).every(k => !(k in service) || service[k] === policy[k]);
}

/** Removes the `tls` block holding `mode` (and a `trafficPolicy` left empty by that). */
function removeTlsFix(dr: Resource, mode: Str): Fix {
  return {
    title: 'Remove the tls block (use auto mTLS)',
    isPreferred: true,
    compute: ({ readText }) => {
      const text = readText(dr.file);
      if (text === undefined) return undefined;
      const spec = get(resourceNode(text, dr), 'spec');
      const owners = [spec, ...items(get(spec, 'subsets'))];
      for (const owner of owners) {
        const policy = ownPair(owner, 'trafficPolicy');
        const policyMap = asMap(policy?.pair.value);
        if (!policy || !policyMap) continue;
        const edit = removeTlsIn(text, policyMap, mode.span, policy.map, policy.pair);
        if (edit) return [{ file: dr.file, edits: [edit] }];
      }
      return undefined;
    },
  };
}

function removeTlsIn(text: string, policy: YMap, mode: Span, owner: YMap, policyPair: YPair): TextEdit | undefined {
  const tls = ownPair(policy, 'tls');
  if (tls && contains(tls.pair.span, mode)) {
    return policy.items.length === 1 ? removePair(text, owner, policyPair) : removePair(text, policy, tls.pair);
  }
  for (const settings of items(get(policy, 'portLevelSettings'))) {
    const portTls = ownPair(settings, 'tls');
    if (portTls && contains(portTls.pair.span, mode)) return removePair(text, portTls.map, portTls.pair);
  }
  return undefined;
}

function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}
