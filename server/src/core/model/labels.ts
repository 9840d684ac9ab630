import type { Labels } from './types';

/** A selector matches a workload when every selector label is present with the same value. */
export function labelsMatch(selector: Labels, labels: Labels): boolean {
  for (const key of Object.keys(selector)) if (labels[key] !== selector[key]) return false;
  return true;
}
