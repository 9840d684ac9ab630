import * as assert from 'assert';
import { get } from '../../../server/src/core/parse/access';
import { parseYamlFile } from '../../../server/src/core/parse/parseFile';
import type { YScalar } from '../../../server/src/core/parse/types';
import { scalarText, toInner, toOuter } from '../../../server/src/core/embedded/scalarText';

/** The scalar at `v` of a one-document YAML text. */
function valueOf(yaml: string, fast = true): YScalar {
  const doc = parseYamlFile('/t.yaml', yaml, { fast }).docs[0];
  const node = get(doc.root, 'v');
  assert.ok(node && node.kind === 'scalar', `no scalar in ${yaml}`);
  return node;
}

/** Every character that is copied (not an escape, fold or quote pair) maps to itself in the file. */
function checkMap(yaml: string): void {
  for (const fast of [true, false]) {
    const node = valueOf(yaml, fast);
    const t = scalarText(yaml, node);
    if (!t) throw new Error(`no map for ${JSON.stringify(yaml)} (value ${JSON.stringify(node.value)})`);
    assert.strictEqual(t.text, node.value);
    for (let i = 0; i < t.text.length; i++) {
      const s: number = t.starts[i];
      const e: number = t.ends[i];
      assert.ok(s >= node.span.start && e <= node.span.end + 1, `char ${i} maps outside the scalar`);
      if (e - s === 1 && t.text[i] !== ' ' && t.text[i] !== '\n') assert.strictEqual(yaml[s], t.text[i], `char ${i}`);
    }
  }
}

describe('scalarText: a string value with the source position of every character', () => {
  const cases: Record<string, string> = {
    'literal block': 'v: |\n  a: 1\n  b:\n    c: 2\n',
    'literal, strip, more lines after': 'v: |-\n  a: 1\n\n  b: 2\nw: 3\n',
    'literal, keep': 'v: |+\n  a: 1\n\n\nw: 3\n',
    'literal with indentation indicator': 'v: |2\n    a: 1\n  b: 2\n',
    'literal with comment in header': 'v: | # proxy config\n  a: 1\n',
    'folded block': 'v: >\n  a\n  b\n\n  c\n    d\n  e\n',
    'CRLF line ends': 'v: |\r\n  a: 1\r\n  b: 2\r\n',
    'single-quoted JSON': `v: '{"holdApplicationUntilProxyStarts": true, "a": ''x''}'\n`,
    'double-quoted escapes': 'v: "{\\"a\\": \\"x\\\\y\\u00e9\\", \\tb: 1}"\n',
    'double-quoted folded lines': 'v: "a: 1,\n  b: 2\n\n  c"\n',
    'double-quoted escaped line break': 'v: "ab\\\n    cd"\n',
    'plain multi-line': 'v: a b\n  c d\n',
    'plain one line': 'v: hello  world\n',
  };
  for (const [name, yaml] of Object.entries(cases)) it(name, () => checkMap(yaml));

  it('maps an inner span to the exact characters in the file and back', () => {
    const yaml =
      'metadata:\n  annotations:\n    proxy.istio.io/config: |\n      holdApplicationUntilProxyStarts: true\n      concurrency: 2\n';
    const node = get(parseYamlFile('/t.yaml', yaml).docs[0].root, 'metadata', 'annotations', 'proxy.istio.io/config');
    assert.ok(node?.kind === 'scalar');
    const t = scalarText(yaml, node)!;
    const inner = t.text.indexOf('concurrency');
    const outer = toOuter(t, { start: inner, end: inner + 'concurrency'.length })!;
    assert.strictEqual(yaml.slice(outer.start, outer.end), 'concurrency');
    assert.strictEqual(toInner(t, outer.start), inner);
    assert.strictEqual(toInner(t, yaml.indexOf('      concurrency') + 2), undefined, 'indentation has no inner offset');
    assert.strictEqual(t.indent, 6);
    assert.ok(t.verbatim);
  });

  it('spans across escapes cover the whole escape', () => {
    const yaml = 'v: "a\\tb"\n';
    const t = scalarText(yaml, valueOf(yaml))!;
    assert.strictEqual(t.text, 'a\tb');
    assert.deepStrictEqual(toOuter(t, { start: 1, end: 2 }), { start: 5, end: 7 });
  });

  it('no map when the value is not a string', () => {
    assert.strictEqual(scalarText('v: 3\n', valueOf('v: 3\n')), undefined);
  });
});
