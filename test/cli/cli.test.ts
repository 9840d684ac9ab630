import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../server/src/cli';

const BIN = path.resolve(__dirname, '..', '..', '..', 'bin', 'istio-ls.js');

const VS =
  'apiVersion: networking.istio.io/v1beta1\nkind: VirtualService\nmetadata: {name: reviews}\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews, subset: v3}\n';
const DR =
  'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: reviews}\nspec:\n  host: reviews\n  subsets: [{name: v1, labels: {version: v1}}]\n';

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const previous = process.cwd();
  process.chdir(cwd);
  let out = '';
  let err = '';
  try {
    const code = await main(
      args,
      s => {
        out += s;
      },
      s => {
        err += s;
      },
    );
    return { code, out, err };
  } finally {
    process.chdir(previous);
  }
}

describe('istio-ls check', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-ls-cli-'));
    fs.mkdirSync(path.join(dir, 'mesh'));
    fs.writeFileSync(path.join(dir, 'mesh', 'vs.yaml'), VS);
    fs.writeFileSync(path.join(dir, 'mesh', 'dr.yaml'), DR);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints compiler-style lines and exits 1 on errors', async () => {
    const r = await run(['check', 'mesh'], dir);
    assert.strictEqual(r.code, 1);
    const lines = r.out.trim().split('\n');
    assert.match(
      lines[0],
      /^mesh\/vs\.yaml:1:13 {2}warning {2}networking\.istio\.io\/v1beta1 is superseded.* {2}\[deprecated-api-version\]$/,
    );
    assert.match(lines[1], /^mesh\/vs\.yaml:8:44 {2}error {4}Subset "v3" is not defined.* {2}\[subset-not-found\]$/);
    assert.match(lines[2], /^2 problems \(1 error, 1 warning, 0 infos\) in 2 files, 2 resources\.$/);
  });

  it('a malformed --exclude pattern is one line on stderr (no stack trace); the others still apply', async () => {
    fs.mkdirSync(path.join(dir, 'gen'));
    fs.writeFileSync(path.join(dir, 'gen', 'vs.yaml'), VS);
    const r = await run(['check', '.', '--exclude', '{gen', '--exclude', 'gen'], dir);
    assert.strictEqual(r.code, 1);
    assert.strictEqual(r.err, 'istio-ls: Ignoring the exclude glob pattern "{gen": a "{" has no closing "}"\n');
    assert.match(r.out, /mesh\/vs\.yaml:8:44/);
    assert.doesNotMatch(r.out, /gen\/vs\.yaml/);
  });

  it('defaults to the current directory', async () => {
    const r = await run(['check'], dir);
    assert.match(r.out, /mesh\/vs\.yaml:8:44/);
  });

  it('--format json gives 1-based positions and cwd-relative paths', async () => {
    const r = await run(['check', '.', '--format', 'json'], path.join(dir, 'mesh'));
    const findings = JSON.parse(r.out) as Record<string, unknown>[];
    assert.deepStrictEqual(findings[1], {
      file: 'vs.yaml',
      line: 8,
      column: 44,
      endLine: 8,
      endColumn: 46,
      severity: 'error',
      rule: 'subset-not-found',
      message: findings[1].message,
    });
    assert.match(String(findings[1].message), /Subset "v3"/);
  });

  it('--format sarif is SARIF 2.1.0 with rules and locations', async () => {
    const r = await run(['check', 'mesh', '--format=sarif'], dir);
    const sarif = JSON.parse(r.out) as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string; properties?: unknown }[] } };
        results: {
          ruleId: string;
          level: string;
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
        }[];
      }[];
    };
    assert.strictEqual(sarif.version, '2.1.0');
    const run0 = sarif.runs[0];
    const subsetRule = run0.tool.driver.rules.find(x => x.id === 'subset-not-found');
    assert.deepStrictEqual(subsetRule?.properties, { istioctl: ['IST0101'] });
    const result = run0.results.find(x => x.ruleId === 'subset-not-found');
    assert.strictEqual(result?.level, 'error');
    assert.strictEqual(result?.locations[0].physicalLocation.artifactLocation.uri, 'mesh/vs.yaml');
    assert.strictEqual(result?.locations[0].physicalLocation.region.startLine, 8);
  });

  it('--rule changes severities; --max-warnings fails on too many warnings', async () => {
    const off = await run(['check', 'mesh', '--rule', 'subset-not-found=off'], dir);
    assert.strictEqual(off.code, 0);
    assert.doesNotMatch(off.out, /subset-not-found/);
    const strict = await run(['check', 'mesh', '--rule', 'subset-not-found=warning', '--max-warnings', '1'], dir);
    assert.strictEqual(strict.code, 1);
    const lenient = await run(['check', 'mesh', '--rule', 'subset-not-found=warning', '--max-warnings', '2'], dir);
    assert.strictEqual(lenient.code, 0);
  });

  it('--environment NAME=GLOB names environments: the shared route is checked in each', async () => {
    // mesh/vs.yaml routes to subset v3; the DestinationRule of east defines it, west's does not.
    fs.rmSync(path.join(dir, 'mesh', 'dr.yaml'));
    for (const [env, subset] of [
      ['east', 'v3'],
      ['west', 'v1'],
    ]) {
      fs.mkdirSync(path.join(dir, env));
      fs.writeFileSync(path.join(dir, env, 'dr.yaml'), DR.replace(/v1/g, subset));
    }
    const named = await run(['check', '.', '--environment', 'east=east/**', '--environment=west=west/**'], dir);
    assert.match(named.out, /mesh\/vs\.yaml:8:44 {2}error {4}In environment west: Subset "v3" is not defined/);
    assert.doesNotMatch(named.out, /In environment east/);
    // Without the option, both rules apply to one cluster: their subsets are merged.
    assert.doesNotMatch((await run(['check', '.'], dir)).out, /subset-not-found/);
    const bad = await run(['check', '.', '--environment', 'east'], dir);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.err, /--environment takes NAME=GLOB/);
  });

  it('--default-namespace and --root-namespace change the analysis', async () => {
    fs.writeFileSync(
      path.join(dir, 'mesh', 'dr.yaml'),
      DR.replace('metadata: {name: reviews}', 'metadata: {name: reviews, namespace: team}'),
    );
    assert.strictEqual((await run(['check', 'mesh'], dir)).code, 1);
    assert.strictEqual(
      (await run(['check', 'mesh', '--default-namespace', 'team', '--rule', 'subset-not-found=off'], dir)).code,
      0,
    );
    fs.writeFileSync(
      path.join(dir, 'mesh', 'dr.yaml'),
      DR.replace('metadata: {name: reviews}', 'metadata: {name: reviews, namespace: mesh-root}')
        .replace('host: reviews', 'host: "*.local"')
        .replace('v1', 'v3')
        .replace('v1', 'v3'),
    );
    assert.strictEqual((await run(['check', 'mesh'], dir)).code, 1);
    const r = await run(['check', 'mesh', '--root-namespace', 'mesh-root'], dir);
    assert.doesNotMatch(r.out, /subset-not-found/);
  });

  it('usage errors exit 2 with a message; clean input exits 0', async () => {
    const bad = await run(['check', '--format', 'xml'], dir);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.err, /--format must be text, json or sarif/);
    assert.strictEqual((await run(['frobnicate'], dir)).code, 2);
    assert.strictEqual((await run(['check', 'nope'], dir)).code, 2);
    fs.writeFileSync(path.join(dir, 'mesh', 'vs.yaml'), VS.replace('v1beta1', 'v1').replace('v3', 'v1'));
    const clean = await run(['check', 'mesh'], dir);
    assert.strictEqual(clean.code, 0);
    assert.match(clean.out, /^0 problems/);
  });

  it('--help, -h and check --help print the usage and exit 0', async () => {
    for (const args of [['--help'], ['-h'], ['check', '--help'], ['check', 'mesh', '-h']]) {
      const r = await run(args, dir);
      assert.strictEqual(r.code, 0, args.join(' '));
      assert.match(r.out, /^istio-ls — analysis of Istio configuration\n\nUsage:/, args.join(' '));
      assert.strictEqual(r.err, '');
    }
  });

  it('an unknown --rule id and a --target-version that is no release are usage errors (exit 2)', async () => {
    const rule = await run(['check', 'mesh', '--rule', 'no-such-rule=off'], dir);
    assert.strictEqual(rule.code, 2);
    assert.match(rule.err, /^istio-ls: --rule: unknown rule "no-such-rule" \(istio-ls rules lists them\)\.\n/);
    assert.strictEqual(rule.out, '');
    // Built-in ids (not rule files) are accepted too.
    assert.strictEqual((await run(['check', 'mesh', '--rule', 'yaml-syntax=off'], dir)).code, 1);
    for (const v of ['banana', '1', '1.x', '']) {
      const r = await run(['check', 'mesh', `--target-version=${v}`], dir);
      assert.strictEqual(r.code, 2, v);
      assert.match(r.err, /^istio-ls: --target-version takes an Istio release such as 1\.24 \(got ".*"\)\.\n/, v);
    }
    assert.strictEqual((await run(['check', 'mesh', '--target-version', '1.21'], dir)).code, 1);
    assert.strictEqual((await run(['check', 'mesh', '--target-version', '1.24.3'], dir)).code, 1);
  });

  it('the bin runs as a process (built output)', () => {
    const r = spawnSync(process.execPath, [BIN, 'check', 'mesh', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    assert.strictEqual(r.status, 1, r.stderr);
    assert.strictEqual((JSON.parse(r.stdout) as unknown[]).length, 2);
    const v = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    assert.match(v.stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('lists rules', async () => {
    const r = await run(['rules'], dir);
    assert.match(r.out, /subset-not-found +error/);
  });
});
