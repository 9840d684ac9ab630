import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeFixture, placedFindings } from '../../harness/analyze';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const TESTDATA = path.join(ROOT, 'third_party', 'istio', 'pkg', 'config', 'analysis', 'analyzers', 'testdata');

/**
 * The resources (`namespace/name`) that get a finding of `ruleId` when the given files of
 * istioctl's analyzer test data (pkg/config/analysis/analyzers/testdata) are analysed together.
 */
function flagged(ruleId: string, files: readonly string[]): string[] {
  const workspace = new Map(files.map(f => [`/ws/${f}`, fs.readFileSync(path.join(TESTDATA, f), 'utf8')]));
  const analyzer = analyzeFixture(workspace);
  const names = placedFindings(analyzer, workspace.keys())
    .filter(f => f.ruleId === ruleId)
    .map(f => analyzer.index.resource(f.finding.resourceId ?? ''))
    .map(r => `${r?.namespace}/${r?.name}`);
  return [...new Set(names)].sort();
}

/**
 * istioctl's own expectations (pkg/config/analysis/analyzers/analyzers_test.go) for the same
 * files, as the oracle. Where a rule says more than istioctl, the difference is listed and why.
 */
describe("rules against istioctl's analyzer test data", () => {
  it('unreachable-route: the VirtualServices IST0130/IST0131 report, plus one istioctl misses', () => {
    assert.deepStrictEqual(
      flagged('unreachable-route', ['virtualservice_dupmatches.yaml', 'virtualservice_overlappingmatches.yaml']),
      [
        'default/almost-duplicate-match',
        'default/almost-duplicate-tcp-match',
        'default/duplicate-empty-tcp',
        'default/duplicate-match',
        'default/duplicate-tcp-match',
        'default/non-method-get',
        'default/overlapping-in-single-match',
        'default/overlapping-in-two-matches',
        'default/overlapping-mathes-with-different-methods',
        // istioctl only compares prefix matches; `exact: "/"` after `prefix: "/"` (Istio's catch-all,
        // after which pilot generates no route) is never used either.
        'default/uri-with-prefix-exact',
        'foo/sample-foo-cluster01',
        'none/tls-routing',
        'none/tls-routing-almostmatch',
      ],
    );
  });

  it('conflicting-gateways: equal selectors, sub-selectors with a pod, different ports', () => {
    assert.deepStrictEqual(flagged('conflicting-gateways', ['conflicting-gateways.yaml']), [
      'default/alpha',
      'default/beta',
    ]);
    assert.deepStrictEqual(flagged('conflicting-gateways', ['conflicting-gateways-subSelector.yaml']), [
      'default/alpha',
      'default/beta',
    ]);
    assert.deepStrictEqual(flagged('conflicting-gateways', ['conflicting-gateways-multiple-ports.yaml']), [
      'default/alpha',
      'default/beta',
    ]);
    assert.deepStrictEqual(flagged('conflicting-gateways', ['gateway-different-port.yaml']), []);
    assert.deepStrictEqual(flagged('conflicting-gateways', ['conflicting-gateways-invalid-port.yaml']), []);
  });

  it('port-name-protocol: system namespaces and the control plane are skipped', () => {
    assert.deepStrictEqual(flagged('port-name-protocol', ['service-no-port-name-system-namespace.yaml']), []);
    assert.deepStrictEqual(flagged('port-name-protocol', ['service-no-port-name.yaml']), [
      'my-namespace1/my-service1',
      'my-namespace2/my-service2',
    ]);
  });
});
