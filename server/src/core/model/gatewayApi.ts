/**
 * The Kubernetes Gateway API (`gateway.networking.k8s.io`) as Istio implements it: the kinds the
 * analysis models, the defaults the CRDs apply, and which route kinds a listener protocol admits
 * (Istio's `GenerateGatewaySupportedKinds`, pilot/pkg/config/kube/gatewaycommon/conversion.go).
 */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

export interface GatewayApiKindInfo {
  readonly kind: string;
  /** Versions a current Gateway API release serves (standard or experimental channel), oldest first. */
  readonly versions: readonly string[];
  readonly docsUrl: string;
}

const SPEC = 'https://gateway-api.sigs.k8s.io/reference/spec/';

export const GATEWAY_API_KINDS: readonly GatewayApiKindInfo[] = [
  { kind: 'GatewayClass', versions: ['v1beta1', 'v1'], docsUrl: `${SPEC}#gatewayclass` },
  { kind: 'Gateway', versions: ['v1beta1', 'v1'], docsUrl: `${SPEC}#gateway` },
  { kind: 'HTTPRoute', versions: ['v1beta1', 'v1'], docsUrl: `${SPEC}#httproute` },
  { kind: 'GRPCRoute', versions: ['v1alpha2', 'v1'], docsUrl: `${SPEC}#grpcroute` },
  { kind: 'TCPRoute', versions: ['v1alpha2', 'v1'], docsUrl: `${SPEC}#tcproute` },
  { kind: 'TLSRoute', versions: ['v1alpha2', 'v1alpha3', 'v1'], docsUrl: `${SPEC}#tlsroute` },
  { kind: 'ReferenceGrant', versions: ['v1alpha2', 'v1beta1', 'v1'], docsUrl: `${SPEC}#referencegrant` },
  { kind: 'BackendTLSPolicy', versions: ['v1alpha3', 'v1'], docsUrl: `${SPEC}#backendtlspolicy` },
];

const KNOWN = new Set(GATEWAY_API_KINDS.map(k => k.kind));

export function isGatewayApiGroup(group: string): boolean {
  return group === GATEWAY_API_GROUP;
}

/** A kind of the Gateway API group that the analysis summarises. */
export function isGatewayApiKind(group: string, kind: string): boolean {
  return group === GATEWAY_API_GROUP && KNOWN.has(kind);
}

/** Route kinds with `parentRefs` and `backendRefs`. */
export const ROUTE_KINDS: readonly string[] = ['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute'];

/** Route kinds that carry `hostnames`. */
export const HOSTNAME_ROUTE_KINDS: ReadonlySet<string> = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute']);

/** Route kinds whose traffic is HTTP (what a waypoint is needed for in ambient mode). */
export const HTTP_ROUTE_KINDS: ReadonlySet<string> = new Set(['HTTPRoute', 'GRPCRoute']);

/** `group/Kind`, the key the index and rule metadata use for Gateway API kinds (a Gateway API `Gateway` is not an Istio `Gateway`). */
export function gatewayApiKindKey(kind: string): string {
  return `${GATEWAY_API_GROUP}/${kind}`;
}

export const GATEWAY_KIND_KEY = gatewayApiKindKey('Gateway');
export const GATEWAY_CLASS_KIND_KEY = gatewayApiKindKey('GatewayClass');
export const REFERENCE_GRANT_KIND_KEY = gatewayApiKindKey('ReferenceGrant');
export const ROUTE_KIND_KEYS: readonly string[] = ROUTE_KINDS.map(gatewayApiKindKey);

/** A group and kind as references write them (`group: ""` is the core group). */
export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

/**
 * The route kinds a listener of `protocol` accepts, before `allowedRoutes.kinds` narrows them;
 * undefined for protocols Istio gives no route kinds to (HBONE, UDP, custom ones), which the
 * rules then leave alone.
 */
export function supportedRouteKinds(protocol: string | undefined, tlsMode: string | undefined): string[] | undefined {
  switch (protocol) {
    case 'HTTP':
    case 'HTTPS':
      return ['HTTPRoute', 'GRPCRoute'];
    case 'TCP':
      return ['TCPRoute'];
    case 'TLS':
      // The CRD defaults tls.mode to Terminate; a terminated TLS listener also carries TCPRoutes.
      return tlsMode === 'Terminate' ? ['TLSRoute', 'TCPRoute'] : ['TLSRoute'];
    default:
      return undefined;
  }
}
