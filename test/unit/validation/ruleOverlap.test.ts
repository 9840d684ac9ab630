import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { analyzeFixture, placedFindings, type PlacedFinding } from '../../harness/analyze';
import { dedent } from '../../harness/dedent';
import { WS } from '../../harness/fixture';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const DOCS = path.join(ROOT, 'third_party', 'istio', 'validation');

/**
 * Rules `schema` (the CRDs' CEL rules) and `istio-validation` (the webhook) report each defect
 * once: where a CRD CEL rule states a webhook check, only `schema` reports it.
 */
function errorsOf(name: string, text: string): PlacedFinding[] {
  const files = new Map([[`${WS}/${name}.yaml`, text]]);
  return placedFindings(analyzeFixture(files), files.keys()).filter(f => f.finding.severity === 'error');
}

/** Documents flagged by both rules for different defects. */
const ALLOWED: Record<string, string> = {
  // CEL: waypointMatch without context WAYPOINT; webhook: the patch has no `patch` (no CEL rule).
  'envoyfilter-invalid.yaml#0': 'two defects',
};

describe('rules schema and istio-validation do not report the same defect twice', () => {
  for (const file of fs.readdirSync(DOCS).filter(f => f.endsWith('-invalid.yaml'))) {
    const chunks = fs
      .readFileSync(path.join(DOCS, file), 'utf8')
      .split(/^---[ \t]*$/m)
      .filter(c => {
        const v: unknown = parseDocument(c).toJS();
        return !!v && typeof v === 'object';
      });
    chunks.forEach((chunk, index) => {
      const key = `${file}#${index}`;
      it(`${key}${ALLOWED[key] ? ` (allowed: ${ALLOWED[key]})` : ''}`, () => {
        const rules = new Set(errorsOf(key, chunk.replace(/^_err:/m, '# _err:')).map(e => e.ruleId));
        const both = rules.has('schema') && rules.has('istio-validation');
        assert.strictEqual(both, !!ALLOWED[key], [...rules].join(', '));
      });
    });
  }

  // Webhook checks left to the CRD's CEL rules: `schema` reports them, `istio-validation` does not.
  const moved: [string, string][] = [
    [
      'ServiceEntry: endpoints with resolution NONE, workloadSelector with endpoints',
      `
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: a}
      spec:
        hosts: [example.com]
        workloadSelector: {labels: {app: x}}
        endpoints: [{address: 1.2.3.4}]`,
    ],
    [
      'ServiceEntry: host *, CIDR with DNS_ROUND_ROBIN, duplicate ports, several endpoints',
      `
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: a}
      spec:
        hosts: ["*", example.com]
        addresses: [1.2.3.4/16]
        resolution: DNS_ROUND_ROBIN
        ports:
        - {number: 80, name: http, protocol: HTTP}
        - {number: 80, name: http, protocol: HTTP}
        endpoints: [{address: a.example.com}, {address: b.example.com}]`,
    ],
    [
      'ServiceEntry: wildcard selector value',
      `
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: a}
      spec:
        hosts: [example.com]
        resolution: STATIC
        workloadSelector: {labels: {app: "*"}}`,
    ],
    [
      'WorkloadEntry: UDS directory with ports; no address',
      `
      apiVersion: networking.istio.io/v1
      kind: WorkloadEntry
      metadata: {name: a}
      spec:
        address: unix:///var/run/
        ports: {http: 80}
      ---
      apiVersion: networking.istio.io/v1
      kind: WorkloadEntry
      metadata: {name: b}
      spec:
        labels: {app: x}`,
    ],
    [
      'WorkloadGroup: probe scheme; no spec',
      `
      apiVersion: networking.istio.io/v1
      kind: WorkloadGroup
      metadata: {name: a}
      spec:
        template: {serviceAccount: vm}
        probe:
          httpGet: {port: 80, scheme: FTP}
      ---
      apiVersion: networking.istio.io/v1
      kind: WorkloadGroup
      metadata: {name: b}`,
    ],
    [
      'AuthorizationPolicy: wildcard selector key, serviceAccounts with principals',
      `
      apiVersion: security.istio.io/v1
      kind: AuthorizationPolicy
      metadata: {name: a}
      spec:
        selector: {matchLabels: {"app*": x}}
        rules:
        - from:
          - source: {serviceAccounts: [default/sleep], principals: [cluster.local/ns/default/sa/sleep]}`,
    ],
    [
      'PeerAuthentication: portLevelMtls without selector, bad port keys',
      `
      apiVersion: security.istio.io/v1
      kind: PeerAuthentication
      metadata: {name: a}
      spec:
        portLevelMtls:
          http: {mode: STRICT}
          "70000": {mode: STRICT}`,
    ],
    [
      'RequestAuthentication: targetRef namespace, jwksUri scheme, null outputClaimToHeaders entry',
      `
      apiVersion: security.istio.io/v1
      kind: RequestAuthentication
      metadata: {name: a}
      spec:
        targetRef: {kind: Service, name: app, namespace: other}
        jwtRules:
        - issuer: example
          jwksUri: ftp://example.com/jwks
          outputClaimToHeaders: [~]`,
    ],
    [
      'ProxyConfig: empty selector key',
      `
      apiVersion: networking.istio.io/v1beta1
      kind: ProxyConfig
      metadata: {name: a}
      spec:
        selector:
          matchLabels: {"": x}`,
    ],
    [
      'WasmPlugin: url scheme, valueFrom HOST with value, duplicate env; no spec',
      `
      apiVersion: extensions.istio.io/v1alpha1
      kind: WasmPlugin
      metadata: {name: a}
      spec:
        url: s3://bucket/plugin.wasm
        vmConfig:
          env:
          - {name: A, value: x, valueFrom: HOST}
          - {name: A, value: y}
      ---
      apiVersion: extensions.istio.io/v1alpha1
      kind: WasmPlugin
      metadata: {name: b}`,
    ],
    [
      'Telemetry: explicit UPSERT without value, REMOVE with value',
      `
      apiVersion: telemetry.istio.io/v1
      kind: Telemetry
      metadata: {name: a}
      spec:
        metrics:
        - overrides:
          - tagOverrides:
              a: {operation: UPSERT}
              b: {operation: REMOVE, value: x}`,
    ],
  ];
  for (const [name, code] of moved)
    it(`left to schema: ${name}`, () => {
      const docs = dedent(code).split(/^---$/m);
      docs.forEach((doc, i) => {
        const errors = errorsOf(`moved-${i}`, doc);
        const shown = errors.map(e => `[${e.ruleId}] ${e.message}`);
        assert.ok(
          errors.some(e => e.ruleId === 'schema'),
          `document ${i}: no schema error: ${shown.join(' | ')}`,
        );
        assert.ok(!errors.some(e => e.ruleId === 'istio-validation'), `document ${i}: ${shown.join(' | ')}`);
      });
    });
});
