import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { MIGRATE_GATEWAY_PLAN_REQUEST, type MigrateGatewayPlan } from '../protocol';

export interface MigrateGatewayArgs {
  /** The file with the Istio Gateway (or a VirtualService bound to one); default: the active editor's. */
  readonly uri?: string;
  /** 0-based position of the resource in it; default: the cursor (or the file's first Gateway). */
  readonly line?: number;
  readonly character?: number;
  /** false applies without the refactor preview (tests); the default asks for confirmation. */
  readonly preview?: boolean;
}

export interface MigrateGatewayOutcome {
  readonly applied: boolean;
  readonly plan: MigrateGatewayPlan;
}

/**
 * "Istio: Migrate Gateway to Gateway API": the server renders the Gateway API resources for the
 * Istio Gateway at the cursor (or the one a VirtualService there is bound to) and the
 * VirtualServices bound to it; the user reviews the new file in the refactor preview and applies
 * it (one undo). The Istio files are not touched. A summary lists what was not translated.
 */
export async function migrateGateway(
  client: LanguageClient,
  output: vscode.LogOutputChannel,
  args: MigrateGatewayArgs = {},
): Promise<MigrateGatewayOutcome | undefined> {
  const editor = vscode.window.activeTextEditor;
  const uri = args.uri ?? editor?.document.uri.toString();
  if (!uri) {
    void vscode.window.showWarningMessage('Istio: open the file with the Istio Gateway to migrate.');
    return undefined;
  }
  const cursor = args.uri === undefined ? editor?.selection.active : undefined;
  const position =
    args.line !== undefined
      ? { line: args.line, character: args.character ?? 0 }
      : cursor && { line: cursor.line, character: cursor.character };
  const plan = await client.sendRequest(MIGRATE_GATEWAY_PLAN_REQUEST, { uri, position });
  if (plan.error || !plan.edit || !plan.uri || plan.text === undefined) {
    void vscode.window.showWarningMessage(`Istio: nothing to migrate: ${plan.error ?? 'no plan'}.`);
    return { applied: false, plan };
  }
  const edit =
    (args.preview ?? true) ? await client.protocol2CodeConverter.asWorkspaceEdit(plan.edit) : plainEdit(plan);
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  if (!applied) {
    void vscode.window.showInformationMessage('Istio: the Gateway migration was not applied.');
    return { applied: false, plan };
  }
  await vscode.window.showTextDocument(vscode.Uri.parse(plan.uri), { preview: false });
  void showMigrationSummary(output, plan);
  return { applied: true, plan };
}

/** The edit without change annotations: applied at once (no preview). */
function plainEdit(plan: MigrateGatewayPlan): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  const uri = vscode.Uri.parse(plan.uri!);
  edit.createFile(uri, { overwrite: false, ignoreIfExists: false });
  edit.insert(uri, new vscode.Position(0, 0), plan.text!);
  return edit;
}

/** Logs every note and says, in one message, how many things need the user's review. */
export async function showMigrationSummary(output: vscode.LogOutputChannel, plan: MigrateGatewayPlan): Promise<void> {
  const gateway = plan.gateway ? `${plan.gateway.namespace}/${plan.gateway.name}` : '';
  output.info(`Gateway migration of ${gateway}: ${plan.resources.length} resources -> ${plan.uri ?? ''}`);
  for (const r of plan.resources) output.info(`  generated ${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`);
  for (const n of plan.notes) {
    const where = `${vscode.workspace.asRelativePath(vscode.Uri.parse(n.uri))}:${n.line + 1}`;
    const line = `  ${where} ${n.kind} ${n.name} ${n.field}: ${n.message}`;
    if (n.severity === 'warning') output.warn(line);
    else output.info(line);
  }
  const warnings = plan.notes.filter(n => n.severity === 'warning');
  const message =
    `Istio: generated ${plan.resources.length} Gateway API resources for Gateway ${gateway}; the Istio resources are unchanged.` +
    (warnings.length > 0
      ? ` ${warnings.length} setting${warnings.length === 1 ? ' is' : 's are'} not translated (listed at the top of the new file).`
      : '');
  const choice = await vscode.window.showInformationMessage(message, 'Show details');
  if (choice === 'Show details') output.show(true);
}
