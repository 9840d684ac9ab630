import { offsetToLineCol } from '../parse/lineIndex';
import type { Resource } from '../model/types';
import type { FileSummary } from '../index/fileSummary';
import type { Finding } from '../rules/types';
import type { ReportSettings, Severity } from '../settings';

/** A finding as shown to the user: severity from settings, and a key code actions find it by. */
export interface ReportedFinding extends Finding {
  readonly severity: Severity;
  /** Stable within one version of the file: `<rule>:<start>:<end>:<n>`. */
  readonly key: string;
}

/**
 * Applies user severities and suppressions (`# istio-ls-disable-next-line`, `-file`, and the
 * `galley.istio.io/analyze-suppress` annotation) to a file's findings, in source order.
 */
export function reportFindings(
  summary: FileSummary,
  findings: readonly Finding[],
  resource: (id: string) => Resource | undefined,
  settings: ReportSettings,
): ReportedFinding[] {
  const out: ReportedFinding[] = [];
  const sorted = [...findings].sort(
    (a, b) =>
      a.span.start - b.span.start ||
      a.span.end - b.span.end ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
  const seen = new Map<string, number>();
  for (const f of sorted) {
    const configured = settings.rules[f.ruleId];
    if (configured === 'off') continue;
    if (isSuppressed(summary, f, resource)) continue;
    const base = `${f.ruleId}:${f.span.start}:${f.span.end}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.push({ ...f, severity: configured ?? f.severity, key: `${base}:${n}` });
  }
  return out;
}

function isSuppressed(summary: FileSummary, f: Finding, resource: (id: string) => Resource | undefined): boolean {
  const names = (rules: readonly string[]) => rules.length === 0 || rules.includes(f.ruleId) || rules.includes('*');
  if (summary.directives.length > 0) {
    const line = offsetToLineCol(summary.lineStarts, f.span.start).line;
    for (const d of summary.directives) {
      if (d.scope === 'file' && names(d.rules)) return true;
      if (d.scope === 'next-line' && d.targetLine === line && names(d.rules)) return true;
    }
  }
  if (f.resourceId) {
    const r = resource(f.resourceId);
    if (r && (r.suppress.includes('*') || r.suppress.includes(f.ruleId))) return true;
  }
  return false;
}
