import * as assert from 'assert';
import { serverNodeOptions, summaryWorkerCount } from '../../../shared/src/serverProcess';

describe('server process options', () => {
  it('uses one worker thread per core, up to four', () => {
    assert.deepStrictEqual([1, 2, 4, 16].map(summaryWorkerCount), [1, 2, 4, 4]);
  });

  it("gives V8's thread pool the cores the workers leave, at least one, and keeps Node's default beyond", () => {
    const pool = (cores: number) => serverNodeOptions(cores).find(o => o.startsWith('--v8-pool-size='));
    assert.deepStrictEqual([1, 2, 4, 6, 7, 8, 32].map(pool), [
      '--v8-pool-size=1',
      '--v8-pool-size=1',
      '--v8-pool-size=1',
      '--v8-pool-size=2',
      '--v8-pool-size=3',
      undefined,
      undefined,
    ]);
    assert.ok(serverNodeOptions(2).includes('--max-semi-space-size=4'));
    assert.ok(serverNodeOptions(2).includes('--max-inlined-bytecode-size-cumulative=300'));
  });
});
