import * as assert from 'assert';
import { references } from '../../../server/src/core/features/references';
import { describeLocations, featureFixture } from '../../harness/features';

function refs(parts: string[], includeDeclaration = true): string[] {
  const f = featureFixture(parts);
  return describeLocations(f.fixture.files, references(f.fc, f.file, f.offset, includeDeclaration));
}

/** Reviews in shop with subsets v1/v2, and VirtualServices in shop and in a client namespace with its own rule. */
const SUBSETS = `
  #- dr.yaml
  apiVersion: networking.istio.io/v1
  kind: DestinationRule
  metadata: {name: reviews, namespace: shop}
  spec:
    host: reviews
    subsets:
    - name: v1
    - name: v2
  #- vs-shop.yaml
  apiVersion: networking.istio.io/v1
  kind: VirtualService
  metadata: {name: reviews, namespace: shop}
  spec:
    hosts: [reviews]
    http:
    - route:
      - destination: {host: reviews, subset: v1}
        weight: 90
      - destination: {host: reviews, subset: v2}
        weight: 10
  #- vs-other.yaml
  apiVersion: networking.istio.io/v1
  kind: VirtualService
  metadata: {name: reviews, namespace: other}
  spec:
    hosts: [reviews.shop.svc.cluster.local]
    http: [{route: [{destination: {host: reviews.shop.svc.cluster.local, subset: v1}}]}]
  #- vs-shadowed.yaml
  apiVersion: networking.istio.io/v1
  kind: VirtualService
  metadata: {name: reviews, namespace: shadow}
  spec:
    hosts: [reviews.shop.svc.cluster.local]
    http: [{route: [{destination: {host: reviews.shop.svc.cluster.local, subset: v1}}]}]
  ---
  apiVersion: networking.istio.io/v1
  kind: DestinationRule
  metadata: {name: own, namespace: shadow}
  spec:
    host: reviews.shop.svc.cluster.local
    subsets: [{name: v1}]
`;

describe('find all references', () => {
  it('of a subset: every route that reaches it through the lookup, not routes a closer rule shadows', () => {
    const parts = [SUBSETS.replace('- name: v1', '- name: v$01')];
    assert.deepStrictEqual(refs(parts), ['dr.yaml:7 v1', 'vs-other.yaml:6 v1', 'vs-shop.yaml:8 v1']);
    assert.deepStrictEqual(refs(parts, false), ['vs-other.yaml:6 v1', 'vs-shop.yaml:8 v1']);
  });

  it('of a subset, asked from a route', () => {
    const fromShop = SUBSETS.replace(/subset: v1}(\s+weight: 90)/, (_, rest: string) => `subset: v1$0}${rest}`);
    assert.deepStrictEqual(refs([fromShop]), ['dr.yaml:7 v1', 'vs-other.yaml:6 v1', 'vs-shop.yaml:8 v1']);
    const fromShadowed = SUBSETS.replace(/subset: v1}}]}](\s+---)/, (_, rest: string) => `subset: $0v1}}]}]${rest}`);
    assert.deepStrictEqual(refs([fromShadowed]), ['vs-shadowed.yaml:13 v1', 'vs-shadowed.yaml:6 v1']);
  });

  it('of a Gateway: every gateways entry bound to it, whatever form it is written in', () => {
    assert.deepStrictEqual(
      refs([
        `
      #- gw.yaml
      apiVersion: networking.istio.io/v1
      kind: Gateway
      metadata: {name: pub$0lic, namespace: ingress}
      spec: {selector: {istio: ingressgateway}}
      #- vs.yaml
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: a, namespace: ingress}
      spec:
        hosts: [a.example.com]
        gateways: [public, mesh]
        http:
        - match: [{gateways: [./public]}]
          route: [{destination: {host: a}}]
      ---
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: b, namespace: shop}
      spec:
        hosts: [b.example.com]
        gateways: [ingress/public, public, "public.ingress.svc.cluster.local"]
        http: [{route: [{destination: {host: b}}]}]
    `,
      ]),
      [
        'gw.yaml:3 public',
        'vs.yaml:16 "public.ingress.svc.cluster.local"',
        'vs.yaml:16 ingress/public',
        'vs.yaml:6 public',
        'vs.yaml:8 ./public',
      ],
    );
  });

  it('of a service host: destinations, VirtualService hosts and DestinationRule hosts, short or FQDN', () => {
    const files = `
      #- svc.yaml
      apiVersion: v1
      kind: Service
      metadata: {name: reviews, namespace: shop}
      #- vs.yaml
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: reviews, namespace: shop}
      spec:
        hosts: [reviews]
        http: [{route: [{destination: {host: reviews.shop.svc.cluster.local}}, {destination: {host: reviews.other.svc.cluster.local}}]}]
      #- dr.yaml
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: reviews, namespace: other}
      spec: {host: reviews}
      ---
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: reviews, namespace: shop}
      spec: {host: reviews}
    `;
    const expected = [
      'dr.yaml:9 reviews',
      'svc.yaml:3 reviews',
      'vs.yaml:5 reviews',
      'vs.yaml:6 reviews.shop.svc.cluster.local',
    ];
    assert.deepStrictEqual(
      refs([files.replace('name: reviews, namespace: shop}\n', 'name: review$0s, namespace: shop}\n')]),
      expected,
    );
    assert.deepStrictEqual(refs([files.replace('hosts: [reviews]', 'hosts: [$0reviews]')]), expected);
    assert.deepStrictEqual(
      refs([files.replace('hosts: [reviews]', 'hosts: [$0reviews]')], false),
      expected.filter(e => !e.startsWith('svc.yaml')),
    );
  });

  it('nothing for a position that names nothing cross-file', () => {
    assert.deepStrictEqual(refs([SUBSETS.replace('kind: DestinationRule', 'kind: Destination$0Rule')]), []);
  });
});
