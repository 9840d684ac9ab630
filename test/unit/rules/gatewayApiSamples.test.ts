import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { routeParentKeys } from '../../../server/src/core/index/references';
import { analyzeFixture, describeFinding, placedFindings } from '../../harness/analyze';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..', 'third_party', 'istio', 'samples');

/** Rules about Gateway API and ambient references, and the gateway rules that now see Gateway API Gateways. */
const RULES = new Set([
  'route-parent-not-found',
  'route-not-allowed',
  'route-hostname-mismatch',
  'backend-not-found',
  'missing-reference-grant',
  'waypoint-not-found',
  'l7-policy-without-waypoint',
  'gateway-not-found',
  'gateway-host-mismatch',
]);

function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap(e =>
      e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : e.name.endsWith('.yaml') ? [path.join(dir, e.name)] : [],
    );
}

/**
 * Istio's own Gateway API samples (bookinfo, httpbin, helloworld, tcp-echo, the ambient waypoints),
 * applied in Istio's CI, as one workspace with the Services they route to: the Gateway API rules
 * must find nothing to say about them.
 */
describe("Istio's Gateway API samples", () => {
  const files = new Map(
    yamlFiles(ROOT).map(f => [`/ws/${path.relative(ROOT, f).split(path.sep).join('/')}`, fs.readFileSync(f, 'utf8')]),
  );
  const analyzer = analyzeFixture(files);

  it('are the workspace they claim to be: routes attached to Gateways and Services of the workspace', () => {
    const resources = [...analyzer.index.allResources()];
    const routes = resources.filter(r => r.group === 'gateway.networking.k8s.io' && r.kind.endsWith('Route'));
    assert.ok(routes.length >= 7, `${routes.length} routes`);
    const lookup = analyzer.index.lookup();
    const resolved = routes.flatMap(routeParentKeys).filter(key => {
      const [kind, ref] = key.split('|');
      const [ns, name] = ref.split('/');
      return kind === 'Gateway'
        ? lookup.kubeGateway(ns, name).length > 0
        : lookup.kubernetesServices(ns, name).length > 0;
    });
    assert.ok(resolved.length >= 7, `${resolved.length} parentRefs resolve`);
  });

  it('get no finding from the Gateway API rules', () => {
    const found = placedFindings(analyzer, files.keys()).filter(f => RULES.has(f.ruleId));
    assert.deepStrictEqual(
      found.map(f => `${describeFinding(f)} ${f.message}`),
      [],
    );
  });
});
