import * as assert from 'assert';
import { analyzeFixture, placedFindings } from '../../harness/analyze';
import { parseFixture } from '../../harness/fixture';
import { disableForFileEdit, disableForLineEdit } from '../../../server/src/core/analysis/suppressionEdits';
import type { TextEdit } from '../../../server/src/core/model/finding';

function apply(text: string, edit: TextEdit | undefined): string {
  assert.ok(edit, 'an edit');
  return text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end);
}

function ruleIds(code: string): string[] {
  const fixture = parseFixture(code);
  return placedFindings(analyzeFixture(fixture), fixture.files.keys(), { rules: {} }).map(f => f.finding.ruleId);
}

// A Gateway Istio accepts (istio-validation: it needs a server), on a deprecated apiVersion.
const OLD =
  'apiVersion: networking.istio.io/v1beta1\nkind: Gateway\nmetadata:\n  name: g\n' +
  'spec: {servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]}\n';
const NESTED = 'spec:\n  http:\n    - route:\n        - destination: {host: a}\n';

describe('"Disable <rule> for this line / file" edits', () => {
  it('for this line: a next-line comment above the finding, indented like its line', () => {
    const at = NESTED.indexOf('- destination');
    assert.strictEqual(
      apply(NESTED, disableForLineEdit(NESTED, 'r1', { start: at, end: at + 5 })),
      'spec:\n  http:\n    - route:\n        # istio-ls-disable-next-line r1\n        - destination: {host: a}\n',
    );
  });

  it('for this line: adds the id to a next-line comment already there, before its reason', () => {
    const text = '  # istio-ls-disable-next-line r1 -- legacy\n  host: a\n';
    const at = text.indexOf('host');
    assert.strictEqual(
      apply(text, disableForLineEdit(text, 'r2', { start: at, end: at + 4 })),
      '  # istio-ls-disable-next-line r1, r2 -- legacy\n  host: a\n',
    );
    assert.strictEqual(disableForLineEdit(text, 'r1', { start: at, end: at + 4 }), undefined, 'already there');
  });

  it('for this file: a disable-file comment on the first line, or the id added to one at the top', () => {
    assert.strictEqual(apply(OLD, disableForFileEdit(OLD, 'r1')), `# istio-ls-disable-file r1\n${OLD}`);
    const text = `# istio-ls-disable-file r1\n${OLD}`;
    assert.strictEqual(apply(text, disableForFileEdit(text, 'r2')), `# istio-ls-disable-file r1, r2\n${OLD}`);
  });

  it('the comments they write silence the finding (the suppression parser agrees)', () => {
    assert.deepStrictEqual(ruleIds(OLD), ['deprecated-api-version']);
    const at = OLD.indexOf('networking');
    assert.deepStrictEqual(
      ruleIds(apply(OLD, disableForLineEdit(OLD, 'deprecated-api-version', { start: at, end: at + 5 }))),
      [],
    );
    assert.deepStrictEqual(ruleIds(apply(OLD, disableForFileEdit(OLD, 'deprecated-api-version'))), []);
    const both = `# istio-ls-disable-file other-rule\n${OLD}`;
    assert.deepStrictEqual(ruleIds(apply(both, disableForFileEdit(both, 'deprecated-api-version'))), []);
  });
});
