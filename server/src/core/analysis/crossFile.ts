import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Resource } from '../model/types';
import { toFinding, type CrossFileRule, type Finding } from '../rules/types';
import type { AnalysisSettings } from '../settings';

/**
 * Runs the cross-file rules for one placed instance, in its environment, recording every index
 * key they read.
 */
export function runCrossFileRules(
  resource: Resource,
  rules: readonly CrossFileRule[],
  index: WorkspaceIndex,
  settings: AnalysisSettings,
  onRuleError?: (ruleId: string, error: unknown) => void,
): { findings: Finding[]; deps: ReadonlySet<string> } {
  const deps = new Set<string>();
  const lookup = index.lookupFor(resource, key => deps.add(key));
  const findings: Finding[] = [];
  for (const rule of rules) {
    try {
      rule.check({
        resource,
        settings,
        index: lookup,
        report: r => findings.push(toFinding(rule, resource, r)),
      });
    } catch (e) {
      onRuleError?.(rule.id, e);
    }
  }
  return { findings, deps };
}
