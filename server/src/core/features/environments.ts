import type { Completion, CompletionResult } from './completionTypes';
import type { FeatureContext, Location } from './types';

/**
 * Hover and completion in a workspace with several environments. A file of one environment is
 * described in that environment; a file shared by several is described in each, and the answers
 * are merged: what every environment agrees on once, saying so, the rest naming its environment.
 */

export interface PerEnvironment<T> {
  readonly environment: string | undefined;
  readonly result: T;
}

/** Runs `feature` in every environment the file is applied to (usually one: its own, or the only one). */
export function acrossEnvironments<C extends FeatureContext, T>(
  fc: C,
  file: string | undefined,
  feature: (fc: C) => T,
): PerEnvironment<T>[] {
  const environments = file === undefined ? [] : fc.index.environmentsOf(file);
  if (environments.length === 0) return [{ environment: fc.index.environment, result: feature(fc) }];
  return environments.map(environment => ({
    environment,
    result: feature(environment === fc.index.environment ? fc : { ...fc, index: fc.index.view(environment) }),
  }));
}

/** The context of the file's first environment (its own, or the first of those sharing it). */
export function inFileEnvironment<C extends FeatureContext>(fc: C, file: string): C {
  const first = fc.index.environmentsOf(file)[0];
  return first === fc.index.environment || fc.index.environmentsOf(file).length === 0
    ? fc
    : { ...fc, index: fc.index.view(first) };
}

/** Locations found in several environments, each once, in the order found. */
export function uniqueLocations(results: readonly PerEnvironment<readonly Location[]>[]): Location[] {
  const seen = new Set<string>();
  const out: Location[] = [];
  for (const { result } of results) {
    for (const l of result) {
      const key = `${l.file}\0${l.span.start}\0${l.span.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(l);
    }
  }
  return out;
}

/** Markdown of several environments: once when they agree (naming them), else a section each. */
export function mergeHovers(results: readonly PerEnvironment<string | undefined>[]): string | undefined {
  if (results.length <= 1) return results[0]?.result;
  const texts = results.filter(r => r.result !== undefined);
  if (texts.length === 0) return undefined;
  const names = results.map(r => r.environment ?? '').join(', ');
  if (texts.length === results.length && texts.every(r => r.result === texts[0].result))
    return `${texts[0].result}\n\n_The same in every environment this file is applied to: ${names}._`;
  return results
    .map(r => `**In environment ${r.environment ?? ''}:**\n\n${r.result ?? '_Nothing to show._'}`)
    .join('\n\n---\n\n');
}

/** Completion lists of several environments: each item once; one not offered everywhere says where it is. */
export function mergeCompletions(
  results: readonly PerEnvironment<CompletionResult | undefined>[],
): CompletionResult | undefined {
  if (results.length <= 1) return results[0]?.result;
  const lists = results.filter(r => r.result !== undefined);
  if (lists.length === 0) return undefined;
  const merged = new Map<string, { item: Completion; environments: string[] }>();
  for (const { environment, result } of lists) {
    for (const item of result!.items) {
      const key = `${item.label}\0${item.edit.newText}`;
      const entry = merged.get(key);
      if (entry) entry.environments.push(environment ?? '');
      else merged.set(key, { item, environments: [environment ?? ''] });
    }
  }
  const items = [...merged.values()].map(({ item, environments }) =>
    environments.length === results.length
      ? item
      : {
          ...item,
          detail: `${item.detail ? `${item.detail} · ` : ''}only in ${environments.join(', ')}`,
          documentation: `${item.documentation ? `${item.documentation}\n\n` : ''}_Only in environment${environments.length > 1 ? 's' : ''} ${environments.join(', ')}._`,
        },
  );
  return { items, isIncomplete: lists.some(r => r.result!.isIncomplete) };
}
