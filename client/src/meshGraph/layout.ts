import type { MeshEdge, MeshGraph, MeshNode, MeshNodeKind } from '../protocol';

/**
 * A layered layout without libraries, in the order traffic flows: Gateways → routes
 * (VirtualServices, HTTPRoutes) → destinations (DestinationRule boxes holding their subsets, and
 * hosts) → the Services and ServiceEntries behind them; one horizontal band per namespace. Within
 * a band, nodes are ordered by the mean row of their neighbours to the left, which removes most
 * crossings for the tree-like graphs a mesh makes. Linear in nodes and edges (a 200-service
 * namespace lays out in milliseconds); the picture keeps its size and the view scrolls and zooms.
 */
export interface PlacedNode extends MeshNode {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly column: number;
}

/** One drawn line: every edge between the same two nodes, their traffic labels together. */
export interface PlacedEdge extends MeshEdge {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  /** The edge points right to left: its arrow goes at (x1, y1). */
  readonly reversed: boolean;
  /** SVG path from (x1, y1) to (x2, y2). */
  readonly path: string;
  /** The routes this line stands for (one per route entry, with its weight and matches). */
  readonly routes: readonly MeshEdge[];
  /** Traffic labels (weight, match conditions) of every route that uses this line, one per text line. */
  readonly labels: readonly string[];
  /** Where the labels end (right-aligned) and where their last line sits: above the arrow head. */
  readonly labelX: number;
  readonly labelY: number;
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

export const NODE_WIDTH = 250;
export const NODE_HEIGHT = 36;
/** A node with a detail line (hosts of a route, host of a DestinationRule). */
export const TALL_NODE_HEIGHT = 50;
const SUBSET_HEIGHT = 36;
const SUBSET_GAP = 6;
const BOX_PADDING = 8;
/** Gaps after each column; the one before the destinations holds the traffic labels. */
const GAP_AFTER: readonly number[] = [70, 250, 80, 0];
const ROW_GAP = 18;
export const LABEL_LINE = 13;
/** How far a box moves down to line up with its neighbours. */
const MAX_SHIFT = 360;
const BAND_PADDING = 30;
const HEADER = 34;
const MARGIN = 16;

const COLUMN_OF: Readonly<Record<MeshNodeKind, number>> = {
  Gateway: 0,
  KubeGateway: 0,
  VirtualService: 1,
  Route: 1,
  DestinationRule: 2,
  Host: 2,
  Subset: 2,
  Service: 3,
  ServiceEntry: 3,
};
const COLUMN_TITLES = ['Gateways', 'Routes', 'Destinations', 'Services'];

/**
 * The lines a route edge carries: `90%`, `mirror`, and one line per match (a route applies when
 * any of its matches holds), `uri prefix /api & header end-user = jason`; at most four lines.
 */
export function trafficLines(e: MeshEdge): string[] {
  const head = [e.mirror ? 'mirror' : '', e.weight !== undefined ? `${e.weight}%` : ''].filter(Boolean).join(' ');
  const matches = e.match ?? [];
  const shown = matches.length > 4 ? [...matches.slice(0, 3), `+${matches.length - 3} more matches`] : matches;
  if (shown.length === 0) return head ? [head] : [];
  return head ? [`${head} · ${shown[0]}`, ...shown.slice(1)] : [...shown];
}

export interface LayoutOptions {
  /** The namespace the user filtered on: its band comes first. */
  readonly firstNamespace?: string;
}

export function layoutGraph(graph: MeshGraph, options: LayoutOptions = {}): Layout {
  const byId = new Map(graph.nodes.map(n => [n.id, n]));
  // Subsets whose DestinationRule is not in the graph stand alone.
  const parentOf = (n: MeshNode) => (n.parent && byId.has(n.parent) ? n.parent : undefined);
  const children = new Map<string, MeshNode[]>();
  for (const n of graph.nodes) {
    const p = parentOf(n);
    if (p) children.set(p, [...(children.get(p) ?? []), n]);
  }
  // Boxes are placed; subsets move with their box. An edge to a subset counts for its box.
  const box = (id: string) => {
    const n = byId.get(id);
    return n ? (parentOf(n) ?? id) : id;
  };
  const edges = graph.edges.filter(e => byId.has(e.from) && byId.has(e.to) && e.kind !== 'defines');
  const usedColumns = [...new Set(graph.nodes.map(n => COLUMN_OF[n.kind] ?? 2))].sort((a, b) => a - b);
  const columnIndex = new Map(usedColumns.map((c, i) => [c, i]));
  const columnXs: number[] = [];
  let cx = MARGIN;
  for (const c of usedColumns) {
    columnXs.push(cx);
    cx += NODE_WIDTH + (GAP_AFTER[c] ?? 80);
  }

  const neighbours = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    const list = neighbours.get(a);
    if (list) list.push(b);
    else neighbours.set(a, [b]);
  };
  for (const e of edges) {
    const [a, b] = [box(e.from), box(e.to)];
    if (a === b) continue;
    link(a, b);
    link(b, a);
  }

