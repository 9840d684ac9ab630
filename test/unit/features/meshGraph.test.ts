import * as assert from 'assert';
import { meshGraph, type MeshGraph } from '../../../server/src/core/features/meshGraph';
import { featureFixture } from '../../harness/features';

const FILES = `
  #- ingress.yaml
  apiVersion: networking.istio.io/v1
  kind: Gateway
  metadata: {name: public, namespace: ingress}
  spec: {selector: {istio: ingressgateway}, servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*/*"]}]}
  #- shop.yaml
  apiVersion: networking.istio.io/v1
  kind: VirtualService
  metadata: {name: web, namespace: shop}
  spec:
    hosts: [shop.example.com]
    gateways: [ingress/public, ingress/publik]
    http:
    - route:
      - destination: {host: reviews, subset: v1}
      - destination: {host: reviews, subset: v3}
  ---
  apiVersion: networking.istio.io/v1
  kind: DestinationRule
  metadata: {name: reviews, namespace: shop}
  spec:
    host: reviews
    subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]
  ---
  apiVersion: v1
  kind: Service
  metadata: {name: reviews, namespace: shop}
  spec: {selector: {app: reviews}, ports: [{port: 9080, name: http}]}
  ---
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: reviews, namespace: shop}
  spec: {template: {metadata: {labels: {app: reviews, version: v1}}}}
  #- billing.yaml
  apiVersion: networking.istio.io/v1
  kind: VirtualService
  metadata: {name: pay, namespace: billing}
  spec:
    hosts: [pay]
    http: [{route: [{destination: {host: api.stripe.com}}]}]
  ---
  apiVersion: networking.istio.io/v1
  kind: ServiceEntry
  metadata: {name: stripe, namespace: billing}
  spec: {hosts: [api.stripe.com], location: MESH_EXTERNAL, resolution: DNS}
  #- elsewhere.yaml
  apiVersion: networking.istio.io/v1
  kind: DestinationRule
  metadata: {name: reviews-tls, namespace: elsewhere}
  spec: {host: reviews.shop.svc.cluster.local, trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}
`;

function describe_(graph: MeshGraph): { nodes: string[]; edges: string[] } {
  return {
    nodes: graph.nodes.map(n => `${n.id}${n.location ? '' : ' (not in the workspace)'}`),
    edges: graph.edges.map(e => `${e.from} -${e.kind}-> ${e.to}${e.broken ? ` BROKEN: ${e.reason}` : ''}`),
  };
}

describe('mesh graph', () => {
  const f = featureFixture([FILES]);
  const findingsOf = (file: string) => f.analyzer.findings(file);

  it('Gateways -> VirtualServices -> hosts -> subsets, with broken edges from the rules', () => {
    const g = describe_(meshGraph(f.analyzer.index, findingsOf, 'shop'));
    assert.deepStrictEqual(g.nodes, [
      'DestinationRule:shop/reviews',
      'Gateway:ingress/public',
      'Gateway:ingress/publik (not in the workspace)',
      'Host:reviews.shop.svc.cluster.local',
      'Service:shop/reviews',
      'Subset:?/reviews.shop.svc.cluster.local/v3 (not in the workspace)',
      'Subset:shop/reviews/v1',
      'Subset:shop/reviews/v2',
      'VirtualService:shop/web',
    ]);
    const edges = g.edges.map(e => e.replace(/ BROKEN: .*/, ' BROKEN'));
    assert.deepStrictEqual(edges, [
      'DestinationRule:shop/reviews -appliesTo-> Host:reviews.shop.svc.cluster.local',
      'DestinationRule:shop/reviews -defines-> Subset:shop/reviews/v1',
      'DestinationRule:shop/reviews -defines-> Subset:shop/reviews/v2',
      'Gateway:ingress/public -binds-> VirtualService:shop/web',
      'Gateway:ingress/publik -binds-> VirtualService:shop/web BROKEN',
      'Host:reviews.shop.svc.cluster.local -definedBy-> Service:shop/reviews',
      'Host:reviews.shop.svc.cluster.local -subset-> Subset:?/reviews.shop.svc.cluster.local/v3 BROKEN',
      'Host:reviews.shop.svc.cluster.local -subset-> Subset:shop/reviews/v1',
      'VirtualService:shop/web -routes-> Host:reviews.shop.svc.cluster.local',
    ]);
    // Reasons are the rules' own messages.
    const reasons = g.edges.filter(e => e.includes('BROKEN')).map(e => e.replace(/.* BROKEN: /, ''));
    assert.ok(reasons[0].startsWith('Gateway ingress/publik does not exist.'), reasons[0]);
    assert.ok(reasons[1].startsWith('Subset "v3" is not defined by DestinationRule shop/reviews'), reasons[1]);
  });

  it('per namespace, or the whole workspace', () => {
    const billing = describe_(meshGraph(f.analyzer.index, findingsOf, 'billing'));
    assert.deepStrictEqual(billing.edges, [
      'Host:api.stripe.com -definedBy-> ServiceEntry:billing/stripe',
      'VirtualService:billing/pay -routes-> Host:api.stripe.com',
    ]);
    // A Gateway's namespace shows the routes bound to it, wherever they live.
    assert.ok(describe_(meshGraph(f.analyzer.index, findingsOf, 'ingress')).nodes.includes('VirtualService:shop/web'));
    const all = meshGraph(f.analyzer.index, findingsOf);
    assert.strictEqual(all.nodes.length, 13);
    assert.deepStrictEqual(all.nodes.find(n => n.id === 'Subset:shop/reviews/v1')?.namespace, 'shop');
    assert.deepStrictEqual(meshGraph(f.analyzer.index, findingsOf, 'nowhere'), { nodes: [], edges: [] });
  });

  it('a DestinationRule Istio ignores has a broken edge to its host', () => {
    const g = describe_(meshGraph(f.analyzer.index, findingsOf, 'elsewhere'));
    assert.deepStrictEqual(
      g.edges.map(e => e.replace(/: This DestinationRule .* is never applied.*/, ': never applied')),
      [
        'DestinationRule:elsewhere/reviews-tls -appliesTo-> Host:reviews.shop.svc.cluster.local BROKEN: never applied',
        'Host:reviews.shop.svc.cluster.local -definedBy-> Service:shop/reviews',
      ],
    );
  });

  it('suppressed or absent findings leave edges intact', () => {
    const g = describe_(meshGraph(f.analyzer.index, () => [], 'shop'));
    assert.ok(
      g.edges.every(e => !e.includes('BROKEN')),
      g.edges.join('\n'),
    );
  });
});
