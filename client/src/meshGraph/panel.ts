import * as crypto from 'crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { MESH_GRAPH_REQUEST, type MeshGraph, type MeshLocation } from '../protocol';
import { filterGraph, namespacesOf, type MeshFilter } from './filter';
import { layoutGraph } from './layout';
import { renderPage } from './page';
import { renderSvg } from './render';

export interface MeshGraphShown {
  /** The whole graph the server sent. */
  readonly graph: MeshGraph;
  /** The SVG as first drawn (with the current filter). */
  readonly svg: string;
  readonly panel: vscode.WebviewPanel;
}

/** What the webview last reported drawing (`istio.meshGraph.state`, for tests). */
export interface MeshGraphRendered {
  readonly nodes: readonly string[];
  readonly edges: number;
  readonly labels: readonly string[];
  readonly matches: readonly string[];
  readonly zoom: number;
}

export interface MeshGraphState {
  readonly filter: MeshFilter;
  /** The graph after the filter. */
  readonly shown: MeshGraph;
  readonly rendered?: MeshGraphRendered;
}

/** `istio.meshGraph.control`: what tests (and keyboard users, through the page) can ask the view to do. */
export type MeshGraphControl =
  | { readonly filter: MeshFilter }
  | { readonly search: string }
  | { readonly zoom: number | 'fit' }
  | { readonly focus: string };

type PageMessage = {
  type?: string;
  id?: string;
  namespace?: string;
  host?: string;
  seq?: number;
} & Partial<MeshGraphRendered>;

/**
 * "Istio: Show mesh graph": one webview (reused) drawing where routes send traffic. Clicking a
 * node (or Enter on it) opens the YAML that defines it; an object several files define asks which
 * file. Filters are applied here and the page redrawn without losing zoom; the picture is
 * refreshed when the panel comes back into view, so it follows edits without polling.
 */
