import * as assert from 'assert';
import { DependencyMap } from '../../../server/src/core/analysis/dependencies';

/** Readers of every key in `keys`, as sorted lists: what an update would re-check. */
function readers(map: DependencyMap, keys: readonly string[]): Record<string, string[]> {
  return Object.fromEntries(keys.map(k => [k, [...map.readersOf(k)].sort()]));
}

describe('DependencyMap', () => {
  const KEYS = ['a', 'b', 'c'];
  const fill = (map: DependencyMap, how: 'set' | 'restore') => {
    map[how]('x', ['a', 'b']);
    map[how]('y', ['b']);
    map[how]('z', []);
  };

  it('restored keys answer as set ones, whether entered in steps or at once by the first read', () => {
    const expected = new DependencyMap();
    fill(expected, 'set');
    const atOnce = new DependencyMap();
    fill(atOnce, 'restore');
    assert.deepStrictEqual(readers(atOnce, KEYS), readers(expected, KEYS));
    assert.deepStrictEqual(atOnce.keysOf('z'), []);
    const inSteps = new DependencyMap();
    fill(inSteps, 'restore');
    assert.strictEqual(inSteps.settleStep(2), false);
    assert.strictEqual(inSteps.settleStep(2), true);
    assert.deepStrictEqual(readers(inSteps, KEYS), readers(expected, KEYS));
  });

  it('an instance restored and then set or forgotten before the steps ran reads what it read last', () => {
    const map = new DependencyMap();
    fill(map, 'restore');
    map.set('x', ['c']);
    map.forget('y');
    map.restore('x', ['a']);
    assert.deepStrictEqual(readers(map, KEYS), { a: ['x'], b: [], c: [] });
    map.restore('w', ['b']);
    map.clear();
    assert.deepStrictEqual(readers(map, KEYS), { a: [], b: [], c: [] });
    assert.strictEqual(map.keysOf('w'), undefined);
  });
});
