import { RE2JS } from 're2js';

/**
 * Istio compiles match regexes with Go's regexp package (RE2 syntax, validateStringRegexp) and
 * refuses those over 1024 characters; Envoy runs them with RE2. re2js is a pure-JS port of RE2's
 * parser (the same one Go's regexp derives from): lookarounds, backreferences and possessive
 * quantifiers are refused as Istio refuses them.
 */
export function regexProblem(re: string): string | undefined {
  if (re.length > 1024) return 'the regex is too large (max length allowed is 1024)';
  try {
    RE2JS.compile(re);
    return undefined;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return `${message}; Istio uses RE2 syntax (https://github.com/google/re2/wiki/Syntax)`;
  }
}
