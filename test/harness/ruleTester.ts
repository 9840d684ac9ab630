import * as assert from 'assert';
import { resolveFix } from '../../server/src/core/analysis/fixes';
import type { AnalysisSettings } from '../../server/src/core/settings';
import { analyzeFixture, describeFinding, placedFindings, type PlacedFinding } from './analyze';
import { dedent } from './dedent';
import { applyFileEdits } from './edits';
import { parseFixture, WS, type Expectation } from './fixture';

export interface ValidCase {
  readonly name: string;
  readonly code: string;
  readonly settings?: Partial<AnalysisSettings>;
}

export interface InvalidCase extends ValidCase {
  /**
   * The messages of the rule's findings, in file and position order: a string must equal the
   * message, a RegExp must match it. Required: a finding in the right place that says the wrong
   * thing (a list of defined subsets gone missing) must fail its test.
   */
  readonly messages: readonly (string | RegExp)[];
  /** Title (substring or pattern) of the fix to apply to the first finding; default: the preferred fix. */
  readonly fix?: string | RegExp;
  /** Expected text of files after the fix, by workspace-relative path. */
  readonly output?: Readonly<Record<string, string>>;
}

/**
 * ESLint-style table tests for one rule. Valid cases must produce no finding of the rule;
 * invalid cases must produce exactly the findings their carets mark (of every rule they name).
 * When a case names a fix or an output, the fix is applied and the analysis re-run: the finding
 * must be gone and no new finding of any rule may appear.
 */
export function ruleTester(
  ruleId: string,
  cases: { valid: readonly ValidCase[]; invalid: readonly InvalidCase[] },
): void {
  describe(`rule ${ruleId}`, () => {
    describe('valid', () => {
      for (const c of cases.valid) {
        it(c.name, () => {
          const fixture = parseFixture(c.code);
          const found = placedFindings(analyzeFixture(fixture, { settings: c.settings }), fixture.files.keys()).filter(
            f => f.ruleId === ruleId,
          );
          assert.deepStrictEqual(found.map(describeFinding), [], 'expected no findings');
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(c.name, () => {
          const fixture = parseFixture(c.code);
          assert.ok(
            fixture.expectations.some(e => e.ruleId === ruleId),
            `case "${c.name}" marks no ${ruleId} finding`,
          );
          const analyzer = analyzeFixture(fixture, { settings: c.settings });
          const checked = new Set([ruleId, ...fixture.expectations.map(e => e.ruleId)]);
          const found = placedFindings(analyzer, fixture.files.keys()).filter(f => checked.has(f.ruleId));
          assert.deepStrictEqual(
            found.map(f => describeFinding({ ...f, message: undefined })).sort(),
            fixture.expectations.map(e => describeFinding(e)).sort(),
          );
          checkMessages(
            c.messages,
            found.filter(f => f.ruleId === ruleId),
          );
          if (c.fix !== undefined || c.output !== undefined)
            checkFix(
              c,
              fixture.files,
              found.filter(f => f.ruleId === ruleId),
              placedFindings(analyzer, fixture.files.keys()),
            );
        });
      }
    });
  });
}

function checkMessages(expected: readonly (string | RegExp)[] | undefined, found: PlacedFinding[]): void {
  assert.ok(Array.isArray(expected), 'every invalid case lists the messages of its findings (messages: [...])');
  const ordered = [...found].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.startCol - b.startCol);
  assert.strictEqual(
    ordered.length,
    expected.length,
    `expected ${expected.length} messages, got: ${ordered.map(f => f.message).join(' | ')}`,
  );
  ordered.forEach((f, i) => {
    const want = expected[i];
    if (typeof want === 'string') assert.strictEqual(f.message, want, `message ${i + 1}`);
    else assert.match(f.message, want, `message ${i + 1}`);
  });
}

function checkFix(c: InvalidCase, files: Map<string, string>, targets: PlacedFinding[], before: PlacedFinding[]): void {
  const target = targets[0];
  const fixes = target.finding.fixes ?? [];
  const fix =
    c.fix === undefined
      ? fixes.find(f => f.isPreferred)
      : fixes.find(f => (typeof c.fix === 'string' ? f.title.includes(c.fix) : (c.fix as RegExp).test(f.title)));
  assert.ok(fix, `no fix ${String(c.fix ?? '(preferred)')} among: ${fixes.map(f => f.title).join(' | ')}`);
  const edits = resolveFix(fix, { readText: f => files.get(f) });
  assert.ok(edits && edits.length > 0, `fix "${fix.title}" produced no edits`);
  const fixed = applyFileEdits(files, edits);
  for (const [rel, expected] of Object.entries(c.output ?? {})) {
    assert.strictEqual(fixed.get(`${WS}/${rel}`), dedent(expected), `text of ${rel} after "${fix.title}"`);
  }
  const after = placedFindings(analyzeFixture(fixed, { settings: c.settings }), fixed.keys());
  // Messages and positions legitimately change (a list of defined subsets grows, lines move), so
  // findings are compared as counts per file and rule: the fixed one gone, none added.
  const count = (list: PlacedFinding[]) => {
    const m = new Map<string, number>();
    for (const f of list) m.set(`${f.file} ${f.ruleId}`, (m.get(`${f.file} ${f.ruleId}`) ?? 0) + 1);
    return m;
  };
  const expected = count(before);
  const targetKey = `${target.file} ${target.ruleId}`;
  expected.set(targetKey, (expected.get(targetKey) ?? 0) - 1);
  const got = count(after);
  const worse = [...got]
    .filter(([k, n]) => n > (expected.get(k) ?? 0))
    .map(([k, n]) => `${k}: ${n} (expected at most ${expected.get(k) ?? 0})`);
  assert.deepStrictEqual(
    worse,
    [],
    `fix "${fix.title}" left the finding or introduced new ones: ${after.map(f => f.message).join(' | ')}`,
  );
}

export type { Expectation };
