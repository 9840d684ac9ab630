import { meshGraph as buildGraph } from '../core/features/meshGraph';
import { indexedLineStarts, type ServerContext } from './context';
import { toRange } from './convert';
import type { Location } from '../core/features/types';
import type { MeshGraph, MeshGraphParams, MeshLocation, MeshNode } from './requests';

/** istio/meshGraph: the graph the client's webview draws (docs/protocol.md). */
export function meshGraph(ctx: ServerContext, params: MeshGraphParams | null | undefined): MeshGraph {
  const { analyzer, serverSettings } = ctx.host;
  const namespace = typeof params?.namespace === 'string' && params.namespace !== '' ? params.namespace : undefined;
  const graph = buildGraph(analyzer.index, file => analyzer.report(file, serverSettings.report), namespace);
  const convert = (location: Location): MeshLocation => {
    const starts = indexedLineStarts(ctx, location.file);
    const uri = ctx.uris.toUri(location.file);
    return starts ? { uri, range: toRange(starts, location.span) } : { uri };
  };
  const nodes = graph.nodes.map(({ location, locations, ...node }): MeshNode => {
    if (!location) return node;
    const at = convert(location);
    return { ...node, ...at, ...(locations ? { locations: locations.map(convert) } : {}) };
  });
  return { nodes, edges: graph.edges };
}
