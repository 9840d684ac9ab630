import { RequestType, RequestType0, type Range, type WorkspaceEdit } from 'vscode-languageserver';
import type { MeshEdge, MeshNode } from '../core/features/meshGraph';
import type { Severity } from '../core/settings';

/**
 * The server's own requests and notifications, beyond LSP. Documented in docs/protocol.md;
 * the client mirrors these shapes.
 */
export interface ReindexResult {
  readonly files: number;
  readonly resources: number;
  readonly findings: Readonly<Record<Severity, number>>;
}

export const REINDEX_REQUEST = new RequestType0<ReindexResult, void>('istio/reindex');

/** `istio/meshGraph`: Gateways -> VirtualServices -> hosts -> DestinationRule subsets. */
export interface MeshGraphParams {
  /** Only this namespace's VirtualServices, Gateways and DestinationRules (and what they connect to). */
  readonly namespace?: string;
}

export type MeshNodeResult = Omit<MeshNode, 'location'> & { readonly uri?: string; readonly range?: Range };

export interface MeshGraphResult {
  readonly nodes: readonly MeshNodeResult[];
  readonly edges: readonly MeshEdge[];
}

export const MESH_GRAPH_REQUEST = new RequestType<MeshGraphParams | null, MeshGraphResult, void>('istio/meshGraph');

/** `istio/upgradePlan`: the edits that move every Istio resource (or one file's) to its v1 API. */
export interface UpgradePlanParams {
  /** One file; absent (or null params) means the whole workspace. */
  readonly uri?: string;
}

/** Lines are 0-based, at the resource's `apiVersion`. */
export interface UpgradeChangeResult {
  readonly uri: string;
  readonly line: number;
  readonly kind: string;
  readonly name: string;
  readonly from: string;
  readonly to: string;
}

export interface UpgradeSkipResult {
  readonly uri: string;
  readonly line: number;
  readonly kind: string;
  readonly name: string;
  readonly reason: string;
}

export interface UpgradePlanResult {
  readonly edit: WorkspaceEdit;
  readonly changed: readonly UpgradeChangeResult[];
  readonly skipped: readonly UpgradeSkipResult[];
}

export const UPGRADE_PLAN_REQUEST = new RequestType<UpgradePlanParams | null, UpgradePlanResult, void>(
  'istio/upgradePlan',
);

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
}

export const STATS_REQUEST = new RequestType<{ readonly reset?: boolean } | null, StatsResult, void>('istio/stats');
