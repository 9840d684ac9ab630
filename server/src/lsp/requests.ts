import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver';
import {
  MESH_GRAPH,
  MIGRATE_GATEWAY_PLAN,
  REINDEX,
  STATS,
  STATUS,
  UPGRADE_PLAN,
  type NotificationDef,
  type RequestDef,
} from '../../../shared/src/protocol';

/**
 * The server's own requests and notifications, as vscode-languageserver message types. Methods,
 * params and results are defined once, in shared/src/protocol.ts, for the server and the client.
 */
export * from '../../../shared/src/protocol';
export type {
  MeshGraph as MeshGraphResult,
  MeshNode as MeshNodeResult,
  UpgradeChange as UpgradeChangeResult,
  UpgradePlan as UpgradePlanResult,
  UpgradeSkip as UpgradeSkipResult,
} from '../../../shared/src/protocol';

export const REINDEX_REQUEST = request0(REINDEX);
export const MESH_GRAPH_REQUEST = request(MESH_GRAPH);
export const UPGRADE_PLAN_REQUEST = request(UPGRADE_PLAN);
export const MIGRATE_GATEWAY_PLAN_REQUEST = request(MIGRATE_GATEWAY_PLAN);
export const STATS_REQUEST = request(STATS);
export const STATUS_NOTIFICATION = notification(STATUS);

function request<P, R>(def: RequestDef<P, R>): RequestType<P, R, void> {
  return new RequestType<P, R, void>(def.method);
}

function request0<R>(def: RequestDef<void, R>): RequestType0<R, void> {
  return new RequestType0<R, void>(def.method);
}

function notification<P>(def: NotificationDef<P>): NotificationType<P> {
  return new NotificationType<P>(def.method);
}
