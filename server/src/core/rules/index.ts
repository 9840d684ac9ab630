import type { CrossFileRule, LocalRule, Rule } from './types';
import { rule as subsetNotFound } from './subset-not-found';
import { rule as deprecatedApiVersion } from './deprecated-api-version';

/** Every rule, in the order findings are listed. Rule ids are public: never rename one. */
export const ALL_RULES: readonly Rule[] = [
  subsetNotFound,
  deprecatedApiVersion,
];

export function localRules(rules: readonly Rule[]): LocalRule[] {
  return rules.filter((r): r is LocalRule => !r.meta.crossFile);
}

export function crossFileRules(rules: readonly Rule[]): CrossFileRule[] {
  return rules.filter((r): r is CrossFileRule => r.meta.crossFile);
}

export function ruleById(id: string, rules: readonly Rule[] = ALL_RULES): Rule | undefined {
  return rules.find(r => r.id === id);
}
