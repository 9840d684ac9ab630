import * as assert from 'assert';
import { documentLinks } from '../../../server/src/core/features/documentLinks';
import { describeSpan, featureFixture } from '../../harness/features';
import { WS } from '../../harness/fixture';

describe('document links', () => {
  it('hosts link to the Service or ServiceEntry defining them; undefined hosts do not', () => {
    const f = featureFixture([
      `
      #- vs.yaml
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: a, namespace: shop}
      spec:
        hosts: [reviews]
        http: [{route: [{destination: {host: reviews}}, {destination: {host: api.example.com}}, {destination: {host: nowhere}}]}]
      ---
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: a, namespace: shop}
      spec: {host: reviews.shop.svc.cluster.local}
      #- svc/reviews.yaml
      apiVersion: v1
      kind: Service
      metadata: {name: reviews, namespace: shop}
      #- egress.yaml
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: api, namespace: egress}
      spec: {hosts: ["*.example.com"]}
    `,
    ]);
    const files = f.fixture.files;
    const links = documentLinks(f.fc, `${WS}/vs.yaml`).map(
      l =>
        `${describeSpan(files, `${WS}/vs.yaml`, l.span)} -> ${describeSpan(files, l.target.file, l.target.span)} (${l.tooltip})`,
    );
    assert.deepStrictEqual(links, [
      'vs.yaml:6 reviews -> svc/reviews.yaml:3 reviews (Service shop/reviews)',
      'vs.yaml:6 api.example.com -> egress.yaml:4 "*.example.com" (ServiceEntry egress/api)',
      'vs.yaml:5 reviews -> svc/reviews.yaml:3 reviews (Service shop/reviews)',
      'vs.yaml:11 reviews.shop.svc.cluster.local -> svc/reviews.yaml:3 reviews (Service shop/reviews)',
    ]);
  });
});
