import type { Str } from '../parse/access';
import type { Span } from '../parse/types';
import type {
  BackendRef,
  GrantFrom,
  GrantTo,
  L7Field,
  ListenerSummary,
  ObjectRef,
  ParentRef,
  WaypointUse,
} from './gatewayApiTypes';

export type Labels = Readonly<Record<string, string>>;

/** Where a route sends traffic: `route[].destination`, `mirror` or `mirrors[].destination`. */
export interface DestinationRef {
  readonly host: Str;
  readonly subset?: Str;
  readonly port?: number;
  /** The `port.number` value, where port findings point. */
  readonly portSpan?: Span;
  readonly via: 'http' | 'tcp' | 'tls' | 'mirror' | 'mirrors';
  /** Index of the route in its list (http/tcp/tls), for messages. */
  readonly routeIndex: number;
}

export interface SubsetDef {
  readonly name: Str;
  readonly labels: Labels;
}

/** A workload selector: `selector.matchLabels`, `workloadSelector.labels` or a Gateway's `selector`. */
export interface SelectorRef {
  readonly labels: Labels;
  /** The key whose value is the label map (`matchLabels`, `labels`, `selector`), where findings point. */
  readonly keySpan: Span;
  /** True when Helm templating hides some labels, so matching cannot be judged. */
  readonly templated: boolean;
}

export interface GatewayServer {
  readonly hosts: readonly Str[];
  readonly port?: number;
  readonly protocol?: string;
  readonly portName?: string;
  readonly tlsMode?: string;
  /** The `port.number` value. */
  readonly portSpan?: Span;
  /** True when the server has a `tls` block (Istio then tells servers on one port apart by SNI host). */
  readonly hasTls?: boolean;
}

export interface TlsModeRef {
  readonly mode: Str;
  /** Set when the mode is in `portLevelSettings`. */
  readonly port?: number;
}

export interface ServicePortRef {
  readonly port?: number;
  readonly name?: Str;
  readonly protocol?: string;
  readonly appProtocol?: string;
  /** `targetPort` (a container port number or name); undefined when not written. */
  readonly targetPort?: number | string;
  readonly span: Span;
}

/** A VirtualService `http[].delegate`: the delegate VirtualService by name and namespace. */
export interface DelegateRef {
  readonly name: Str;
  /** Undefined when not written (the root VirtualService's namespace). */
  readonly namespace?: Str;
}

/** The shape of a VirtualService's HTTP routes, for judging whether two of them can be merged. */
export interface HttpRoutesSummary {
  readonly count: number;
  /** Some route has no `match` (or an empty one), so it takes every request that reaches it. */
  readonly catchAll: boolean;
}

export interface PortMtlsRef {
  readonly port: string;
  readonly mode: Str;
}

export interface KustomizationInfo {
  readonly namespace?: string;
  /** Entries of `resources`, `bases` and `components`, as written (relative paths). */
  readonly resources: readonly string[];
}

/**
 * A compact, plain-data summary of one Kubernetes/Istio object: everything the cross-file rules
 * and workspace lookups need, with the spans of the nodes findings point at. Kept for every file
 * in the workspace, so it holds no YAML tree.
 */
export interface Resource {
  /** `<file>#<document>` or `<file>#<document>.<list item>`; stable while the file is unchanged. */
  readonly id: string;
  readonly file: string;
  readonly docIndex: number;
  readonly itemIndex?: number;
  readonly span: Span;
  readonly apiVersion: string;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly apiVersionSpan?: Span;
  readonly kindSpan?: Span;
  readonly name?: string;
  readonly nameSpan?: Span;
  /** `metadata.namespace` as written. */
  readonly explicitNamespace?: string;
  readonly namespaceSpan?: Span;
  /** Effective namespace (metadata, kustomization, default): set by the index. */
  namespace: string;
  readonly labels: Labels;
  /** Rule ids (or `*`) from the `galley.istio.io/analyze-suppress` annotation. */
  readonly suppress: readonly string[];
  /** Helm templating hides values in this resource: absence-based checks must not trust it. */
  readonly incomplete: boolean;
  /**
   * The document is momentarily broken (mid-edit): this is the last good summary, kept so other
   * files do not light up with errors, but no findings are reported for it.
   */
  readonly stale?: boolean;

  readonly hosts?: readonly Str[];
  readonly exportTo?: readonly string[];
  /** VirtualService `gateways`; undefined when not written (which means `mesh`). */
  readonly gateways?: readonly Str[];
  /** VirtualService `http|tcp|tls[].match[].gateways` entries; undefined when there are none. */
  readonly matchGateways?: readonly Str[];
  readonly destinations?: readonly DestinationRef[];
  /** VirtualService `http[].delegate` entries. */
  readonly delegates?: readonly DelegateRef[];
  readonly httpRoutes?: HttpRoutesSummary;
  /** DestinationRule `spec.host`. */
  readonly drHost?: Str;
  readonly subsets?: readonly SubsetDef[];
  readonly tlsModes?: readonly TlsModeRef[];
  readonly selector?: SelectorRef;
  readonly servers?: readonly GatewayServer[];
  /** Labels of the pods a workload runs (pod template, Pod, WorkloadEntry, WorkloadGroup template). */
  readonly podLabels?: Labels;
  readonly serviceAccount?: string;
  readonly ports?: readonly ServicePortRef[];
  /** Service `spec.selector`. */
  readonly serviceSelector?: Labels;
  /** Service `spec.type` (ExternalName services have no endpoints). */
  readonly serviceType?: string;
  /** PeerAuthentication `mtls.mode`. */
  readonly mtlsMode?: Str;
  readonly portMtls?: readonly PortMtlsRef[];
  /** ServiceEntry `location` (MESH_EXTERNAL by default). */
  readonly location?: string;
  /** MeshConfig `rootNamespace` set by an IstioOperator or the `istio` ConfigMap. */
  readonly meshRootNamespace?: string;
  readonly kustomization?: KustomizationInfo;

  // Gateway API (gateway.networking.k8s.io) and ambient mode.
  /** Gateway `spec.gatewayClassName`. */
  readonly gatewayClassName?: Str;
  /** Gateway `spec.listeners`. */
  readonly listeners?: readonly ListenerSummary[];
  /** GatewayClass `spec.controllerName`. */
  readonly controllerName?: string;
  /** Route `spec.parentRefs`. */
  readonly parentRefs?: readonly ParentRef[];
  /** Route `spec.hostnames` (HTTPRoute, GRPCRoute, TLSRoute). */
  readonly hostnames?: readonly Str[];
  /** Route backendRefs, rule by rule, including `requestMirror` backends. */
  readonly backendRefs?: readonly BackendRef[];
  /** ReferenceGrant `spec.from` and `spec.to`. */
  readonly grantFrom?: readonly GrantFrom[];
  readonly grantTo?: readonly GrantTo[];
  /** `targetRefs` (and the legacy `targetRef`) of policies: BackendTLSPolicy, AuthorizationPolicy, Telemetry… */
  readonly targetRefs?: readonly ObjectRef[];
  /** `istio.io/use-waypoint` on a Namespace, Service or ServiceEntry, or in a workload's pod labels. */
  readonly useWaypoint?: WaypointUse;
  /** AuthorizationPolicy `action` (ALLOW unless written). */
  readonly action?: string;
  /** AuthorizationPolicy rule fields that only an HTTP proxy (sidecar, waypoint) can enforce. */
  readonly l7Fields?: readonly L7Field[];
}
