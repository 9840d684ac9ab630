import type { Range, WorkspaceEdit } from 'vscode-languageserver-protocol';

/**
 * The server's own requests and notifications, beyond LSP (docs/protocol.md): the one definition
 * of their methods, parameters and results, for the server (server/src/lsp/requests.ts) and the
 * VS Code client (client/src/protocol.ts). Each side turns the descriptors below into its own
 * library's RequestType (the two bundle different versions of vscode-jsonrpc, whose classes do
 * not mix); the types travel with the descriptor, so neither side restates them.
 */

/** A request: its method; `P` and `R`, its params and result, are types only (never set at run time). */
export interface RequestDef<P, R> {
  readonly method: string;
  readonly types?: { readonly params: P; readonly result: R };
}

/** A notification: its method; `P` is the type of its params. */
export interface NotificationDef<P> {
  readonly method: string;
  readonly types?: { readonly params: P };
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** `istio/reindex`: re-reads every file of the workspace; answers when the new index is ready. */
export interface ReindexResult {
  readonly files: number;
  readonly resources: number;
  readonly findings: Readonly<Record<Severity, number>>;
}

export const REINDEX: RequestDef<void, ReindexResult> = { method: 'istio/reindex' };

/**
 * `istio/meshGraph`: where routes send traffic. Gateways (Istio and Gateway API) -> routes
 * (VirtualServices, HTTPRoutes…) -> destinations (DestinationRule subsets, hosts) -> the
 * Services and ServiceEntries behind them.
 */
export interface MeshGraphParams {
  /** Only this namespace's routes, Gateways and DestinationRules (and what they connect to). */
  readonly namespace?: string;
}

/** `KubeGateway`: a Gateway API Gateway; `Route`: an HTTPRoute, GRPCRoute, TCPRoute or TLSRoute. */
export type MeshNodeKind =
  | 'Gateway'
  | 'KubeGateway'
  | 'VirtualService'
  | 'Route'
  | 'Host'
  | 'DestinationRule'
  | 'Subset'
  | 'ServiceEntry'
  | 'Service';

/** Edge kinds, as in server/src/core/features/meshGraph.ts. */
export type MeshEdgeKind = 'binds' | 'routes' | 'appliesTo' | 'defines' | 'definedBy';

export interface MeshLocation {
  readonly uri: string;
  readonly range?: Range;
}

export interface MeshNode {
  /** `Kind:namespace/name` (`Host:<fqdn>`, `Subset:<ns>/<rule>/<subset>`); stable across requests. */
  readonly id: string;
  readonly kind: MeshNodeKind;
  readonly label: string;
  readonly namespace: string;
  /** The kind as written when the node kind stands for several (`HTTPRoute`, `GRPCRoute`…). */
  readonly resourceKind?: string;
  /** A DestinationRule's host, a route's hosts: shown under the label. */
  readonly detail?: string;
  /** The DestinationRule node a Subset is drawn inside. */
  readonly parent?: string;
  /** Where it is written (the first file); absent for what is referenced but not found. */
  readonly uri?: string;
  readonly range?: Range;
  /** Every file that defines the object when there are several (environments, alternative files). */
  readonly locations?: readonly MeshLocation[];
}

export interface MeshEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: MeshEdgeKind;
  readonly broken?: boolean;
  readonly reason?: string;
  /** `routes`: the destination's weight (percent) when the route splits traffic. */
  readonly weight?: number;
  /** `routes`: the route's match conditions, one string per match; absent when it takes every request. */
  readonly match?: readonly string[];
  /** `routes`: a mirror (copy of the traffic), not a destination. */
  readonly mirror?: boolean;
}

export interface MeshGraph {
  readonly nodes: readonly MeshNode[];
  readonly edges: readonly MeshEdge[];
}

export const MESH_GRAPH: RequestDef<MeshGraphParams | null, MeshGraph> = { method: 'istio/meshGraph' };

/** `istio/upgradePlan`: the edits that move every Istio resource (or one file's) to its v1 API. */
export interface UpgradePlanParams {
  /** One file; absent (or null params) means the whole workspace. */
  readonly uri?: string;
}

/** Lines are 0-based, at the resource's `apiVersion`. */
export interface UpgradeChange {
  readonly uri: string;
  readonly line: number;
  readonly kind: string;
  readonly name: string;
  readonly from: string;
  readonly to: string;
}

export interface UpgradeSkip {
  readonly uri: string;
  readonly line: number;
  readonly kind: string;
  readonly name: string;
  readonly reason: string;
}

export interface UpgradePlan {
  readonly edit: WorkspaceEdit;
  readonly changed: readonly UpgradeChange[];
  readonly skipped: readonly UpgradeSkip[];
}

export const UPGRADE_PLAN: RequestDef<UpgradePlanParams | null, UpgradePlan> = { method: 'istio/upgradePlan' };

/** `istio/stats`: what the benchmarks read from a running server. */
export interface StatsResult {
  readonly files: number;
  readonly resources: number;
  readonly indexed: boolean;
  /** Resident set size of the server process (includes worker threads), MB. */
  readonly rssMb: number;
  readonly heapUsedMb: number;
  /** Longest event-loop stall observed since the last reset, ms (resolution ~10 ms). */
  readonly eventLoopMaxMs: number;
  readonly eventLoopP99Ms: number;
  /** Longest garbage-collection pause since the last reset, ms. */
  readonly longestGcMs: number;
  /** CPU time (user + system) of the server process since it started, worker threads included, ms. */
  readonly cpuMs?: number;
}

export const STATS: RequestDef<{ readonly reset?: boolean } | null, StatsResult> = { method: 'istio/stats' };

/** `istio/status` (server -> client): what the status bar shows. */
export interface IndexStatus {
  readonly state: 'indexing' | 'ready' | 'error';
  readonly done?: number;
  readonly total?: number;
  readonly files?: number;
  readonly resources?: number;
  readonly message?: string;
}

export const STATUS: NotificationDef<IndexStatus> = { method: 'istio/status' };
