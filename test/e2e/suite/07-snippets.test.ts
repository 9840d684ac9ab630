import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { expandDefaults, parseSnippetFile } from '../../../client/src/snippets/snippetFile';
import { activated, EXTENSION_ID, labelOf } from '../helpers';

/** The whole-document templates, which completion offers where a new document starts (only there). */
describe('snippets in the editor', () => {
  before(activated);

  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  const snippets = ext
    ? parseSnippetFile(fs.readFileSync(path.join(ext.extensionPath, 'snippets', 'istio.code-snippets'), 'utf8'))
    : [];

  async function completions(content: string, at: vscode.Position, trigger?: string) {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content });
    await vscode.window.showTextDocument(doc);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      at,
      trigger,
    );
    return { doc, items: list.items };
  }

  it('every snippet of snippets/istio.code-snippets is offered in a blank file', async () => {
    assert.ok(snippets.length >= 20, `${snippets.length} snippets`);
    const { items } = await completions('', new vscode.Position(0, 0));
    const labels = items.map(labelOf);
    for (const s of snippets) assert.ok(labels.includes(s.prefix), `${s.prefix} offered: ${labels.join(', ')}`);
    assert.ok(labels.includes('apiVersion') && labels.includes('kind'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('"istio-" typed after --- lists them; at subset:, enum values and nested keys they are absent', async () => {
    const head =
      'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: r\nspec:\n  host: r\n  trafficPolicy:\n    loadBalancer:\n      simple: \n  \n---\nistio-';
    const typed = await completions(head, new vscode.Position(11, 6), '-');
    assert.ok(typed.items.map(labelOf).includes('istio-vs'), `after ---: ${typed.items.map(labelOf).join(', ')}`);
    const at = async (line: number, character: number) =>
      (
        await vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider',
          typed.doc.uri,
          new vscode.Position(line, character),
        )
      ).items.map(labelOf);
    const enumValues = await at(8, 14);
    assert.ok(enumValues.includes('ROUND_ROBIN'), enumValues.join(', '));
    assert.ok(!enumValues.some(l => l.startsWith('istio-')), `at an enum value: ${enumValues.join(', ')}`);
    const nested = await at(9, 2);
    assert.ok(!nested.some(l => l.startsWith('istio-')), `under spec: ${nested.join(', ')}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  for (const snippet of snippets) {
    it(`${snippet.prefix} expands as the unit tests expect`, async () => {
      const { items } = await completions('', new vscode.Position(0, 0));
      const item = items.find(i => labelOf(i) === snippet.prefix);
      assert.ok(item?.insertText instanceof vscode.SnippetString, `${snippet.prefix} is a snippet completion`);
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor);
      await editor.insertSnippet(item.insertText, new vscode.Position(0, 0));
      assert.strictEqual(editor.document.getText(), expandDefaults(snippet));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  }
});
