import type { Environment as CelEnvironment, ParseResult } from '@marcbachmann/cel-js' with {
  'resolution-mode': 'import',
};
import { parseRequestUri, type GoUrl } from './goUrl';
import { shortcutOf, type RuleShortcut } from './shortcuts';
import { BoundedMemo } from '../../util/boundedMemo';

// The library is an ES module; the server is CommonJS (esbuild bundles it, Node ≥ 20.19 requires it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Environment } = require('@marcbachmann/cel-js') as { Environment: typeof CelEnvironment };

/** A CRD rule compiled once per process: `undefined` when the library cannot parse it. */
export type CompiledRule = (self: unknown) => unknown;

/** Kubernetes' `url()` value (k8s.io/apiserver/pkg/cel/library/urls.go). */
class KubernetesUrl {
  constructor(readonly url: GoUrl) {}
}

let environment: CelEnvironment | undefined;
/**
 * Pure memo (rule text → its program and what its verdict depends on; null: it does not compile):
 * same input, same output, so nothing ever needs resetting.
 */
const compiled = new Map<string, { readonly program: CompiledRule; readonly shortcut?: RuleShortcut } | null>();

/**
 * Standard CEL (macros, `has`, strings, `matches`, `duration()`) plus the Kubernetes library
 * functions Istio's CRD rules call: `isURL`, `url` and its getters.
 */
function celEnvironment(): CelEnvironment {
  if (environment) return environment;
  const fail = (what: string): never => {
    throw new Error(what);
  };
  environment = new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false })
    .registerType('URL', KubernetesUrl)
    .registerFunction('isURL(string): bool', (s: string) => parseRequestUri(s) !== undefined)
    .registerFunction('url(string): URL', (s: string) => {
      const u = parseRequestUri(s);
      return u ? new KubernetesUrl(u) : fail(`URL parse error during conversion from string: ${s}`);
    })
    .registerFunction('URL.getScheme(): string', (u: KubernetesUrl) => u.url.scheme)
    .registerFunction('URL.getHost(): string', (u: KubernetesUrl) =>
      u.url.port ? `${u.url.host}:${u.url.port}` : u.url.host,
    )
    .registerFunction('URL.getHostname(): string', (u: KubernetesUrl) => u.url.host)
    .registerFunction('URL.getPort(): string', (u: KubernetesUrl) => u.url.port)
    .registerFunction('URL.getEscapedPath(): string', (u: KubernetesUrl) => u.url.path)
    .registerFunction('URL.getQuery(): map', () => ({}));
  return environment;
}

/** The program for a rule, compiled on first use in this process. */
export function compileRule(rule: string): CompiledRule | undefined {
  return compiledRule(rule)?.program;
}

/** What a compilable rule's verdict on an object depends on (cel/shortcuts.ts), when less than all of it. */
export function ruleShortcut(rule: string): RuleShortcut | undefined {
  return compiledRule(rule)?.shortcut;
}

function compiledRule(rule: string) {
  let entry = compiled.get(rule);
  if (entry === undefined) {
    try {
      const parsed: ParseResult = celEnvironment().parse(rule);
      entry = { program: (self: unknown) => parsed({ self }), shortcut: shortcutOf(parsed.ast) };
    } catch {
      entry = null;
    }
    compiled.set(rule, entry);
  }
  return entry;
}

/**
 * The verdict of an `eachKey` rule (`self.all(k, P(k))`, P reading only the key) on one key: the
 * rule evaluated on a map holding only that key, memoized per key (keys recur across a workspace).
 */
export function keyVerdict(rule: string, key: string): boolean | undefined {
  return memoOf(keyVerdicts, rule).get(key, k => {
    const program = compileRule(rule);
    const self = Object.create(null) as Record<string, unknown>;
    self[k] = true;
    return program ? run(program, self) : undefined;
  });
}

/**
 * Evaluates a rule on a value: `true` passes, `false` fails, and an evaluation error (a duration
 * or URL that does not parse, `int()` of a non-number) fails too, as it does in the API server.
 * Undefined when the rule could not be compiled or does not yield a boolean.
 */
export function evaluateRule(rule: string, self: unknown): boolean | undefined {
  const program = compileRule(rule);
  if (!program) return undefined;
  if (self !== null && typeof self === 'object') return run(program, self);
  // A scalar `self` (a duration, a host, a port) recurs across a workspace: evaluation is pure,
  // so each rule's verdict on each value is computed once (a bounded memo per rule).
  return memoOf(scalarVerdicts, rule).get(self, value => run(program, value));
}

function run(program: CompiledRule, self: unknown): boolean | undefined {
  try {
    const result = program(self);
    return typeof result === 'boolean' ? result : undefined;
  } catch {
    return false;
  }
}

/** Rule text → scalar value → verdict. */
const scalarVerdicts = new Map<string, BoundedMemo<unknown, boolean | undefined>>();
/** Rule text → map key → verdict (eachKey rules). */
const keyVerdicts = new Map<string, BoundedMemo<string, boolean | undefined>>();
const MAX_VERDICTS_PER_RULE = 4096;

function memoOf<K>(memos: Map<string, BoundedMemo<K, boolean | undefined>>, rule: string) {
  let memo = memos.get(rule);
  if (!memo) memos.set(rule, (memo = new BoundedMemo(MAX_VERDICTS_PER_RULE)));
  return memo;
}
