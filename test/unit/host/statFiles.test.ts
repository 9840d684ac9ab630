import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { statFiles } from '../../../server/src/host/statFiles';

describe('statFiles', () => {
  it('gives each file its size and modification time as statSync does, -1 for a missing one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-ls-stat-'));
    try {
      const a = path.join(dir, 'a.yaml');
      const b = path.join(dir, 'b.yaml');
      fs.writeFileSync(a, 'kind: A\n');
      fs.writeFileSync(b, '');
      const files = [a, path.join(dir, 'gone.yaml'), b];
      const stats = await statFiles(files);
      assert.ok(stats);
      const expected = [fs.statSync(a), undefined, fs.statSync(b)].flatMap(st =>
        st ? [st.size, st.mtimeMs] : [-1, -1],
      );
      assert.deepStrictEqual([...stats], expected);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
