import * as vscode from 'vscode';

const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'] as const;
export type SeveritySetting = (typeof SEVERITIES)[number];

/**
 * `istio.configureRule` ("Configure <rule> severity…" in the quick-fix menu): picks a severity and
 * writes it to `istio.rules.<id>` in the workspace settings, like editing settings.json by hand.
 * `severity` skips the pick (tests, keybindings). Returns what it wrote, undefined if cancelled.
 */
export async function configureRule(
  ruleId: string,
  defaultSeverity?: string,
  severity?: SeveritySetting,
): Promise<SeveritySetting | undefined> {
  const config = vscode.workspace.getConfiguration('istio');
  const inWorkspace = config.inspect<Record<string, string>>('rules')?.workspaceValue ?? {};
  const current = config.get<Record<string, string>>('rules')?.[ruleId] ?? defaultSeverity;
  const chosen =
    severity ??
    (
      await vscode.window.showQuickPick(
        SEVERITIES.map(s => ({
          label: s,
          description: [s === defaultSeverity ? 'default' : '', s === current ? 'current' : '']
            .filter(Boolean)
            .join(', '),
          detail: s === 'off' ? 'Hide the findings of this rule' : undefined,
        })),
        { title: `Severity of ${ruleId} in this workspace`, placeHolder: `Now: ${current ?? 'default'}` },
      )
    )?.label;
  if (!chosen) return undefined;
  const target =
    vscode.workspace.workspaceFile || vscode.workspace.workspaceFolders?.length
      ? vscode.ConfigurationTarget.Workspace
      : vscode.ConfigurationTarget.Global;
  await config.update('rules', { ...inWorkspace, [ruleId]: chosen }, target);
  return chosen;
}
