import * as assert from 'assert';
import { codeLenses } from '../../../server/src/core/features/codeLens';
import { describeLocations, describeSpan, featureFixture } from '../../harness/features';
import { WS } from '../../harness/fixture';

describe('code lens', () => {
  const f = featureFixture([
    `
    #- dr.yaml
    apiVersion: networking.istio.io/v1
    kind: DestinationRule
    metadata: {name: reviews, namespace: shop}
    spec:
      host: reviews
      subsets: [{name: v1}, {name: v2}, {name: v3}]
    ---
    apiVersion: networking.istio.io/v1
    kind: Gateway
    metadata: {name: public, namespace: shop}
    spec: {selector: {istio: ingressgateway}}
    #- vs.yaml
    apiVersion: networking.istio.io/v1
    kind: VirtualService
    metadata: {name: a, namespace: shop}
    spec:
      hosts: [reviews]
      gateways: [public]
      http:
      - route: [{destination: {host: reviews, subset: v1}, weight: 50}, {destination: {host: reviews, subset: v2}, weight: 50}]
      - route: [{destination: {host: reviews.shop.svc.cluster.local, subset: v1}}]
    ---
    apiVersion: networking.istio.io/v1
    kind: VirtualService
    metadata: {name: b, namespace: shop}
    spec:
      hosts: [b.example.com]
      gateways: [shop/public, public]
      http: [{route: [{destination: {host: reviews, subset: v1}}]}]
  `,
  ]);

  it('counts routes per subset and VirtualServices per Gateway, listing what they count', () => {
    const lenses = codeLenses(f.fc, `${WS}/dr.yaml`);
    assert.deepStrictEqual(
      lenses.map(l => `${describeSpan(f.fixture.files, `${WS}/dr.yaml`, l.span)}: ${l.title}`),
      [
        'dr.yaml:6 v1: used by 3 routes',
        'dr.yaml:6 v2: used by 1 route',
        'dr.yaml:6 v3: not used by any route',
        'dr.yaml:10 public: used by 2 VirtualServices',
      ],
    );
    assert.deepStrictEqual(describeLocations(f.fixture.files, lenses[0].locations), [
      'vs.yaml:17 v1',
      'vs.yaml:8 v1',
      'vs.yaml:9 v1',
    ]);
    assert.strictEqual(lenses[3].locations.length, 3);
  });

  it('a file without subsets or Gateways has none', () => {
    assert.deepStrictEqual(codeLenses(f.fc, `${WS}/vs.yaml`), []);
  });
});
