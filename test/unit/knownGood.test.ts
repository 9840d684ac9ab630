import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES } from '../../server/src/core/rules/index';
import { analyzeFixture, describeFinding, placedFindings } from '../harness/analyze';
import { WS } from '../harness/fixture';

const ROOT = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'known-good');

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? yamlFiles(full) : /\.ya?ml$/.test(e.name) ? [full] : [];
  });
}

/**
 * The Istio documentation's canonical examples must produce no finding from any rule: a rule that
 * fires here reports something the Istio docs recommend. The fixture is a real workspace under
 * test/fixtures/known-good, so every engineer's rules are held to it.
 */
describe('known-good workspace (Istio documentation examples)', () => {
  const files = new Map(
    yamlFiles(ROOT).map(f => [`${WS}/${path.relative(ROOT, f).split(path.sep).join('/')}`, fs.readFileSync(f, 'utf8')]),
  );

  it('is the workspace it claims to be (the test cannot pass on an empty fixture)', () => {
    const analyzer = analyzeFixture(files);
    const kinds = new Set([...analyzer.index.allResources()].map(r => r.kind));
    for (const kind of [
      'Service',
      'Deployment',
      'ServiceAccount',
      'VirtualService',
      'DestinationRule',
      'Gateway',
      'ServiceEntry',
      'Sidecar',
      'PeerAuthentication',
      'RequestAuthentication',
      'AuthorizationPolicy',
    ]) {
      assert.ok(kinds.has(kind), `no ${kind} in the known-good workspace`);
    }
    assert.ok(analyzer.index.resourceCount >= 35, `only ${analyzer.index.resourceCount} resources`);
  });

  it(`produces no finding from any of the ${ALL_RULES.length} rules`, () => {
    const analyzer = analyzeFixture(files, { rules: ALL_RULES });
    const found = placedFindings(analyzer, files.keys());
    assert.deepStrictEqual(found.map(describeFinding), []);
  });

  it('would report a finding if one were there (the check can fail)', () => {
    const broken = new Map(files);
    const vs = `${WS}/bookinfo/virtual-services.yaml`;
    broken.set(vs, files.get(vs)!.replace('weight: 10', 'weight: 0').replace('weight: 90', 'weight: 0'));
    const found = placedFindings(analyzeFixture(broken), broken.keys());
    assert.ok(
      found.some(f => f.ruleId === 'weights'),
      'a zero-total weight in the canary should be reported',
    );
  });
});
