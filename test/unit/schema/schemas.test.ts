import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SchemaRegistry } from '../../../server/src/core/schema/registry';
import { findSchemaDir, loadSchemas, readSchemaFiles } from '../../../server/src/host/schemaLoader';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const GENERATED = path.join(ROOT, 'schemas', 'generated');
const GENERATOR = path.join(ROOT, 'out', 'scripts', 'schemas', 'generate.js');

describe('schemas/generated', function () {
  this.timeout(120_000);

  it('is what `npm run schemas` generates (generate.js --check exits 0)', () => {
    const r = spawnSync(process.execPath, [GENERATOR, '--check'], { cwd: ROOT, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, `${r.stdout}${r.stderr}`);
  });

  it('--check fails on a stale file (the check can fail)', () => {
    // A copy of the generator and the schemas, with node_modules linked: nothing in the tree is touched.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-ls-schemas-'));
    try {
      fs.cpSync(path.join(ROOT, 'out', 'scripts'), path.join(dir, 'out', 'scripts'), { recursive: true });
      fs.cpSync(path.join(ROOT, 'schemas'), path.join(dir, 'schemas'), { recursive: true });
      fs.cpSync(
        path.join(ROOT, 'third_party', 'istio', 'README.md'),
        path.join(dir, 'third_party', 'istio', 'README.md'),
      );
      fs.cpSync(
        path.join(ROOT, 'third_party', 'istio', 'manifests', 'charts', 'base', 'files'),
        path.join(dir, 'third_party', 'istio', 'manifests', 'charts', 'base', 'files'),
        { recursive: true },
      );
      fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
      const stale = path.join(dir, 'schemas', 'generated', 'networking.istio.io', 'Gateway.json');
      fs.writeFileSync(stale, fs.readFileSync(stale, 'utf8').replace('"Gateway"', '"Gateway2"'));
      const r = spawnSync(process.execPath, [path.join(dir, 'out', 'scripts', 'schemas', 'generate.js'), '--check'], {
        cwd: dir,
        encoding: 'utf8',
      });
      assert.strictEqual(r.status, 1, `${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /differs: networking\.istio\.io\/Gateway\.json/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('schema loading (host)', function () {
  this.timeout(60_000);

  it("finds schemas/generated from the tsc output and from the bundles' directory", () => {
    assert.strictEqual(findSchemaDir(path.join(ROOT, 'out', 'server', 'src', 'host')), GENERATED);
    assert.strictEqual(findSchemaDir(path.join(ROOT, 'dist')), GENERATED);
    assert.strictEqual(findSchemaDir(os.tmpdir()), undefined);
  });

  it('reads every kind of the index', () => {
    const files = readSchemaFiles(GENERATED);
    const index = JSON.parse(fs.readFileSync(path.join(GENERATED, 'index.json'), 'utf8')) as unknown[];
    assert.strictEqual(files.length, index.length);
    const registry = loadSchemas();
    assert.ok(registry.kind('networking.istio.io', 'VirtualService'));
    assert.strictEqual(registry.kinds.length, files.length);
  });

  it('a bundled CLI (esbuild, like dist/cli.js) finds the schemas and reports schema findings', () => {
    // Bundled into out/ (same depth below the package root as dist/), so dist/ is left alone.
    const outfile = path.join(ROOT, 'out', 'bundle-test', 'cli.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require('esbuild') as typeof import('esbuild');
    esbuild.buildSync({
      entryPoints: [path.join(ROOT, 'server', 'src', 'cli.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'silent',
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-ls-bundle-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'gw.yaml'),
        'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: g}\nspec:\n  selectr: {istio: ingressgateway}\n  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]\n',
      );
      const r = spawnSync(
        process.execPath,
        [
          '-e',
          `require(${JSON.stringify(outfile)}).main(['check', 'gw.yaml', '--format', 'json']).then(c => process.exitCode = c)`,
        ],
        { cwd: dir, encoding: 'utf8' },
      );
      const findings = JSON.parse(r.stdout) as { rule: string; message: string }[];
      assert.deepStrictEqual(
        findings.map(f => `${f.rule}: ${f.message}`),
        ["schema: Unknown field 'selectr' in Gateway. Did you mean 'selector'?"],
        r.stderr,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SchemaRegistry', () => {
  const registry = loadSchemas();

  it('keys kinds by group and kind, with served versions', () => {
    const vs = registry.resource('networking.istio.io/v1beta1', 'VirtualService');
    assert.deepStrictEqual(
      { version: vs?.version, served: vs?.served, preferred: vs?.info.preferredVersion },
      { version: 'v1beta1', served: true, preferred: 'v1' },
    );
    assert.strictEqual(registry.resource('networking.istio.io/v2', 'VirtualService')?.served, false);
    assert.strictEqual(registry.resource('security.istio.io/v1', 'VirtualService'), undefined);
    assert.strictEqual(registry.resource('v1', 'Service'), undefined);
    assert.ok(registry.apiVersions().includes('telemetry.istio.io/v1alpha1'));
  });

  it('navigates by YAML path through $refs, list items and maps', () => {
    const root = registry.resource('networking.istio.io/v1', 'VirtualService')!.root;
    const subset = root.at(['spec', 'http', 0, 'route', 3, 'destination', 'subset']);
    assert.deepStrictEqual(subset?.types, ['string']);
    const destination = root.at(['spec', 'http', 0, 'route', 0, 'destination']);
    // The use site's description wins; the structure is the Destination message's.
    assert.strictEqual(destination?.message, 'networking.Destination');
    assert.deepStrictEqual(destination?.required, ['host']);
    assert.match(destination?.docUrl ?? '', /#HTTPRouteDestination-destination$/);
    const header = root.at(['spec', 'http', 0, 'match', 0, 'headers', 'x-user']);
    assert.strictEqual(header?.message, 'networking.StringMatch');
    assert.strictEqual(root.at(['spec', 'nope']), undefined);
    assert.strictEqual(root.at(['status', 'anything', 3])?.isAnything, true);
    // A use site's one-of is merged with the message's group of the same fields.
    const uri = root.at(['spec', 'http', 0, 'match', 0, 'uri']);
    assert.deepStrictEqual(
      uri?.oneOf.map(g => [g.fields.join(','), g.required]),
      [['exact,prefix,regex', true]],
    );
  });

  it('does not mistake Object.prototype names for fields', () => {
    const root = registry.resource('networking.istio.io/v1', 'Gateway')!.root;
    assert.strictEqual(root.at(['spec', 'constructor']), undefined);
    assert.strictEqual(root.at(['spec', '__proto__']), undefined);
  });

  it('an empty registry (schemas missing) knows nothing and does not throw', () => {
    const empty = new SchemaRegistry([]);
    assert.strictEqual(empty.resource('networking.istio.io/v1', 'Gateway'), undefined);
    assert.strictEqual(empty.hasGroup('networking.istio.io'), false);
  });
});
