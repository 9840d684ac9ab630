import * as assert from 'assert';
import * as vscode from 'vscode';
import { notes } from '../index';
import { activated, istioDiagnostics } from '../helpers';

describe('a workspace without Istio files', () => {
  it('activates cheaply, indexes nothing and stays out of the status bar', async () => {
    const t0 = Date.now();
    const api = await activated();
    const readyMs = Date.now() - t0;
    assert.ok(api.activationMs < 3000, `activation took ${api.activationMs} ms`);
    assert.strictEqual(api.status.status.state, 'ready');
    assert.strictEqual(api.status.status.resources ?? 0, 0);
    assert.ok(!api.status.visible, 'no status bar item');
    notes.push(
      `activation (no Istio files): ${api.activationMs} ms to a running server; index ready ${readyMs} ms after the test asked`,
    );
  });

  it('reports nothing and completes nothing of its own in other YAML', async () => {
    for (const f of await vscode.workspace.findFiles('**/*.{yaml,yml}')) {
      assert.deepStrictEqual(istioDiagnostics(f), [], vscode.workspace.asRelativePath(f));
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        f,
        new vscode.Position(1, 0),
      );
      assert.deepStrictEqual(
        list.items
          .filter(i => i.kind !== vscode.CompletionItemKind.Snippet && i.kind !== vscode.CompletionItemKind.Text)
          .map(i => i.label),
        [],
      );
    }
  });
});
