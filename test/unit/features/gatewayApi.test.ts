import * as assert from 'assert';
import { codeLenses } from '../../../server/src/core/features/codeLens';
import { definition } from '../../../server/src/core/features/definition';
import { documentSymbols, type OutlineSymbol } from '../../../server/src/core/features/documentSymbols';
import { references } from '../../../server/src/core/features/references';
import { prepareRename, rename } from '../../../server/src/core/features/rename';
import { accept, completeAt, hoverAt } from '../../harness/completion';
import { applyFileEdits } from '../../harness/edits';
import { describeLocations, featureFixture } from '../../harness/features';
import { WS } from '../../harness/fixture';

/** A Gateway in infra, Services in shop, a ReferenceGrant in backend, a waypoint and a Namespace using it. */
const WORKSPACE = `
  #- infra/gateway.yaml
  apiVersion: gateway.networking.k8s.io/v1
  kind: Gateway
  metadata: {name: public, namespace: infra}
  spec:
    gatewayClassName: istio
    listeners:
    - name: http
      hostname: "*.example.com"
      port: 80
      protocol: HTTP
      allowedRoutes: {namespaces: {from: All}}
    - name: https
      hostname: shop.example.com
      port: 443
      protocol: HTTPS
      tls: {certificateRefs: [{name: shop-cert}]}
      allowedRoutes: {namespaces: {from: All}}
  #- shop/services.yaml
  apiVersion: v1
  kind: Service
  metadata: {name: web, namespace: shop}
  spec: {ports: [{name: http, port: 80, targetPort: 8080}]}
  ---
  apiVersion: v1
  kind: Service
  metadata: {name: web-canary, namespace: shop}
  spec: {ports: [{name: http, port: 80}]}
  #- backend/services.yaml
  apiVersion: v1
  kind: Service
  metadata: {name: orders, namespace: backend}
  spec: {ports: [{name: grpc, port: 9090}]}
  ---
  apiVersion: gateway.networking.k8s.io/v1beta1
  kind: ReferenceGrant
  metadata: {name: shop-routes, namespace: backend}
  spec:
    from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}]
    to: [{group: "", kind: Service, name: orders}]
  #- shop/waypoint.yaml
  apiVersion: gateway.networking.k8s.io/v1
  kind: Gateway
  metadata: {name: waypoint, namespace: shop}
  spec:
    gatewayClassName: istio-waypoint
    listeners: [{name: mesh, port: 15008, protocol: HBONE}]
  ---
  apiVersion: v1
  kind: Namespace
  metadata:
    name: shop
    labels: {istio.io/dataplane-mode: ambient, istio.io/use-waypoint: waypoint}
`;

const ROUTE = (body: string) => `
  #- shop/route.yaml
  apiVersion: gateway.networking.k8s.io/v1
  kind: HTTPRoute
  metadata: {name: web, namespace: shop}
  spec:
${body}`;

const FULL_ROUTE = ROUTE(`
    parentRefs:
    - name: public
      namespace: infra
      sectionName: https
    hostnames: [shop.example.com]
    rules:
    - backendRefs:
      - {name: web, port: 80, weight: 90}
      - {name: web-canary, port: 80, weight: 10}
    - matches: [{path: {type: PathPrefix, value: /orders}}]
      backendRefs: [{name: orders, namespace: backend, port: 9090}]`);

function at(route: string, marker: string): string[] {
  const i = route.indexOf(marker);
  assert.ok(i !== -1, marker);
  return [WORKSPACE, route.slice(0, i) + '$0' + route.slice(i)];
}