  const heightOf = (n: MeshNode) => {
    const kids = children.get(n.id);
    if (kids) return TALL_NODE_HEIGHT + kids.length * (SUBSET_HEIGHT + SUBSET_GAP) + BOX_PADDING - SUBSET_GAP + 4;
    return n.detail ? TALL_NODE_HEIGHT : NODE_HEIGHT;
  };

  const byNamespace = new Map<string, MeshNode[]>();
  for (const n of graph.nodes) {
    if (parentOf(n)) continue;
    const list = byNamespace.get(n.namespace);
    if (list) list.push(n);
    else byNamespace.set(n.namespace, [n]);
  }
  const first = options.firstNamespace;
  const namespaces = [...byNamespace.keys()].sort(
    (a, b) => Number(b === first) - Number(a === first) || compareNamespaces(a, b),
  );
  const placed = new Map<string, PlacedNode>();
  const bands: Band[] = [];
  let y = MARGIN + HEADER;
  for (const namespace of namespaces) {
    const inBand = byNamespace.get(namespace) ?? [];
    const top = y + BAND_PADDING;
    const columns = usedColumns.map(column => inBand.filter(n => (COLUMN_OF[n.kind] ?? 2) === column));
    for (const nodes of columns) nodes.sort((a, b) => a.label.localeCompare(b.label));
    // Barycentre sweeps: left to right, right to left, left to right again.
    const centre = new Map<string, number>();
    const stack = () => {
      for (const nodes of columns) {
        let rowY = top;
        for (const n of nodes) {
          const height = heightOf(n);
          centre.set(n.id, rowY + height / 2);
          rowY += height + ROW_GAP;
        }
      }
    };
    const sweep = (indices: readonly number[], side: (n: MeshNode) => boolean) => {
      for (const i of indices) {
        const nodes = columns[i];
        const sums = new Map<string, [number, number]>();
        for (const n of nodes) {
          let sum = 0;
          let count = 0;
          for (const id of neighbours.get(n.id) ?? []) {
            const other = byId.get(id);
            const c = centre.get(id);
            if (c === undefined || !other || !side(other)) continue;
            sum += c;
            count++;
          }
          sums.set(n.id, [sum, count]);
        }
        const score = new Map<string, number>();
        const mean = (id: string, [sum, count]: [number, number]) => (count > 0 ? sum / count : (centre.get(id) ?? 0));
        for (const n of nodes) score.set(n.id, mean(n.id, sums.get(n.id)!));
        // A host and the DestinationRules applying to it move as one: the rule's box, then the host.
        for (const n of nodes) {
          if (n.kind !== 'Host') continue;
          const rules = (neighbours.get(n.id) ?? []).filter(
            id => byId.get(id)?.kind === 'DestinationRule' && sums.has(id),
          );
          if (rules.length === 0) continue;
          const [sum, count] = [n.id, ...rules].reduce<[number, number]>(
            (acc, id) => [acc[0] + sums.get(id)![0], acc[1] + sums.get(id)![1]],
            [0, 0],
          );
          const unit = mean(rules[0], [sum, count]);
          for (const r of rules) score.set(r, unit);
          score.set(n.id, unit + 0.01);
        }
        nodes.sort((a, b) => score.get(a.id)! - score.get(b.id)! || a.label.localeCompare(b.label));
        stack();
      }
    };
    const columnOf = (n: MeshNode) => columnIndex.get(COLUMN_OF[n.kind] ?? 2) ?? 0;
    const all = columns.map((_, i) => i);
    stack();
    for (const i of all.slice(1)) sweep([i], n => columnOf(n) < i);
    for (const i of all.slice(0, -1).reverse()) sweep([i], n => columnOf(n) > i);
    for (const i of all.slice(1)) sweep([i], n => columnOf(n) < i);
    // Final rows: the tallest column stacked tight, the others next to their neighbours in the
    // columns already placed (never above the previous box, so the order stays), outwards from it.
    const final = new Map<string, number>();
    const heights = columns.map(nodes => nodes.reduce((sum, n) => sum + heightOf(n) + ROW_GAP, 0));
    const anchor = heights.indexOf(Math.max(...heights, 0));
    const order = [anchor, ...all.filter(i => i > anchor), ...all.filter(i => i < anchor).reverse()];
    let bottom = top;
    for (const column_ of order) {
      let rowY = top;
      for (const n of columns[column_]) {
        const height = heightOf(n);
        let sum = 0;
        let count = 0;
        for (const id of neighbours.get(n.id) ?? []) {
          const c = final.get(id);
          if (c === undefined) continue;
          sum += c;
          count++;
        }
        // Far below (a route to the end of a long column) it would push every later box down: stay.
        const wanted = count > 0 ? sum / count - Math.min(height, NODE_HEIGHT) / 2 : rowY;
        if (column_ !== anchor && wanted > rowY && wanted - rowY < MAX_SHIFT) rowY = wanted;
        final.set(n.id, rowY + Math.min(height, NODE_HEIGHT) / 2);
        placed.set(n.id, { ...n, column: column_, x: columnXs[column_], y: rowY, width: NODE_WIDTH, height });
        const kids = children.get(n.id) ?? [];
        kids.sort((a, b) => a.label.localeCompare(b.label));
        kids.forEach((k, i) => {
          placed.set(k.id, {
            ...k,
            column: column_,
            x: columnXs[column_] + BOX_PADDING,
            y: rowY + TALL_NODE_HEIGHT + i * (SUBSET_HEIGHT + SUBSET_GAP),
            width: NODE_WIDTH - 2 * BOX_PADDING,
            height: SUBSET_HEIGHT,
          });
        });
        rowY += height + ROW_GAP;
      }
      bottom = Math.max(bottom, rowY);
    }
    const height = bottom - y + BAND_PADDING / 2;
    bands.push({ namespace, y, height });
    y += height;
  }

