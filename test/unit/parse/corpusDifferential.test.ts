import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const BENCH = path.join(ROOT, 'out', 'bench');

describe('fast parse vs yaml over a generated corpus', () => {
  it('gives identical summaries, findings and directives for every file of the small corpus', function () {
    this.timeout(120000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-ls-corpus-'));
    try {
      const gen = spawnSync(
        process.execPath,
        [path.join(BENCH, 'generate.js'), '--size', 'small', '--out', path.join(dir, 'small')],
        { encoding: 'utf8' },
      );
      assert.strictEqual(gen.status, 0, gen.stderr);
      const diff = spawnSync(process.execPath, [path.join(BENCH, 'differential.js'), path.join(dir, 'small')], {
        encoding: 'utf8',
      });
      assert.strictEqual(diff.status, 0, diff.stdout + diff.stderr);
      const m = /(\d+) files compared \((\d+) took the fast path\), 0 differ/.exec(diff.stdout);
      assert.ok(m, diff.stdout);
      assert.ok(
        Number(m[2]) / Number(m[1]) > 0.9,
        `the fast path took only ${m[2]} of ${m[1]} files: the comparison would prove little`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
