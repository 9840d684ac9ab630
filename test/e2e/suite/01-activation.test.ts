import * as assert from 'assert';
import * as vscode from 'vscode';
import { notes } from '../index';
import { activated, EXTENSION_ID } from '../helpers';

describe('activation', () => {
  it('activates on the YAML workspace, starts the server over IPC and indexes every folder', async function () {
    const t0 = Date.now();
    const api = await activated();
    const indexMs = Date.now() - t0;
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    assert.ok(api.client.isRunning(), 'language client running');
    assert.ok(api.activationMs < 5000, `activation took ${api.activationMs} ms`);
    const status = api.status.status;
    assert.strictEqual(status.state, 'ready');
    // mesh: 2 Gateway/VS + 1 VS + 2 DR + 1 DR + 2 Service + 1 Deployment; team-b: 1 VS + 1 Service.
    assert.ok((status.resources ?? 0) >= 10, `resources: ${status.resources}`);
    assert.match(api.status.text, /Istio: \d+ resources/);
    assert.ok(api.status.visible, 'status bar item shown');
    notes.push(
      `activation (multi-root fixture): ${api.activationMs} ms to a running server; first index ready ${indexMs} ms after the test asked`,
    );
  });

  it('contributes its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of [
      'istio.newResource',
      'istio.upgradeApis',
      'istio.analyzeWorkspace',
      'istio.showMeshGraph',
      'istio.restartServer',
      'istio.showOutput',
    ]) {
      assert.ok(commands.includes(id), id);
    }
  });
});
