/**
 * The plan of a generated mesh: every decision that more than one emitter needs (which services
 * exist, who routes where, which DestinationRule is visible to whom, where defects are planted) is
 * made here first, so emitters only turn decisions into text.
 */
export const ROOT_NS = 'istio-system';
export const INGRESS_NS = 'istio-ingress';
export const CLUSTER_SUFFIX = 'svc.cluster.local';

export type Protocol = 'http' | 'grpc' | 'tcp';
export type Layout = 'split' | 'combined' | 'single' | 'pair';

export interface MeshPlan {
  readonly size: string;
  readonly seed: number;
  readonly namespaces: AppNamespace[];
  /** Namespaces with no workloads that only hold (planted) misplaced DestinationRules. */
  readonly configNamespaces: ConfigNamespace[];
  readonly ingress: IngressPlan;
  readonly charts: number;
}

export interface AppNamespace {
  readonly name: string;
  readonly index: number;
  readonly team: string;
  /** Kustomize layout: resources in base/ carry no namespace; the overlay sets it. */
  readonly kustomize?: { readonly env: string; readonly listFiles: boolean };
  /** Namespace-wide PeerAuthentication mode, if any. */
  readonly peerAuth: 'STRICT' | 'PERMISSIVE' | 'none';
  readonly services: Service[];
  readonly externals: External[];
  /** Namespace-wide edge VirtualService for `<ns>.example.com`: in this namespace or in istio-ingress. */
  edge: 'local' | 'ingress' | 'none';
  /** A Gateway owned by the team, in this namespace, for `*.<ns>.apps.example.io`. */
  teamGateway: boolean;
  /** Listed in the partner Gateway as `<ns>/*.<ns>.partners.example.org`. */
  partner: boolean;
  /** Client-side DestinationRules for other namespaces' services (traffic policy only, no subsets). */
  readonly clientDrs: Service[];
  /** Namespace-local overrides of another namespace's service (exportTo "." on both sides). */
  readonly overrideVs: Service[];
  /** Planted namespace-level defects. */
  readonly plants: NamespacePlant[];
  /** Services of other namespaces whose planted defect puts a document in this namespace. */
  readonly guests: Service[];
}

export interface ConfigNamespace {
  readonly name: string;
  readonly kustomize: boolean;
  /** Planted: DestinationRules for services of other namespaces. */
  readonly misplacedDrs: Service[];
}

export interface Service {
  readonly ns: AppNamespace;
  readonly name: string;
  readonly fqdn: string;
  readonly versions: string[];
  readonly protocol: Protocol;
  readonly port: number;
  readonly targetPort: number;
  readonly layout: Layout;
  readonly stateful: boolean;
  /** VirtualService + DestinationRule in the service's namespace. */
  readonly routing: boolean;
  /** Only a DestinationRule (traffic policy, subsets), no VirtualService. */
  readonly drOnly: boolean;
  vsExport?: string[];
  drExport?: string[];
  /** Clean `tls.mode: DISABLE` on its own DR (only in namespaces that are not STRICT). */
  readonly tlsDisable: boolean;
  /** Extra http routes in its VirtualService to services of other namespaces, by subset. */
  readonly crossRoutes: Service[];
  publicVs?: 'public' | 'public-mesh' | 'internal' | 'team' | 'passthrough';
  readonly authz: boolean;
  readonly hpa: boolean;
  readonly configMap: boolean;
  readonly pdb: boolean;
  /** Its own ServiceAccount; the others run as `default`. */
  readonly serviceAccount: boolean;
  plant?: ServicePlant;
}

export interface External {
  readonly host: string;
  readonly ports: ReadonlyArray<{ readonly number: number; readonly name: string; readonly protocol: string }>;
  readonly withVs: boolean;
  readonly withDr: boolean;
}

export interface IngressPlan {
  /** Namespaces listed by the partner Gateway with an `ns/` prefix. */
  readonly partnerNamespaces: AppNamespace[];
  /** Planted Gateways whose selector matches no workload. */
  readonly orphanGateways: number;
  /** Planted: a second VirtualService in istio-ingress claiming a service's public host. */
  readonly conflicting: Service[];
}

export type ServicePlant =
  | {
      readonly rule: 'subset-not-found';
      readonly variant: 'route' | 'mirror' | 'mirrors' | 'nodr' | 'export';
      readonly target?: Service;
    }
  | { readonly rule: 'host-not-found'; readonly variant: 'short' | 'fqdn'; readonly target?: Service }
  | { readonly rule: 'duplicate-destination-rule'; readonly fqdn: boolean; readonly ownFile: boolean }
  | {
      readonly rule: 'conflicting-virtual-service';
      readonly variant: 'same-ns' | 'cross-ns' | 'gateway';
      readonly other?: AppNamespace;
    }
  | { readonly rule: 'mtls-conflict'; readonly variant: 'own' | 'port' | 'client'; readonly client?: AppNamespace }
  | { readonly rule: 'gateway-not-found'; readonly variant: 'short' | 'typo' }
  | {
      readonly rule: 'gateway-host-mismatch';
      readonly variant: 'domain' | 'dot' | 'ns';
      readonly partner?: AppNamespace;
    }
  | {
      readonly rule: 'selector-matches-nothing';
      readonly variant: 'authz-version' | 'authz-app' | 'telemetry' | 'sidecar' | 'peer';
    }
  | { readonly rule: 'destination-rule-ignored' };

export type NamespacePlant = { readonly rule: 'multiple-namespace-sidecars' };

export function fqdn(name: string, ns: string): string {
  return `${name}.${ns}.${CLUSTER_SUFFIX}`;
}
