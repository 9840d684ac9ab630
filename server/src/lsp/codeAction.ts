import { type CodeAction, CodeActionKind, type CodeActionParams } from 'vscode-languageserver';
import { fixAll, resolveFix } from '../core/analysis/fixes';
import { currentLineStarts, type ServerContext } from './context';
import { MIGRATE_GATEWAY_KIND, migrateGatewayActions } from './migrateGateway';
import { quickFix, toWorkspaceEdit, type DiagnosticData } from './convert';
import { disableActions } from './disableActions';

export const FIX_ALL_KIND = 'source.fixAll.istio';

/**
 * Quick-fixes for our diagnostics, found through the key in the diagnostic's data (never by
 * message text), plus "fix all of this rule in the file" and the source.fixAll.istio action.
 */
export function codeActions(ctx: ServerContext, params: CodeActionParams): CodeAction[] {
  const file = ctx.uris.toPath(params.textDocument.uri);
  const { analyzer, serverSettings } = ctx.host;
  const findings = analyzer.report(file, serverSettings.report, true);
  const fixCtx = { readText: (f: string) => ctx.host.readText(f) };
  const lineStartsOf = (f: string) => currentLineStarts(ctx, f);
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some(o => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];

  if (wants(CodeActionKind.QuickFix)) {
    const rulesWithFixes = new Set<string>();
    // "Disable … for this line / file", "Configure … severity": after every fix, fix-alls included.
    const disabling: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics) {
      const data = diagnostic.data as DiagnosticData | undefined;
      if (diagnostic.source !== 'istio' || !data?.key) continue;
      const finding = findings.find(f => f.key === data.key);
      for (const fix of finding?.fixes ?? []) {
        const edits = resolveFix(fix, fixCtx);
        if (!edits || edits.length === 0) continue;
        actions.push(
          quickFix(fix.title, toWorkspaceEdit(edits, lineStartsOf, ctx.uris), [diagnostic], fix.isPreferred),
        );
      }
      if (finding?.fixes?.some(f => f.isPreferred)) rulesWithFixes.add(finding.ruleId);
    }
    disabling.push(...disableActions(ctx, file, params.context.diagnostics, findings));
    for (const ruleId of rulesWithFixes) {
      const count = findings.filter(f => f.ruleId === ruleId && f.fixes?.some(x => x.isPreferred)).length;
      if (count < 2) continue;
      const edits = fixAll(findings, fixCtx, ruleId);
      if (edits.length > 0)
        actions.push(
          quickFix(
            `Fix all ${count} '${ruleId}' problems in this file`,
            toWorkspaceEdit(edits, lineStartsOf, ctx.uris),
            [],
            false,
          ),
        );
    }
    actions.push(...disabling);
  }
  if (only && wants(FIX_ALL_KIND)) {
    const edits = fixAll(findings, fixCtx);
    if (edits.length > 0)
      actions.push(
        quickFix(
          'Fix all auto-fixable Istio problems',
          toWorkspaceEdit(edits, lineStartsOf, ctx.uris),
          [],
          false,
          FIX_ALL_KIND,
        ),
      );
  }
  // Asked for explicitly (refactor menus) or with no filter (the light bulb).
  if (wants(MIGRATE_GATEWAY_KIND)) actions.push(...migrateGatewayActions(ctx, params));
  return actions;
}
