import * as assert from 'assert';
import { nodeAt, pathMatches } from '../../../server/src/core/features/nodeAt';
import { parseYamlFile } from '../../../server/src/core/parse/parseFile';
import { parseFixture } from '../../harness/fixture';

function at(code: string): string {
  const { files, cursor } = parseFixture(code);
  const file = cursor!.file;
  const found = nodeAt(parseYamlFile(file, files.get(file)!), cursor!.offset);
  if (!found) return 'nothing';
  const item = found.itemIndex === undefined ? '' : `item ${found.itemIndex}: `;
  return `${item}${found.path.join('.') || '(document)'}${found.onKey ? ' (key)' : ''} = ${String(found.scalar?.value ?? '-')}`;
}

describe('nodeAt', () => {
  it('gives the path of keys and indexes to the scalar under the cursor', () => {
    const doc = (marked: string) =>
      at(`
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      spec:
        http:
        - route:
          - destination: {host: reviews, subset: ${marked}}
    `);
    assert.strictEqual(doc('v$01'), 'spec.http.0.route.0.destination.subset = v1');
    assert.strictEqual(doc('v1$0'), 'spec.http.0.route.0.destination.subset = v1');
    assert.strictEqual(at('a: 1\nsp$0ec:\n  b: 2'), 'spec (key) = spec');
  });

  it('second document, and items of a List relative to the item', () => {
    assert.strictEqual(at('a: 1\n---\nb:\n  - x\n  - $0y'), 'b.1 = y');
    assert.strictEqual(
      at('kind: List\nitems:\n- kind: Gateway\n- kind: Service\n  metadata: {name: w$0eb}'),
      'item 1: metadata.name = web',
    );
  });

  it('blank space between nodes is on no scalar; outside any document is nothing', () => {
    assert.strictEqual(at('a:\n  b: 1\n$0\nc: 2'), '(document) = -');
    assert.strictEqual(at('$0'), 'nothing');
  });

  it('pathMatches treats # as any index', () => {
    assert.ok(pathMatches(['spec', 'http', 0, 'route', 2], ['spec', 'http', '#', 'route', '#']));
    assert.ok(!pathMatches(['spec', 'http', 'x'], ['spec', 'http', '#']));
  });
});
