import * as assert from 'assert';
import * as vscode from 'vscode';
import { activated, codeOf, fileUri, waitForDiagnostics } from '../helpers';

describe('settings', () => {
  before(activated);

  it('istio.rules severity "off" removes a diagnostic and "error" changes its severity', async () => {
    const uri = fileUri('mesh', 'legacy-dr.yaml');
    const rule = 'deprecated-api-version';
    await waitForDiagnostics(uri, ds => ds.some(d => codeOf(d) === rule));
    const cfg = () => vscode.workspace.getConfiguration('istio');
    try {
      await cfg().update('rules', { [rule]: 'off' }, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(uri, ds => !ds.some(d => codeOf(d) === rule), 15000, `${rule} to be turned off`);
      await cfg().update('rules', { [rule]: 'error' }, vscode.ConfigurationTarget.Workspace);
      const ds = await waitForDiagnostics(
        uri,
        x => x.some(d => codeOf(d) === rule && d.severity === vscode.DiagnosticSeverity.Error),
        15000,
        `${rule} as an error`,
      );
      assert.ok(ds.length > 0);
    } finally {
      await cfg().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(
      uri,
      ds => ds.some(d => codeOf(d) === rule && d.severity === vscode.DiagnosticSeverity.Warning),
      15000,
      `${rule} back as a warning`,
    );
  });

  it('istio.files.exclude takes a file out of the analysis', async () => {
    const uri = fileUri('mesh', 'legacy-dr.yaml');
    const cfg = () => vscode.workspace.getConfiguration('istio');
    try {
      await cfg().update('files.exclude', ['legacy-*.yaml'], vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(uri, ds => ds.length === 0, 15000, 'legacy-dr.yaml to be excluded');
    } finally {
      await cfg().update('files.exclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(uri, ds => ds.length > 0, 15000, 'legacy-dr.yaml to be analysed again');
  });

  it('documents every setting with a default', () => {
    for (const key of [
      'rootNamespace',
      'defaultNamespace',
      'targetVersion',
      'rules',
      'files.include',
      'files.exclude',
      'trace.server',
    ]) {
      const inspected = vscode.workspace.getConfiguration('istio').inspect(key);
      assert.ok(inspected && inspected.defaultValue !== undefined, `istio.${key}`);
    }
  });
});
