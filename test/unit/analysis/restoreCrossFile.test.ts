import * as assert from 'assert';
import { Analyzer, type CrossFileState, type FileInput } from '../../../server/src/core/analysis/analyzer';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';

/**
 * Warm starts put cross-file results back instead of running the rules (restoreCrossFile), in
 * slices. Whatever happens meanwhile, results equal a from-scratch analysis of the same files.
 */
const N = 80;
const vs = (i: number, subset: string) =>
  `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs${i}, namespace: shop}\nspec:\n  hosts: [svc${i}]\n  http:\n  - route:\n    - destination: {host: svc${i}, subset: ${subset}}\n`;
const dr = (i: number, subsets: string) =>
  `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: dr${i}, namespace: shop}\nspec:\n  host: svc${i}\n  subsets: [${subsets}]\n`;

function files(): FileInput[] {
  const out: FileInput[] = [];
  for (let i = 0; i < N; i++) {
    out.push({ file: `/ws/vs${String(i).padStart(3, '0')}.yaml`, text: vs(i, i % 3 === 0 ? 'v2' : 'v1') });
    out.push({ file: `/ws/dr${String(i).padStart(3, '0')}.yaml`, text: dr(i, '{name: v1, labels: {version: v1}}') });
  }
  return out;
}

/** Every file's findings as data (quick-fixes hold functions). */
function findingsOf(analyzer: Analyzer): unknown {
  const out: Record<string, unknown> = {};
  for (const s of analyzer.index.allFiles()) out[s.file] = analyzer.report(s.file, { rules: {} }, true);
  return JSON.parse(JSON.stringify(out));
}

function fresh(inputs: readonly FileInput[], edits: readonly FileInput[]): Analyzer {
  const a = new Analyzer(DEFAULT_SETTINGS);
  a.update(inputs);
  a.update(edits);
  return a;
}

/** An analyzer restored from `source`'s state, its restore job stopped after its first slice. */
function restoring(source: Analyzer, inputs: readonly FileInput[]) {
  const state = new Map<string, CrossFileState>();
  for (const s of source.index.allFiles()) for (const [id, st] of source.crossFileStateOf(s.file)) state.set(id, st);
  const a = new Analyzer(DEFAULT_SETTINGS);
  a.setCrossFileEnabled(false);
  a.update(inputs);
  // A clock that has always run out: the job stops at its first look at it.
  let t = 0;
  const job = a.restoreCrossFile(
    id => state.get(id),
    () => (t += 1000),
  );
  // Namespaces are settled in steps first; then results are put back, a batch per step.
  do assert.strictEqual(job.step(1), false, 'the job runs in several slices');
  while (job.done === 0);
  assert.ok(job.done > 0 && job.done < job.total, 'stopped half way');
  return {
    analyzer: a,
    finish: () => {
      while (!job.step(1));
    },
  };
}

describe('restoring cross-file results (warm start)', () => {
  const inputs = files();
  const cold = fresh(inputs, []);

  it('equals a from-scratch analysis', () => {
    const { analyzer, finish } = restoring(cold, inputs);
    finish();
    assert.deepStrictEqual(findingsOf(analyzer), findingsOf(cold));
  });

  it('edits during the restore re-check both what was put back and what was not yet', () => {
    const { analyzer, finish } = restoring(cold, inputs);
    // dr000 is early (put back already), dr075 late (not yet): both drop subset v1 used by their VS.
    const edits: FileInput[] = [
      { file: '/ws/dr000.yaml', text: dr(0, '{name: v9, labels: {version: v9}}') },
      { file: '/ws/dr075.yaml', text: dr(75, '{name: v9, labels: {version: v9}}') },
      { file: '/ws/vs040.yaml', deleted: true },
    ];
    analyzer.update(edits);
    finish();
    const expected = fresh(inputs, edits);
    assert.ok(JSON.stringify(findingsOf(expected)).includes('v9'), 'the edits produce findings');
    assert.deepStrictEqual(findingsOf(analyzer), findingsOf(expected));
  });
});
