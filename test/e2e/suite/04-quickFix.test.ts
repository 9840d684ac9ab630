import * as assert from 'assert';
import * as vscode from 'vscode';
import { activated, closeAll, codeOf, fileUri, waitForDiagnostics } from '../helpers';

describe('quick-fix', () => {
  before(activated);
  after(closeAll);

  it('a cross-file subset-not-found is fixed by its quick-fix and the diagnostic goes', async () => {
    const uri = fileUri('mesh', 'reviews-vs.yaml');
    const [d] = (await waitForDiagnostics(uri, ds => ds.some(x => codeOf(x) === 'subset-not-found'))).filter(
      x => codeOf(x) === 'subset-not-found',
    );
    const doc = await vscode.workspace.openTextDocument(uri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      d.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = actions.map(a => a.title);
    const fix = actions.find(a => /Change subset to "v1"/.test(a.title));
    assert.ok(fix?.edit, `quick-fixes offered: ${titles.join(' | ')}`);
    assert.ok(
      titles.some(t => /Add subset "v3" to DestinationRule bookinfo\/reviews in destination-rules.yaml/.test(t)),
      `cross-file fix offered: ${titles.join(' | ')}`,
    );
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.lineAt(16).text, /subset: v1/);
    await waitForDiagnostics(
      uri,
      ds => !ds.some(x => codeOf(x) === 'subset-not-found'),
      20000,
      'subset-not-found to go',
    );
    await doc.save();
  });
});
