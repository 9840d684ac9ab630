import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Location, Position } from 'vscode-languageclient/node';

/**
 * `istio.showReferences`, the command of the "used by N routes" code lenses: the server sends
 * protocol JSON (uri, position, locations), which `editor.action.showReferences` does not accept,
 * so it is converted to VS Code types here. Returns the locations it showed (for tests).
 */
export async function showReferences(
  client: LanguageClient,
  uri: string,
  position: Position,
  locations: Location[],
): Promise<vscode.Location[]> {
  const p2c = client.protocol2CodeConverter;
  const target = p2c.asUri(uri);
  const at = p2c.asPosition(position);
  const locs = (locations ?? []).map(l => p2c.asLocation(l));
  await vscode.commands.executeCommand('editor.action.showReferences', target, at, locs);
  return locs;
}
