import * as assert from 'assert';
import { analyzeFixture } from '../../harness/analyze';
import { parseFixture } from '../../harness/fixture';

const dr = (name: string, ns: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ${name}, namespace: ${ns}}
spec: {host: reviews}
`;

/** 24 objects named `default` (a common name) in three namespaces, a few with copies in other files. */
function fixture(): string {
  const files: string[] = [];
  for (let i = 0; i < 24; i++)
    files.push(`#- f${i}.yaml\n${dr('default', `ns${i % 3}`)}---\n${dr(`own${i % 5}`, 'ns0')}`);
  return files.join('\n');
}

describe('copies of an object: the tally kept by the tables', () => {
  it('agrees with a scan of the objects of the same name after adds, edits and deletes', () => {
    const analyzer = analyzeFixture(parseFixture(fixture()));
    const check = (when: string) => {
      for (const r of analyzer.index.allInstances()) {
        const scanned = analyzer.index.scopeOf(r).tables.objectsLike(r).length;
        assert.strictEqual(analyzer.index.scopeOf(r).tables.countLike(r), scanned, `${when}: ${r.id}`);
        assert.strictEqual(analyzer.index.hasCopies(r), scanned > 1, `${when}: ${r.id}`);
      }
    };
    check('indexed');
    analyzer.update([
      { file: '/ws/f0.yaml', text: dr('default', 'other') },
      { file: '/ws/f1.yaml', deleted: true },
      { file: '/ws/f2.yaml', text: `${dr('own1', 'ns0')}---\n${dr('own1', 'ns0')}` },
    ]);
    check('after edits');
    analyzer.update([
      { file: '/ws/f2.yaml', deleted: true },
      { file: '/ws/f1.yaml', text: dr('default', 'ns1') },
    ]);
    check('after more edits');
  });
});
