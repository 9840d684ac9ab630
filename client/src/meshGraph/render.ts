import type { MeshNodeKind } from '../protocol';
import { NODE_HEIGHT, NODE_WIDTH, type Layout } from './layout';

/**
 * The mesh graph as one SVG: namespace bands, kind columns, nodes as boxes (dashed when no file
 * defines them), edges as curves; broken edges red with their reason as a tooltip. Colours come
 * from the VS Code theme through CSS variables, so the picture reads in light and dark themes.
 */
export function renderSvg(layout: Layout): string {
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="mesh" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}">`,
  );
  parts.push(
    '<defs>',
    '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow"/></marker>',
    '<marker id="arrow-broken" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow broken"/></marker>',
    '</defs>',
  );
  for (const [i, band] of layout.bands.entries()) {
    parts.push(
      `<g class="band${i % 2 ? ' odd' : ''}"><rect x="0" y="${band.y}" width="${layout.width}" height="${band.height}"/>`,
      `<text class="namespace" x="8" y="${band.y + 18}">namespace ${esc(band.namespace || '(none)')}</text></g>`,
    );
  }
  for (const c of layout.columns)
    parts.push(`<text class="column" x="${c.x + NODE_WIDTH / 2}" y="26">${esc(c.title)}</text>`);
  // Broken edges last, so they are drawn over the others.
  for (const e of [...layout.edges].sort((a, b) => Number(!!a.broken) - Number(!!b.broken))) {
    const d = e.path;
    const marker = e.broken ? 'url(#arrow-broken)' : 'url(#arrow)';
    const tip = e.broken ? `${e.kind}: ${e.reason ?? 'broken reference'}` : e.kind;
    parts.push(
      `<path class="edge${e.broken ? ' broken' : ''}" data-from="${esc(e.from)}" data-to="${esc(e.to)}" d="${d}" ${e.reversed ? 'marker-start' : 'marker-end'}="${marker}"><title>${esc(tip)}</title></path>`,
    );
  }
  for (const n of layout.nodes) {
    const label = n.label.length > 26 ? `${n.label.slice(0, 25)}…` : n.label;
    const classes = ['node', `kind-${n.kind}`, n.uri ? 'linked' : 'unresolved'].join(' ');
    parts.push(
      `<g class="${classes}" data-id="${esc(n.id)}" tabindex="${n.uri ? 0 : -1}" role="${n.uri ? 'button' : 'img'}">`,
      `<title>${esc(`${n.kind} ${n.label} (${n.namespace || 'no namespace'})${n.uri ? '\nClick to open' : '\nNot defined in the workspace'}`)}</title>`,
      `<rect x="${n.x}" y="${n.y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="6" style="stroke:${KIND_COLOR[n.kind] ?? '#888'}"/>`,
      `<text class="kind" x="${n.x + 8}" y="${n.y + 13}" style="fill:${KIND_COLOR[n.kind] ?? '#888'}">${esc(KIND_SHORT[n.kind] ?? n.kind)}</text>`,
      `<text class="label" x="${n.x + 8}" y="${n.y + 27}">${esc(label)}</text></g>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** The webview page: the SVG plus a script posting `{ type: 'open', id }` when a node is clicked. */
export function renderPage(svg: string, summary: string, nonce: string, cspSource: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Istio mesh graph</title>
<style>${STYLE}</style></head>
<body><header><span class="summary">${esc(summary)}</span>
<span class="legend"><span class="ok">— reference</span> <span class="bad">— broken reference</span> · click a box to open its YAML</span></header>
<main>${svg}</main>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
for (const g of document.querySelectorAll('g.node.linked')) {
  const open = () => vscode.postMessage({ type: 'open', id: g.dataset.id });
  g.addEventListener('click', open);
  g.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') open(); });
}
</script></body></html>`;
}

const KIND_COLOR: Readonly<Record<MeshNodeKind, string>> = {
  Gateway: '#3b82f6',
  VirtualService: '#8b5cf6',
  Host: '#0ea5e9',
  Service: '#10b981',
  ServiceEntry: '#14b8a6',
  DestinationRule: '#f59e0b',
  Subset: '#d97706',
};
const KIND_SHORT: Readonly<Record<MeshNodeKind, string>> = {
  Gateway: 'Gateway',
  VirtualService: 'VirtualService',
  Host: 'host',
  Service: 'Service',
  ServiceEntry: 'ServiceEntry',
  DestinationRule: 'DestinationRule',
  Subset: 'subset',
};

const STYLE = `
body { margin: 0; padding: 0; color: var(--vscode-editor-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); }
header { position: sticky; top: 0; padding: 6px 12px; background: var(--vscode-editor-background); border-bottom: 1px solid var(--vscode-panel-border, #8884); display: flex; gap: 16px; font-size: 12px; z-index: 1; }
.legend .ok { color: var(--vscode-descriptionForeground); } .legend .bad { color: #e5484d; }
main { overflow: auto; }
svg.mesh { font-size: 12px; max-width: 100%; height: auto; display: block; }
.band rect { fill: transparent; } .band.odd rect { fill: var(--vscode-editorWidget-background, #8881); fill-opacity: .5; }
.namespace { fill: var(--vscode-descriptionForeground); font-style: italic; }
.column { fill: var(--vscode-descriptionForeground); text-anchor: middle; font-weight: 600; }
.edge { fill: none; stroke: var(--vscode-editorLineNumber-foreground, #888); stroke-width: 1.4; }
.edge.broken { stroke: #e5484d; stroke-width: 2; stroke-dasharray: 5 3; }
.arrow { fill: var(--vscode-editorLineNumber-foreground, #888); } .arrow.broken { fill: #e5484d; }
.node rect { fill: var(--vscode-editor-background); stroke-width: 1.6; }
.node.unresolved rect { stroke-dasharray: 4 3; opacity: .8; }
.node.linked { cursor: pointer; } .node.linked:hover rect, .node.linked:focus rect { stroke-width: 3; outline: none; }
.node .kind { font-size: 10px; font-weight: 600; } .node .label { fill: var(--vscode-editor-foreground); }
`;

function esc(s: string): string {
  return s.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}
