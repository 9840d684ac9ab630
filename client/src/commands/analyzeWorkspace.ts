import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { REINDEX_REQUEST, type ReindexResult } from '../protocol';

/**
 * "Istio: Analyze workspace": re-reads every YAML file from disk (catching changes made outside
 * the editor, e.g. by `git checkout` with watching off), focuses the Problems view and says what
 * was found.
 */
export async function analyzeWorkspace(client: LanguageClient): Promise<ReindexResult> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Istio: analyzing the workspace…' },
    () => client.sendRequest(REINDEX_REQUEST),
  );
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  const f = result.findings;
  const problems = f.error + f.warning + f.info + f.hint;
  const counts = [plural(f.error, 'error'), plural(f.warning, 'warning'), plural(f.info + f.hint, 'info')].join(', ');
  void vscode.window.showInformationMessage(
    `Istio: ${plural(result.resources, 'resource')} in ${plural(result.files, 'file')}; ${problems === 0 ? 'no problems found' : `${plural(problems, 'problem')} (${counts})`}.`,
  );
  return result;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
