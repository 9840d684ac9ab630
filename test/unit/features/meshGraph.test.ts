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
      // The route goes to the subsets it names, inside their DestinationRule; weights split the traffic.
      'VirtualService:shop/web -routes-> Subset:?/reviews.shop.svc.cluster.local/v3 BROKEN',
      'VirtualService:shop/web -routes-> Subset:shop/reviews/v1',
    ]);
    // Reasons are the rules' own messages.
    const reasons = g.edges.filter(e => e.includes('BROKEN')).map(e => e.replace(/.* BROKEN: /, ''));
    const graph = meshGraph(f.analyzer.index, findingsOf, 'shop');
    assert.strictEqual(
      graph.nodes.find(n => n.id === 'Subset:shop/reviews/v1')?.parent,
      'DestinationRule:shop/reviews',
    );
    assert.strictEqual(
      graph.nodes.find(n => n.id === 'DestinationRule:shop/reviews')?.detail,
      'reviews.shop.svc.cluster.local',
    );
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

describe('mesh graph: routing questions', () => {
  const ROUTES = `
    #- mesh/reviews-dr.yaml
    apiVersion: networking.istio.io/v1
    kind: DestinationRule
    metadata: {name: reviews, namespace: shop}
    spec:
      host: reviews
      subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}, {name: v3, labels: {version: v3}}]
    #- mesh/canary.yaml
    apiVersion: networking.istio.io/v1
    kind: VirtualService
    metadata: {name: reviews, namespace: shop}
    spec:
      hosts: [reviews]
      http:
      - match:
        - headers: {end-user: {exact: jason}}
          uri: {prefix: /api}
        - queryParams: {beta: {regex: "on|yes"}}
        route:
        - destination: {host: reviews, subset: v2}
      - route:
        - destination: {host: reviews, subset: v1}
          weight: 90
        - destination: {host: reviews, subset: v3}
          weight: 10
        mirror: {host: reviews, subset: v3}
  `;
  const f = featureFixture([ROUTES]);
  const g = meshGraph(f.analyzer.index, file => f.analyzer.findings(file));
  const routes = g.edges
    .filter(e => e.kind === 'routes')
    .map(
      e =>
        `${e.to}${e.weight === undefined ? '' : ` ${e.weight}%`}${e.mirror ? ' mirror' : ''}${e.match ? ` when ${e.match.join(' OR ')}` : ''}`,
    )
    .sort();

  it('edges go from each route to the subsets it names, with weights and match conditions', () => {
    assert.deepStrictEqual(routes, [
      'Subset:shop/reviews/v1 90% when other requests',
      'Subset:shop/reviews/v2 when uri prefix /api & header end-user = jason OR query beta ~ on|yes',
      'Subset:shop/reviews/v3 10% when other requests',
      'Subset:shop/reviews/v3 mirror when other requests',
    ]);
    assert.ok(g.edges.every(e => e.kind !== 'routes' || e.from === 'VirtualService:shop/reviews'));
  });

  it('one node per object identity, listing every file that defines it', () => {
    const copies = featureFixture([
      ROUTES,
      `
      #- overlays/prod/canary.yaml
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: reviews, namespace: shop}
      spec:
        hosts: [reviews]
        http: [{route: [{destination: {host: reviews, subset: v1}}]}]
      `,
    ]);
    const graph = meshGraph(copies.analyzer.index, file => copies.analyzer.findings(file));
    const vs = graph.nodes.filter(n => n.kind === 'VirtualService');
    assert.deepStrictEqual(
      vs.map(n => n.id),
      ['VirtualService:shop/reviews'],
    );
    assert.deepStrictEqual(vs[0].locations?.map(l => l.file.replace(/^.*?\/(mesh|overlays)/, '$1')).sort(), [
      'mesh/canary.yaml',
      'overlays/prod/canary.yaml',
    ]);
    // Both files' routes are kept: the copy sends everything to v1.
    const toV1 = graph.edges.filter(e => e.kind === 'routes' && e.to === 'Subset:shop/reviews/v1');
    assert.deepStrictEqual(toV1.map(e => e.weight ?? 'all').sort(), [90, 'all']);
  });

  it('Gateway API: Gateway -> HTTPRoute -> backend Services, with relative weights made percentages', () => {
    const api = featureFixture(`
      #- gw.yaml
      apiVersion: gateway.networking.k8s.io/v1
      kind: Gateway
      metadata: {name: web, namespace: edge}
      spec:
        gatewayClassName: istio
        listeners: [{name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}]
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata: {name: shop, namespace: shop}
      spec:
        parentRefs: [{name: web, namespace: edge}, {name: gone, namespace: edge}]
        hostnames: [shop.example.com]
        rules:
        - matches: [{path: {type: PathPrefix, value: /cart}, headers: [{name: x-canary, value: "1"}]}]
          backendRefs: [{name: cart, port: 80, weight: 3}, {name: cart-next, port: 80, weight: 1}]
        - backendRefs: [{name: web, port: 80}]
      #- svc.yaml
      apiVersion: v1
      kind: Service
      metadata: {name: cart, namespace: shop}
      spec: {ports: [{port: 80, name: http}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: cart-next, namespace: shop}
      spec: {ports: [{port: 80, name: http}]}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: shop}
      spec: {ports: [{port: 80, name: http}]}
    `);
    const graph = meshGraph(api.analyzer.index, file => api.analyzer.findings(file));
    const edges = graph.edges.map(
      e =>
        `${e.from} -${e.kind}-> ${e.to}${e.weight === undefined ? '' : ` ${e.weight}%`}${e.match ? ` when ${e.match.join(' OR ')}` : ''}${e.broken ? ' BROKEN' : ''}`,
    );
    assert.deepStrictEqual(edges, [
      'HTTPRoute:shop/shop -routes-> Host:cart-next.shop.svc.cluster.local 25% when path prefix /cart & header x-canary = 1',
      'HTTPRoute:shop/shop -routes-> Host:cart.shop.svc.cluster.local 75% when path prefix /cart & header x-canary = 1',
      'HTTPRoute:shop/shop -routes-> Host:web.shop.svc.cluster.local',
      'Host:cart-next.shop.svc.cluster.local -definedBy-> Service:shop/cart-next',
      'Host:cart.shop.svc.cluster.local -definedBy-> Service:shop/cart',
      'Host:web.shop.svc.cluster.local -definedBy-> Service:shop/web',
      'KubeGateway:edge/gone -binds-> HTTPRoute:shop/shop BROKEN',
      'KubeGateway:edge/web -binds-> HTTPRoute:shop/shop',
    ]);
    const route = graph.nodes.find(n => n.id === 'HTTPRoute:shop/shop');
    assert.deepStrictEqual(
      [route?.kind, route?.resourceKind, route?.detail],
      ['Route', 'HTTPRoute', 'shop.example.com'],
    );
    // An Istio Gateway of the same name would be another node: the kinds never mix.
    assert.ok(graph.nodes.every(n => n.kind !== 'Gateway'));
  });
});
