import * as assert from 'assert';
import { parseYamlFile } from '../../../server/src/core/parse/parseFile';
import { asKubernetesScalar } from '../../../server/src/core/parse/kubernetesYaml';
import type { YNode } from '../../../server/src/core/parse/types';

// [plain YAML value, what go-yaml v2 (Kubernetes) stores, or undefined when YAML 1.2 reads the same].
const CASES: readonly [string, string | number | boolean | undefined][] = [
  ['yes', true],
  ['Off', false],
  ['y', true],
  ['N', false],
  ['true', undefined],
  ['0777', 511],
  ['-010', -8],
  ['0b101', 5],
  ['1_000', 1000],
  ['0x1F', undefined],
  ['0o17', undefined],
  ['08', undefined],
  ['0', undefined],
  ['1.5', undefined],
  ['1:20', undefined],
  ['2024-01-01', undefined],
  ['"yes"', undefined],
  ['[1.2.3.4, 001:db8::]', '001:db8::'],
  ['[a: b]', undefined],
  ['{001:db8::}', undefined],
];

function valueNode(text: string): { node: YNode; text: string } {
  const source = `v: ${text}\n`;
  const root = parseYamlFile('x.yaml', source).docs[0]?.root;
  assert.ok(root?.kind === 'map');
  let node = root.items[0]?.value;
  assert.ok(node);
  // For flow lists, the last item is the one under test.
  if (node.kind === 'seq') node = node.items[node.items.length - 1] ?? node;
  return { node, text: source };
}

describe('asKubernetesScalar (YAML 1.1 readings)', () => {
  for (const [written, stored] of CASES) {
    it(`${written} → ${stored === undefined ? 'same reading' : JSON.stringify(stored)}`, () => {
      const { node, text } = valueNode(written);
      assert.strictEqual(asKubernetesScalar(node, text)?.value, stored);
    });
  }
});
