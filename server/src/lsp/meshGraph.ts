import { meshGraph as buildGraph } from '../core/features/meshGraph';
import { indexedLineStarts, type ServerContext } from './context';
import { toRange } from './convert';
import type { MeshGraph, MeshGraphParams, MeshNode } from './requests';

/** istio/meshGraph: the graph the client's webview draws (docs/protocol.md). */
export function meshGraph(ctx: ServerContext, params: MeshGraphParams | null | undefined): MeshGraph {
  const { analyzer, serverSettings } = ctx.host;
  const namespace = typeof params?.namespace === 'string' && params.namespace !== '' ? params.namespace : undefined;
  const graph = buildGraph(analyzer.index, file => analyzer.report(file, serverSettings.report), namespace);
  const nodes = graph.nodes.map(({ location, ...node }): MeshNode => {
    const starts = location && indexedLineStarts(ctx, location.file);
    return location && starts
      ? { ...node, uri: ctx.uris.toUri(location.file), range: toRange(starts, location.span) }
      : node;
  });
  return { nodes, edges: graph.edges };
}
