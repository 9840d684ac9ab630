import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

/** Runs a locally installed tool from the repository root; returns its exit code and output. */
function run(bin: string, args: readonly string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', bin), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('code style', function () {
  this.timeout(180_000);

  it('ESLint (typescript-eslint) reports nothing', () => {
    const { status, output } = run('eslint/bin/eslint.js', ['.']);
    assert.strictEqual(status, 0, `npx eslint . (npx eslint . --fix fixes most):\n${output}`);
  });

  it('Prettier finds every file formatted', () => {
    const { status, output } = run('prettier/bin/prettier.cjs', ['--check', '.']);
    assert.strictEqual(status, 0, `npm run format fixes this:\n${output}`);
  });
});