describe('Gateway API: completion', () => {
  it("offers the workspace's Gateways as parentRef names, adding namespace for another namespace", () => {
    const c = completeAt([WORKSPACE, ROUTE('    parentRefs:\n    - name: $0\n')]);
    assert.deepStrictEqual(c.labels.slice(0, 2), ['waypoint', 'public (namespace: infra)']);
    assert.ok(c.labels.includes('web (group: "", kind: Service)'), c.labels.join(', '));
    assert.match(accept(c, 'public (namespace: infra)'), /\n {2}- name: public\n {4}namespace: infra\n/);
  });

  it('offers Services for a Service parentRef, and listener names and ports for a Gateway one', () => {
    assert.deepStrictEqual(
      completeAt([WORKSPACE, ROUTE('    parentRefs: [{group: "", kind: Service, name: $0}]\n')]).labels,
      ['web', 'web-canary'],
    );
    assert.deepStrictEqual(
      completeAt([
        WORKSPACE,
        ROUTE('    parentRefs:\n    - name: public\n      namespace: infra\n      sectionName: $0\n'),
      ]).labels,
      ['http', 'https'],
    );
    assert.deepStrictEqual(
      completeAt([WORKSPACE, ROUTE('    parentRefs: [{name: public, namespace: infra, port: $0}]\n')]).labels,
      ['80', '443'],
    );
  });

  it('offers the parent listeners hostnames, and backendRef Services and their ports', () => {
    const route = FULL_ROUTE.replace('hostnames: [shop.example.com]', 'hostnames: [$0]');
    assert.deepStrictEqual(completeAt([WORKSPACE, route]).labels, ['shop.example.com']);
    const backend = completeAt([WORKSPACE, ROUTE('    rules:\n    - backendRefs:\n      - name: $0\n')]);
    assert.deepStrictEqual(backend.labels, ['web', 'web-canary', 'orders (namespace: backend)']);
    assert.deepStrictEqual(
      completeAt([WORKSPACE, ROUTE('    rules: [{backendRefs: [{name: orders, namespace: backend, port: $0}]}]\n')])
        .labels,
      ['9090'],
    );
  });

  it('offers ReferenceGrant from namespaces (routes that send here first) and to names', () => {
    const grant = (body: string) => `
      #- backend/grant2.yaml
      apiVersion: gateway.networking.k8s.io/v1beta1
      kind: ReferenceGrant
      metadata: {name: more, namespace: backend}
      spec:
      ${body}`;
    assert.deepStrictEqual(
      completeAt([
        WORKSPACE,
        FULL_ROUTE,
        grant('  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: $0}]'),
      ]).labels,
      ['shop'],
    );
    assert.deepStrictEqual(completeAt([WORKSPACE, grant('  to: [{group: "", kind: Service, name: $0}]')]).labels, [
      'orders',
    ]);
  });
});

describe('Gateway API: hover', () => {
  it('shows which listener a parentRef attaches to', () => {
    const h = hoverAt(at(FULL_ROUTE, 'public\n'));
    assert.ok(h, 'hover');
    assert.match(h.contents, /\*\*Gateway\*\* `infra\/public`/);
    assert.match(h.contents, /This route attaches to listener `https`\./);
  });

  it('shows the ReferenceGrant that admits a cross-namespace backendRef', () => {
    const h = hoverAt(at(FULL_ROUTE, 'orders, namespace'));
    assert.ok(h, 'hover');
    assert.match(h.contents, /\*\*Service\*\* `backend\/orders` · ports 9090 \(grpc\)/);
    assert.match(h.contents, /Admitted by ReferenceGrant `backend\/shop-routes`/);
  });

  it('shows the ambient waypoint of a backend Service', () => {
    const h = hoverAt(at(FULL_ROUTE, 'web-canary'));
    assert.match(
      h?.contents ?? '',
      /Ambient: uses waypoint `shop\/waypoint` \(istio\.io\/use-waypoint on its Namespace\)/,
    );
  });
});

