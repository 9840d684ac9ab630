import * as assert from 'assert';
import { workspaceSymbols } from '../../../server/src/core/features/workspaceSymbols';
import { providedKeys } from '../../../server/src/core/index/keys';
import { analyzeFixture } from '../../harness/analyze';
import { parseFixture } from '../../harness/fixture';

const vs = (name: string, gateway: string, host: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: shop}
spec:
  hosts: [${name}.example.com]
  gateways: [${gateway}]
  http:
  - match: [{gateways: [${gateway}]}]
    route: [{destination: {host: ${host}}}, {destination: {host: ${host}, subset: v2}}]
`;

describe('reverse tables: routes by destination host, VirtualServices by Gateway', () => {
  it('are kept in step with edits and deletions, each VirtualService listed once', () => {
    const analyzer = analyzeFixture(
      parseFixture(
        `#- a.yaml\n${vs('a', 'ingress/public', 'reviews')}\n#- b.yaml\n${vs('b', 'public', 'reviews.shop.svc.cluster.local')}`,
      ),
    );
    const lookup = () => analyzer.index.lookup();
    const names = (list: { name?: string }[]) => list.map(r => r.name).join(',');
    assert.strictEqual(names(lookup().virtualServicesRoutingTo('reviews.shop.svc.cluster.local')), 'a,b');
    assert.strictEqual(names(lookup().virtualServicesBoundTo('ingress', 'public')), 'a');
    assert.strictEqual(names(lookup().virtualServicesBoundTo('shop', 'public')), 'b');

    analyzer.update([{ file: '/ws/a.yaml', text: vs('a', 'shop/public', 'ratings') }]);
    assert.strictEqual(names(lookup().virtualServicesRoutingTo('reviews.shop.svc.cluster.local')), 'b');
    assert.strictEqual(names(lookup().virtualServicesRoutingTo('ratings.shop.svc.cluster.local')), 'a');
    assert.strictEqual(names(lookup().virtualServicesBoundTo('ingress', 'public')), '');
    assert.strictEqual(names(lookup().virtualServicesBoundTo('shop', 'public')), 'a,b');

    analyzer.update([
      { file: '/ws/a.yaml', deleted: true },
      { file: '/ws/b.yaml', deleted: true },
    ]);
    assert.strictEqual(analyzer.index.tables.vsByDestination.size, 0);
    assert.strictEqual(analyzer.index.tables.vsByGateway.size, 0);
  });

  it('a lookup through them records keys the VirtualService provides, so rules using them are re-run', () => {
    const analyzer = analyzeFixture(parseFixture(`#- a.yaml\n${vs('a', 'ingress/public', 'reviews')}`));
    const read: string[] = [];
    const lookup = analyzer.index.lookup(k => read.push(k));
    lookup.virtualServicesBoundTo('ingress', 'public');
    lookup.virtualServicesRoutingTo('reviews.shop.svc.cluster.local');
    const provided = providedKeys(analyzer.index.resource('/ws/a.yaml#0')!);
    assert.deepStrictEqual(
      read.filter(k => !provided.includes(k)),
      [],
    );
  });

  it('workspace symbols follow the index', () => {
    const analyzer = analyzeFixture(parseFixture(`#- a.yaml\n${vs('alpha', 'mesh', 'reviews')}`));
    assert.deepStrictEqual(
      workspaceSymbols(analyzer.index, 'alpha').map(s => s.name),
      ['VirtualService shop/alpha'],
    );
    analyzer.update([{ file: '/ws/a.yaml', text: vs('beta', 'mesh', 'reviews') }]);
    assert.deepStrictEqual(
      workspaceSymbols(analyzer.index, 'alpha').map(s => s.name),
      [],
    );
    assert.deepStrictEqual(
      workspaceSymbols(analyzer.index, 'beta').map(s => s.name),
      ['VirtualService shop/beta'],
    );
  });
});
