import * as assert from 'assert';
import * as vscode from 'vscode';
import { activated, closeAll, fileUri, hoverText, labelOf, serverItems } from '../helpers';

async function completions(uri: vscode.Uri, line: number, character: number): Promise<vscode.CompletionList> {
  return vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    uri,
    new vscode.Position(line, character),
  );
}

describe('completion and hover', () => {
  before(activated);
  after(closeAll);

  it('offers the Istio templates where a new document starts in an Istio file, not inside a document', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri('mesh', 'destination-rules.yaml'));
    await vscode.window.showTextDocument(doc);
    const inside = (await completions(doc.uri, doc.lineCount - 1, 0)).items.map(labelOf);
    assert.ok(!inside.includes('istio-vs'), `at the top level of a written document: ${inside.join(', ')}`);
    const fresh = await vscode.workspace.openTextDocument({ language: 'yaml', content: `${doc.getText()}---\n` });
    const labels = (await completions(fresh.uri, fresh.lineCount - 1, 0)).items.map(labelOf);
    for (const prefix of ['apiVersion', 'kind', 'istio-vs', 'istio-dr', 'istio-gw-https', 'istio-pa-strict'])
      assert.ok(labels.includes(prefix), `${prefix} after ---: ${labels.join(', ')}`);
  });

  it('completes Istio fields from the server in an Istio document', async () => {
    // Inside the DestinationRule's spec, on a new line indented like `host:`.
    const doc = await vscode.workspace.openTextDocument({
      language: 'yaml',
      content: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: x\nspec:\n  \n',
    });
    const items = serverItems(await completions(doc.uri, 5, 2));
    const labels = items.map(labelOf);
    assert.ok(
      labels.includes('trafficPolicy') && labels.includes('subsets'),
      `server completions: ${labels.join(', ') || '(none)'}`,
    );
  });

  it('shows the API description on hover in an Istio document', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri('mesh', 'destination-rules.yaml'));
    const line = doc
      .getText()
      .split('\n')
      .findIndex(l => l.trim() === 'subsets:');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      new vscode.Position(line, 4),
    );
    assert.match(hoverText(hovers), /subset/i, `hover: ${hoverText(hovers) || '(none)'}`);
  });

  it("offers the workspace's Gateways and Services in an HTTPRoute", async () => {
    const route = (rest: string) =>
      `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: reviews\n  namespace: bookinfo\nspec:\n${rest}`;
    const parents = await vscode.workspace.openTextDocument({
      language: 'yaml',
      content: route('  parentRefs:\n    - name: \n'),
    });
    const gateways = serverItems(await completions(parents.uri, 7, 12)).map(labelOf);
    assert.ok(gateways.includes('bookinfo-web'), `parentRef names: ${gateways.join(', ') || '(none)'}`);
    const backends = await vscode.workspace.openTextDocument({
      language: 'yaml',
      content: route('  rules:\n    - backendRefs:\n        - name: \n'),
    });
    const services = serverItems(await completions(backends.uri, 8, 16)).map(labelOf);
    for (const name of ['productpage', 'reviews'])
      assert.ok(services.includes(name), `backendRef names: ${services.join(', ') || '(none)'}`);
    const diagnostics = vscode.languages.getDiagnostics(fileUri('mesh', 'gateway-api.yaml'));
    assert.deepStrictEqual(
      diagnostics.map(d => d.message),
      [],
      'the Gateway API fixture is clean',
    );
  });

  it('gives plain Kubernetes and other YAML no completions or hovers of its own', async () => {
    for (const file of ['k8s/deployment.yaml', 'compose.yaml']) {
      const doc = await vscode.workspace.openTextDocument(fileUri('mesh', file));
      const list = await completions(doc.uri, doc.lineCount - 1, 0);
      assert.deepStrictEqual(serverItems(list).map(labelOf), [], `${file}: server completions`);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        doc.uri,
        new vscode.Position(1, 2),
      );
      assert.strictEqual(hoverText(hovers), '', `${file}: hover`);
    }
  });
});
