import * as assert from 'assert';
import { planUpgrade, type UpgradePlan } from '../../../server/src/core/analysis/upgrade';
import type { AnalysisSettings } from '../../../server/src/core/settings';
import { analyzeFixture, placedFindings } from '../../harness/analyze';
import { applyFileEdits } from '../../harness/edits';
import { parseFixture, WS } from '../../harness/fixture';

const WORKSPACE = `
  #- mesh/routing.yaml
  apiVersion: networking.istio.io/v1beta1
  kind: VirtualService
  metadata: {name: reviews}
  spec: {hosts: [reviews], http: [{route: [{destination: {host: reviews}}]}]}
  ---
  apiVersion: "networking.istio.io/v1alpha3"
  kind: DestinationRule
  metadata: {name: reviews}
  spec: {host: reviews}
  ---
  apiVersion: networking.istio.io/v1alpha3
  kind: EnvoyFilter
  metadata: {name: lua}
  spec: {configPatches: []}
  ---
  apiVersion: networking.istio.io/v1
  kind: Gateway
  metadata: {name: already}
  spec: {selector: {istio: ingressgateway}, servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]}
  #- mesh/telemetry.yaml
  apiVersion: telemetry.istio.io/v1alpha1
  kind: Telemetry
  metadata: {name: keeps-alpha}
  spec:
    metrics:
    - providers: [{name: prometheus}]
      reportingInterval: 10s
  ---
  apiVersion: telemetry.istio.io/v1alpha1
  kind: Telemetry
  metadata: {name: mesh-default}
  spec: {tracing: [{randomSamplingPercentage: 10}]}
  #- security/list.yaml
  apiVersion: v1
  kind: List
  items:
  - apiVersion: security.istio.io/v1beta1
    kind: AuthorizationPolicy
    metadata: {name: deny-all}
    spec: {}
  - apiVersion: security.istio.io/v1beta1
    kind: PeerAuthentication
    metadata:
      name: legacy
      annotations: {galley.istio.io/analyze-suppress: deprecated-api-version}
    spec: {mtls: {mode: PERMISSIVE}}
  #- security/pinned.yaml
  # istio-ls-disable-next-line deprecated-api-version
  apiVersion: security.istio.io/v1beta1
  kind: RequestAuthentication
  metadata: {name: pinned}
  spec: {jwtRules: [{issuer: "https://issuer"}]}
  #- chart/templates/dr.yaml
  apiVersion: networking.istio.io/v1beta1
  kind: DestinationRule
  metadata: {name: {{ .Release.Name }}}
  spec: {host: ratings}
  #- k8s/service.yaml
  apiVersion: v1
  kind: Service
  metadata: {name: reviews}
  spec: {ports: [{name: http, port: 9080}]}
`;

function plan(
  settings: Partial<AnalysisSettings> = {},
  file?: string,
  overrides: Record<string, string> = {},
): { plan: UpgradePlan; files: Map<string, string> } {
  const fixture = parseFixture(WORKSPACE);
  const analyzer = analyzeFixture(fixture, { settings });
  const current = new Map(fixture.files);
  for (const [rel, text] of Object.entries(overrides)) current.set(`${WS}/${rel}`, text);
  return { plan: planUpgrade(analyzer, { file }, f => current.get(f)), files: current };
}

const rel = (f: string) => f.slice(WS.length + 1);

