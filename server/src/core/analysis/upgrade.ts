import { asScalar, get } from '../parse/access';
import { offsetToLineCol } from '../parse/lineIndex';
import { parseYamlFile } from '../parse/parseFile';
import type { ParsedFile, YNode } from '../parse/types';
import { compareReleases, isIstioGroup, istioKind } from '../model/kinds';
import type { Resource } from '../model/types';
import { rule as deprecatedApiVersion } from '../rules/deprecated-api-version';
import { unpromotedTelemetryField } from '../model/telemetryFields';
import { replaceScalar } from '../rules/support/yamlEdit';
import type { FileEdit, TextEdit } from '../rules/types';
import type { Analyzer } from './analyzer';
import { reportFindings } from './report';

/** A resource the upgrade changes. Lines are 0-based, at the `apiVersion` line. */
export interface UpgradeChange {
  readonly file: string;
  readonly line: number;
  readonly kind: string;
  readonly name: string;
  readonly from: string;
  readonly to: string;
}

/** A resource on an old API version that the upgrade leaves alone, and why. */
export interface UpgradeSkip {
  readonly file: string;
  readonly line: number;
  readonly kind: string;
  readonly name: string;
  readonly reason: string;
}

export interface UpgradePlan {
  readonly edits: readonly FileEdit[];
  readonly changed: readonly UpgradeChange[];
  readonly skipped: readonly UpgradeSkip[];
}

export interface UpgradeScope {
  /** One file; absent means every indexed file. */
  readonly file?: string;
}

/**
 * "Upgrade to v1": an `apiVersion: <group>/v1` edit for every Istio resource on which
 * deprecated-api-version would fire — same conditions (a served v1, the target release, Telemetry
 * fields v1 lacks) — plus what was left alone and why: kinds without v1, a target release too old,
 * Helm templates, resources whose file is broken or changed since indexing, suppressed findings.
 * Files are read through `readText` (the host's: open editors first, then disk), so the edits
 * apply to what the user has now, not to what was indexed.
 */
export function planUpgrade(
  analyzer: Analyzer,
  scope: UpgradeScope,
  readText: (file: string) => string | undefined,
): UpgradePlan {
  const target = analyzer.analysisSettings.targetVersion;
  const changed: UpgradeChange[] = [];
  const skipped: UpgradeSkip[] = [];
  const edits: FileEdit[] = [];
  const files =
    scope.file !== undefined ? [analyzer.index.file(scope.file)].filter(isDefined) : [...analyzer.index.allFiles()];
  for (const summary of [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const candidates = summary.resources.filter(
      r => isIstioGroup(r.group) && r.version !== 'v1' && r.apiVersion !== '',
    );
    if (candidates.length === 0) continue;
    const line = (r: Resource) => offsetToLineCol(summary.lineStarts, (r.apiVersionSpan ?? r.span).start).line;
    const skip = (r: Resource, reason: string) =>
      skipped.push({ file: r.file, line: line(r), kind: r.kind, name: r.name ?? '', reason });
    let text: string | undefined;
    let parsed: ParsedFile | undefined;
    const fileEdits: TextEdit[] = [];
    for (const r of [...candidates].sort((a, b) => a.span.start - b.span.start)) {
      const info = istioKind(r.group, r.kind);
      if (!info) {
        skip(r, `${r.kind || 'this kind'} is not an Istio API kind istio-ls knows`);
        continue;
      }
      if (!info.v1Since) {
        skip(r, `${r.kind} has no v1 API (served: ${info.versions.join(', ')})`);
        continue;
      }
      if (!info.versions.includes(r.version)) {
        skip(r, `${r.apiVersion} is not a served version of ${r.kind}`);
        continue;
      }
      if (target && compareReleases(target, info.v1Since) < 0) {
        skip(r, `v1 is served from Istio ${info.v1Since}; the target version is ${target}`);
        continue;
      }
      if (r.stale) {
        skip(r, 'the document has YAML errors');
        continue;
      }
      const suppressed = suppression(analyzer, r);
      if (suppressed) {
        skip(r, suppressed);
        continue;
      }
      if (text === undefined) {
        text = readText(r.file);
        parsed = text === undefined ? undefined : parseYamlFile(r.file, text);
      }
      if (text === undefined || !parsed) {
        skip(r, 'the file could not be read');
        continue;
      }
      if (parsed.isHelm || r.incomplete) {
        skip(r, 'Helm template: upgrade the chart source (its apiVersion may depend on .Capabilities)');
        continue;
      }
      const node = nodeOf(parsed, r);
      const apiVersion = asScalar(get(node, 'apiVersion'));
      if (!node || !apiVersion || apiVersion.value !== r.apiVersion) {
        skip(r, 'the file changed since it was analysed: run the upgrade again');
        continue;
      }
      if (r.kind === 'Telemetry') {
        const field = unpromotedTelemetryField(get(node, 'spec'));
        if (field) {
          skip(r, `Telemetry uses ${field}, which telemetry.istio.io/v1 does not have`);
          continue;
        }
      }
      const to = `${r.group}/v1`;
      fileEdits.push(replaceScalar(apiVersion, to));
      changed.push({
        file: r.file,
        line: offsetToLineCol(parsed.lineStarts, apiVersion.span.start).line,
        kind: r.kind,
        name: r.name ?? '',
        from: r.apiVersion,
        to,
      });
    }
    if (fileEdits.length > 0) edits.push({ file: summary.file, edits: fileEdits });
  }
  return { edits, changed, skipped };
}

function nodeOf(parsed: ParsedFile, r: Resource): YNode | undefined {
  const root = parsed.docs[r.docIndex]?.root ?? undefined;
  return r.itemIndex === undefined ? root : get(root, 'items', r.itemIndex);
}

/**
 * Why deprecated-api-version is suppressed for this resource, if it is: the same suppressions the
 * diagnostics honour (disable comments, the analyze-suppress annotation). A rule turned off in
 * the settings only silences the warning; it does not stop an explicit upgrade.
 */
function suppression(analyzer: Analyzer, r: Resource): string | undefined {
  const summary = analyzer.index.file(r.file);
  if (!summary) return undefined;
  const probe = {
    ruleId: deprecatedApiVersion.id,
    severity: deprecatedApiVersion.meta.defaultSeverity,
    message: '',
    file: r.file,
    span: r.apiVersionSpan ?? r.span,
    resourceId: r.id,
  };
  if (reportFindings(summary, [probe], id => analyzer.index.resource(id), { rules: {} }).length > 0) return undefined;
  return r.suppress.includes('*') || r.suppress.includes(deprecatedApiVersion.id)
    ? 'suppressed by the galley.istio.io/analyze-suppress annotation'
    : 'suppressed by an istio-ls-disable comment';
}

function isDefined<T>(x: T | undefined): x is T {
  return x !== undefined;
}
