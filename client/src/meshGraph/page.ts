import { esc } from './render';

export interface PageContent {
  readonly svg: string;
  readonly summary: string;
  readonly namespaces: readonly string[];
  readonly namespace?: string;
  readonly host?: string;
}

/**
 * The webview page: a toolbar (namespace and host filters, search, zoom buttons) over the SVG in
 * a scrolling viewport. Offline: no external resources, one inline script under a nonce. The
 * script zooms (buttons, Ctrl+wheel, + and -), pans (drag, arrows, scrollbars), searches (/),
 * opens a node on click or Enter, asks the extension for a filtered graph and reports what it
 * drew (`rendered`), which the e2e tests read.
 */
export function renderPage(content: PageContent, nonce: string, cspSource: string): string {
  const options = ['<option value="">all namespaces</option>']
    .concat(
      content.namespaces.map(
        ns => `<option value="${esc(ns)}"${ns === content.namespace ? ' selected' : ''}>${esc(ns)}</option>`,
      ),
    )
    .join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Istio mesh graph</title>
<style>${STYLE}</style></head>
<body>
<header role="toolbar" aria-label="Mesh graph controls">
  <label>Namespace <select id="namespace" aria-label="Filter by namespace">${options}</select></label>
  <label>Host <input id="host" type="search" placeholder="filter by host" aria-label="Filter by host" value="${esc(content.host ?? '')}"></label>
  <label>Search <input id="search" type="search" placeholder="/ to search" aria-label="Search nodes (press / )"></label>
  <span id="matches" aria-live="polite"></span>
  <span class="buttons">
    <button id="zoom-out" title="Zoom out (-)" aria-label="Zoom out">−</button>
    <button id="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
    <button id="zoom-reset" title="Actual size (0)" aria-label="Actual size">1:1</button>
    <button id="fit" title="Fit to window (f)" aria-label="Fit to window">Fit</button>
  </span>
</header>
<div class="status"><span id="summary">${esc(content.summary)}</span>
<span class="legend"><span class="bad">— broken reference</span> · Tab through boxes, Enter opens · drag or arrows to pan · Ctrl+wheel, + and − to zoom</span></div>
<main id="viewport" tabindex="-1">${content.svg}</main>
<script nonce="${nonce}">${SCRIPT}</script></body></html>`;
}

const SCRIPT = `
const vscode = acquireVsCodeApi();
const viewport = document.getElementById('viewport');
const search = document.getElementById('search');
const matchesLabel = document.getElementById('matches');
let zoom = 1;
let matches = [];
let current = -1;
let seq = 0;
const svg = () => viewport.querySelector('svg.mesh');

function setZoom(z, cx, cy, quiet) {
  const s = svg();
  if (!s) return;
  const next = Math.min(3, Math.max(0.15, z));
  const rect = viewport.getBoundingClientRect();
  const px = cx === undefined ? viewport.clientWidth / 2 : cx - rect.left;
  const py = cy === undefined ? viewport.clientHeight / 2 : cy - rect.top;
  const ux = (viewport.scrollLeft + px) / zoom;
  const uy = (viewport.scrollTop + py) / zoom;
  zoom = next;
  s.setAttribute('width', String(Number(s.dataset.width) * zoom));
  s.setAttribute('height', String(Number(s.dataset.height) * zoom));
  viewport.scrollLeft = ux * zoom - px;
  viewport.scrollTop = uy * zoom - py;
  if (!quiet) report();
}
function fit() {
  const s = svg();
  if (!s) return;
  setZoom(Math.min(viewport.clientWidth / Number(s.dataset.width), viewport.clientHeight / Number(s.dataset.height)));
  viewport.scrollLeft = 0;
  viewport.scrollTop = 0;
}
function open(g) {
  if (g && g.classList.contains('linked')) vscode.postMessage({ type: 'open', id: g.dataset.id });
}
function highlight(g, on) {
  const id = g.dataset.id;
  for (const e of viewport.querySelectorAll('.edge, .traffic'))
    if (e.dataset.from === id || e.dataset.to === id) e.classList.toggle('near', on);
}
function bind() {
  for (const g of viewport.querySelectorAll('g.node')) {
    g.addEventListener('click', ev => { ev.stopPropagation(); open(g); });
    g.addEventListener('keydown', ev => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); open(g); } });
    g.addEventListener('focus', () => { highlight(g, true); g.scrollIntoView({ block: 'nearest', inline: 'nearest' }); });
    g.addEventListener('blur', () => highlight(g, false));
    g.addEventListener('mouseenter', () => highlight(g, true));
    g.addEventListener('mouseleave', () => highlight(g, false));
  }
}
function runSearch(focusFirst, quiet) {
  const q = search.value.trim().toLowerCase();
  matches = [];
  for (const g of viewport.querySelectorAll('g.node')) {
    const hit = q !== '' && g.dataset.search.includes(q);
    g.classList.toggle('match', hit);
    if (hit) matches.push(g);
  }
  document.body.classList.toggle('searching', q !== '');
  matchesLabel.textContent = q === '' ? '' : matches.length + (matches.length === 1 ? ' match' : ' matches');
  current = -1;
  if (focusFirst && matches.length > 0) reveal(matches[0]);
  if (!quiet) report();
}
function reveal(g) {
  const box = g.getBoundingClientRect();
  const rect = viewport.getBoundingClientRect();
  viewport.scrollLeft += box.left - rect.left - (viewport.clientWidth - box.width) / 2;
  viewport.scrollTop += box.top - rect.top - (viewport.clientHeight - box.height) / 2;
}
function report() {
  vscode.postMessage({
    type: 'rendered',
    nodes: [...viewport.querySelectorAll('g.node')].map(g => g.dataset.id),
    edges: viewport.querySelectorAll('path.edge').length,
    labels: [...viewport.querySelectorAll('text.traffic')].map(t => t.textContent),
    matches: matches.map(g => g.dataset.id),
    zoom,
    seq,
  });
}
function postFilter() {
  vscode.postMessage({ type: 'filter', namespace: document.getElementById('namespace').value, host: document.getElementById('host').value });
}
document.getElementById('namespace').addEventListener('change', postFilter);
let hostTimer;
document.getElementById('host').addEventListener('input', () => { clearTimeout(hostTimer); hostTimer = setTimeout(postFilter, 250); });
search.addEventListener('input', () => runSearch(true));
search.addEventListener('keydown', ev => {
  if (ev.key === 'Enter' && matches.length > 0) {
    ev.preventDefault();
    current = (current + 1) % matches.length;
    matches[current].focus();
  } else if (ev.key === 'Escape') {
    search.value = '';
    runSearch(false);
    viewport.focus();
  }
});
document.getElementById('zoom-in').addEventListener('click', () => setZoom(zoom * 1.25));
document.getElementById('zoom-out').addEventListener('click', () => setZoom(zoom / 1.25));
document.getElementById('zoom-reset').addEventListener('click', () => setZoom(1));
document.getElementById('fit').addEventListener('click', fit);
viewport.addEventListener('wheel', ev => {
  if (!ev.ctrlKey && !ev.metaKey) return;
  ev.preventDefault();
  setZoom(zoom * (ev.deltaY < 0 ? 1.1 : 1 / 1.1), ev.clientX, ev.clientY);
}, { passive: false });
let drag;
viewport.addEventListener('mousedown', ev => {
  if (ev.button !== 0 || ev.target.closest('g.node')) return;
  drag = { x: ev.clientX, y: ev.clientY, left: viewport.scrollLeft, top: viewport.scrollTop };
  viewport.classList.add('dragging');
});
window.addEventListener('mousemove', ev => {
  if (!drag) return;
  viewport.scrollLeft = drag.left - (ev.clientX - drag.x);
  viewport.scrollTop = drag.top - (ev.clientY - drag.y);
});
window.addEventListener('mouseup', () => { drag = undefined; viewport.classList.remove('dragging'); });
document.addEventListener('keydown', ev => {
  const t = ev.target;
  if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT')) return;
  const step = 80;
  switch (ev.key) {
    case '/': ev.preventDefault(); search.focus(); search.select(); break;
    case '+': case '=': setZoom(zoom * 1.25); break;
    case '-': case '_': setZoom(zoom / 1.25); break;
    case '0': setZoom(1); break;
    case 'f': fit(); break;
    case 'ArrowLeft': viewport.scrollLeft -= step; ev.preventDefault(); break;
    case 'ArrowRight': viewport.scrollLeft += step; ev.preventDefault(); break;
    case 'ArrowUp': viewport.scrollTop -= step; ev.preventDefault(); break;
    case 'ArrowDown': viewport.scrollTop += step; ev.preventDefault(); break;
    default: return;
  }
});
window.addEventListener('message', ev => {
  const m = ev.data;
  if (typeof m.seq === 'number') seq = m.seq;
  if (m.type === 'render') {
    viewport.innerHTML = m.svg;
    document.getElementById('summary').textContent = m.summary;
    bind();
    // One report per redraw: the extension pairs each request with the next report.
    setZoom(zoom, undefined, undefined, true);
    runSearch(false);
  } else if (m.type === 'search') {
    search.value = m.text;
    runSearch(true);
  } else if (m.type === 'zoom') {
    if (m.fit) fit(); else setZoom(m.zoom);
  } else if (m.type === 'focus') {
    const g = [...viewport.querySelectorAll('g.node')].find(n => n.dataset.id === m.id);
    if (g) { g.focus(); reveal(g); }
    report();
  }
});
bind();
report();
`;

const STYLE = `
html, body { height: 100%; }
body { margin: 0; padding: 0; color: var(--vscode-editor-foreground, #1f1f1f); background: var(--vscode-editor-background, #fff); font-family: var(--vscode-font-family); display: flex; flex-direction: column; }
header { padding: 6px 10px; display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; font-size: 12px; border-bottom: 1px solid var(--vscode-panel-border, #8884); }
header input, header select { background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, #8886); padding: 2px 4px; font: inherit; }
header input { width: 12em; }
header button { background: var(--vscode-button-secondaryBackground, #8882); color: var(--vscode-button-secondaryForeground, inherit); border: 1px solid var(--vscode-input-border, #8886); min-width: 2.2em; padding: 2px 6px; cursor: pointer; font: inherit; }
header button:focus, header input:focus, header select:focus { outline: 1px solid var(--vscode-focusBorder); }
.buttons { display: inline-flex; gap: 4px; }
.status { padding: 3px 10px; font-size: 11px; color: var(--vscode-descriptionForeground, #666); display: flex; flex-wrap: wrap; gap: 4px 16px; }
.legend .bad { color: #e5484d; }
main { flex: 1; overflow: auto; cursor: grab; outline: none; }
main.dragging { cursor: grabbing; user-select: none; }
svg.mesh { font-size: 12px; display: block; }
.band rect { fill: transparent; } .band.odd rect { fill: var(--vscode-editorWidget-background, #8881); fill-opacity: .5; }
.namespace { fill: var(--vscode-descriptionForeground, #666); font-style: italic; }
.column { fill: var(--vscode-descriptionForeground, #666); text-anchor: middle; font-weight: 600; }
.edge { fill: none; stroke: var(--vscode-editorLineNumber-foreground, #888); stroke-width: 1.4; }
.edge.kind-routes { stroke-width: 1.8; }
.edge.mirror { stroke-dasharray: 2 3; }
.edge.broken { stroke: #e5484d; stroke-width: 2; stroke-dasharray: 5 3; }
.edge.near { stroke: var(--vscode-focusBorder, #0078d4); stroke-width: 2.6; }
.arrow { fill: var(--vscode-editorLineNumber-foreground, #888); } .arrow.broken { fill: #e5484d; }
.traffic { font-size: 11px; text-anchor: end; fill: var(--vscode-editor-foreground, #1f1f1f); paint-order: stroke; stroke: var(--vscode-editor-background, #fff); stroke-width: 4px; stroke-linejoin: round; }
.traffic.broken { fill: #e5484d; } .traffic.near { font-weight: 600; }
.node rect { fill: var(--vscode-editor-background, #fff); stroke-width: 1.6; }
.node.kind-DestinationRule > rect { fill: var(--vscode-editorWidget-background, #8881); }
.node.unresolved rect { stroke-dasharray: 4 3; opacity: .8; }
.node { cursor: default; outline: none; } .node.linked { cursor: pointer; }
.node:hover > rect, .node:focus > rect { stroke-width: 3.2; }
.node:focus > rect { stroke: var(--vscode-focusBorder, #0078d4) !important; }
.node .kind { font-size: 10px; font-weight: 600; } .node .label { fill: var(--vscode-editor-foreground, #1f1f1f); }
.node .detail, .node .files { font-size: 10px; fill: var(--vscode-descriptionForeground, #666); } .node .files { text-anchor: end; }
body.searching .node:not(.match) { opacity: .35; } body.searching .node.kind-DestinationRule:not(.match) { opacity: .7; }
.node.match > rect { stroke-width: 3.2; stroke: var(--vscode-editor-findMatchHighlightBorder, #e5a50a) !important; }
`;
