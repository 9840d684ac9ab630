import * as assert from 'assert';
import * as vscode from 'vscode';
import { activated, fileUri } from '../helpers';

/**
 * Runs with a stand-in extension registered under Red Hat YAML's id (test/fixtures/fake-redhat-yaml):
 * it contributes the `yaml.schemas` setting and nothing else.
 */
describe('coexistence with Red Hat YAML', () => {
  before(activated);
  const yaml = () => vscode.workspace.getConfiguration('yaml');
  after(() => yaml().update('schemas', undefined, vscode.ConfigurationTarget.Workspace));

  it('detects a Kubernetes schema mapped onto Istio files and excludes them on request, in workspace settings', async () => {
    const api = await activated();
    await extensionPresent('redhat.vscode-yaml', 20000);
    await yaml().update(
      'schemas',
      { kubernetes: ['*.yaml'], 'https://json.schemastore.org/kustomization.json': 'kustomization.yaml' },
      vscode.ConfigurationTarget.Workspace,
    );
    const gateway = await vscode.workspace.openTextDocument(fileUri('mesh', 'gateway.yaml'));
    const deployment = await vscode.workspace.openTextDocument(fileUri('mesh', 'k8s/deployment.yaml'));
    assert.ok(api.coexistence.check(gateway), 'conflict on an Istio file');
    assert.strictEqual(api.coexistence.check(deployment), undefined, 'no conflict on a Deployment');

    const schemas = await vscode.commands.executeCommand<Record<string, string[]>>('istio.excludeIstioFromYamlSchemas');
    const patterns = schemas.kubernetes;
    assert.ok(patterns.includes('*.yaml'), "keeps the user's pattern");
    for (const p of ['!gateway.yaml', '!reviews-vs.yaml', '!legacy-dr.yaml', '!ratings-vs.yaml'])
      assert.ok(patterns.includes(p), `${p} in ${patterns.join(', ')}`);
    assert.ok(
      !patterns.some(p => /deployment|compose|services/.test(p)),
      `non-Istio files stay: ${patterns.join(', ')}`,
    );
    assert.strictEqual(
      schemas['https://json.schemastore.org/kustomization.json'],
      'kustomization.yaml',
      'other associations untouched',
    );
    assert.deepStrictEqual(
      yaml().inspect<Record<string, unknown>>('schemas')?.workspaceValue,
      schemas,
      'written to the workspace settings',
    );
    assert.strictEqual(api.coexistence.check(gateway), undefined, 'no conflict any more');
  });
});

/** The runner installs the stand-in while the window starts, so it may register a moment later. */
function extensionPresent(id: string, timeoutMs: number): Promise<void> {
  if (vscode.extensions.getExtension(id)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(
        new Error(
          `${id} not loaded within ${timeoutMs} ms; have ${vscode.extensions.all
            .filter(e => !e.id.startsWith('vscode.'))
            .map(e => e.id)
            .join(', ')}`,
        ),
      );
    }, timeoutMs);
    const sub = vscode.extensions.onDidChange(() => {
      if (!vscode.extensions.getExtension(id)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}
