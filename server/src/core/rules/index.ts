import type { CrossFileRule, LocalRule, Rule } from './types';
import { rule as subsetNotFound } from './subset-not-found';
import { rule as deprecatedApiVersion } from './deprecated-api-version';

/** Rules that read the workspace index (re-run when what they read changes). */
const CROSS_FILE_RULES: readonly Rule[] = [
  subsetNotFound,
];

/** Rules that look at one resource's YAML alone. */
const SINGLE_RESOURCE_RULES: readonly Rule[] = [
  deprecatedApiVersion,
];

/** Every rule, in the order findings are listed. Rule ids are public: never rename one. */
export const ALL_RULES: readonly Rule[] = [...CROSS_FILE_RULES, ...SINGLE_RESOURCE_RULES];

export function localRules(rules: readonly Rule[]): LocalRule[] {
  return rules.filter((r): r is LocalRule => !r.meta.crossFile);
}

export function crossFileRules(rules: readonly Rule[]): CrossFileRule[] {
  return rules.filter((r): r is CrossFileRule => r.meta.crossFile);
}

export function ruleById(id: string, rules: readonly Rule[] = ALL_RULES): Rule | undefined {
  return rules.find(r => r.id === id);
}
