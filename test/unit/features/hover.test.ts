import * as assert from 'assert';
import { hoverAt } from '../../harness/completion';
import { featureFixture } from '../../harness/features';
import { hover as coreHover } from '../../../server/src/core/features/hover';
import { escapePlaceholders, rangeText } from '../../../server/src/core/features/schemaDocs';
import { relativeTo } from '../../../server/src/lsp/fileLinks';
import { loadSchemas } from '../../../server/src/host/schemaLoader';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';

/** Hover markdown as core writes it, file references unconverted. */
function hover(code: readonly string[]): string {
  const f = featureFixture(code);
  const text = f.fixture.files.get(f.file) ?? '';
  return (
    coreHover({ ...f.fc, schemas: loadSchemas(), settings: DEFAULT_SETTINGS }, f.file, text, f.offset)?.contents ?? ''
  );
}

const WORKSPACE = `
  #- k8s.yaml
  apiVersion: v1
  kind: Service
  metadata: {name: reviews, namespace: shop}
  spec: {selector: {app: reviews}}
  ---
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: reviews-v1, namespace: shop}
  spec:
    template:
      metadata:
        labels: {app: reviews, version: v1}
  ---
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: frontend}
  spec:
    template:
      metadata:
        labels: {app: web}
  #- dr.yaml
  apiVersion: networking.istio.io/v1
  kind: DestinationRule
  metadata: {name: reviews, namespace: shop}
  spec:
    host: reviews
    subsets:
    - name: v1
      labels: {version: v1}
  ---
  apiVersion: networking.istio.io/v1
  kind: DestinationRule
  metadata: {name: mesh-default, namespace: istio-system}
  spec:
    host: "*.local"
    trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}
  #- se.yaml
  apiVersion: networking.istio.io/v1
  kind: ServiceEntry
  metadata: {name: api, namespace: shop}
  spec:
    hosts: [api.example.com]
    ports: [{number: 443, name: https, protocol: TLS}]
    resolution: DNS
  #- gw.yaml
  apiVersion: networking.istio.io/v1
  kind: Gateway
  metadata: {name: public, namespace: istio-system}
  spec:
    selector: {istio: ingressgateway}
    servers:
    - port: {number: 443, name: https, protocol: HTTPS}
      hosts: ["*.example.com"]
      tls: {mode: SIMPLE, credentialName: cert}`;

function vs(namespace: string, body: string): string {
  return `
    #- vs.yaml
    apiVersion: networking.istio.io/v1
    kind: VirtualService
    metadata: {name: r, namespace: ${namespace}}
    spec:
${body
  .split('\n')
  .map(l => `      ${l}`)
  .join('\n')}`;
}