export class MeshGraphPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private graph: MeshGraph = { nodes: [], edges: [] };
  private filter: MeshFilter = {};
  private rendered: MeshGraphRendered | undefined;
  /** Numbers the messages sent to the page; it echoes the last one it handled with what it drew. */
  private seq = 0;
  private renderedSeq = 0;
  private readonly renderedEvent = new vscode.EventEmitter<MeshGraphRendered>();

  constructor(private readonly client: () => LanguageClient) {}

  async show(): Promise<MeshGraphShown> {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('istio.meshGraph', 'Istio mesh graph', vscode.ViewColumn.Active, {
        enableScripts: true,
        retainContextWhenHidden: false,
      });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.rendered = undefined;
      });
      this.panel.webview.onDidReceiveMessage((m: PageMessage) => this.onMessage(m));
      this.panel.onDidChangeViewState(e => {
        if (e.webviewPanel.visible) void this.refresh().catch(() => undefined);
      });
    } else {
      this.panel.reveal();
    }
    const svg = await this.refresh();
    return { graph: this.graph, svg, panel: this.panel };
  }

  state(): MeshGraphState {
    return { filter: this.filter, shown: filterGraph(this.graph, this.filter), rendered: this.rendered };
  }

  /** Changes the view and resolves with what the page drew next. */
  async control(c: MeshGraphControl): Promise<MeshGraphRendered | undefined> {
    const panel = this.panel;
    if (!panel) return undefined;
    // A redraw already on its way (a refresh, an index update) must not pass for this one's.
    const seq = ++this.seq;
    const next = new Promise<MeshGraphRendered | undefined>(resolve => {
      const timer = setTimeout(() => {
        sub.dispose();
        resolve(undefined);
      }, 10000);
      const sub = this.renderedEvent.event(r => {
        if (this.renderedSeq < seq) return;
        clearTimeout(timer);
        sub.dispose();
        resolve(r);
      });
    });
    if ('filter' in c) {
      this.filter = c.filter;
      await this.post(seq);
    } else if ('search' in c) await panel.webview.postMessage({ type: 'search', text: c.search, seq });
    else if ('zoom' in c)
      await panel.webview.postMessage({
        type: 'zoom',
        fit: c.zoom === 'fit',
        zoom: c.zoom === 'fit' ? 1 : c.zoom,
        seq,
      });
    else await panel.webview.postMessage({ type: 'focus', id: c.focus, seq });
    return next;
  }

  private onMessage(m: PageMessage): void {
    if (m.type === 'open' && m.id) void this.open(m.id);
    else if (m.type === 'filter') {
      this.filter = { namespace: m.namespace || undefined, host: m.host || undefined };
      void this.post();
    } else if (m.type === 'rendered') {
      this.renderedSeq = m.seq ?? this.renderedSeq;
      this.rendered = {
        nodes: m.nodes ?? [],
        edges: m.edges ?? 0,
        labels: m.labels ?? [],
        matches: m.matches ?? [],
        zoom: m.zoom ?? 1,
      };
      this.renderedEvent.fire(this.rendered);
    }
  }

  private async refresh(): Promise<string> {
    const panel = this.panel;
    if (!panel) return '';
    this.graph = await this.client().sendRequest(MESH_GRAPH_REQUEST, {});
    const { svg, summary } = this.draw();
    panel.webview.html = renderPage(
      {
        svg,
        summary,
        namespaces: namespacesOf(this.graph),
        namespace: this.filter.namespace,
        host: this.filter.host,
      },
      nonce(),
      panel.webview.cspSource,
    );
    return svg;
  }

  /** Redraws the graph in the open page (keeps zoom, scroll and search). */
  private async post(seq = this.seq): Promise<void> {
    const { svg, summary } = this.draw();
    await this.panel?.webview.postMessage({ type: 'render', svg, summary, seq });
  }

  private draw(): { svg: string; summary: string } {
    const shown = filterGraph(this.graph, this.filter);
    if (this.graph.nodes.length === 0)
      return {
        svg: '<p style="padding:12px">No Gateways, routes or DestinationRules in this workspace yet.</p>',
        summary: '',
      };
    const svg = renderSvg(layoutGraph(shown, { firstNamespace: this.filter.namespace }), {
      describeUri: uri => relative(uri),
    });
    const broken = shown.edges.filter(e => e.broken).length;
    const namespaces = new Set(shown.nodes.map(n => n.namespace)).size;
    const of = shown.nodes.length === this.graph.nodes.length ? '' : ` (of ${this.graph.nodes.length})`;
    const summary = `${shown.nodes.length} nodes${of} in ${namespaces} namespace${namespaces === 1 ? '' : 's'}, ${shown.edges.length} references${broken ? `, ${broken} broken` : ''}`;
    return { svg, summary };
  }

  /**
   * Opens the node's YAML at its range (also used by tests through `istio.meshGraph.open`). An
   * object defined in several files asks which one, unless `file` (an index into them) says.
   */
  async open(id: string, file?: number): Promise<vscode.TextEditor | undefined> {
    const node = this.graph.nodes.find(n => n.id === id);
    if (!node?.uri) return undefined;
    let target: MeshLocation = { uri: node.uri, range: node.range };
    const all = node.locations ?? [];
    if (file !== undefined && all[file]) target = all[file];
    else if (file === undefined && all.length > 1) {
      const picked = await vscode.window.showQuickPick(
        all.map(l => ({ label: relative(l.uri), description: l.range ? `line ${l.range.start.line + 1}` : '', l })),
        {
          title: `${node.resourceKind ?? node.kind} ${node.namespace}/${node.label} is defined in ${all.length} files`,
        },
      );
      if (!picked) return undefined;
      target = picked.l;
    }
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(target.uri));
    const range = target.range ? this.client().protocol2CodeConverter.asRange(target.range) : undefined;
    return vscode.window.showTextDocument(document, {
      viewColumn: vscode.ViewColumn.Beside,
      selection: range,
      preserveFocus: false,
    });
  }

  dispose(): void {
    this.panel?.dispose();
    this.renderedEvent.dispose();
  }
}

function relative(uri: string): string {
  return vscode.workspace.asRelativePath(vscode.Uri.parse(uri), true);
}

function nonce(): string {
  return crypto.randomBytes(16).toString('base64');
}
