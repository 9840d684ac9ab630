import { type CodeAction, CodeActionKind, type Diagnostic } from 'vscode-languageserver';
import type { ReportedFinding } from '../core/analysis/report';
import { disableForFileEdit, disableForLineEdit } from '../core/analysis/suppressionEdits';
import type { TextEdit } from '../core/model/finding';
import { lineOf } from '../core/parse/lineIndex';
import { ruleById } from '../core/rules';
import { BUILTIN_META } from '../core/rules/support/builtin';
import { currentLineStarts, type ServerContext } from './context';
import { toWorkspaceEdit, type DiagnosticData } from './convert';

/** The client command behind "Configure <rule> severity…": (ruleId, defaultSeverity) → a pick, then `istio.rules`. */
export const CONFIGURE_RULE_COMMAND = 'istio.configureRule';

/**
 * ESLint-style ways out of noise for every finding, fixable or not: a suppression comment for the
 * line or the file (the comments users write by hand), and the rule's severity in `istio.rules`,
 * which the client writes to the workspace settings. One of each per rule and line.
 */
export function disableActions(
  ctx: ServerContext,
  file: string,
  diagnostics: readonly Diagnostic[],
  findings: readonly ReportedFinding[],
): CodeAction[] {
  const text = ctx.host.readText(file);
  if (text === undefined) return [];
  const lineStartsOf = (f: string) => currentLineStarts(ctx, f);
  const edit = (e: TextEdit | undefined) => e && toWorkspaceEdit([{ file, edits: [e] }], lineStartsOf, ctx.uris);
  const lines: CodeAction[] = [];
  const rest: CodeAction[] = [];
  const seen = new Set<string>();
  for (const diagnostic of diagnostics) {
    const data = diagnostic.data as DiagnosticData | undefined;
    if (diagnostic.source !== 'istio' || !data?.key) continue;
    const finding = findings.find(f => f.key === data.key);
    if (!finding) continue;
    const id = finding.ruleId;
    const lineKey = `${id}:${lineOf(currentLineStarts(ctx, file) ?? [0], finding.span.start)}`;
    if (!seen.has(lineKey)) {
      seen.add(lineKey);
      const forLine = edit(disableForLineEdit(text, id, finding.span));
      if (forLine) lines.push(action(`Disable ${id} for this line`, [diagnostic], { edit: forLine }));
    }
    if (seen.has(id)) continue;
    seen.add(id);
    const forFile = edit(disableForFileEdit(text, id));
    if (forFile) rest.push(action(`Disable ${id} for this file`, [diagnostic], { edit: forFile }));
    rest.push(
      action(`Configure ${id} severity…`, [diagnostic], {
        command: {
          title: `Configure ${id} severity…`,
          command: CONFIGURE_RULE_COMMAND,
          arguments: [id, ruleById(id)?.meta.defaultSeverity ?? BUILTIN_META[id]?.defaultSeverity ?? finding.severity],
        },
      }),
    );
  }
  return [...lines, ...rest];
}

function action(title: string, diagnostics: Diagnostic[], what: Pick<CodeAction, 'edit' | 'command'>): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics, ...what };
}