describe('hover', () => {
  describe('keys: documentation from the schema', () => {
    it('type, description, default and the reference link', () => {
      const h = hoverAt(`
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: r}
        spec:
          host: r
          trafficPolicy:
            outlierDetection:
              base$0EjectionTime: 1m`);
      assert.strictEqual(h?.text, 'baseEjectionTime');
      assert.match(h.contents, /^\*\*baseEjectionTime\*\* · `duration` · in OutlierDetection/);
      assert.match(h.contents, /Default: `30s`/);
      assert.match(
        h.contents,
        /\[Istio reference\]\(https:\/\/istio\.io\/latest\/docs\/reference\/config\/networking\/destination-rule\/#OutlierDetection-base_ejection_time\)/,
      );
    });

    it('allowed values with their descriptions, and required fields', () => {
      const h = hoverAt(`
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: g}
        spec:
          servers:
          - port: {number: 443, name: https, protocol: HTTPS}
            hosts: ["*"]
            tls:
              mo$0de: SIMPLE`);
      assert.match(h?.contents ?? '', /\*\*mode\*\* · `enum`/);
      assert.match(h?.contents ?? '', /- `SIMPLE` — /);
      assert.match(h?.contents ?? '', /- `ISTIO_MUTUAL`/);
      const port = hoverAt(`
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: g}
        spec:
          servers:
          - po$0rt: {number: 80, name: http, protocol: HTTP}`);
      assert.match(port?.contents ?? '', /^\*\*port\*\* · `Port` · required · in Server/);
    });

    it('deprecation and the replacement', () => {
      const h = hoverAt(`
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: v}
        spec:
          http:
          - mirrorPer$0cent: 5`);
      assert.match(h?.contents ?? '', /\*\*Deprecated\.\*\* Deprecated: use mirrorPercentage/);
    });

    it('release channel of non-GA fields', () => {
      const h = hoverAt(`
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata: {name: t}
        spec:
          metrics:
          - reportingInt$0erval: 10s`);
      assert.match(h?.contents ?? '', /Release channel: `extended`/);
    });

    it('an unknown key has no hover, a non-Istio document neither', () => {
      assert.strictEqual(
        hoverAt(`
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: g}
        spec:
          bog$0us: 1`),
        undefined,
      );
      assert.strictEqual(
        hoverAt(`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {na$0me: d}`),
        undefined,
      );
    });
  });

  describe('values', () => {
    it('an enum value: its own description, then its field', () => {
      const h = hoverAt(`
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: p}
        spec:
          mtls: {mode: PERMIS$0SIVE}`);
      assert.strictEqual(h?.text, 'PERMISSIVE');
      assert.match(h.contents, /^`PERMISSIVE`\n\n.*plaintext/i);
      assert.match(h.contents, /\*\*mode\*\*/);
    });

    it('kind and apiVersion: served versions and the release that serves v1', () => {
      const h = hoverAt(`
        apiVersion: networking.istio.io/v1beta1
        kind: Side$0car
        metadata: {name: s}`);
      assert.match(h?.contents ?? '', /^\*\*Sidecar\*\* · `networking\.istio\.io`/);
      assert.match(h?.contents ?? '', /Served versions: `v1alpha3`, `v1beta1`, `v1` \(preferred\)/);
      assert.match(h?.contents ?? '', /`v1` is served since Istio 1\.22\./);
      assert.match(h?.contents ?? '', /`v1beta1` is superseded by `v1`\./);
    });
  });

  describe('references: what a value resolves to', () => {
    it('a destination host: the Service, and the DestinationRule found in the service namespace (step 2)', () => {
      const h = hoverAt([
        vs('frontend', 'http:\n- route:\n  - destination: {host: reviews.shop.svc.cl$0uster.local}'),
        WORKSPACE,
      ]);
      assert.strictEqual(h?.text, 'reviews.shop.svc.cluster.local');
      assert.match(h.contents, /Defined by Service `reviews` in namespace `shop` \(\/ws\/k8s\.yaml\)/);
      assert.match(
        h.contents,
        /DestinationRule `shop\/reviews` \(\/ws\/dr\.yaml\) applies: found in the service's namespace `shop` \(nothing for this host in the client's namespace `frontend`\)/,
      );
    });

    it('a short host: resolved in the VirtualService namespace; the rule found first in the client namespace', () => {
      const h = hoverAt([vs('shop', 'http:\n- route:\n  - destination: {host: revi$0ews}'), WORKSPACE]);
      assert.match(h?.contents ?? '', /^\*\*reviews\*\* → `reviews\.shop\.svc\.cluster\.local`/);
      assert.match(h?.contents ?? '', /found first, in the client's own namespace `shop`/);
    });

    it('a ServiceEntry host, and a mesh-wide rule through a wildcard in the root namespace (step 3)', () => {
      const h = hoverAt([vs('frontend', 'http:\n- route:\n  - destination: {host: api.exam$0ple.com}'), WORKSPACE]);
      assert.match(h?.contents ?? '', /Defined by ServiceEntry `api` in namespace `shop`/);
      assert.match(h?.contents ?? '', /No DestinationRule applies/);
      const local = hoverAt([
        vs('frontend', 'http:\n- route:\n  - destination: {host: other.shop.svc.cluster.lo$0cal}'),
        WORKSPACE,
      ]);
      assert.match(local?.contents ?? '', /No Service or ServiceEntry in the workspace defines this host\./);
      assert.match(
        local?.contents ?? '',
        /DestinationRule `istio-system\/mesh-default` \(\/ws\/dr\.yaml\) applies through its wildcard host `\*\.local`: found in the mesh root namespace `istio-system`/,
      );
    });

    it('a subset: its labels and the file defining it', () => {
      const h = hoverAt([vs('shop', 'http:\n- route:\n  - destination: {host: reviews, subset: v$01}'), WORKSPACE]);
      assert.strictEqual(h?.text, 'v1');
      assert.match(
        h.contents,
        /Subset `v1` of DestinationRule `shop\/reviews`\n\nLabels: `version: v1`\n\nDefined in \/ws\/dr\.yaml/,
      );
    });

    it('a subset no applicable DestinationRule defines', () => {
      const h = hoverAt([vs('shop', 'http:\n- route:\n  - destination: {host: reviews, subset: v$09}'), WORKSPACE]);
      assert.match(h?.contents ?? '', /No DestinationRule that applies to this route defines subset `v9`\./);
    });

    it("a gateway reference: the Gateway's servers", () => {
      const h = hoverAt([
        vs(
          'shop',
          'hosts: [shop.example.com]\ngateways: [istio-system/pub$0lic]\nhttp:\n- route:\n  - destination: {host: reviews}',
        ),
        WORKSPACE,
      ]);
      assert.match(h?.contents ?? '', /\*\*Gateway\*\* `istio-system\/public` · selector `istio: ingressgateway`/);
      assert.match(h?.contents ?? '', /- `443\/HTTPS \(https\)` · TLS SIMPLE · hosts `\*\.example\.com`/);
      const mesh = hoverAt([vs('shop', 'gateways: [me$0sh]'), WORKSPACE]);
      assert.match(mesh?.contents ?? '', /^\*\*mesh\*\*/);
    });
  });
});

describe('hover wording (issue 11)', () => {
  it('one subset block for same-named DestinationRules in several files, listing the files', () => {
    const copy = `
  #- copy/dr.yaml
  apiVersion: networking.istio.io/v1
  kind: DestinationRule
  metadata: {name: reviews, namespace: shop}
  spec:
    host: reviews
    subsets:
    - name: v1
      labels: {version: v1}`;
    const h = hoverAt([vs('shop', 'http:\n- route:\n  - destination: {host: reviews, subset: v$01}'), WORKSPACE, copy]);
    const contents = h?.contents ?? '';
    assert.strictEqual(contents.match(/Subset `v1` of DestinationRule/g)?.length, 1, contents);
    assert.match(
      contents,
      /Defined in \/ws\/dr\.yaml, \/ws\/copy\/dr\.yaml|Defined in \/ws\/copy\/dr\.yaml, \/ws\/dr\.yaml/,
    );
  });

  it('placeholders such as <TRUST_DOMAIN> are escaped so markdown keeps them', () => {
    const h = hoverAt(`
      apiVersion: security.istio.io/v1
      kind: AuthorizationPolicy
      metadata: {name: a, namespace: shop}
      spec:
        rules:
        - from:
          - source:
              princ$0ipals: [cluster.local/ns/shop/sa/web]`);
    assert.match(h?.contents ?? '', /\\<TRUST_DOMAIN\\>\/ns\/\\<NAMESPACE\\>\/sa\/\\<SERVICE_ACCOUNT\\>/);
  });

  it('ranges read as "0–100", not "Range: 0 to 100"', () => {
    assert.strictEqual(rangeText(0, 100), 'Allowed values: 0–100.');
    assert.strictEqual(rangeText(1, undefined), 'At least 1.');
    assert.strictEqual(rangeText(undefined, 65535), 'At most 65535.');
    assert.strictEqual(
      escapePlaceholders('as <ISS>/<SUB>, `<KEEP>` and <b>bold</b>'),
      'as \\<ISS\\>/\\<SUB\\>, `<KEEP>` and <b>bold</b>',
    );
  });

  it('file references become workspace-relative links that open the file at the line', () => {
    const h = hover([vs('shop', 'http:\n- route:\n  - destination: {host: reviews, subset: v$01}'), WORKSPACE]);
    assert.match(h, /Defined in \[\/ws\/dr\.yaml\]\(<istio-ls-file:\/ws\/dr\.yaml#\d+>\)/);
    assert.strictEqual(relativeTo(['/ws'], '/ws/mesh/dr.yaml'), 'mesh/dr.yaml');
    assert.strictEqual(relativeTo(['/a', '/b'], '/b/dr.yaml'), 'b/dr.yaml');
    assert.strictEqual(relativeTo(['/a'], '/elsewhere/dr.yaml'), '/elsewhere/dr.yaml');
  });
});