  return {
    width: Math.max(cx - (GAP_AFTER[usedColumns[usedColumns.length - 1]] ?? 0), MARGIN) + MARGIN,
    height: y + MARGIN,
    columns: usedColumns.map((c, i) => ({ title: COLUMN_TITLES[c], x: columnXs[i] })),
    bands,
    nodes: [...placed.values()],
    edges: placeEdges(edges, placed),
  };
}

/** Edges between the same two nodes become one line carrying all their labels. */
function placeEdges(edges: readonly MeshEdge[], placed: ReadonlyMap<string, PlacedNode>): PlacedEdge[] {
  const lines = new Map<string, MeshEdge[]>();
  for (const e of edges) {
    // A DestinationRule applies to a host in its own column: the box says which host; only a broken one is drawn.
    if (e.kind === 'appliesTo' && !e.broken) continue;
    const key = `${e.from}|${e.to}|${e.kind}`;
    const list = lines.get(key);
    if (list) list.push(e);
    else lines.set(key, [e]);
  }
  const out: PlacedEdge[] = [];
  // Labels sit just above the arrow head, right-aligned: lines into one box stack upwards.
  const stacked = new Map<string, number>();
  for (const group of lines.values()) {
    const e = group.find(g => g.broken) ?? group[0];
    const a = placed.get(e.from);
    const b = placed.get(e.to);
    if (!a || !b) continue;
    const [left, right] = a.x <= b.x ? [a, b] : [b, a];
    const sameColumn = left.column === right.column;
    // Same column: out of the right side and back in, a loop beside the boxes.
    const x1 = left.x + left.width;
    const y1 = left.y + Math.min(left.height, NODE_HEIGHT) / 2;
    const x2 = sameColumn ? right.x + right.width : right.x;
    const y2 = right.y + Math.min(right.height, NODE_HEIGHT) / 2;
    const labels = [...new Set(group.flatMap(trafficLines))];
    const below = stacked.get(right.id) ?? 0;
    stacked.set(right.id, below + labels.length * LABEL_LINE);
    const path = sameColumn
      ? `M${x1},${y1} C${x1 + 40},${y1} ${x2 + 40},${y2} ${x2},${y2}`
      : `M${x1},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2},${y2}`;
    out.push({
      ...e,
      x1,
      y1,
      x2,
      y2,
      reversed: a !== left,
      path,
      labels,
      routes: group.filter(g => g.kind === 'routes'),
      labelX: sameColumn ? x1 + 34 : x2 - 12,
      labelY: y2 - 6 - below,
    });
  }
  return out;
}

/** Mesh-wide namespaces (the root namespace usually) first, then alphabetical. */
function compareNamespaces(a: string, b: string): number {
  const rank = (ns: string) => (ns === 'istio-system' ? 0 : ns === '' ? 2 : 1);
  return rank(a) - rank(b) || a.localeCompare(b);
}
