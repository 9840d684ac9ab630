import type { MeshEdge, MeshGraph, MeshNode, MeshNodeKind } from '../protocol';

/**
 * A layered layout without libraries: one column per kind, in the order traffic flows (Gateway →
 * VirtualService → host → Service/ServiceEntry → DestinationRule → subset), one horizontal band
 * per namespace. Within a band, nodes are ordered by the mean row of their neighbours in the
 * columns to the left, which removes most crossings for the tree-like graphs a mesh makes.
 */
export interface PlacedNode extends MeshNode {
  readonly x: number;
  readonly y: number;
  readonly column: number;
}

export interface PlacedEdge extends MeshEdge {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  /** The edge points right to left: its arrow goes at (x1, y1). */
  readonly reversed: boolean;
  /** SVG path from (x1, y1) to (x2, y2); edges that skip columns run in the gap between rows. */
  readonly path: string;
}

export interface Band {
  readonly namespace: string;
  readonly y: number;
  readonly height: number;
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly columns: readonly { readonly title: string; readonly x: number }[];
  readonly bands: readonly Band[];
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
}

export const NODE_WIDTH = 184;
export const NODE_HEIGHT = 34;
const COLUMN_GAP = 76;
const ROW_GAP = 20;
const BAND_PADDING = 30;
const HEADER = 34;
const MARGIN = 16;

const COLUMN_OF: Readonly<Record<MeshNodeKind, number>> = {
  Gateway: 0,
  VirtualService: 1,
  Host: 2,
  Service: 3,
  ServiceEntry: 3,
  DestinationRule: 4,
  Subset: 5,
};
const COLUMN_TITLES = ['Gateways', 'VirtualServices', 'Hosts', 'Services', 'DestinationRules', 'Subsets'];

export function layoutGraph(graph: MeshGraph): Layout {
  const known = new Set(graph.nodes.map(n => n.id));
  const edges = graph.edges.filter(e => known.has(e.from) && known.has(e.to));
  const usedColumns = [...new Set(graph.nodes.map(n => COLUMN_OF[n.kind] ?? 2))].sort((a, b) => a - b);
  const columnIndex = new Map(usedColumns.map((c, i) => [c, i]));
  const columnX = (column: number) => MARGIN + column * (NODE_WIDTH + COLUMN_GAP);

  const neighbours = new Map<string, string[]>();
  for (const e of edges) {
    neighbours.set(e.from, [...(neighbours.get(e.from) ?? []), e.to]);
    neighbours.set(e.to, [...(neighbours.get(e.to) ?? []), e.from]);
  }

  const namespaces = [...new Set(graph.nodes.map(n => n.namespace))].sort(compareNamespaces);
  const placed = new Map<string, PlacedNode>();
  const bands: Band[] = [];
  let y = MARGIN + HEADER;
  for (const namespace of namespaces) {
    const inBand = graph.nodes.filter(n => n.namespace === namespace);
    const rowOf = new Map<string, number>();
    let rows = 0;
    for (const column of usedColumns) {
      const nodes = inBand.filter(n => (COLUMN_OF[n.kind] ?? 2) === column);
      const score = (n: MeshNode) => {
        const left = (neighbours.get(n.id) ?? []).map(id => rowOf.get(id)).filter((r): r is number => r !== undefined);
        return left.length > 0 ? left.reduce((a, b) => a + b, 0) / left.length : Number.POSITIVE_INFINITY;
      };
      const ordered = nodes
        .map(n => ({ n, s: score(n) }))
        .sort((a, b) => a.s - b.s || a.n.label.localeCompare(b.n.label));
      ordered.forEach(({ n }, row) => rowOf.set(n.id, row));
      rows = Math.max(rows, ordered.length);
    }
    const top = y + BAND_PADDING;
    for (const n of inBand) {
      const column = columnIndex.get(COLUMN_OF[n.kind] ?? 2) ?? 0;
      placed.set(n.id, { ...n, column, x: columnX(column), y: top + (rowOf.get(n.id) ?? 0) * (NODE_HEIGHT + ROW_GAP) });
    }
    const height = BAND_PADDING + rows * (NODE_HEIGHT + ROW_GAP) + BAND_PADDING / 2;
    bands.push({ namespace, y, height });
    y += height;
  }

  const placedEdges: PlacedEdge[] = edges.map(e => {
    const a = placed.get(e.from)!;
    const b = placed.get(e.to)!;
    // Always drawn left to right between facing sides; the arrow marks which end is `to`.
    const [left, right] = a.x <= b.x ? [a, b] : [b, a];
    const sameColumn = left.x === right.x;
    const x1 = left.x + (sameColumn ? NODE_WIDTH / 2 : NODE_WIDTH);
    const y1 = left.y + (sameColumn ? NODE_HEIGHT : NODE_HEIGHT / 2);
    const x2 = sameColumn ? right.x + NODE_WIDTH / 2 : right.x;
    const y2 = right.y + (sameColumn ? 0 : NODE_HEIGHT / 2);
    return {
      ...e,
      x1,
      y1,
      x2,
      y2,
      reversed: a.x > b.x,
      path: edgePath(x1, y1, x2, y2, right.column - left.column, left.y),
    };
  });

  return {
    width: columnX(Math.max(usedColumns.length, 1)) - COLUMN_GAP + MARGIN,
    height: y + MARGIN,
    columns: usedColumns.map((c, i) => ({ title: COLUMN_TITLES[c], x: columnX(i) })),
    bands,
    nodes: [...placed.values()],
    edges: placedEdges,
  };
}

/**
 * Neighbouring columns: one S-curve. Further apart: out of the left node, along the gap between
 * its row and the next (towards the other end), and into the right node, so the line never runs
 * hidden behind the boxes of the columns in between.
 */
function edgePath(x1: number, y1: number, x2: number, y2: number, span: number, leftTop: number): string {
  if (span === 0) return `M${x1},${y1} L${x2},${y2}`;
  if (span === 1) {
    const mid = (x1 + x2) / 2;
    return `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`;
  }
  const lane = y2 >= y1 ? leftTop + NODE_HEIGHT + ROW_GAP / 2 : leftTop - ROW_GAP / 2;
  const bend = COLUMN_GAP / 2;
  return (
    `M${x1},${y1} C${x1 + bend},${y1} ${x1 + bend / 2},${lane} ${x1 + bend},${lane} ` +
    `L${x2 - bend},${lane} C${x2 - bend / 2},${lane} ${x2 - bend},${y2} ${x2},${y2}`
  );
}

/** Mesh-wide namespaces (the root namespace usually) first, then alphabetical. */
function compareNamespaces(a: string, b: string): number {
  const rank = (ns: string) => (ns === 'istio-system' ? 0 : ns === '' ? 2 : 1);
  return rank(a) - rank(b) || a.localeCompare(b);
}
