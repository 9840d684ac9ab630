import * as crypto from 'crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { MESH_GRAPH_REQUEST, type MeshGraph } from '../protocol';
import { layoutGraph } from './layout';
import { renderPage, renderSvg } from './render';

export interface MeshGraphShown {
  readonly graph: MeshGraph;
  readonly svg: string;
  readonly panel: vscode.WebviewPanel;
}

/**
 * "Istio: Show mesh graph": one webview (reused) drawing what routes where. Clicking a node opens
 * the YAML that defines it. The picture is redrawn when the panel comes back into view, so it
 * follows edits without polling.
 */
export class MeshGraphPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private graph: MeshGraph = { nodes: [], edges: [] };

  constructor(private readonly client: () => LanguageClient) {}

  async show(): Promise<MeshGraphShown> {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('istio.meshGraph', 'Istio mesh graph', vscode.ViewColumn.Active, {
        enableScripts: true,
        retainContextWhenHidden: false,
      });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
      });
      this.panel.webview.onDidReceiveMessage((m: { type?: string; id?: string }) => {
        if (m.type === 'open' && m.id) void this.open(m.id);
      });
      this.panel.onDidChangeViewState(e => {
        if (e.webviewPanel.visible) void this.refresh().catch(() => undefined);
      });
    } else {
      this.panel.reveal();
    }
    const svg = await this.refresh();
    return { graph: this.graph, svg, panel: this.panel };
  }

  private async refresh(): Promise<string> {
    const panel = this.panel;
    if (!panel) return '';
    this.graph = await this.client().sendRequest(MESH_GRAPH_REQUEST, {});
    const svg = renderSvg(layoutGraph(this.graph));
    const broken = this.graph.edges.filter(e => e.broken).length;
    const namespaces = new Set(this.graph.nodes.map(n => n.namespace)).size;
    const summary = `${this.graph.nodes.length} nodes in ${namespaces} namespace${namespaces === 1 ? '' : 's'}, ${this.graph.edges.length} references${broken ? `, ${broken} broken` : ''}`;
    panel.webview.html =
      this.graph.nodes.length === 0
        ? renderPage(
            '<p style="padding:12px">No Gateways, VirtualServices or DestinationRules in this workspace yet.</p>',
            summary,
            nonce(),
            panel.webview.cspSource,
          )
        : renderPage(svg, summary, nonce(), panel.webview.cspSource);
    return svg;
  }

  /** Opens the node's YAML at its range (also used by tests through `istio.meshGraph.open`). */
  async open(id: string): Promise<vscode.TextEditor | undefined> {
    const node = this.graph.nodes.find(n => n.id === id);
    if (!node?.uri) return undefined;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(node.uri));
    const range = node.range ? this.client().protocol2CodeConverter.asRange(node.range) : undefined;
    return vscode.window.showTextDocument(document, {
      viewColumn: vscode.ViewColumn.Beside,
      selection: range,
      preserveFocus: false,
    });
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

function nonce(): string {
  return crypto.randomBytes(16).toString('base64');
}
