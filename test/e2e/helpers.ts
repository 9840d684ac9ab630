import * as assert from 'assert';
import * as vscode from 'vscode';
import type { IstioExtensionApi } from '../../client/src/extension';

export const EXTENSION_ID = 'istio-ls.istio-ls';

let api: IstioExtensionApi | undefined;

/** Activates the extension under test (or returns its API) and waits for the first index. */
export async function activated(): Promise<IstioExtensionApi> {
  if (api) return api;
  const ext = vscode.extensions.getExtension<IstioExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is loaded`);
  api = await ext.activate();
  await api.status.whenReady(30000);
  return api;
}

/** A file of the fixture workspace, by workspace folder name and relative path. */
export function fileUri(folder: string, relative: string): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.find(w => w.name === folder);
  assert.ok(f, `workspace folder ${folder}`);
  return vscode.Uri.joinPath(f.uri, relative);
}

export function istioDiagnostics(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter(d => d.source === 'istio' && (code === undefined || codeOf(d) === code));
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

/**
 * Resolves with the file's Istio diagnostics once `until` accepts them: checks now, then on every
 * diagnostics change for that file. Rejects after the timeout with what was last seen.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  until: (ds: vscode.Diagnostic[]) => boolean,
  timeoutMs = 20000,
  what = 'diagnostics',
): Promise<vscode.Diagnostic[]> {
  const now = istioDiagnostics(uri);
  if (until(now)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(
        new Error(
          `timed out after ${timeoutMs} ms waiting for ${what} on ${vscode.workspace.asRelativePath(uri)}; have: ${describe(istioDiagnostics(uri))}`,
        ),
      );
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics(e => {
      if (!e.uris.some(u => u.toString() === uri.toString())) return;
      const ds = istioDiagnostics(uri);
      if (!until(ds)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(ds);
    });
  });
}

/** Waits for a configuration change of `section` to be seen by the extension host. */
export function configurationChanged(section: string, timeoutMs = 10000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no change of ${section} within ${timeoutMs} ms`));
    }, timeoutMs);
    const sub = vscode.workspace.onDidChangeConfiguration(e => {
      if (!e.affectsConfiguration(section)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

export function describe(ds: readonly vscode.Diagnostic[]): string {
  return ds.length === 0
    ? '(none)'
    : ds.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${d.message}`).join(' | ');
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Completion items a language server gave (not snippets or the editor's word suggestions). */
export function serverItems(list: vscode.CompletionList): vscode.CompletionItem[] {
  return list.items.filter(
    i => i.kind !== vscode.CompletionItemKind.Snippet && i.kind !== vscode.CompletionItemKind.Text,
  );
}

export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
}

/** Closes every editor without saving (tests that edit revert first). */
export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
