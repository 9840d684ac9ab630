import {
  type CodeAction,
  CodeActionKind,
  type Diagnostic,
  DiagnosticSeverity,
  DiagnosticTag,
  Location,
  Position,
  Range,
  TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Location as CoreLocation } from '../core/features/types';
import { lineColToOffset, offsetToLineCol, type LineStarts } from '../core/parse/lineIndex';
import type { Span } from '../core/parse/types';
import type { ReportedFinding } from '../core/analysis/report';
import type { FileEdit } from '../core/rules/types';
import { ruleDocsUrl } from '../core/rules/types';
import type { Severity } from '../core/settings';
import type { UriMap } from './uris';

/** The one place where core offsets and findings become LSP ranges, diagnostics and edits. */

export function toPosition(lineStarts: LineStarts, offset: number): Position {
  const { line, character } = offsetToLineCol(lineStarts, offset);
  return Position.create(line, character);
}

export function toRange(lineStarts: LineStarts, span: Span): Range {
  return Range.create(toPosition(lineStarts, span.start), toPosition(lineStarts, span.end));
}

export function toOffset(lineStarts: LineStarts, position: Position, textLength: number): number {
  return lineColToOffset(lineStarts, position, textLength);
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Data carried by each diagnostic so a code action can find its finding again (never by message). */
export interface DiagnosticData {
  readonly key: string;
  readonly ruleId: string;
}

export function toDiagnostic(
  f: ReportedFinding,
  lineStarts: LineStarts,
  lineStartsOf: (file: string) => LineStarts | undefined,
  uris: UriMap,
): Diagnostic {
  const tags: DiagnosticTag[] = [];
  if (f.tags?.includes('deprecated')) tags.push(DiagnosticTag.Deprecated);
  if (f.tags?.includes('unnecessary')) tags.push(DiagnosticTag.Unnecessary);
  const data: DiagnosticData = { key: f.key, ruleId: f.ruleId };
  return {
    range: toRange(lineStarts, f.span),
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: ruleDocsUrl(f.ruleId) },
    source: 'istio',
    message: f.message,
    tags: tags.length ? tags : undefined,
    relatedInformation: f.related?.flatMap(r => {
      const starts = lineStartsOf(r.file);
      return starts
        ? [{ location: { uri: uris.toUri(r.file), range: toRange(starts, r.span) }, message: r.message }]
        : [];
    }),
    data,
  };
}

/** File edits as a WorkspaceEdit; files that are not open are read to place their edits. */
export function toWorkspaceEdit(
  edits: readonly FileEdit[],
  lineStartsOf: (file: string) => LineStarts | undefined,
  uris: UriMap,
): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const { file, edits: list } of edits) {
    const starts = lineStartsOf(file);
    if (!starts) continue;
    changes[uris.toUri(file)] = list.map(e => LspTextEdit.replace(toRange(starts, e.span), e.newText));
  }
  return { changes };
}

/** Core locations as LSP locations; files whose line starts are unknown are left out. */
export function toLocations(
  locations: readonly CoreLocation[],
  lineStartsOf: (file: string) => LineStarts | undefined,
  uris: UriMap,
): Location[] {
  const out: Location[] = [];
  for (const l of locations) {
    const starts = lineStartsOf(l.file);
    if (starts) out.push(Location.create(uris.toUri(l.file), toRange(starts, l.span)));
  }
  return out;
}

/** A link target that opens the file at the location (VS Code reads `#L<line>,<column>`, 1-based). */
export function toLinkTarget(l: CoreLocation, lineStarts: LineStarts, uris: UriMap): string {
  const { line, character } = offsetToLineCol(lineStarts, l.span.start);
  return `${uris.toUri(l.file)}#L${line + 1},${character + 1}`;
}

export function quickFix(
  title: string,
  edit: WorkspaceEdit,
  diagnostics: Diagnostic[],
  isPreferred: boolean | undefined,
  kind: CodeActionKind = CodeActionKind.QuickFix,
): CodeAction {
  return { title, kind, diagnostics, isPreferred: isPreferred || undefined, edit };
}
