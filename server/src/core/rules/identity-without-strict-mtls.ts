import type { Lookup } from '../index/lookup';
import type { IdentityUse, Labels, Resource } from '../model/types';
import type { CrossFileRule } from './types';

/**
 * `principals` and `namespaces` (and the `source.principal`/`source.namespace` conditions) are
 * read from the client certificate of a mutual TLS connection. Unless PeerAuthentication makes
 * the workloads STRICT, they also accept plaintext, whose requests carry no identity: a DENY on
 * identities (or an ALLOW on `notPrincipals`/`notNamespaces`) lets them through (a warning), and
 * an ALLOW on identities refuses them (an info: callers without a sidecar are denied). The
 * effective mode follows Istio's precedence (workload policy, namespace policy, mesh policy in
 * the root namespace, PERMISSIVE by default); judged only when the workspace holds
 * PeerAuthentications at all, and not when a workload policy might make the pods STRICT.
 */
export const rule: CrossFileRule = {
  id: 'identity-without-strict-mtls',
  meta: {
    description:
      'An AuthorizationPolicy relies on peer identities (principals, namespaces) for workloads whose PeerAuthentication is not STRICT.',
    defaultSeverity: 'warning',
    crossFile: true,
    fixable: false,
    kinds: ['AuthorizationPolicy'],
    messages: {
      bypass:
        'This {action} rule matches {field}, which only mutual TLS carries, but {why}: a plaintext request has no identity, so it {effect}. Make PeerAuthentication STRICT for these workloads.',
      refused:
        '{field} comes from mutual TLS, but {why}: plaintext requests (from clients without a sidecar) carry no identity and are refused by this ALLOW rule. Make PeerAuthentication STRICT so that every caller has one.',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    const authz = r.authz;
    if (!authz || authz.identities.length === 0 || authz.targetsRefs || r.incomplete) return;
    if (authz.action !== 'ALLOW' && authz.action !== 'DENY') return;
    const index = ctx.index;
    if (index.ofKindAnywhere('PeerAuthentication').length === 0) return;
    const root = index.rootNamespace;
    if (index.hasIncomplete('PeerAuthentication', r.namespace) || index.hasIncomplete('PeerAuthentication', root))
      return;
    // A mesh-wide policy covers namespaces whose own PeerAuthentications may differ.
    if (r.namespace === root && index.ofKindAnywhere('PeerAuthentication').some(pa => pa.namespace !== root)) return;
    const mode = effectiveMode(index, r.namespace, r.selector?.labels);
    if (!mode || mode.strict) return;
    for (const use of authz.identities) report(ctx.report, authz.action, use, mode.why);
  },
};

type ReportFn = Parameters<CrossFileRule['check']>[0]['report'];

function report(reportFn: ReportFn, action: string, use: IdentityUse, why: string): void {
  const bypass = (action === 'DENY' && !use.negative) || (action === 'ALLOW' && use.negative);
  reportFn({
    span: use.span,
    messageId: bypass ? 'bypass' : 'refused',
    severity: bypass ? undefined : 'info',
    data: {
      action,
      field: use.field,
      why,
      effect: action === 'DENY' ? 'is not denied by this rule' : `matches the ${use.field} condition and is allowed`,
    },
  });
}

/**
 * The mTLS mode of the workloads a policy applies to. Undefined when it cannot be told: several
 * policies disagree, or a workload policy (selector) might cover them.
 */
function effectiveMode(
  index: Lookup,
  namespace: string,
  selector: Labels | undefined,
): { strict: boolean; why: string } | undefined {
  const root = index.rootNamespace;
  const local = index.ofKind('PeerAuthentication', namespace);
  const workloadLevel = local.filter(pa => pa.selector && mayOverlap(pa.selector.labels, selector));
  if (workloadLevel.some(pa => modeOf(pa) !== 'UNSET')) return undefined;
  const nsLevel = decide(local.filter(pa => !pa.selector));
  if (nsLevel === 'ambiguous') return undefined;
  if (nsLevel !== 'inherit') return { strict: modeOf(nsLevel) === 'STRICT', why: because(nsLevel) };
  if (namespace !== root) {
    const meshLevel = decide(index.ofKind('PeerAuthentication', root).filter(pa => !pa.selector));
    if (meshLevel === 'ambiguous') return undefined;
    if (meshLevel !== 'inherit') return { strict: modeOf(meshLevel) === 'STRICT', why: because(meshLevel) };
  }
  return {
    strict: false,
    why: `no PeerAuthentication sets a mode for namespace ${namespace} or the mesh (${root}), and Istio's default is PERMISSIVE`,
  };
}

function because(pa: Resource): string {
  return `PeerAuthentication ${pa.namespace}/${pa.name ?? '?'} is ${modeOf(pa)}`;
}

function decide(policies: readonly Resource[]): Resource | 'inherit' | 'ambiguous' {
  const explicit = policies.filter(pa => modeOf(pa) !== 'UNSET');
  if (explicit.length === 0) return 'inherit';
  return new Set(explicit.map(modeOf)).size > 1 ? 'ambiguous' : explicit[0];
}

function modeOf(pa: Resource): string {
  return (pa.mtlsMode?.value ?? 'UNSET').trim().toUpperCase() || 'UNSET';
}

/** False only when the two label sets surely select different pods. */
function mayOverlap(policy: Labels, workloads: Labels | undefined): boolean {
  if (!workloads) return true;
  return Object.keys(policy).every(k => !(k in workloads) || workloads[k] === policy[k]);
}
