import * as assert from 'assert';
import { spawn, spawnSync, type SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * The npm package as CI users get it: `npm pack`, installed from the tarball into an empty folder
 * (offline: the bundles carry every runtime dependency), then `npx istio-ls check`. It packs the
 * current build (`--ignore-scripts` skips the `prepack` rebuild; `npm test` runs after
 * `npm run build`).
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const REPO_BIN = path.join(ROOT, 'bin', 'istio-ls.js');

/** npm without the variables of the `npm test` that runs this (its prefix, package, lifecycle). */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return {
    ...env,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_offline: 'true',
  };
}

function sh(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync(command, args, { cwd, env: npmEnv(), encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return r;
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  assert.strictEqual(r.status, 0, `${what} failed (${r.status}):\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

describe('the npm package', function () {
  this.timeout(180_000);
  let tmp: string;
  let consumer: string;
  let packed: string[];

  before(function () {
    if (!fs.existsSync(path.join(ROOT, 'dist', 'cli.js')))
      assert.fail('dist/cli.js is missing: run `npm run build` before `npm test`');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-ls-pack-'));
    const out = ok(sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], ROOT), 'npm pack');
    const [info] = JSON.parse(out.slice(out.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    packed = info.files.map(f => f.path);
    consumer = path.join(tmp, 'consumer');
    fs.mkdirSync(consumer);
    fs.writeFileSync(path.join(consumer, 'package.json'), '{ "name": "consumer", "private": true }\n');
    ok(
      sh('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(tmp, info.filename)], consumer),
      'npm install of the tarball',
    );
    fs.cpSync(path.join(ROOT, 'examples'), path.join(consumer, 'examples'), { recursive: true });
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('ships the CLI, the files it reads and the notices, and no sources, tests or source maps', () => {
    for (const file of [
      'package.json',
      'bin/istio-ls.js',
      'dist/cli.js',
      'dist/server.js',
      'dist/summaryWorker.js',
      'schemas/generated/index.json',
      'schemas/mesh/MeshConfig.json',
      'schemas/THIRD_PARTY_NOTICES.md',
      'snippets/istio.code-snippets',
      'docs/rules/subset-not-found.md',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      'third_party/istio/LICENSE',
      'third_party/istio/README.md',
    ])
      assert.ok(packed.includes(file), `${file} is not in the package`);
    const stray = packed.filter(f => /^(server|client|test|scripts|bench|examples|out|node_modules)\/|\.map$/.test(f));
    assert.deepStrictEqual(stray, []);
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.strictEqual(manifest.dependencies, undefined, 'runtime dependencies must be bundled into dist/');
  });

  it('installed from the tarball, `npx istio-ls check examples` reports what the checkout does', () => {
    const r = sh('npx', ['--no', '--', 'istio-ls', 'check', 'examples'], consumer);
    assert.strictEqual(r.status, 1, r.stderr);
    assert.strictEqual(r.stderr, '');
    assert.match(r.stdout, /^examples\/mesh\/virtual-services\.yaml:\d+:\d+ +error +Subset "v3" is not defined/m);
    assert.match(r.stdout, /^\d+ problems? \(\d+ errors?, [^)]*\)(?: and \d+ hints?)? in \d+ files, \d+ resources\.$/m);
    const checkout = spawnSync(process.execPath, [REPO_BIN, 'check', 'examples'], { cwd: consumer, encoding: 'utf8' });
    assert.strictEqual(
      r.stdout,
      checkout.stdout,
      'the package differs from the checkout: is dist/ current (npm run build)?',
    );
  });

  it('`istio-ls --stdio` from the package is a language server: it answers initialize', async () => {
    const bin = path.join(consumer, 'node_modules', '.bin', 'istio-ls');
    const server = spawn(bin, ['--stdio'], { cwd: consumer, env: npmEnv() });
    try {
      const reply = new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (d: Buffer) => {
          out += d.toString('utf8');
          if (out.includes('"capabilities"')) resolve(out);
        });
        server.on('exit', code => reject(new Error(`the server exited (${code}): ${out}`)));
      });
      const body = JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { processId: null, rootUri: null, capabilities: {} },
      });
      server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      assert.match(await reply, /"id":1,"result":\{"capabilities"/);
    } finally {
      server.kill();
    }
  });

  it('reads the schemas it ships, prints its version and usage', () => {
    fs.writeFileSync(
      path.join(consumer, 'bad.yaml'),
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: x}\nspec:\n  hostz: [x]\n',
    );
    const r = sh('npx', ['--no', '--', 'istio-ls', 'check', 'bad.yaml'], consumer);
    assert.strictEqual(r.status, 1, r.stderr);
    assert.match(r.stdout, /^bad\.yaml:5:3 +error +Unknown field 'hostz' in VirtualService.*\[schema\]$/m);
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.strictEqual(
      ok(sh('npx', ['--no', '--', 'istio-ls', '--version'], consumer), 'version'),
      `${version.version}\n`,
    );
    assert.match(ok(sh('npx', ['--no', '--', 'istio-ls', 'check', '--help'], consumer), 'help'), /^istio-ls — /);
  });
});
