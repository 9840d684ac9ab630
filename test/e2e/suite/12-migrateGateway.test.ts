import * as assert from 'assert';
import * as vscode from 'vscode';
import { parseAllDocuments } from 'yaml';
import type { MigrateGatewayOutcome } from '../../../client/src/commands/migrateGateway';
import { activated, fileUri } from '../helpers';

describe('Istio: Migrate Gateway to Gateway API', () => {
  before(activated);

  it('offers the refactor on the Istio Gateway, with an edit that creates the new file', async () => {
    const uri = fileUri('mesh', 'gateway.yaml');
    await vscode.workspace.openTextDocument(uri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      new vscode.Range(1, 0, 1, 0),
      vscode.CodeActionKind.Refactor.value,
    );
    const migrate = actions.find(a => a.title === 'Migrate Gateway public-gateway to Gateway API');
    assert.ok(migrate, `actions: ${actions.map(a => a.title).join(', ') || '(none)'}`);
    assert.strictEqual(migrate.kind?.value, 'refactor.rewrite.istio.gatewayApi');
    assert.ok(migrate.edit?.has(fileUri('mesh', 'public-gateway.gateway-api.yaml')), 'the edit writes the new file');
    assert.strictEqual(migrate.command?.command, 'istio.showMigrationSummary');
  });

  it('runs the command: a new file with the Gateway and the HTTPRoute, the Istio files untouched', async () => {
    const source = fileUri('mesh', 'gateway.yaml');
    const before = (await vscode.workspace.openTextDocument(source)).getText();
    const outcome = await vscode.commands.executeCommand<MigrateGatewayOutcome>('istio.migrateToGatewayApi', {
      uri: source.toString(),
      preview: false,
    });
    assert.ok(outcome?.applied, `applied: ${JSON.stringify(outcome?.plan.error)}`);
    const target = fileUri('mesh', 'public-gateway.gateway-api.yaml');
    assert.strictEqual(outcome.plan.uri, target.toString());
    const doc = await vscode.workspace.openTextDocument(target);
    assert.strictEqual(doc.getText(), outcome.plan.text);
    const objects = parseAllDocuments(doc.getText()).map(d => d.toJS() as Record<string, unknown>);
    assert.deepStrictEqual(objects, [
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: { name: 'public-gateway', namespace: 'istio-system' },
        spec: {
          gatewayClassName: 'istio',
          listeners: [
            {
              name: 'http',
              hostname: 'bookinfo.example.com',
              port: 80,
              protocol: 'HTTP',
              allowedRoutes: { namespaces: { from: 'All' } },
            },
          ],
        },
      },
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'bookinfo', namespace: 'bookinfo' },
        spec: {
          parentRefs: [{ name: 'public-gateway', namespace: 'istio-system' }],
          hostnames: ['bookinfo.example.com'],
          rules: [{ backendRefs: [{ name: 'productpage', port: 9080 }] }],
        },
      },
    ]);
    assert.strictEqual((await vscode.workspace.openTextDocument(source)).getText(), before, 'the source is unchanged');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(target);
  });

  it('goes through the refactor preview: nothing is created until the preview is applied', async () => {
    const source = fileUri('mesh', 'gateway.yaml');
    const target = fileUri('mesh', 'public-gateway.gateway-api.yaml');
    const running = vscode.commands.executeCommand<MigrateGatewayOutcome>('istio.migrateToGatewayApi', {
      uri: source.toString(),
    });
    let outcome: MigrateGatewayOutcome | undefined;
    void running.then(o => (outcome = o));
    // The preview waits for the user: press its Apply (the command the panel's button runs).
    for (let attempt = 0; attempt < 100 && !outcome; attempt++) {
      await new Promise(r => setTimeout(r, 200));
      if (attempt === 0) assert.ok(!(await exists(target)), 'nothing created before the preview is applied');
      await vscode.commands.executeCommand('refactorPreview.apply').then(undefined, () => undefined);
    }
    outcome = await running;
    assert.ok(outcome?.applied, 'applied from the preview');
    const doc = await vscode.workspace.openTextDocument(target);
    assert.strictEqual(doc.getText(), outcome.plan.text);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    if (await exists(target)) await vscode.workspace.fs.delete(target);
  });
});

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}
