import * as assert from 'assert';
import { analyzeFixture } from '../../harness/analyze';

const vs = (i: number) =>
  `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs${i}}\nspec:\n  hosts: [vs${i}]\n  http:\n  - route:\n    - destination: {host: reviews, subset: v2}\n`;
const dr = (subset: string) =>
  `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: reviews}\nspec:\n  host: reviews\n  subsets:\n  - name: ${subset}\n    labels: {version: ${subset}}\n`;
const other = (i: number) =>
  `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: other${i}}\nspec:\n  hosts: [other${i}]\n  http:\n  - route:\n    - destination: {host: ratings, subset: v1}\n`;

function workspace(): Map<string, string> {
  const files = new Map<string, string>();
  for (let i = 0; i < 40; i++) files.set(`/ws/vs/vs${i}.yaml`, vs(i));
  for (let i = 0; i < 20; i++) files.set(`/ws/other/other${i}.yaml`, other(i));
  files.set('/ws/ratings-dr.yaml', dr('v1').replace(/reviews/g, 'ratings'));
  files.set('/ws/dr.yaml', dr('v2'));
  return files;
}

describe('incremental analysis', () => {
  it('an edit to a DestinationRule re-checks exactly the VirtualServices that use its host', () => {
    const analyzer = analyzeFixture(workspace());
    assert.strictEqual(analyzer.filesWithFindings().length, 0);
    const changed = analyzer.update([{ file: '/ws/dr.yaml', text: dr('v3') }]);
    assert.strictEqual(changed.size, 41, 'the DR file and the 40 VirtualServices using its host');
    assert.ok(![...changed].some(f => f.includes('other')), 'VirtualServices of other hosts are not touched');
    assert.strictEqual(analyzer.filesWithFindings().length, 40);
    const back = analyzer.update([{ file: '/ws/dr.yaml', text: dr('v2') }]);
    assert.strictEqual(back.size, 41);
    assert.strictEqual(analyzer.filesWithFindings().length, 0);
  });

  it('deleting and re-creating the DestinationRule file', () => {
    const analyzer = analyzeFixture(workspace());
    analyzer.update([{ file: '/ws/dr.yaml', deleted: true }]);
    assert.strictEqual(analyzer.filesWithFindings().length, 40);
    analyzer.update([{ file: '/ws/dr2.yaml', text: dr('v2') }]);
    assert.strictEqual(analyzer.filesWithFindings().length, 0);
  });

  it('a momentarily broken DestinationRule keeps its last good summary (no flood)', () => {
    const analyzer = analyzeFixture(workspace());
    analyzer.update([{ file: '/ws/dr.yaml', text: `${dr('v2')}  trafficPolicy: {loadBalancer: [\n` }]);
    assert.deepStrictEqual(analyzer.filesWithFindings(), ['/ws/dr.yaml']);
    assert.ok(analyzer.findings('/ws/dr.yaml').every(f => f.ruleId === 'yaml-syntax'));
  });

  it('results equal a from-scratch analysis after a sequence of edits', () => {
    const analyzer = analyzeFixture(workspace());
    const files = workspace();
    const edits: [string, string | undefined][] = [
      ['/ws/dr.yaml', dr('v9')],
      ['/ws/vs/vs3.yaml', vs(3).replace('v2', 'v9')],
      ['/ws/ratings-dr.yaml', undefined],
      ['/ws/dr.yaml', dr('v2')],
      ['/ws/other/other1.yaml', other(1).replace('ratings', 'reviews').replace('v1', 'v2')],
    ];
    for (const [file, text] of edits) {
      if (text === undefined) {
        files.delete(file);
        analyzer.update([{ file, deleted: true }]);
      } else {
        files.set(file, text);
        analyzer.update([{ file, text }]);
      }
    }
    const fresh = analyzeFixture(files);
    const dump = (a: typeof analyzer) =>
      a.filesWithFindings().map(
        f =>
          `${f}: ${a
            .findings(f)
            .map(x => x.message)
            .sort()
            .join(' | ')}`,
      );
    assert.deepStrictEqual(dump(analyzer), dump(fresh));
  });
});
