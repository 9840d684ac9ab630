import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { get, getPath } from '../../../server/src/core/parse/access';
import { parseYamlFile } from '../../../server/src/core/parse/parseFile';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

describe('parse/access get', () => {
  const root = parseYamlFile('t.yaml', 'a:\n  b:\n    - c:\n        d: {e: {f: {g: 1}}}\n').docs[0].root;

  it('follows up to six steps, keys and indexes, and stops at the first missing one', () => {
    const full = ['a', 'b', 0, 'c', 'd', 'e', 'f', 'g'];
    for (let n = 0; n <= 6; n++) {
      const steps = full.slice(0, n);
      assert.strictEqual(get(root, ...(steps as [])), getPath(root, steps), `path ${steps.join('.')}`);
    }
    assert.strictEqual(get(root, 'a', 'b', 0, 'c', 'd', 'e')?.kind, 'map');
    assert.strictEqual(get(root, 'a', 'x', 0), undefined);
    assert.strictEqual(get(root, 'a', 'b', 1), undefined);
    assert.strictEqual(get(undefined), undefined);
    assert.strictEqual(get(root), root);
    assert.strictEqual(getPath(root, full)?.kind, 'scalar');
  });

  it('is never called with a spread path (its steps are fixed parameters: getPath takes arrays)', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.name.endsWith('.ts') && /(?<![\w.])get\([^()]*\.\.\./.test(fs.readFileSync(full, 'utf8')))
          offenders.push(path.relative(ROOT, full));
      }
    };
    walk(path.join(ROOT, 'server', 'src'));
    assert.deepStrictEqual(offenders, []);
  });
});
