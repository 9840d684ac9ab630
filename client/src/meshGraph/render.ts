import type { MeshNodeKind } from '../protocol';
import { LABEL_LINE, trafficLines, type Layout, type PlacedEdge, type PlacedNode } from './layout';

/**
 * The mesh graph as one SVG: namespace bands, kind columns, nodes as boxes (dashed when no file
 * defines them; DestinationRules as boxes holding their subsets), edges as curves with their
 * traffic (weight, match conditions) as labels; broken edges red with their reason as a tooltip.
 * Colours come from the VS Code theme through CSS variables, so it reads in light and dark themes.
 * Long names are cut in the middle, never at the end, and every box has its full names as tooltip.
 */
export interface RenderOptions {
  /** How a file is named in tooltips (workspace-relative path). */
  readonly describeUri?: (uri: string) => string;
}

const CHAR_WIDTH = 6.5;
const SMALL_CHAR_WIDTH = 6;

export function renderSvg(layout: Layout, options: RenderOptions = {}): string {
  const describe = options.describeUri ?? ((uri: string) => uri);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="mesh" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" data-width="${layout.width}" data-height="${layout.height}">`,
  );
  parts.push(
    '<defs>',
    '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow"/></marker>',
    '<marker id="arrow-broken" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow broken"/></marker>',
    '</defs>',
  );
  for (const [i, band] of layout.bands.entries()) {
    parts.push(
      `<g class="band${i % 2 ? ' odd' : ''}" data-namespace="${esc(band.namespace)}"><rect x="0" y="${band.y}" width="${layout.width}" height="${band.height}"/>`,
      `<text class="namespace" x="8" y="${band.y + 18}">namespace ${esc(band.namespace || '(none)')}</text></g>`,
    );
  }
  for (const c of layout.columns) parts.push(`<text class="column" x="${c.x + 125}" y="26">${esc(c.title)}</text>`);
  // Broken edges last, so they are drawn over the others.
  const edges = [...layout.edges].sort((a, b) => Number(!!a.broken) - Number(!!b.broken));
  for (const e of edges) {
    const marker = e.broken ? 'url(#arrow-broken)' : 'url(#arrow)';
    const tip = tipOf(e);
    const classes = ['edge', `kind-${e.kind}`, e.broken ? 'broken' : '', e.mirror ? 'mirror' : ''].filter(Boolean);
    parts.push(
      `<path class="${classes.join(' ')}" data-from="${esc(e.from)}" data-to="${esc(e.to)}" d="${e.path}" ${e.reversed ? 'marker-start' : 'marker-end'}="${marker}"><title>${esc(tip)}</title></path>`,
    );
  }
  // Labels above every line, so no curve crosses a label's text.
  for (const e of edges) {
    if (e.labels.length === 0) continue;
    const top = e.labelY - (e.labels.length - 1) * LABEL_LINE;
    const lines = e.labels.map(
      (l, i) => `<tspan x="${e.labelX}" y="${top + i * LABEL_LINE}">${esc(middleTruncate(l, 38))}</tspan>`,
    );
    parts.push(
      `<text class="traffic${e.broken ? ' broken' : ''}" data-from="${esc(e.from)}" data-to="${esc(e.to)}">${lines.join('')}<title>${esc(tipOf(e))}</title></text>`,
    );
  }
  const nodes = [...layout.nodes].sort(
    (a, b) => a.column - b.column || a.y - b.y || Number(!!a.parent) - Number(!!b.parent),
  );
  for (const n of nodes) parts.push(renderNode(n, describe));
  parts.push('</svg>');
  return parts.join('\n');
}

/** The full text of an edge: every route using it with all its matches, and why it is broken. */
function tipOf(e: PlacedEdge): string {
  const routes = e.routes.map(
    r =>
      trafficLines({ ...r, match: undefined })
        .concat(r.match ?? [])
        .join('\n  or ') || 'every request',
  );
  const what = `${e.kind}${routes.length > 0 ? `:\n${routes.join('\n')}` : ''}`;
  return e.broken ? `${what}\n${e.reason ?? 'broken reference'}` : what;
}

