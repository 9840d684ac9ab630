import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runCheck } from '../../server/src/cli/check';
import { offsetToLineCol } from '../../server/src/core/parse/lineIndex';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SAMPLES = path.join(ROOT, 'third_party', 'istio', 'samples');

/**
 * What `istio-ls check` may still say about Istio's own samples (valid configuration, applied in
 * Istio's CI): every row is a finding an Istio expert agrees with, and says why. Rows with
 * `disappearsWith` are false findings another branch removes (noise it fixes, or a schema it
 * updates); rows with `addedBy` are findings a branch not merged yet adds. Both may be absent;
 * every other row must be present, and nothing else may appear.
 */
interface Expected {
  /** `path/under/samples.yaml:line rule-id` (1-based line). */
  readonly finding: string;
  readonly why: string;
  readonly disappearsWith?: string;
  readonly addedBy?: string;
}

const EXPECTED: readonly Expected[] = [
  {
    finding: 'addons/extras/skywalking.yaml:88 deprecated-annotation',
    why: 'The pod annotation sidecar.istio.io/inject is deprecated in favour of the label of the same name (istio/api annotations.yaml: deprecated: true).',
    addedBy: 'i13-mesh-settings',
  },
  {
    finding: 'addons/grafana.yaml:95 port-name-protocol',
    why: 'Port "service" names no protocol and has no appProtocol: Istio sniffs it. istioctl analyze reports the same (IST0118); the Service carries no istio/release=istio label, so it is not skipped as control plane.',
  },
  {
    finding: 'addons/jaeger.yaml:206 port-name-protocol',
    why: 'Port "jaeger-collector-http": the prefix before "-" is "jaeger", not a protocol. istioctl analyze reports IST0118 for it too.',
  },
  {
    finding: 'addons/jaeger.yaml:210 port-name-protocol',
    why: 'Port "jaeger-collector-grpc": same as above (IST0118).',
  },
  {
    finding: 'bookinfo/networking/destination-rule-all-mtls.yaml:9 redundant-istio-mutual',
    why: 'A hint: auto mTLS (on by default since Istio 1.5) already uses ISTIO_MUTUAL to sidecar workloads; the sample predates it.',
  },
  {
    finding: 'bookinfo/networking/destination-rule-all-mtls.yaml:23 redundant-istio-mutual',
    why: 'Same hint, for reviews.',
  },
  {
    finding: 'bookinfo/networking/destination-rule-all-mtls.yaml:43 redundant-istio-mutual',
    why: 'Same hint, for ratings.',
  },
  {
    finding: 'bookinfo/networking/destination-rule-all-mtls.yaml:66 redundant-istio-mutual',
    why: 'Same hint, for details.',
  },
  {
    finding: 'bookinfo/networking/egress-rule-google-apis.yaml:43 port-level-policy-not-inherited',
    why: 'portLevelSettings for 443 replace the top-level policy wholesale (pilot/pkg/model/destination_rule.go MergeTrafficPolicy with hasPortLevel): loadBalancer ROUND_ROBIN does not apply on 443.',
  },
  {
    finding: 'bookinfo/networking/fault-injection-details-v1.yaml:18 unreachable-route',
    why: 'Route #0 has no match, so it takes every request; route #1 is never used (the sample keeps it only as the fallback of a demo).',
  },
];

describe("Istio's samples (third_party/istio/samples) under istio-ls check", () => {
  let found: { finding: string; severity: string; message: string }[] = [];

  before(async () => {
    const result = await runCheck({ paths: [SAMPLES], format: 'text', rules: {}, exclude: [] }, ROOT);
    found = result.files.flatMap(f =>
      f.findings.map(x => ({
        finding: `${path.relative(SAMPLES, f.file).split(path.sep).join('/')}:${offsetToLineCol(f.lineStarts, x.span.start).line + 1} ${x.ruleId}`,
        severity: x.severity,
        message: x.message,
      })),
    );
    assert.ok(result.fileCount > 100 && result.resourceCount > 200, 'the samples are not all there');
  });

  it('are copied whole (the test cannot pass on an empty folder)', () => {
    assert.ok(fs.existsSync(path.join(SAMPLES, 'bookinfo', 'networking', 'virtual-service-reviews-v3.yaml')));
  });

  it('get no error', () => {
    assert.deepStrictEqual(
      found.filter(f => f.severity === 'error').map(f => `${f.finding}: ${f.message}`),
      [],
    );
  });

  it('get no conflict or duplicate finding (alternative files define one object, applied one at a time)', () => {
    assert.deepStrictEqual(
      found.filter(f => /conflict|duplicate/.test(f.finding.split(' ')[1])).map(f => `${f.finding}: ${f.message}`),
      [],
    );
  });

  it('get exactly the findings listed, each with the reason an Istio expert agrees', () => {
    const listed = new Set(EXPECTED.map(e => e.finding));
    const unexpected = found.filter(f => !listed.has(f.finding)).map(f => `${f.finding}: ${f.message}`);
    const got = new Set(found.map(f => f.finding));
    const missing = EXPECTED.filter(e => !e.disappearsWith && !e.addedBy && !got.has(e.finding)).map(e => e.finding);
    assert.deepStrictEqual({ unexpected, missing }, { unexpected: [], missing: [] });
  });
});