describe('upgrade to v1 (planUpgrade)', () => {
  it('changes exactly the resources deprecated-api-version reports, keeping quotes', () => {
    const { plan: p, files } = plan();
    assert.deepStrictEqual(
      p.changed.map(c => `${rel(c.file)}:${c.line} ${c.kind} ${c.name} ${c.from} -> ${c.to}`),
      [
        'mesh/routing.yaml:0 VirtualService reviews networking.istio.io/v1beta1 -> networking.istio.io/v1',
        'mesh/routing.yaml:5 DestinationRule reviews networking.istio.io/v1alpha3 -> networking.istio.io/v1',
        'mesh/telemetry.yaml:8 Telemetry mesh-default telemetry.istio.io/v1alpha1 -> telemetry.istio.io/v1',
        'security/list.yaml:3 AuthorizationPolicy deny-all security.istio.io/v1beta1 -> security.istio.io/v1',
      ],
    );
    const fixed = applyFileEdits(files, p.edits);
    assert.ok(
      fixed.get(`${WS}/mesh/routing.yaml`)!.includes('apiVersion: "networking.istio.io/v1"\nkind: DestinationRule'),
    );
    // After the upgrade, deprecated-api-version only still reports the Helm template (skipped, with its reason).
    const after = placedFindings(analyzeFixture(fixed), fixed.keys()).filter(
      f => f.ruleId === 'deprecated-api-version',
    );
    assert.deepStrictEqual(
      after.map(f => rel(f.file)),
      ['chart/templates/dr.yaml'],
    );
  });

  it('says why each remaining old version is skipped', () => {
    const { plan: p } = plan();
    assert.deepStrictEqual(
      p.skipped.map(s => `${rel(s.file)}:${s.line} ${s.kind} ${s.name}: ${s.reason}`),
      [
        'chart/templates/dr.yaml:0 DestinationRule : Helm template: upgrade the chart source (its apiVersion may depend on .Capabilities)',
        'mesh/routing.yaml:10 EnvoyFilter lua: EnvoyFilter has no v1 API (served: v1alpha3)',
        'mesh/telemetry.yaml:0 Telemetry keeps-alpha: Telemetry uses metrics[].reportingInterval, which telemetry.istio.io/v1 does not have',
        'security/list.yaml:7 PeerAuthentication legacy: suppressed by the galley.istio.io/analyze-suppress annotation',
        'security/pinned.yaml:1 RequestAuthentication pinned: suppressed by an istio-ls-disable comment',
      ],
    );
  });

  it('honours the target version: networking stays on v1beta1 before 1.22, security moves from 1.17', () => {
    const { plan: p } = plan({ targetVersion: '1.21' });
    assert.deepStrictEqual(
      p.changed.map(c => `${c.kind} ${c.name}`),
      ['AuthorizationPolicy deny-all'],
    );
    const reasons = p.skipped
      .filter(s => s.kind === 'VirtualService' || s.kind === 'Telemetry')
      .map(s => `${s.kind} ${s.name}: ${s.reason}`);
    assert.deepStrictEqual(reasons, [
      'VirtualService reviews: v1 is served from Istio 1.22; the target version is 1.21',
      'Telemetry keeps-alpha: v1 is served from Istio 1.22; the target version is 1.21',
      'Telemetry mesh-default: v1 is served from Istio 1.22; the target version is 1.21',
    ]);
  });

  it('limits itself to one file when asked', () => {
    const { plan: p } = plan({}, `${WS}/security/list.yaml`);
    assert.deepStrictEqual(
      p.edits.map(e => rel(e.file)),
      ['security/list.yaml'],
    );
    assert.deepStrictEqual(
      p.changed.map(c => c.name),
      ['deny-all'],
    );
    assert.deepStrictEqual(
      p.skipped.map(s => s.name),
      ['legacy'],
    );
  });

  it('edits the text readText returns (an unsaved editor), and skips a resource changed since indexing', () => {
    const fixture = parseFixture(WORKSPACE);
    const routing = fixture.files.get(`${WS}/mesh/routing.yaml`)!;
    const edited = `# comment added in the editor\n${routing.replace('networking.istio.io/v1alpha3"', 'networking.istio.io/v1beta1"')}`;
    const { plan: p, files } = plan({}, `${WS}/mesh/routing.yaml`, { 'mesh/routing.yaml': edited });
    assert.deepStrictEqual(
      p.changed.map(c => `${c.line} ${c.kind}`),
      ['1 VirtualService'],
    );
    assert.deepStrictEqual(
      p.skipped.map(s => `${s.kind}: ${s.reason}`),
      [
        'DestinationRule: the file changed since it was analysed: run the upgrade again',
        'EnvoyFilter: EnvoyFilter has no v1 API (served: v1alpha3)',
      ],
    );
    const fixed = applyFileEdits(files, p.edits).get(`${WS}/mesh/routing.yaml`)!;
    assert.ok(
      fixed.startsWith('# comment added in the editor\napiVersion: networking.istio.io/v1\nkind: VirtualService'),
      fixed,
    );
  });

  it('a file that cannot be read is skipped, not guessed at', () => {
    const fixture = parseFixture(WORKSPACE);
    const analyzer = analyzeFixture(fixture);
    const p = planUpgrade(analyzer, { file: `${WS}/security/list.yaml` }, () => undefined);
    assert.deepStrictEqual(p.edits, []);
    assert.deepStrictEqual(
      p.skipped.map(s => s.reason),
      ['the file could not be read', 'suppressed by the galley.istio.io/analyze-suppress annotation'],
    );
  });
});
