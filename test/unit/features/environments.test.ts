import * as assert from 'assert';
import { completeAt, hoverAt } from '../../harness/completion';

/** Two clusters whose DestinationRules for reviews define different subsets. */
const CLUSTERS = `
  #- clusters/prod/bookinfo.yaml
  apiVersion: v1
  kind: Service
  metadata: {name: reviews, namespace: bookinfo}
  spec: {ports: [{name: http, port: 9080}]}
  ---
  apiVersion: networking.istio.io/v1
  kind: DestinationRule
  metadata: {name: reviews, namespace: bookinfo}
  spec:
    host: reviews
    subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]
  #- clusters/staging/bookinfo.yaml
  apiVersion: v1
  kind: Service
  metadata: {name: reviews, namespace: bookinfo}
  spec: {ports: [{name: http, port: 9080}]}
  ---
  apiVersion: networking.istio.io/v1
  kind: DestinationRule
  metadata: {name: reviews, namespace: bookinfo}
  spec:
    host: reviews
    subsets: [{name: v1, labels: {version: v1}}, {name: v3, labels: {version: v3}}]
`;

const route = (file: string, subset: string) => `
  #- ${file}
  apiVersion: networking.istio.io/v1
  kind: VirtualService
  metadata: {name: reviews, namespace: bookinfo}
  spec:
    hosts: [reviews]
    http:
    - route:
      - destination:
          host: reviews
          subset: ${subset}
`;

describe('hover and completion across environments', () => {
  it('completion in a shared file offers every environment’s subsets, naming those not offered everywhere', () => {
    const c = completeAt([CLUSTERS, route('routes/reviews.yaml', '$0')]);
    const byLabel = new Map(c.items.map(i => [i.label, i.detail ?? '']));
    assert.deepStrictEqual([...byLabel.keys()].sort(), ['v1', 'v2', 'v3']);
    assert.doesNotMatch(byLabel.get('v1')!, /only in/);
    assert.match(byLabel.get('v2')!, /only in prod$/);
    assert.match(byLabel.get('v3')!, /only in staging$/);
  });

  it('completion in a file of one environment offers that environment’s subsets only', () => {
    const c = completeAt([CLUSTERS, route('clusters/staging/routes.yaml', '$0')]);
    assert.deepStrictEqual([...c.labels].sort(), ['v1', 'v3']);
    assert.ok(c.items.every(i => !/only in/.test(i.detail ?? '')));
  });

  it('hover in a shared file describes each environment where they differ', () => {
    const h = hoverAt([CLUSTERS, route('routes/reviews.yaml', 'v$02')]);
    assert.ok(h);
    assert.match(h.contents, /\*\*In environment prod:\*\*[\s\S]*subset v2[\s\S]*\*\*In environment staging:\*\*/);
    assert.match(
      h.contents,
      /In environment staging:\*\*[\s\S]*No DestinationRule that applies to this route defines subset `v2`/,
    );
  });

  it('hover in a shared file says once what every environment agrees on', () => {
    const gateway = `
      #- mesh/gateway.yaml
      apiVersion: networking.istio.io/v1
      kind: Gateway
      metadata: {name: public, namespace: istio-system}
      spec:
        selector: {istio: ingressgateway}
        servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
      #- routes/public.yaml
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: public, namespace: bookinfo}
      spec:
        hosts: [reviews.example.com]
        gateways: [istio-system/pub$0lic]
        http: [{route: [{destination: {host: reviews}}]}]
    `;
    const h = hoverAt([CLUSTERS, gateway]);
    assert.ok(h);
    assert.doesNotMatch(h.contents, /\*\*In environment/);
    assert.match(h.contents, /The same in every environment this file is applied to: prod, staging\./);
  });

  it('hover in a file of one environment describes that environment', () => {
    const h = hoverAt([CLUSTERS, route('clusters/staging/routes.yaml', 'v$03')]);
    assert.ok(h);
    assert.match(h.contents, /subset v3/);
    assert.doesNotMatch(h.contents, /environment/);
  });
});
