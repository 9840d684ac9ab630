/**
 * What a CRD rule's verdict on an object depends on, when that is much less than the whole value:
 * most rules are guarded by a field few objects set, count which of a few fields are set, or look
 * at each map key alone. The schema check asks these first and evaluates the rule on the whole
 * value (which it must build first) only when they cannot tell it passes. A shortcut only ever
 * says "passes": a failure is always confirmed by the CEL library, so findings stay exactly those
 * of evaluating every rule.
 */
export type RuleShortcut =
  /** `has(self.a) || has(self.b) ? … : true`: passes when none of the fields is set. */
  | { readonly kind: 'guard'; readonly fields: readonly string[] }
  /** `(has(self.a) ? 1 : 0) + (has(self.b) ? 1 : 0) … <= 1`: passes when at most one is set. */
  | { readonly kind: 'atMostOne'; readonly fields: readonly string[] }
  /** `self.all(k, P(k))` where P reads only the key: passes when P holds for every key on its own. */
  | { readonly kind: 'eachKey' }
  /** `!self.contains("x")`: passes on a string without x (the host and name rules). */
  | { readonly kind: 'lacks'; readonly text: string };

/** The shortcut of a rule from its parsed AST (`@marcbachmann/cel-js`'s `{op, args}` nodes), if any. */
export function shortcutOf(ast: unknown): RuleShortcut | undefined {
  if (!isNode(ast)) return undefined;
  if (ast.op === '?:' && Array.isArray(ast.args) && ast.args.length === 3) {
    const [condition, , otherwise] = ast.args as unknown[];
    const fields = hasDisjunction(condition);
    if (fields && isNode(otherwise) && otherwise.op === 'value' && otherwise.args === true)
      return { kind: 'guard', fields };
  }
  if (ast.op === '<=' && Array.isArray(ast.args) && ast.args.length === 2) {
    const [sum, limit] = ast.args as unknown[];
    const fields = presenceCount(sum);
    if (fields && isNode(limit) && limit.op === 'value' && limit.args === 1n) return { kind: 'atMostOne', fields };
  }
  if (ast.op === '!_' && isNode(ast.args) && ast.args.op === 'rcall' && Array.isArray(ast.args.args)) {
    const [method, target, params] = ast.args.args as unknown[];
    const text = Array.isArray(params) && params.length === 1 && isNode(params[0]) ? params[0] : undefined;
    if (method === 'contains' && isSelf(target) && text?.op === 'value' && typeof text.args === 'string')
      return { kind: 'lacks', text: text.args };
  }
  if (ast.op === 'rcall' && Array.isArray(ast.args) && ast.args[0] === 'all' && isSelf(ast.args[1])) {
    const lambda = ast.args[2];
    if (Array.isArray(lambda) && lambda.length === 2 && !mentionsSelf(lambda[1])) return { kind: 'eachKey' };
  }
  return undefined;
}

interface AstNode {
  readonly op: string;
  readonly args: unknown;
}

function isNode(x: unknown): x is AstNode {
  return typeof x === 'object' && x !== null && typeof (x as AstNode).op === 'string';
}

function isSelf(x: unknown): boolean {
  return isNode(x) && x.op === 'id' && x.args === 'self';
}

/** `has(self.f)`: the field f. */
function hasField(x: unknown): string | undefined {
  if (!isNode(x) || x.op !== 'call' || !Array.isArray(x.args) || x.args[0] !== 'has') return undefined;
  const params: unknown = x.args[1];
  if (!Array.isArray(params) || params.length !== 1) return undefined;
  const select: unknown = params[0];
  if (!isNode(select) || select.op !== '.' || !Array.isArray(select.args)) return undefined;
  const [target, field] = select.args as unknown[];
  return isSelf(target) && typeof field === 'string' ? field : undefined;
}

/** `has(self.a) || has(self.b) || …`: the fields. */
function hasDisjunction(x: unknown): string[] | undefined {
  const one = hasField(x);
  if (one !== undefined) return [one];
  if (!isNode(x) || x.op !== '||' || !Array.isArray(x.args) || x.args.length !== 2) return undefined;
  const left = hasDisjunction(x.args[0]);
  const right = left && hasDisjunction(x.args[1]);
  return left && right ? [...left, ...right] : undefined;
}

/** `(has(self.a) ? 1 : 0) + (has(self.b) ? 1 : 0) + …`: the fields. */
function presenceCount(x: unknown): string[] | undefined {
  if (!isNode(x) || !Array.isArray(x.args)) return undefined;
  if (x.op === '?:' && x.args.length === 3) {
    const [condition, then, otherwise] = x.args as unknown[];
    const field = hasField(condition);
    const counts =
      isNode(then) && then.op === 'value' && then.args === 1n && isNode(otherwise) && otherwise.args === 0n;
    return field !== undefined && counts && otherwise.op === 'value' ? [field] : undefined;
  }
  if (x.op !== '+' || x.args.length !== 2) return undefined;
  const left = presenceCount(x.args[0]);
  const right = left && presenceCount(x.args[1]);
  return left && right ? [...left, ...right] : undefined;
}

/** Whether `self` appears anywhere in the subtree (an identifier node named self). */
function mentionsSelf(x: unknown): boolean {
  if (Array.isArray(x)) return x.some(mentionsSelf);
  if (!isNode(x)) return false;
  if (x.op === 'id') return x.args === 'self';
  return mentionsSelf(x.args);
}
