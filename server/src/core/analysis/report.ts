import { offsetToLineCol } from '../parse/lineIndex';
import type { Resource } from '../model/types';
import type { FileSummary } from '../index/fileSummary';
import { ruleById } from '../rules/index';
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
  const comments = suppressionComments(summary);
  for (const f of sorted) {
    const configured = settings.rules[f.ruleId];
    if (configured === 'off') continue;
    if (isSuppressed(summary, comments, f, resource)) continue;
    const base = `${f.ruleId}:${f.span.start}:${f.span.end}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.push({ ...f, severity: configured ?? f.severity, key: `${base}:${n}` });
  }
  return out;
}

/** A file's suppression comments, by the line they apply to (`file` ones under -1). */
type SuppressionComments = ReadonlyMap<number, readonly (readonly string[])[]>;

function suppressionComments(summary: FileSummary): SuppressionComments {
  const byLine = new Map<number, (readonly string[])[]>();
  for (const d of summary.directives) {
    const line = d.scope === 'file' ? -1 : d.targetLine;
    const list = byLine.get(line);
    if (list) list.push(d.rules);
    else byLine.set(line, [d.rules]);
  }
  return byLine;
}

function isSuppressed(
  summary: FileSummary,
  comments: SuppressionComments,
  f: Finding,
  resource: (id: string) => Resource | undefined,
): boolean {
  const names = (rules: readonly string[]) => rules.length === 0 || rules.includes(f.ruleId) || rules.includes('*');
  if (comments.size > 0) {
    if (comments.get(-1)?.some(names)) return true;
    const line = offsetToLineCol(summary.lineStarts, f.span.start).line;
    if (comments.get(line)?.some(names)) return true;
  }
  if (f.resourceId) {
    const r = resource(f.resourceId);
    if (r && (r.suppress.includes('*') || r.suppress.includes(f.ruleId) || suppressedAsIstioctl(r.suppress, f.ruleId)))
      return true;
  }
  return false;
}

/**
 * The annotation lists istioctl analyzer codes (`IST0101`) where istioctl users wrote it: a code
 * suppresses the rules that report the same problem (their meta's `istioctl`).
 */
function suppressedAsIstioctl(suppress: readonly string[], ruleId: string): boolean {
  const codes = ruleById(ruleId)
    ?.meta.istioctl?.split(',')
    .map(c => c.trim());
  return !!codes && suppress.some(s => codes.includes(s.toUpperCase()));
}
