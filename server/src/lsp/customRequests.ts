import { meshGraph } from './meshGraph';
import { afterIndex } from './safe';
import { migrateGatewayPlan } from './migrateGateway';
import { reindex } from './reindex';
import {
  MESH_GRAPH_REQUEST,
  MIGRATE_GATEWAY_PLAN_REQUEST,
  REINDEX_REQUEST,
  STATS_REQUEST,
  UPGRADE_PLAN_REQUEST,
  type UpgradePlanParams,
} from './requests';
import type { Session } from './session';
import { stats } from './stats';
import { upgradePlan } from './upgrade';
import type { ServerContext } from './context';

/**
 * The server's own requests (shared/src/protocol.ts, docs/protocol.md). Handlers that throw
 * answer with an error response; the connection stays up.
 */
export function registerCustomRequests(ctx: ServerContext, session: Session): void {
  const { connection } = ctx;
  connection.onRequest(REINDEX_REQUEST, () => reindex(ctx, session));
  connection.onRequest(STATS_REQUEST, p => stats(ctx, !!p?.reset));
  connection.onRequest(
    MESH_GRAPH_REQUEST,
    afterIndex(ctx, p => meshGraph(ctx, p)),
  );
  // By method name: params are optional (clients may send none for the whole workspace).
  connection.onRequest(
    UPGRADE_PLAN_REQUEST.method,
    afterIndex(ctx, (p?: UpgradePlanParams | null) => upgradePlan(ctx, p)),
  );
  connection.onRequest(
    MIGRATE_GATEWAY_PLAN_REQUEST,
    afterIndex(ctx, p => migrateGatewayPlan(ctx, p)),
  );
}
