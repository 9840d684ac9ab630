import * as assert from 'assert';
import * as vscode from 'vscode';
import { activated, closeAll, fileUri } from '../helpers';

/** The paths a user takes through the editor (issue 11): lenses, previews, quick-fix menus. */
describe('editor paths', () => {
  before(activated);
  after(closeAll);

  it('the "used by N routes" code lens runs its command and shows the routes', async () => {
    const uri = fileUri('mesh', 'destination-rules.yaml');
    await vscode.window.showTextDocument(uri);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const lens = lenses.find(l => /^used by \d+ route/.test(l.command?.title ?? ''));
    assert.ok(lens?.command, `lenses: ${lenses.map(l => l.command?.title).join(' | ')}`);
    const shown = await vscode.commands.executeCommand<vscode.Location[]>(
      lens.command.command,
      ...(lens.command.arguments ?? []),
    );
    assert.ok(Array.isArray(shown) && shown.length > 0, `locations shown: ${JSON.stringify(shown)}`);
    assert.ok(shown[0].uri.path.endsWith('reviews-vs.yaml'), shown[0].uri.toString());
    await vscode.commands.executeCommand('closeReferenceSearch');
  });
});
