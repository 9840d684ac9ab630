import * as assert from 'assert';
import * as vscode from 'vscode';
import { activated, closeAll, codeOf, fileUri, hoverText, waitForDiagnostics } from '../helpers';

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

  it('every finding offers Disable for this line / for this file and Configure severity…, and each works', async function () {
    this.timeout(90000);
    const uri = fileUri('mesh', 'legacy-dr.yaml');
    const rule = 'deprecated-api-version';
    const has = (ds: vscode.Diagnostic[]) => ds.some(d => codeOf(d) === rule);
    const [d] = (await waitForDiagnostics(uri, has)).filter(x => codeOf(x) === rule);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      d.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = actions.map(a => a.title);
    const byTitle = (t: string) => actions.find(a => a.title === t);
    const line = byTitle(`Disable ${rule} for this line`);
    const file = byTitle(`Disable ${rule} for this file`);
    const configure = byTitle(`Configure ${rule} severity…`);
    assert.ok(line?.edit && file?.edit && configure?.command, `actions: ${titles.join(' | ')}`);
    assert.ok(!/^(Disable|Configure) /.test(titles[0]), `the rule's own fixes first: ${titles.join(' | ')}`);

    assert.ok(await vscode.workspace.applyEdit(line.edit));
    assert.strictEqual(doc.lineAt(d.range.start.line).text, `# istio-ls-disable-next-line ${rule}`);
    await waitForDiagnostics(uri, ds => !has(ds), 20000, `${rule} silenced for the line`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitForDiagnostics(uri, has, 20000, `${rule} back after revert`);

    assert.ok(await vscode.workspace.applyEdit(file.edit));
    assert.strictEqual(doc.lineAt(0).text, `# istio-ls-disable-file ${rule}`);
    await waitForDiagnostics(uri, ds => !has(ds), 20000, `${rule} silenced for the file`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitForDiagnostics(uri, has, 20000, `${rule} back after revert`);

    // The pick of severities is skipped by passing one, as a keybinding could.
    const cfg = () => vscode.workspace.getConfiguration('istio');
    try {
      const args = [...(configure.command.arguments ?? []), 'off'];
      assert.strictEqual(await vscode.commands.executeCommand(configure.command.command, ...args), 'off');
      assert.deepStrictEqual(cfg().inspect('rules')?.workspaceValue, { [rule]: 'off' });
      await waitForDiagnostics(uri, ds => !has(ds), 20000, `${rule} turned off in settings`);
    } finally {
      await cfg().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(uri, has, 20000, `${rule} back`);
  });

  it('hover names files as workspace-relative links that open the file at the line', async () => {
    const uri = fileUri('mesh', 'reviews-vs.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    const line = [...Array(doc.lineCount).keys()].find(l => /subset: v1/.test(doc.lineAt(l).text));
    assert.ok(line !== undefined);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(line, doc.lineAt(line).text.indexOf('v1') + 1),
    );
    const text = hoverText(hovers);
    const dr = fileUri('mesh', 'destination-rules.yaml').toString();
    const link = /\[mesh\/destination-rules\.yaml:(\d+)\]\(([^)]+)\)/.exec(text);
    assert.ok(link, `hover: ${text}`);
    assert.strictEqual(link[2], `${dr}#L${link[1]}`);
    const target = await vscode.workspace.openTextDocument(fileUri('mesh', 'destination-rules.yaml'));
    assert.match(target.lineAt(Number(link[1]) - 1).text, /name: reviews/);
  });
});
