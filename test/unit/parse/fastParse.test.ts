import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { fastParse } from '../../../server/src/core/parse/fastParse';
import { parseYamlFile } from '../../../server/src/core/parse/parseFile';
import { maskHelmActions, looksLikeHelm } from '../../../server/src/core/parse/helm';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** The fast path must build exactly what the `yaml` package's parse converts to, or decline. */
export function assertSameAsYaml(file: string, text: string): boolean {
  const source = looksLikeHelm(file, text) ? maskHelmActions(text).text : text;
  const fast = fastParse(source);
  if (!fast) return false;
  const full = parseYamlFile(file, text, { fast: false });
  const viaFast = parseYamlFile(file, text);
  assert.ok(
    full.docs.every(d => d.errors.length === 0),
    `fast path accepted YAML that has errors: ${JSON.stringify(full.docs.flatMap(d => d.errors))}`,
  );
  assert.deepStrictEqual(normalise(viaFast), normalise(full), `fast and full parse differ for ${file}`);
  return true;
}

function normalise(value: unknown): unknown {
  // NaN !== NaN under deepStrictEqual? It is equal there; but -0 vs 0 is not: keep values as they are.
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && Number.isNaN(v) ? 'NaN' : v)));
}

const ACCEPTED: string[] = [
  'a: 1\n',
  'a: 1',
  'a:\n  b: c\n  d:\n  - 1\n  - two\n  -\n  - {x: y}\n',
  'a:\n- x\n- y\n# trailing comment\n\nb: 2\n',
  'a:\n  b: 1\n\n  # c\n  d: 2\n# top\ne: 3',
  '---\na: 1\n---\n# c\nb: 2\n',
  '# c1\n---\n# c2\na: 1\n\n\n---\n\n---\nb: 1 # t\n# end\n',
  'a: 1\n---\n',
  '---\n# c\n',
  '  a: 1\n  b: 2\n',
  'k: v \nk2:   "a b"  \nk3:\n  -   1\n',
  'k:   \nj:\n  - \n  -  # c\nm: {a: 1, b: [x, "y"], c: {}}\nn: []\n',
  "\"q\": 1\n's': 2\nx: 'it''s'\n",
  'a: "x\\ty\\u0041\\"\\\\"\n',
  'c: |\n  line1\n  line2\n\nd: >-\n  f\ne:\nf: [1, {g: h}]\n',
  'a: |+\n  x\n\n\nb: >\n  p\n  q\n\n   r\n  s\nc: |-\n  z',
  'a: |\n  # not a comment\n    indented\n  end\n# a comment\nb: 1\n',
  '- - a\n  - b\n-\n- k: v\n  l: [x]\n',
  'nums: [0, -1, +2, 0o17, 0x1F, 1.5, .5, 2., 1e3, -1.5E-2, .inf, -.Inf, .nan, 1_000, 0b1]\n',
  'bools: [true, True, TRUE, false, False, FALSE, yes, no, on, off, y, n]\nnulls: [~, null, Null, NULL]\n',
  'url: http://example.com:8080/path#frag\nweird: a#b\nc: "# in quotes"\n',
  '80: port\ntrue: yes\n~: nothing\n1.5: f\n',
  'spec:\n  http:\n  - match:\n    - uri:\n        prefix: /a\n    route:\n    - destination:\n        host: reviews\n        subset: v1\n      weight: 90\n',
  'data:\n  mesh: |-\n    rootNamespace: x\n    enableTracing: true\n',
  'list: [a, [b, c], {d: [e]}, "f, g", \'h\']\nmap: {a: {b: {c: d}}, "e f": g}\n',
  'a: b\n\n\n',
  '\n\n\na: b\n',
  'key: value with colons:inside and trailing colon:x\n',
  '{a: 1}\n',
  'empty_string: ""\nempty_single: \'\'\n',
];

const DECLINED: string[] = [
  'a: &x 1\nb: *x\n',
  'a: !!str 1\n',
  '? complex\n: key\n',
  'a: multi\n  line plain\n',
  'a: "multi\n  line"\n',
  'a: [1,\n  2]\n',
  'a:\r\n  b: 1\r\n',
  'a:\n\tb: 1\n',
  '%YAML 1.2\n---\na: 1\n',
  'a: 1\n...\n',
  'a: b: c\n',
  'a:\n    b: 1\n  c: 2\n',
  '- a\nb: 1\n',
  'a: |2\n   x\n',
  'a: [1, 2,]\n',
  'key: value with spaces and: more\n',
];

describe('fast YAML parser', () => {
  ACCEPTED.forEach((text, i) => {
    it(`builds the same tree as yaml: case ${i} ${JSON.stringify(text.slice(0, 40))}`, () => {
      assert.ok(assertSameAsYaml(`/w/case${i}.yaml`, text), 'expected the fast path to accept this');
    });
  });

  DECLINED.forEach((text, i) => {
    it(`leaves unusual YAML to yaml: case ${i} ${JSON.stringify(text.slice(0, 40))}`, () => {
      const source = text;
      assert.strictEqual(fastParse(source), undefined);
    });
  });

  it('never accepts what yaml rejects, and agrees when it accepts: 2,000 seeded mutations', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pieces = [
      ' ',
      '  ',
      ':',
      ': ',
      '-',
      '- ',
      '#',
      ' #',
      '\n',
      '\n  ',
      '"',
      "'",
      '[',
      ']',
      '{',
      '}',
      ',',
      '|',
      '>',
      'x',
      '---\n',
      '\t',
    ];
    let accepted = 0;
    for (let i = 0; i < 2000; i++) {
      let text = ACCEPTED[random(ACCEPTED.length)];
      for (let m = 1 + random(3); m > 0; m--) {
        const at = random(text.length + 1);
        text =
          random(2) === 0
            ? text.slice(0, at) + pieces[random(pieces.length)] + text.slice(at)
            : text.slice(0, at) + text.slice(at + 1 + random(3));
      }
      const full = parseYamlFile('/w/m.yaml', text, { fast: false });
      const fast = fastParse(looksLikeHelm('/w/m.yaml', text) ? maskHelmActions(text).text : text);
      if (!fast) continue;
      accepted++;
      assert.ok(
        full.docs.every(d => d.errors.length === 0),
        `accepted invalid YAML ${JSON.stringify(text)}: ${JSON.stringify(full.docs.flatMap(d => d.errors.map(e => e.message)))}`,
      );
      assert.deepStrictEqual(
        normalise(parseYamlFile('/w/m.yaml', text)),
        normalise(full),
        `differs for ${JSON.stringify(text)}`,
      );
    }
    assert.ok(accepted > 300, `only ${accepted} mutations were accepted: the test would not see much`);
  });

  it('agrees with yaml on every YAML file in the repository (examples, fixtures, snippets)', () => {
    let accepted = 0;
    let total = 0;
    const walk = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(full);
        return /\.ya?ml$/.test(e.name) ? [full] : [];
      });
    for (const dir of ['examples', 'test/fixtures']) {
      if (!fs.existsSync(path.join(ROOT, dir))) continue;
      for (const file of walk(path.join(ROOT, dir))) {
        total++;
        if (assertSameAsYaml(file, fs.readFileSync(file, 'utf8'))) accepted++;
      }
    }
    assert.ok(total === 0 || accepted / total > 0.8, `fast path accepted only ${accepted} of ${total} files`);
  });
});
