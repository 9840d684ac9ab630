import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { UPGRADE_PLAN_REQUEST, type UpgradePlan } from '../protocol';

export interface UpgradeArgs {
  /** false applies without the refactor preview (tests); the default asks for confirmation. */
  readonly preview?: boolean;
}

export interface UpgradeOutcome {
  readonly applied: boolean;
  readonly plan: UpgradePlan;
}

/**
 * "Istio: Upgrade all resources to v1 APIs": the server plans the edits for every file (open or
 * not), the user reviews them in the refactor preview, grouped by resource, and applies them as
 * one workspace edit (one undo). A summary lists what changed and what was skipped, and why.
 */
export async function upgradeApis(
  client: LanguageClient,
  output: vscode.LogOutputChannel,
  args: UpgradeArgs = {},
): Promise<UpgradeOutcome | undefined> {
  const plan = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Istio: planning the v1 upgrade' },
    () => client.sendRequest(UPGRADE_PLAN_REQUEST, {}),
  );
  logPlan(output, plan);
  if (plan.changed.length === 0) {
    const skipped = plan.skipped.length > 0 ? ` ${plan.skipped.length} could not be upgraded.` : '';
    void showSummary(`No Istio resources to upgrade: everything already uses v1 APIs.${skipped}`, plan, output);
    return { applied: false, plan };
  }
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(plan.edit);
  const preview = args.preview ?? true;
  const annotated = preview ? withPreview(edit, plan) : edit;
  const applied = await vscode.workspace.applyEdit(annotated, { isRefactoring: true });
  if (!applied) {
    void vscode.window.showInformationMessage('Istio: the v1 upgrade was not applied.');
    return { applied: false, plan };
  }
  const changedUris = new Set(plan.changed.map(c => vscode.Uri.parse(c.uri).toString()));
  const files = changedUris.size;
  const unsaved = vscode.workspace.textDocuments.filter(d => d.isDirty && changedUris.has(d.uri.toString())).length;
  const skipped = plan.skipped.length > 0 ? `; ${plan.skipped.length} skipped` : '';
  void showSummary(
    `Upgraded ${plural(plan.changed.length, 'Istio resource')} in ${plural(files, 'file')} to v1 APIs${skipped}.${saveHint(unsaved)}`,
    plan,
    output,
  );
  return { applied: true, plan };
}

/**
 * Rebuilds the edit with metadata so the refactor preview opens and groups the changes by
 * resource ("VirtualService reviews: v1beta1 → v1"), every change ticked, so that Apply applies
 * them. VS Code opens the preview only for an edit with an annotation that `needsConfirmation`,
 * and leaves such edits unticked: so the changes themselves do not need confirmation, and one
 * no-op edit does (creating an existing file with `ignoreIfExists`, which the preview does not
 * list and which changes nothing even if applied).
 */
export function withPreview(edit: vscode.WorkspaceEdit, plan: UpgradePlan): vscode.WorkspaceEdit {
  const out = new vscode.WorkspaceEdit();
  let first: vscode.Uri | undefined;
  for (const [uri, edits] of edit.entries()) {
    first ??= uri;
    const changes = plan.changed.filter(c => vscode.Uri.parse(c.uri).toString() === uri.toString());
    for (const e of edits) {
      const change =
        changes.find(c => c.line >= e.range.start.line && c.line <= e.range.end.line) ??
        changes.find(c => c.line === e.range.start.line);
      const label = change ? `${change.kind} ${displayName(change)}: ${change.from} → ${change.to}` : 'Upgrade to v1';
      out.replace(uri, e.range, e.newText, {
        needsConfirmation: false,
        label,
        description: vscode.workspace.asRelativePath(uri),
      });
    }
  }
  if (first) out.createFile(first, { ignoreIfExists: true }, { needsConfirmation: true, label: 'Open the preview' });
  return out;
}

/** "IstioOperator (unnamed)" rather than an empty name: an IstioOperator may leave metadata.name out. */
export function displayName(x: { name: string }): string {
  return x.name || '(unnamed)';
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** Asks to save only what the edit left unsaved (with auto save on, nothing is). */
function saveHint(unsaved: number): string {
  return unsaved === 0 ? '' : ` Save ${unsaved === 1 ? 'the file' : `the ${unsaved} files`} to keep the change.`;
}

function logPlan(output: vscode.LogOutputChannel, plan: UpgradePlan): void {
  output.info(`v1 upgrade plan: ${plan.changed.length} to change, ${plan.skipped.length} skipped`);
  for (const c of plan.changed) output.info(`  change ${where(c)} ${c.kind} ${displayName(c)}: ${c.from} -> ${c.to}`);
  for (const s of plan.skipped) output.info(`  skip   ${where(s)} ${s.kind} ${displayName(s)}: ${s.reason}`);
}

function where(x: { uri: string; line: number }): string {
  return `${vscode.workspace.asRelativePath(vscode.Uri.parse(x.uri))}:${x.line + 1}`;
}

async function showSummary(message: string, plan: UpgradePlan, output: vscode.LogOutputChannel): Promise<void> {
  const details = plan.changed.length + plan.skipped.length > 0 ? ['Show details'] : [];
  const skippedReasons = plan.skipped.slice(0, 3).map(s => `${s.kind} ${displayName(s)}: ${s.reason}`);
  const text =
    skippedReasons.length > 0
      ? `${message} Skipped: ${skippedReasons.join('; ')}${plan.skipped.length > 3 ? '; …' : ''}`
      : message;
  const choice = await vscode.window.showInformationMessage(text, ...details);
  if (choice === 'Show details') output.show(true);
}
