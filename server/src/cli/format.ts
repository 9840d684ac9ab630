import * as path from 'path';
import { offsetToLineCol } from '../core/parse/lineIndex';
import { ALL_RULES } from '../core/rules/index';
import { BUILTIN_META } from '../core/rules/support/builtin';
import { ruleDocsUrl } from '../core/rules/types';
import type { Severity } from '../core/settings';
import { SERVER_VERSION } from '../version';
import type { CheckResult } from './check';

/** One finding with 1-based positions and a cwd-relative path: the shape of the JSON output. */
export interface FlatFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Severity;
  readonly rule: string;
  readonly message: string;
}

export function flatten(result: CheckResult, cwd: string): FlatFinding[] {
  const out: FlatFinding[] = [];
  for (const f of result.files) {
    const file = path.relative(cwd, f.file).split(path.sep).join('/');
    for (const finding of f.findings) {
      const start = offsetToLineCol(f.lineStarts, finding.span.start);
      const end = offsetToLineCol(f.lineStarts, finding.span.end);
      out.push({
        file,
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
        severity: finding.severity,
        rule: finding.ruleId,
        message: finding.message,
      });
    }
  }
  return out;
}

/** Like a compiler: `path:line:col  severity  message  [rule-id]`, then a count. */
export function formatText(findings: readonly FlatFinding[], result: CheckResult): string {
  const lines = findings.map(
    f => `${f.file}:${f.line}:${f.column}  ${f.severity.padEnd(7)}  ${f.message}  [${f.rule}]`,
  );
  const count = (s: Severity) => findings.filter(f => f.severity === s).length;
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  // As VS Code's Problems panel counts: errors, warnings and infos; hints are not problems there.
  const problems = count('error') + count('warning') + count('info');
  const parts = [
    n(count('error'), 'error', 'errors'),
    n(count('warning'), 'warning', 'warnings'),
    n(count('info'), 'info', 'infos'),
  ];
  const hints = count('hint') > 0 ? ` and ${n(count('hint'), 'hint', 'hints')}` : '';
  lines.push(
    `${n(problems, 'problem', 'problems')} (${parts.join(', ')})${hints} in ${result.fileCount} files, ${result.resourceCount} resources.`,
  );
  return `${lines.join('\n')}\n`;
}

export function formatJson(findings: readonly FlatFinding[]): string {
  return `${JSON.stringify(findings, null, 2)}\n`;
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0, as GitHub code scanning reads it. */
export function formatSarif(findings: readonly FlatFinding[]): string {
  const ruleMeta = [
    ...ALL_RULES.map(r => ({
      id: r.id,
      description: r.meta.description,
      severity: r.meta.defaultSeverity,
      istioctl: r.meta.istioctl,
    })),
    ...Object.entries(BUILTIN_META).map(([id, m]) => ({
      id,
      description: m.description,
      severity: m.defaultSeverity,
      istioctl: undefined,
    })),
  ];
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'istio-ls',
            version: SERVER_VERSION,
            informationUri: 'https://github.com/istio-ls/istio-ls',
            rules: ruleMeta.map(r => ({
              id: r.id,
              shortDescription: { text: r.description },
              helpUri: ruleDocsUrl(r.id),
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
              // The istioctl analyze code(s) for the same problem, for teams that know those.
              ...(r.istioctl ? { properties: { istioctl: r.istioctl.split(', ') } } : {}),
            })),
          },
        },
        results: findings.map(f => ({
          ruleId: f.rule,
          level: SARIF_LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file, uriBaseId: '%SRCROOT%' },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
