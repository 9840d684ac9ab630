import { gatewayApiKindKey, isGatewayApiGroup } from './gatewayApi';

/** What the analysis knows about each Istio API kind: its group, served versions and v1 gate. */
export interface IstioKindInfo {
  readonly kind: string;
  readonly group: string;
  /** Served versions, oldest first. */
  readonly versions: readonly string[];
  /** The Istio release from which `v1` is served, when it is. */
  readonly v1Since?: string;
  /** Reference page on istio.io. */
  readonly docsUrl: string;
}

const NET = 'networking.istio.io';
const SEC = 'security.istio.io';
const TEL = 'telemetry.istio.io';
const EXT = 'extensions.istio.io';
const INSTALL = 'install.istio.io';
const REF = 'https://istio.io/latest/docs/reference/config';
const NET_VERSIONS = ['v1alpha3', 'v1beta1', 'v1'];

export const ISTIO_KINDS: readonly IstioKindInfo[] = [
  {
    kind: 'VirtualService',
    group: NET,
    versions: NET_VERSIONS,
    v1Since: '1.22',
    docsUrl: `${REF}/networking/virtual-service/`,
  },
  {
    kind: 'DestinationRule',
    group: NET,
    versions: NET_VERSIONS,
    v1Since: '1.22',
    docsUrl: `${REF}/networking/destination-rule/`,
  },
  { kind: 'Gateway', group: NET, versions: NET_VERSIONS, v1Since: '1.22', docsUrl: `${REF}/networking/gateway/` },
  {
    kind: 'ServiceEntry',
    group: NET,
    versions: NET_VERSIONS,
    v1Since: '1.22',
    docsUrl: `${REF}/networking/service-entry/`,
  },
  { kind: 'Sidecar', group: NET, versions: NET_VERSIONS, v1Since: '1.22', docsUrl: `${REF}/networking/sidecar/` },
  {
    kind: 'WorkloadEntry',
    group: NET,
    versions: NET_VERSIONS,
    v1Since: '1.22',
    docsUrl: `${REF}/networking/workload-entry/`,
  },
  {
    kind: 'WorkloadGroup',
    group: NET,
    versions: NET_VERSIONS,
    v1Since: '1.22',
    docsUrl: `${REF}/networking/workload-group/`,
  },
  { kind: 'EnvoyFilter', group: NET, versions: ['v1alpha3'], docsUrl: `${REF}/networking/envoy-filter/` },
  { kind: 'ProxyConfig', group: NET, versions: ['v1beta1'], docsUrl: `${REF}/networking/proxy-config/` },
  {
    kind: 'AuthorizationPolicy',
    group: SEC,
    versions: ['v1beta1', 'v1'],
    v1Since: '1.17',
    docsUrl: `${REF}/security/authorization-policy/`,
  },
  {
    kind: 'PeerAuthentication',
    group: SEC,
    versions: ['v1beta1', 'v1'],
    v1Since: '1.22',
    docsUrl: `${REF}/security/peer_authentication/`,
  },
  {
    kind: 'RequestAuthentication',
    group: SEC,
    versions: ['v1beta1', 'v1'],
    v1Since: '1.17',
    docsUrl: `${REF}/security/request_authentication/`,
  },
  { kind: 'Telemetry', group: TEL, versions: ['v1alpha1', 'v1'], v1Since: '1.22', docsUrl: `${REF}/telemetry/` },
  { kind: 'WasmPlugin', group: EXT, versions: ['v1alpha1'], docsUrl: `${REF}/proxy_extensions/wasm-plugin/` },
  { kind: 'IstioOperator', group: INSTALL, versions: ['v1alpha1'], docsUrl: `${REF}/istio.operator.v1alpha1/` },
];

export const ISTIO_GROUPS: readonly string[] = [NET, SEC, TEL, EXT, INSTALL];

/** Kinds by group, then kind: asked for every resource by many rules, without making a key string each time. */
const byGroupKind = new Map<string, Map<string, IstioKindInfo>>();
for (const k of ISTIO_KINDS) {
  let kinds = byGroupKind.get(k.group);
  if (!kinds) byGroupKind.set(k.group, (kinds = new Map()));
  kinds.set(k.kind, k); // the last of namesakes, as a Map built from the list keeps
}

export function istioKind(group: string, kind: string): IstioKindInfo | undefined {
  return byGroupKind.get(group)?.get(kind);
}

export function isIstioGroup(group: string): boolean {
  return ISTIO_GROUPS.includes(group);
}

/**
 * The APIs this project treats as its own: Istio's groups and the Gateway API, which Istio
 * implements. Documents of these get completion, hover and syntax checks.
 */
export function isOwnGroup(group: string): boolean {
  return isIstioGroup(group) || isGatewayApiGroup(group);
}

/**
 * The key the index and rule metadata use for a kind: the kind itself, except for Gateway API
 * kinds (`gateway.networking.k8s.io/Gateway`), so that a Gateway API Gateway is never taken for
 * an Istio Gateway.
 */
export function kindKey(group: string, kind: string): string {
  return isGatewayApiGroup(group) ? gatewayApiKindKey(kind) : kind;
}

/** Splits `group/version` (or a bare core `v1`) into its parts. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  if (slash === -1) return { group: '', version: apiVersion };
  return { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** Kubernetes kinds whose pod template labels make a workload that Istio selectors can match. */
export const WORKLOAD_KINDS: ReadonlySet<string> = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'Pod',
  'Rollout',
]);

/** Compares dotted release numbers such as `1.22` and `1.9`. */
export function compareReleases(a: string, b: string): number {
  const pa = a.split('.').map(n => parseInt(n, 10) || 0);
  const pb = b.split('.').map(n => parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
