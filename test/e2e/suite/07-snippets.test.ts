import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { expandDefaults, parseSnippetFile } from '../../../client/src/snippets/snippetFile';
import { activated, EXTENSION_ID } from '../helpers';

describe('snippets in the editor', () => {
  before(activated);

  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  const snippets = ext
    ? parseSnippetFile(fs.readFileSync(path.join(ext.extensionPath, 'snippets', 'istio.code-snippets'), 'utf8'))
    : [];

  it('contributes every snippet of snippets/istio.code-snippets', () => {
    assert.ok(snippets.length >= 20, `${snippets.length} snippets`);
  });

  for (const snippet of snippets) {
    it(`${snippet.prefix} expands as the unit tests expect`, async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
      const editor = await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'yaml', name: snippet.name });
      assert.strictEqual(editor.document.getText(), expandDefaults(snippet));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  }
});
