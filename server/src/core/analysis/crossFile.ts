import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Resource } from '../model/types';
import { formatMessage, type CrossFileRule, type Finding } from '../rules/types';
import type { AnalysisSettings } from '../settings';

/** Runs the cross-file rules for one resource, recording every index key they read. */
export function runCrossFileRules(
  resource: Resource,
  rules: readonly CrossFileRule[],
  index: WorkspaceIndex,
  settings: AnalysisSettings,
  onRuleError?: (ruleId: string, error: unknown) => void,
): { findings: Finding[]; deps: string[] } {
  const deps = new Set<string>();
  const lookup = index.lookup(key => deps.add(key));
  const findings: Finding[] = [];
  for (const rule of rules) {
    try {
      rule.check({
        resource,
        settings,
        index: lookup,
        report: r => findings.push({
          ruleId: rule.id,
          severity: rule.meta.defaultSeverity,
          message: formatMessage(rule.meta.messages[r.messageId] ?? r.messageId, r.data),
          file: resource.file,
          span: r.span,
          resourceId: resource.id,
          related: r.related,
          fixes: r.fixes,
          tags: r.tags,
        }),
      });
    } catch (e) {
      onRuleError?.(rule.id, e);
    }
  }
  return { findings, deps: [...deps] };
}