describe('Gateway API: navigation', () => {
  function defs(parts: string[]): string[] {
    const f = featureFixture(parts);
    return describeLocations(f.fixture.files, definition(f.fc, f.file, f.offset));
  }

  it('goes from a parentRef to the Gateway, a sectionName to the listener, a backendRef to the Service', () => {
    assert.deepStrictEqual(defs(at(FULL_ROUTE, 'public\n')), ['infra/gateway.yaml:3 public']);
    assert.deepStrictEqual(defs(at(FULL_ROUTE, 'https\n')), ['infra/gateway.yaml:12 https']);
    assert.deepStrictEqual(defs(at(FULL_ROUTE, 'orders, namespace')), ['backend/services.yaml:3 orders']);
  });

  it('goes from an istio.io/use-waypoint label to the waypoint', () => {
    const f = featureFixture([
      WORKSPACE.replace('istio.io/use-waypoint: waypoint', 'istio.io/use-waypoint: way$0point'),
    ]);
    assert.deepStrictEqual(describeLocations(f.fixture.files, definition(f.fc, f.file, f.offset)), [
      'shop/waypoint.yaml:3 waypoint',
    ]);
  });

  it('finds the references of a Gateway, a listener and a Service across files', () => {
    const gw = featureFixture([WORKSPACE.replace('{name: public,', '{name: pub$0lic,'), FULL_ROUTE]);
    assert.deepStrictEqual(describeLocations(gw.fixture.files, references(gw.fc, gw.file, gw.offset, false)), [
      'shop/route.yaml:7 public',
    ]);
    const svc = featureFixture([WORKSPACE.replace('{name: orders,', '{name: ord$0ers,'), FULL_ROUTE]);
    assert.deepStrictEqual(describeLocations(svc.fixture.files, references(svc.fc, svc.file, svc.offset, false)), [
      'backend/services.yaml:11 orders',
      'shop/route.yaml:16 orders',
    ]);
  });

  it('renames a listener and its sectionNames, a Gateway and its parentRefs, a Service and its backendRefs', () => {
    const renameAt = (parts: string[], newName: string) => {
      const f = featureFixture(parts);
      const result = rename(f.fc, f.file, f.offset, newName);
      if ('error' in result) assert.fail(result.error);
      return applyFileEdits(f.fixture.files, result.edits);
    };
    const listener = renameAt(at(FULL_ROUTE, 'https\n'), 'secure');
    assert.match(listener.get(`${WS}/infra/gateway.yaml`) ?? '', /- name: secure\n/);
    assert.match(listener.get(`${WS}/shop/route.yaml`) ?? '', /sectionName: secure\n/);
    const gateway = renameAt(at(FULL_ROUTE, 'public\n'), 'edge');
    assert.match(gateway.get(`${WS}/infra/gateway.yaml`) ?? '', /metadata: \{name: edge, namespace: infra\}/);
    assert.match(gateway.get(`${WS}/shop/route.yaml`) ?? '', /- name: edge\n/);
    const service = renameAt(at(FULL_ROUTE, 'orders, namespace'), 'orders-v2');
    assert.match(service.get(`${WS}/backend/services.yaml`) ?? '', /metadata: \{name: orders-v2, namespace: backend\}/);
    assert.match(service.get(`${WS}/backend/services.yaml`) ?? '', /kind: Service, name: orders-v2\}/);
    assert.match(service.get(`${WS}/shop/route.yaml`) ?? '', /\{name: orders-v2, namespace: backend/);
  });

  it('prepares the rename of a Service from a backendRef with its name as placeholder', () => {
    const f = featureFixture(at(FULL_ROUTE, 'orders, namespace'));
    const prepared = prepareRename(f.fc, f.file, f.offset);
    assert.ok(!('error' in prepared), JSON.stringify(prepared));
    assert.strictEqual(prepared.placeholder, 'orders');
  });

  it('counts the users of a Gateway API Gateway in a code lens', () => {
    const f = featureFixture([WORKSPACE, FULL_ROUTE]);
    const lenses = codeLenses(f.fc, `${WS}/shop/waypoint.yaml`);
    assert.deepStrictEqual(
      lenses.map(l => l.title),
      ['used by 1 resource'],
    );
  });
});

describe('Gateway API: document symbols', () => {
  function outline(symbols: readonly OutlineSymbol[], depth = 0): string[] {
    return symbols.flatMap(s => [
      `${'  '.repeat(depth)}${s.kind} ${s.name}${s.detail ? ` — ${s.detail}` : ''}`,
      ...outline(s.children, depth + 1),
    ]);
  }

  it('lists listeners, parentRefs, hostnames, rules and weighted backends', () => {
    const f = featureFixture([WORKSPACE, FULL_ROUTE]);
    const route = `${WS}/shop/route.yaml`;
    assert.deepStrictEqual(outline(documentSymbols(f.fc, route, f.fixture.files.get(route) ?? '')), [
      'resource HTTPRoute shop/web — gateway.networking.k8s.io/v1',
      '  gateway infra/public — Gateway https',
      '  host shop.example.com',
      '  route rules[0]',
      '    destination web:80 — weight 90',
      '    destination web-canary:80 — weight 10',
      '  route rules[1] — path PathPrefix /orders',
      '    destination orders:9090',
    ]);
    const gw = `${WS}/infra/gateway.yaml`;
    assert.deepStrictEqual(outline(documentSymbols(f.fc, gw, f.fixture.files.get(gw) ?? '')), [
      'resource Gateway infra/public — gateway.networking.k8s.io/v1',
      '  server http — HTTP 80 *.example.com',
      '  server https — HTTPS 443 shop.example.com',
    ]);
  });
});
