import * as assert from 'assert';
import { documentSymbols, type OutlineSymbol } from '../../../server/src/core/features/documentSymbols';
import { workspaceSymbols } from '../../../server/src/core/features/workspaceSymbols';
import { featureFixture } from '../../harness/features';
import { WS } from '../../harness/fixture';

function outline(symbols: readonly OutlineSymbol[], depth = 0): string[] {
  return symbols.flatMap(s => [
    `${'  '.repeat(depth)}${s.kind} ${s.name}${s.detail ? ` — ${s.detail}` : ''}`,
    ...outline(s.children, depth + 1),
  ]);
}

const FILES = `
  #- mesh.yaml
  apiVersion: networking.istio.io/v1
  kind: VirtualService
  metadata: {name: reviews, namespace: shop}
  spec:
    hosts: [reviews]
    gateways: [mesh]
    http:
    - name: canary
      match: [{uri: {prefix: /api}}]
      route:
      - destination: {host: reviews, subset: v2}
        weight: 10
      - destination: {host: reviews, subset: v1}
        weight: 90
    - route: [{destination: {host: reviews}}]
      mirror: {host: shadow}
    tcp:
    - match: [{port: 27017}]
      route: [{destination: {host: mongo}}]
  ---
  apiVersion: networking.istio.io/v1
  kind: DestinationRule
  metadata: {name: reviews}
  spec:
    host: reviews
    subsets:
    - name: v1
      labels: {version: v1}
  ---
  apiVersion: networking.istio.io/v1
  kind: Gateway
  metadata: {name: public, namespace: ingress}
  spec:
    selector: {istio: ingressgateway}
    servers:
    - port: {number: 443, name: https, protocol: HTTPS}
      hosts: [shop.example.com]
  ---
  apiVersion: v1
  kind: ConfigMap
  metadata: {name: settings, namespace: shop}
  #- other.yaml
  apiVersion: v1
  kind: Service
  metadata: {name: reviews-db, namespace: data}
  spec: {ports: [{port: 5432, name: tcp-postgres}]}
`;

describe('symbols', () => {
  it('outline: one entry per resource, Kind namespace/name, with hosts, routes, subsets, servers', () => {
    const f = featureFixture([FILES]);
    const file = `${WS}/mesh.yaml`;
    assert.deepStrictEqual(outline(documentSymbols(f.fc, file, f.fixture.files.get(file) ?? '')), [
      'resource VirtualService shop/reviews — networking.istio.io/v1',
      '  host reviews',
      '  gateway mesh',
      '  route canary — uri prefix /api',
      '    destination reviews (v2) — weight 10',
      '    destination reviews (v1) — weight 90',
      '  route http[1]',
      '    destination reviews',
      '    destination shadow — mirror',
      '  route tcp[0] — port 27017',
      '    destination mongo',
      'resource DestinationRule default/reviews — networking.istio.io/v1',
      '  host reviews',
      '  subset v1 — version=v1',
      'resource Gateway ingress/public — networking.istio.io/v1',
      '  server HTTPS 443 — https',
      '    host shop.example.com',
      'resource ConfigMap shop/settings',
    ]);
  });

  it('outline ranges nest: every child inside its parent, the selection inside the entry', () => {
    const f = featureFixture([FILES]);
    const file = `${WS}/mesh.yaml`;
    const check = (s: OutlineSymbol, parent?: OutlineSymbol) => {
      assert.ok(s.span.start <= s.selectionSpan.start && s.selectionSpan.end <= s.span.end, s.name);
      if (parent)
        assert.ok(parent.span.start <= s.span.start && s.span.end <= parent.span.end, `${s.name} in ${parent.name}`);
      s.children.forEach(c => check(c, s));
    };
    documentSymbols(f.fc, file, f.fixture.files.get(file) ?? '').forEach(s => check(s));
  });

  it('workspace symbols: matches by name first, then by label, then by characters in order', () => {
    const f = featureFixture([FILES]);
    const names = (q: string) => workspaceSymbols(f.fc.index, q).map(s => s.name);
    assert.deepStrictEqual(names('reviews'), [
      'DestinationRule default/reviews',
      'VirtualService shop/reviews',
      'Service data/reviews-db',
    ]);
    assert.deepStrictEqual(names('ingress/'), ['Gateway ingress/public']);
    assert.deepStrictEqual(names('gw pub'), ['Gateway ingress/public']);
    assert.deepStrictEqual(names('zzz'), []);
    assert.strictEqual(workspaceSymbols(f.fc.index, '', 2).length, 2);
  });
});
