import * as assert from 'assert';
import * as vscode from 'vscode';
import { activated, codeOf, describe as show, fileUri, istioDiagnostics, waitForDiagnostics } from '../helpers';

describe('diagnostics', () => {
  before(activated);

  it('reports a cross-file finding in a file that was never opened', async () => {
    const uri = fileUri('mesh', 'reviews-vs.yaml');
    assert.ok(
      !vscode.workspace.textDocuments.some(d => d.uri.toString() === uri.toString()),
      'reviews-vs.yaml is not open',
    );
    const ds = await waitForDiagnostics(
      uri,
      d => d.some(x => codeOf(x) === 'subset-not-found'),
      20000,
      'subset-not-found',
    );
    const d = ds.find(x => codeOf(x) === 'subset-not-found')!;
    assert.strictEqual(d.range.start.line, 16, show(ds));
    assert.match(d.message, /"v3"/);
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(
      typeof d.code === 'object' && String(d.code.target).includes('subset-not-found'),
      'code links to the rule docs',
    );
    assert.ok(!vscode.workspace.textDocuments.some(doc => doc.uri.toString() === uri.toString()), 'still not opened');
  });

  it('reports a deprecated apiVersion as a warning', async () => {
    const ds = await waitForDiagnostics(fileUri('mesh', 'legacy-dr.yaml'), d =>
      d.some(x => codeOf(x) === 'deprecated-api-version'),
    );
    assert.strictEqual(
      ds.find(x => codeOf(x) === 'deprecated-api-version')!.severity,
      vscode.DiagnosticSeverity.Warning,
    );
  });

  it("applies each folder's istio.defaultNamespace in a multi-root workspace", async () => {
    // Wait for the mesh folder's findings first: they come from the same indexing batch.
    await waitForDiagnostics(fileUri('mesh', 'reviews-vs.yaml'), d => d.length > 0);
    const ds = istioDiagnostics(fileUri('team-b', 'ratings-vs.yaml'));
    assert.deepStrictEqual(
      ds.map(codeOf),
      [],
      `team-b/ratings-vs.yaml should resolve in namespace team-b: ${show(ds)}`,
    );
    const cfg = vscode.workspace.getConfiguration('istio', fileUri('team-b', 'ratings-vs.yaml'));
    assert.strictEqual(cfg.get('defaultNamespace'), 'team-b');
  });

  it("leaves files.exclude'd files and non-Istio YAML without diagnostics", async () => {
    await waitForDiagnostics(fileUri('mesh', 'reviews-vs.yaml'), d => d.length > 0);
    for (const [folder, file] of [
      ['mesh', 'ignored/broken-vs.yaml'],
      ['mesh', 'compose.yaml'],
      ['mesh', 'k8s/deployment.yaml'],
      ['mesh', 'k8s/services.yaml'],
    ]) {
      assert.deepStrictEqual(istioDiagnostics(fileUri(folder, file)).map(codeOf), [], file);
    }
  });
});
