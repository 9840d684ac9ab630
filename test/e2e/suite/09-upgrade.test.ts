import * as assert from 'assert';
import * as vscode from 'vscode';
import type { UpgradeOutcome } from '../../../client/src/commands/upgradeApis';
import { activated, codeOf, fileUri, waitForDiagnostics } from '../helpers';

describe('Istio: Upgrade All Resources to v1 APIs', () => {
  before(activated);

  it('applies when the user presses Apply in the refactor preview (the path users take)', async function () {
    this.timeout(60000);
    const uri = fileUri('mesh', 'legacy-dr.yaml');
    await waitForDiagnostics(uri, ds => ds.some(d => codeOf(d) === 'deprecated-api-version'));
    let done = false;
    const running = vscode.commands.executeCommand<UpgradeOutcome>('istio.upgradeApis').then(o => ((done = true), o));
    // The command waits in the refactor preview until Apply (Ctrl+Enter there) is pressed.
    await new Promise(r => setTimeout(r, 1500));
    assert.strictEqual(done, false, 'the refactor preview holds the edit until Apply');
    for (let i = 0; i < 60 && !done; i++) {
      await new Promise(r => setTimeout(r, 500));
      if (!done) await vscode.commands.executeCommand('refactorPreview.apply');
    }
    const outcome = await running;
    assert.ok(outcome?.applied, `applied through the preview: ${JSON.stringify(outcome?.plan.changed)}`);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(doc.lineAt(0).text, 'apiVersion: networking.istio.io/v1');
    assert.strictEqual(await vscode.workspace.fs.stat(uri).then(() => true), true, 'no file was created or lost');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.lineAt(0).text, 'apiVersion: networking.istio.io/v1beta1');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('refactorPreview.discard');
  });

  it('rewrites every v1alpha3/v1beta1 resource, in unopened files too, as one undoable edit', async () => {
    const uri = fileUri('mesh', 'legacy-dr.yaml');
    await waitForDiagnostics(uri, ds => ds.some(d => codeOf(d) === 'deprecated-api-version'));
    const outcome = await vscode.commands.executeCommand<UpgradeOutcome>('istio.upgradeApis', { preview: false });
    assert.ok(outcome, 'the command returns the plan');
    assert.ok(outcome.applied, 'applied');
    const change = outcome.plan.changed.find(c => c.uri.endsWith('legacy-dr.yaml'));
    assert.ok(change, `changed: ${JSON.stringify(outcome.plan.changed)}`);
    assert.deepStrictEqual(
      [change.kind, change.name, change.from, change.to],
      ['DestinationRule', 'productpage', 'networking.istio.io/v1beta1', 'networking.istio.io/v1'],
    );
    assert.ok(
      outcome.plan.changed.every(c => !c.uri.includes('/ignored/')),
      "files.exclude'd files are left alone",
    );
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(doc.lineAt(0).text, 'apiVersion: networking.istio.io/v1');
    assert.ok(doc.isDirty, 'left for the user to save');
    await waitForDiagnostics(
      uri,
      ds => !ds.some(d => codeOf(d) === 'deprecated-api-version'),
      20000,
      'deprecated-api-version to go',
    );
    // One undo restores the file.
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.lineAt(0).text, 'apiVersion: networking.istio.io/v1beta1');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
