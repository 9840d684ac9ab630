import * as assert from 'assert';
import { effectiveWaypoint, waypointTrafficType } from '../../../server/src/core/index/ambient';
import { providedKeys } from '../../../server/src/core/index/keys';
import { GATEWAY_KIND_KEY } from '../../../server/src/core/model/gatewayApi';
import { appliesTo } from '../../../server/src/core/analysis/analyzeFile';
import { analyzeFixture } from '../../harness/analyze';
import { parseFixture } from '../../harness/fixture';

const FILES = `
#- gateways.yaml
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: edge, namespace: infra}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 443, name: https, protocol: HTTPS}, tls: {mode: SIMPLE, credentialName: c}, hosts: ["*"]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: edge, namespace: infra, labels: {istio.io/waypoint-for: all}}
spec:
  gatewayClassName: istio
  listeners:
  - {name: https, port: 443, protocol: HTTPS}
  - {name: tls, port: 8443, protocol: TLS, tls: {mode: Passthrough}}
#- shop.yaml
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio.io/use-waypoint: edge, istio.io/use-waypoint-namespace: infra}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {ports: [{port: 80}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: shop}
spec:
  parentRefs: [{name: edge, namespace: infra, sectionName: https}, {group: "", kind: Service, name: web}]
  hostnames: [shop.example.com]
  rules:
  - backendRefs: [{name: web, port: 80, weight: 90}, {name: orders, namespace: backend, port: 9090}]
    filters: [{type: RequestMirror, requestMirror: {backendRef: {name: shadow, port: 80}}}]
`;

describe('Gateway API in the index', () => {
  const analyzer = analyzeFixture(parseFixture(FILES));
  const lookup = analyzer.index.lookup();

  it('keeps Gateway API Gateways apart from Istio Gateways', () => {
    assert.deepStrictEqual(
      lookup.gateway('infra', 'edge').map(g => g.group),
      ['networking.istio.io'],
    );
    assert.deepStrictEqual(
      lookup.kubeGateway('infra', 'edge').map(g => g.group),
      ['gateway.networking.k8s.io'],
    );
    assert.deepStrictEqual(
      lookup.ofKind('Gateway', 'infra').map(g => g.group),
      ['networking.istio.io'],
    );
    assert.deepStrictEqual(
      lookup.ofKind(GATEWAY_KIND_KEY, 'infra').map(g => g.group),
      ['gateway.networking.k8s.io'],
    );
  });

  it('summarises routes with the CRD defaults applied', () => {
    const route = lookup.ofKind('gateway.networking.k8s.io/HTTPRoute', 'shop')[0];
    assert.deepStrictEqual(
      route.parentRefs?.map(
        p => `${p.group}|${p.kind}|${p.namespace?.value ?? '-'}|${p.name.value}|${p.sectionName?.value ?? '-'}`,
      ),
      ['gateway.networking.k8s.io|Gateway|infra|edge|https', '|Service|-|web|-'],
    );
    assert.deepStrictEqual(
      route.backendRefs?.map(
        b =>
          `${b.kind} ${b.namespace?.value ?? '-'}/${b.name.value}:${b.port} w${b.weight ?? '-'}${b.mirror ? ' mirror' : ''}`,
      ),
      ['Service -/web:80 w90', 'Service backend/orders:9090 w-', 'Service -/shadow:80 w- mirror'],
    );
    const gw = lookup.kubeGateway('infra', 'edge')[0];
    assert.deepStrictEqual(
      gw.listeners?.map(l => `${l.name?.value} ${l.allowedFrom} ${l.tlsMode ?? '-'}`),
      ['https Same -', 'tls Same Passthrough'],
    );
  });

  it('answers the reverse lookups and records their keys', () => {
    const keys = new Set<string>();
    const tracked = analyzer.index.lookup(k => keys.add(k));
    assert.deepStrictEqual(
      tracked.routesWithParent('Gateway', 'infra', 'edge').map(r => r.name),
      ['web'],
    );
    assert.deepStrictEqual(
      tracked.routesWithParent('Service', 'shop', 'web').map(r => r.name),
      ['web'],
    );
    assert.deepStrictEqual(
      tracked.routesWithBackend('backend', 'orders').map(r => r.name),
      ['web'],
    );
    assert.deepStrictEqual(
      tracked.routesWithBackend('shop', 'shadow').map(r => r.name),
      ['web'],
    );
    assert.deepStrictEqual(
      tracked.waypointUsers('infra', 'edge').map(r => r.kind),
      ['Namespace'],
    );
    assert.deepStrictEqual(tracked.namespaceLabels('shop')?.['istio.io/use-waypoint'], 'edge');
    assert.deepStrictEqual([...keys].sort(), [
      'nsobj:shop',
      'rbackend:backend/orders',
      'rbackend:shop/shadow',
      'rparent:Gateway|infra/edge',
      'rparent:Service|shop/web',
      'wpuser:infra/edge',
    ]);
    // What each resource provides is what those lookups read.
    const route = lookup.ofKind('gateway.networking.k8s.io/HTTPRoute', 'shop')[0];
    for (const key of [
      'rparent:Gateway|infra/edge',
      'rbackend:backend/orders',
      'kind:gateway.networking.k8s.io/HTTPRoute:shop',
    ])
      assert.ok(providedKeys(route).includes(key), key);
    const ns = lookup.namespaceObject('shop')[0];
    assert.ok(providedKeys(ns).includes('nsobj:shop') && providedKeys(ns).includes('wpuser:infra/edge'));
  });

  it("resolves a Service's waypoint through its Namespace, with the namespace label", () => {
    const svc = lookup.kubernetesServices('shop', 'web')[0];
    const waypoint = effectiveWaypoint(lookup, svc);
    assert.strictEqual(
      `${waypoint?.namespace}/${waypoint?.name} from ${waypoint?.from.kind}`,
      'infra/edge from Namespace',
    );
    assert.strictEqual(waypointTrafficType(lookup, lookup.kubeGateway('infra', 'edge')[0])?.type, 'all');
  });

  it("applies rules written for Istio's Gateway to Istio Gateways only; `*` covers Gateway API kinds", () => {
    const [istio] = lookup.gateway('infra', 'edge');
    const [kube] = lookup.kubeGateway('infra', 'edge');
    const [route] = lookup.ofKind('gateway.networking.k8s.io/HTTPRoute', 'shop');
    assert.deepStrictEqual(
      [appliesTo(['Gateway'], istio), appliesTo(['Gateway'], kube), appliesTo([GATEWAY_KIND_KEY], kube)],
      [true, false, true],
    );
    assert.deepStrictEqual([appliesTo(['*'], route), appliesTo(['HTTPRoute'], route)], [true, false]);
  });
});
