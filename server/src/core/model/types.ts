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
  /** `weight` of the route destination, when written. */
  readonly weight?: number;
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

/** One match of a VirtualService route, as far as gateways and listener ports are concerned. */
export interface RouteMatchRef {
  /** `gateways` of the match; undefined when not written (the VirtualService's gateways apply). */
  readonly gateways?: readonly string[];
  /** `port` of the match (the listener port it is restricted to). */
  readonly port?: number;
  /** The match's conditions as readable text (matchText.ts), for the mesh graph; undefined when it has none. */
  readonly text?: string;
}

/** A VirtualService `http[]`, `tcp[]` or `tls[]` route. */
export interface RouteRef {
  readonly via: 'http' | 'tcp' | 'tls';
  readonly index: number;
  /** The route's first key, where findings about the whole route point. */
  readonly span: Span;
  /** The `http`/`tcp`/`tls` key of the list, where findings about all its routes point. */
  readonly listSpan: Span;
  /** The route's matches; empty when it has none (it then applies wherever the VirtualService does). */
  readonly matches: readonly RouteMatchRef[];
}

export interface PortMtlsRef {
  readonly port: string;
  readonly mode: Str;
}

/** MeshConfig `defaultServiceExportTo`, `defaultVirtualServiceExportTo`, `defaultDestinationRuleExportTo`, when set. */
export interface MeshExportDefaults {
  readonly service?: readonly string[];
  readonly virtualService?: readonly string[];
  readonly destinationRule?: readonly string[];
}

/**
 * Where the index placed one instance of an object (set by the index, not by summarising). A
 * file's object can be placed more than once: in every environment that shares the file, and once
 * per kustomize build that includes it.
 */
export interface Placement {
  /** The environment; undefined when the workspace is one environment. */
  readonly environment?: string;
  /**
   * What applies the object together with others: a kustomize build or an environment folder
   * (its path), or a configured environment (`environment:<name>`). Undefined for loose files.
   */
  readonly group?: string;
  /** The root kustomization whose build includes the object, when one does. */
  readonly root?: string;
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
  /** Effective namespace (kustomization, metadata, default): set by the index. */
  namespace: string;
  /** Set by the index: the environment and build this instance belongs to (undefined: the only one). */
  placement?: Placement;
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
  /** `spec.exportTo` (VirtualService, DestinationRule, ServiceEntry) or a Service's `networking.istio.io/exportTo` annotation. */
  readonly exportTo?: readonly string[];
  /** VirtualService `gateways`; undefined when not written (which means `mesh`). */
  readonly gateways?: readonly Str[];
  /** VirtualService `http|tcp|tls[].match[].gateways` entries; undefined when there are none. */
  readonly matchGateways?: readonly Str[];
  readonly destinations?: readonly DestinationRef[];
  /** VirtualService `http[].delegate` entries. */
  readonly delegates?: readonly DelegateRef[];
  readonly httpRoutes?: HttpRoutesSummary;
  /** VirtualService routes of every kind, with the gateways and ports their matches name. */
  readonly routes?: readonly RouteRef[];
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
  /** MeshConfig exportTo defaults set by an IstioOperator or the `istio` ConfigMap. */
  readonly meshExportTo?: MeshExportDefaults;
  /** The settings of a MeshConfig (IstioOperator `spec.meshConfig`, the `istio` ConfigMap's `mesh`) rules read. */
  readonly mesh?: MeshSummary;
  /** What a workload's pods tell Istio (their proxy.istio.io/config, grace period, gateway-ness). */
  readonly pods?: PodSummary;
  /** AuthorizationPolicy rules, as far as rules across files need them. */
  readonly authz?: AuthzSummary;
  /** Telemetry `providers[].name` of its tracing, accessLogging and metrics entries. */
  readonly telemetryProviders?: readonly Str[];
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
  /** Route `rules[].matches`, rule by rule, as readable text (matchText.ts), for the mesh graph. */
  readonly ruleMatches?: readonly (readonly string[])[];
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

/** The fields a kind's extractor (model/extract/) fills in; summarize.ts adds the common ones. */
export type ResourceFields = { -readonly [K in keyof Resource]?: Resource[K] };

/** MeshConfig settings, as written (Istio's defaults are the rules' business). */
export interface MeshSummary {
  /** Names of `extensionProviders`; undefined when some name cannot be read (templated). */
  readonly extensionProviders?: readonly string[];
  /** `pathNormalization.normalization`; undefined when not set (Istio then uses BASE). */
  readonly pathNormalization?: string;
  /** `defaultConfig.terminationDrainDuration` in milliseconds, when set. */
  readonly drainMs?: number;
  readonly drainText?: string;
  /** Its value in the file, when it can be placed exactly. */
  readonly drainSpan?: Span;
  /** `pathNormalization.normalization`'s value in the file. */
  readonly pathNormalizationSpan?: Span;
  /** The whole MeshConfig could not be read (templated, not YAML): rules must not rely on what it lacks. */
  readonly incomplete?: boolean;
}

/** The Istio-relevant facts of a workload's pod template (or a Pod). */
export interface PodSummary {
  /** `terminationDrainDuration` of the pods' `proxy.istio.io/config`, with the span of its value when exact. */
  readonly drain?: { readonly ms: number; readonly text: string; readonly span?: Span };
  /** `terminationGracePeriodSeconds` of the pod spec, when written as a number. */
  readonly graceSeconds?: number;
  readonly graceSpan?: Span;
  /** The pod spec's key (`spec` of the template or Pod), where pod-level findings point. */
  readonly specKeySpan?: Span;
  /** Deployed as a gateway (the `gateway` injection template, `proxy router`); see isGatewayWorkload. */
  readonly gateway: boolean;
  /** The pods opt out of sidecar injection (`sidecar.istio.io/inject: "false"`). */
  readonly noSidecar?: true;
}

/** One use of a peer identity in an AuthorizationPolicy rule. */
export interface IdentityUse {
  /** `principals`, `notPrincipals`, `namespaces`, `notNamespaces`, or a `when` key such as `source.principal`. */
  readonly field: string;
  readonly negative: boolean;
  readonly span: Span;
}

export interface AuthzSummary {
  /** `action`, upper-cased; ALLOW when not written. */
  readonly action: string;
  /** The policy names `targetRef`/`targetRefs` (waypoints, gateways) instead of a selector. */
  readonly targetsRefs: boolean;
  /** `to.operation.hosts` / `notHosts` keys. */
  readonly hostKeys: readonly { readonly field: 'hosts' | 'notHosts'; readonly span: Span }[];
  readonly identities: readonly IdentityUse[];
  /** `to.operation.paths` keys whose values are not only `*`, with the first such path. */
  readonly pathKeys: readonly { readonly span: Span; readonly example: string }[];
}
