import { RequestType0, RequestType } from 'vscode-languageclient/node';
import type { Range, WorkspaceEdit } from 'vscode-languageclient/node';

/**
 * The client's mirror of the server's own requests (docs/protocol.md). Kept separate from
 * server/src/lsp/requests.ts on purpose: the client is bundled without any server code.
 */
export interface ReindexResult {
  readonly files: number;
  readonly resources: number;
  readonly findings: Readonly<Record<'error' | 'warning' | 'info' | 'hint', number>>;
}
export const REINDEX_REQUEST = new RequestType0<ReindexResult, void>('istio/reindex');

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
export const UPGRADE_PLAN_REQUEST = new RequestType0<UpgradePlan, void>('istio/upgradePlan');

export type MeshNodeKind =
  'Gateway' | 'VirtualService' | 'Host' | 'DestinationRule' | 'Subset' | 'ServiceEntry' | 'Service';
export interface MeshNode {
  readonly id: string;
  readonly kind: MeshNodeKind;
  readonly label: string;
  readonly namespace: string;
  readonly uri?: string;
  readonly range?: Range;
}
export interface MeshEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: string;
  readonly broken?: boolean;
  readonly reason?: string;
}
export interface MeshGraph {
  readonly nodes: readonly MeshNode[];
  readonly edges: readonly MeshEdge[];
}
export const MESH_GRAPH_REQUEST = new RequestType<Record<string, never>, MeshGraph, void>('istio/meshGraph');

/** Mirrors the server's istio/status notification. */
export interface IndexStatus {
  readonly state: 'indexing' | 'ready' | 'error';
  readonly done?: number;
  readonly total?: number;
  readonly files?: number;
  readonly resources?: number;
  readonly message?: string;
}
export const STATUS_NOTIFICATION = 'istio/status';
