import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { walkYamlFiles } from '../../../server/src/host/fileWalker';
import { readYamlFile, MAX_FILE_BYTES, type ReadResult } from '../../../server/src/host/readFile';

describe('workspace walker', () => {
  let dir: string;
  const rel = (files: string[]) => files.map(f => path.relative(dir, f).split(path.sep).join('/'));
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'istio-ls-walk-')));
    for (const f of [
      'a.yaml',
      'b.yml',
      'c.json',
      'sub/d.yaml',
      'node_modules/x.yaml',
      '.git/y.yaml',
      'gen/e.yaml',
      'sub/deep/f.YAML',
    ]) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), 'a: 1\n');
    }
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds .yaml/.yml files, skipping node_modules and .git, in a stable order', async () => {
    assert.deepStrictEqual(rel(await walkYamlFiles(dir)), [
      'a.yaml',
      'b.yml',
      'gen/e.yaml',
      'sub/d.yaml',
      'sub/deep/f.YAML',
    ]);
  });

  it('honours exclude and include globs (files.exclude style)', async () => {
    assert.deepStrictEqual(rel(await walkYamlFiles(dir, { exclude: ['**/gen', 'sub/deep/**'] })), [
      'a.yaml',
      'b.yml',
      'sub/d.yaml',
    ]);
    assert.deepStrictEqual(rel(await walkYamlFiles(dir, { include: ['sub/**/*.yaml'] })), ['sub/d.yaml']);
  });

  it('follows links once and survives link loops and dangling links', async () => {
    fs.symlinkSync(dir, path.join(dir, 'sub', 'loop'));
    fs.symlinkSync(path.join(dir, 'sub'), path.join(dir, 'alias'));
    fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dangling.yaml'));
    const files = rel(await walkYamlFiles(dir));
    // `sub` is reached once (through itself or its alias, never both), the loop back to the root is cut.
    assert.strictEqual(files.filter(f => f.endsWith('d.yaml')).length, 1);
    assert.ok(!files.some(f => f.includes('loop/')));
    assert.ok(!files.includes('dangling.yaml'));
  });

  it('a missing root gives nothing', async () => {
    assert.deepStrictEqual(await walkYamlFiles(path.join(dir, 'missing')), []);
  });
});

describe('reading files', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-ls-read-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives a clear reason for binary, non-UTF-8, huge and vanished files', async () => {
    fs.writeFileSync(path.join(dir, 'bin.yaml'), Buffer.from([0x61, 0x00, 0x62]));
    fs.writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]));
    fs.writeFileSync(path.join(dir, 'huge.yaml'), `apiVersion: networking.istio.io/v1\n${'#'.repeat(MAX_FILE_BYTES)}`);
    fs.writeFileSync(path.join(dir, 'bom.yaml'), '\uFEFFa: 1\n');
    assert.deepStrictEqual(unstamped(await readYamlFile(path.join(dir, 'bin.yaml'))), {
      ok: false,
      reason: 'it is a binary file',
      looksIstio: false,
    });
    assert.deepStrictEqual(unstamped(await readYamlFile(path.join(dir, 'latin1.yaml'))), {
      ok: false,
      reason: 'it is not valid UTF-8',
      looksIstio: false,
    });
    const huge = await readYamlFile(path.join(dir, 'huge.yaml'));
    assert.ok(!huge.ok && huge.looksIstio && /over the 5 MB limit/.test(huge.reason));
    assert.deepStrictEqual(unstamped(await readYamlFile(path.join(dir, 'bom.yaml'))), { ok: true, text: 'a: 1\n' });
    const gone = await readYamlFile(path.join(dir, 'gone.yaml'));
    assert.ok(!gone.ok && gone.missing);
  });

  it('stamps what it read with the size and modification time taken before reading', async () => {
    const file = path.join(dir, 'a.yaml');
    fs.writeFileSync(file, 'a: 1\n');
    fs.utimesSync(file, new Date(1_000_000), new Date(2_000_000));
    const { stamp } = await readYamlFile(file);
    assert.strictEqual(stamp?.size, 5);
    assert.strictEqual(stamp?.mtimeMs, 2_000_000);
    assert.ok(stamp.takenAt > stamp.mtimeMs);
  });
});

function unstamped(read: ReadResult): ReadResult {
  const copy: { stamp?: unknown } & ReadResult = { ...read };
  delete copy.stamp;
  return copy;
}
