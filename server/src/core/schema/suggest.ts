import { didYouMean } from '../rules/support/distance';

export { didYouMean };

/**
 * The allowed value a user most likely meant: the same letters in another case or with `-` for
 * `_` (`strict`, `round-robin`), else a close spelling.
 */
export function closestValue(value: string, allowed: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[-\s]/g, '_');
  const same = allowed.find(a => norm(a) === norm(value));
  return same ?? didYouMean(value, allowed);
}
