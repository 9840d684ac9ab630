import * as assert from 'assert';
import { compileRule, evaluateRule, keyVerdict, ruleShortcut } from '../../../server/src/core/schema/cel/environment';
import { readSchemaFiles, findSchemaDir } from '../../../server/src/host/schemaLoader';

/**
 * The shortcuts of cel/shortcuts.ts say "passes" without evaluating a rule: wherever one says so,
 * the CEL library must say so too. Checked on every rule of the shipped schemas that has one.
 */
describe('CEL rule shortcuts', () => {
  const rules = allRules();

  it('are found for the common rule shapes (guards, at-most-one counts, per-key checks, lacks)', () => {
    const kinds = new Map<string, number>();
    for (const rule of rules) {
      const kind = ruleShortcut(rule)?.kind;
      if (kind) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    for (const kind of ['guard', 'atMostOne', 'eachKey', 'lacks'])
      assert.ok((kinds.get(kind) ?? 0) > 0, `no rule with a ${kind} shortcut: ${JSON.stringify([...kinds])}`);
    assert.deepStrictEqual(ruleShortcut('has(self.a) ? self.b == 1 : true'), { kind: 'guard', fields: ['a'] });
    assert.deepStrictEqual(ruleShortcut('has(self.a) ? self.b == 1 : false'), undefined);
    assert.deepStrictEqual(ruleShortcut('(has(self.a) ? 1 : 0) + (has(self.b) ? 1 : 0) <= 1'), {
      kind: 'atMostOne',
      fields: ['a', 'b'],
    });
    assert.deepStrictEqual(ruleShortcut('(has(self.a) ? 1 : 0) + (has(self.b) ? 1 : 0) <= 2'), undefined);
    assert.deepStrictEqual(ruleShortcut('self.all(k, k.size() > 0)'), { kind: 'eachKey' });
    assert.deepStrictEqual(ruleShortcut('self.all(k, self[k].size() > 0)'), undefined);
    assert.deepStrictEqual(ruleShortcut('!self.contains("*")'), { kind: 'lacks', text: '*' });
  });

  it('agree with the CEL library wherever they say a rule passes', () => {
    const samples: unknown[] = ['x', 1n, true, { a: 'b' }, ['y']];
    let checked = 0;
    for (const rule of rules) {
      const shortcut = ruleShortcut(rule);
      if (!shortcut || !compileRule(rule)) continue;
      switch (shortcut.kind) {
        case 'guard':
          for (const v of samples) assert.strictEqual(evaluateRule(rule, { unrelated: v }), true, rule);
          assert.strictEqual(evaluateRule(rule, {}), true, rule);
          break;
        case 'atMostOne':
          assert.strictEqual(evaluateRule(rule, {}), true, rule);
          for (const f of shortcut.fields)
            for (const v of samples) assert.strictEqual(evaluateRule(rule, { [f]: v }), true, `${rule} with ${f}`);
          break;
        case 'eachKey': {
          const keys = ['app', 'a*', '', '80', '0', '65536', 'x.y/z', 'ß'];
          const passing = keys.filter(k => keyVerdict(rule, k) === true);
          const self = Object.fromEntries(passing.map(k => [k, 'v']));
          assert.strictEqual(evaluateRule(rule, self), true, `${rule} on ${JSON.stringify(self)}`);
          for (const k of keys.filter(k => !passing.includes(k)))
            assert.strictEqual(evaluateRule(rule, { ...self, [k]: 'v' }), false, `${rule} with key ${k}`);
          break;
        }
        case 'lacks':
          for (const s of ['', 'a', 'reviews.default.svc.cluster.local', '*.example.com', '**'])
            if (!s.includes(shortcut.text)) assert.strictEqual(evaluateRule(rule, s), true, `${rule} on ${s}`);
          break;
      }
      checked++;
    }
    assert.ok(checked > 10, `only ${checked} rules checked`);
  });
});

/** Every CEL rule text in schemas/generated. */
function allRules(): string[] {
  const dir = findSchemaDir();
  assert.ok(dir, 'schemas/generated is missing');
  const out = new Set<string>();
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(visit);
    else if (x && typeof x === 'object')
      for (const [k, v] of Object.entries(x)) {
        if (k === 'x-kubernetes-validations' && Array.isArray(v))
          for (const r of v as { rule?: unknown }[]) if (typeof r.rule === 'string') out.add(r.rule);
        visit(v);
      }
  };
  visit(readSchemaFiles(dir));
  return [...out];
}
