import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ReindexResult } from '../../../client/src/protocol';
import type { MeshGraphShown } from '../../../client/src/meshGraph/panel';
import { activated, closeAll, codeOf, fileUri, waitForDiagnostics } from '../helpers';

describe('commands', () => {
  before(activated);
  afterEach(closeAll);

  it('Istio: Analyze Workspace re-indexes and summarises', async () => {
    const result = await vscode.commands.executeCommand<ReindexResult>('istio.analyzeWorkspace');
    assert.ok(result.files >= 8, `files: ${result.files}`);
    assert.ok(result.resources >= 10, `resources: ${result.resources}`);
    assert.ok(result.findings.warning >= 1, `findings: ${JSON.stringify(result.findings)}`);
    await waitForDiagnostics(fileUri('mesh', 'legacy-dr.yaml'), ds => ds.length > 0);
  });

  it('Istio: New Resource… opens an untitled YAML document with the template, name and namespace', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('istio.newResource', {
      template: 'istio-vs-canary',
      name: 'payments',
      namespace: 'shop',
    });
    assert.ok(editor, 'an editor');
    const doc = editor.document;
    assert.ok(doc.isUntitled);
    assert.strictEqual(doc.languageId, 'yaml');
    const text = doc.getText();
    assert.match(
      text,
      /^apiVersion: networking\.istio\.io\/v1\nkind: VirtualService\nmetadata:\n {2}name: payments\n {2}namespace: shop\n/,
    );
    assert.match(text, /host: reviews\n\s+subset: v1/, 'other placeholders keep their defaults');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it("Istio: New Resource… offers the workspace's namespaces as a pick (Enter takes the first)", async () => {
    const opening = vscode.commands.executeCommand<vscode.TextEditor>('istio.newResource', {
      template: 'istio-dr',
      name: 'picked',
    });
    let editor: vscode.TextEditor | undefined;
    void opening.then(e => (editor = e));
    for (let i = 0; i < 40 && !editor; i++) {
      await new Promise(r => setTimeout(r, 250));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    editor = await opening;
    assert.ok(editor, 'an editor');
    const ns = /^ {2}namespace: (\S+)$/m.exec(editor.document.getText())?.[1];
    assert.ok(ns && ['bookinfo', 'team-b', 'istio-system'].includes(ns), `namespace from the workspace: ${ns}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Istio: Show Mesh Graph draws gateways, routes, hosts and subsets, broken references in red', async () => {
    const shown = await vscode.commands.executeCommand<MeshGraphShown>('istio.showMeshGraph');
    assert.ok(shown.panel.visible, 'webview visible');
    const kinds = new Set(shown.graph.nodes.map(n => n.kind));
    for (const k of ['Gateway', 'VirtualService', 'DestinationRule', 'Subset'] as const)
      assert.ok(kinds.has(k), `${k} in ${[...kinds].join(', ')}`);
    const gw = shown.graph.nodes.find(n => n.kind === 'Gateway' && n.label.includes('public-gateway'));
    assert.ok(gw, 'the public gateway');
    assert.ok(
      shown.graph.edges.some(e => e.from === gw.id || e.to === gw.id),
      'the gateway is connected',
    );
    assert.match(shown.svg, /class="node kind-Gateway linked"/);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('istio.meshGraph.open', gw.id);
    assert.strictEqual(editor?.document.uri.toString(), fileUri('mesh', 'gateway.yaml').toString());
  });

  it('Istio: Show Output and Restart Language Server keep diagnostics flowing', async () => {
    await vscode.commands.executeCommand('istio.showOutput');
    const api = await activated();
    // The restarted server indexes again: wait for its own "ready", not the old one.
    const readyAgain = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error('no ready status within 30 s of the restart'));
      }, 30000);
      const sub = api.status.onDidChange(s => {
        if (s.state !== 'ready') return;
        clearTimeout(timer);
        sub.dispose();
        resolve();
      });
    });
    await vscode.commands.executeCommand('istio.restartServer');
    await readyAgain;
    assert.ok(api.client.isRunning());
    await waitForDiagnostics(
      fileUri('mesh', 'legacy-dr.yaml'),
      ds => ds.some(d => codeOf(d) === 'deprecated-api-version'),
      30000,
      'diagnostics after the restart',
    );
  });
});