function renderNode(n: PlacedNode, describe: (uri: string) => string): string {
  const color = KIND_COLOR[n.kind] ?? '#888';
  const kindText = n.resourceKind ?? KIND_TEXT[n.kind] ?? n.kind;
  const files = n.locations?.map(l => describe(l.uri)) ?? (n.uri ? [describe(n.uri)] : []);
  const name = n.kind === 'Host' || n.kind === 'Subset' ? n.label : `${n.namespace ? `${n.namespace}/` : ''}${n.label}`;
  const tip = [
    `${kindText} ${name}`,
    n.detail ? `${DETAIL_WORD[n.kind] ?? ''}${n.detail}` : '',
    files.length > 1 ? `Defined in ${files.length} files:\n${files.map(f => `  ${f}`).join('\n')}` : (files[0] ?? ''),
    n.uri
      ? files.length > 1
        ? 'Enter or click to choose the file'
        : 'Enter or click to open'
      : 'Not defined in the workspace',
  ]
    .filter(Boolean)
    .join('\n');
  const classes = ['node', `kind-${n.kind}`, n.uri ? 'linked' : 'unresolved', files.length > 1 ? 'copies' : ''];
  const chars = Math.floor((n.width - 16) / CHAR_WIDTH);
  const search = [kindText, n.namespace, n.label, n.detail ?? ''].join(' ').toLowerCase();
  const out = [
    `<g class="${classes.filter(Boolean).join(' ')}" data-id="${esc(n.id)}" data-search="${esc(search)}" tabindex="0" role="button" aria-label="${esc(tip.replace(/\n/g, '. '))}">`,
    `<title>${esc(tip)}</title>`,
    `<rect x="${n.x}" y="${n.y}" width="${n.width}" height="${n.height}" rx="6" style="stroke:${color}"/>`,
    `<text class="kind" x="${n.x + 8}" y="${n.y + 13}" style="fill:${color}">${esc(kindText)}</text>`,
  ];
  if (files.length > 1)
    out.push(`<text class="files" x="${n.x + n.width - 8}" y="${n.y + 13}">${files.length} files</text>`);
  out.push(`<text class="label" x="${n.x + 8}" y="${n.y + 28}">${esc(middleTruncate(n.label, chars))}</text>`);
  if (n.detail && n.kind !== 'Subset')
    out.push(
      `<text class="detail" x="${n.x + 8}" y="${n.y + 42}">${esc(middleTruncate(`${DETAIL_WORD[n.kind] ?? ''}${n.detail}`, Math.floor((n.width - 16) / SMALL_CHAR_WIDTH)))}</text>`,
    );
  if (n.detail && n.kind === 'Subset')
    out.push(
      `<text class="detail" x="${n.x + n.width - 8}" y="${n.y + 28}" text-anchor="end">${esc(middleTruncate(n.detail, Math.floor((n.width - 16) / SMALL_CHAR_WIDTH) - n.label.length - 2))}</text>`,
    );
  out.push('</g>');
  return out.join('');
}

/** `reviews.default.svc.cluster.local` → `reviews.def…luster.local`: both ends stay readable. */
export function middleTruncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 5) return text.slice(0, Math.max(max, 1));
  const head = Math.ceil((max - 1) * 0.6);
  const tail = max - 1 - head;
  return `${text.slice(0, head)}…${text.slice(text.length - tail)}`;
}

const KIND_COLOR: Readonly<Record<MeshNodeKind, string>> = {
  Gateway: '#3b82f6',
  KubeGateway: '#2563eb',
  VirtualService: '#8b5cf6',
  Route: '#7c3aed',
  Host: '#0ea5e9',
  Service: '#10b981',
  ServiceEntry: '#14b8a6',
  DestinationRule: '#d97706',
  Subset: '#b45309',
};
const KIND_TEXT: Readonly<Record<MeshNodeKind, string>> = {
  Gateway: 'Gateway',
  KubeGateway: 'Gateway (Gateway API)',
  VirtualService: 'VirtualService',
  Route: 'Route',
  Host: 'host',
  Service: 'Service',
  ServiceEntry: 'ServiceEntry',
  DestinationRule: 'DestinationRule',
  Subset: 'subset',
};
const DETAIL_WORD: Partial<Record<MeshNodeKind, string>> = {
  VirtualService: 'hosts: ',
  Route: 'for ',
  DestinationRule: 'host: ',
  Subset: 'labels: ',
};

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}
