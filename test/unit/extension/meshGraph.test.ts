import * as assert from 'assert';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH } from '../../../client/src/meshGraph/layout';
import { renderSvg } from '../../../client/src/meshGraph/render';
import type { MeshGraph } from '../../../client/src/protocol';

const GRAPH: MeshGraph = {
  nodes: [
    {
      id: 'gw',
      kind: 'Gateway',
      label: 'public',
      namespace: 'istio-system',
      uri: 'file:///w/gw.yaml',
      range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } },
    },
    { id: 'vs', kind: 'VirtualService', label: 'reviews', namespace: 'shop', uri: 'file:///w/vs.yaml' },
    { id: 'h', kind: 'Host', label: 'reviews.shop.svc.cluster.local', namespace: 'shop' },
    { id: 'dr', kind: 'DestinationRule', label: 'reviews', namespace: 'shop', uri: 'file:///w/dr.yaml' },
    { id: 's1', kind: 'Subset', label: 'v1', namespace: 'shop', uri: 'file:///w/dr.yaml' },
    { id: 's3', kind: 'Subset', label: 'v3 <missing>', namespace: 'shop' },
  ],
  edges: [
    { from: 'gw', to: 'vs', kind: 'binds' },
    { from: 'vs', to: 'h', kind: 'routes' },
    { from: 'h', to: 'dr', kind: 'appliesTo' },
    { from: 'dr', to: 's1', kind: 'subset' },
    { from: 'vs', to: 's3', kind: 'subset', broken: true, reason: 'Subset "v3" is not defined' },
    { from: 'vs', to: 'nowhere', kind: 'routes' },
  ],
};

describe('mesh graph', () => {
  const layout = layoutGraph(GRAPH);

  it('puts kinds in traffic order, one column each, and namespaces in bands (root namespace first)', () => {
    const x = (id: string) => layout.nodes.find(n => n.id === id)!.x;
    assert.ok(x('gw') < x('vs') && x('vs') < x('h') && x('h') < x('dr') && x('dr') < x('s1'));
    assert.strictEqual(x('s1'), x('s3'));
    assert.deepStrictEqual(
      layout.bands.map(b => b.namespace),
      ['istio-system', 'shop'],
    );
    assert.deepStrictEqual(
      layout.columns.map(c => c.title),
      ['Gateways', 'VirtualServices', 'Hosts', 'DestinationRules', 'Subsets'],
    );
  });

  it('never overlaps two nodes and keeps every node inside the picture', () => {
    for (const a of layout.nodes) {
      assert.ok(a.x >= 0 && a.y >= 0 && a.x + NODE_WIDTH <= layout.width && a.y + NODE_HEIGHT <= layout.height, a.id);
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart =
          a.x + NODE_WIDTH <= b.x || b.x + NODE_WIDTH <= a.x || a.y + NODE_HEIGHT <= b.y || b.y + NODE_HEIGHT <= a.y;
        assert.ok(apart, `${a.id} overlaps ${b.id}`);
      }
    }
  });

  it('drops edges to unknown nodes and draws broken ones in red with their reason', () => {
    assert.strictEqual(layout.edges.length, 5);
    const svg = renderSvg(layout);
    assert.strictEqual((svg.match(/class="edge broken"/g) ?? []).length, 1);
    assert.match(svg, /<title>subset: Subset &#34;v3&#34; is not defined<\/title>/);
    assert.match(svg, /v3 &#60;missing&#62;/, 'labels are escaped');
    assert.match(svg, /class="node kind-Gateway linked" data-id="gw"/);
    assert.match(svg, /class="node kind-Host unresolved" data-id="h"/);
  });

  it('draws an empty graph without failing', () => {
    const empty = layoutGraph({ nodes: [], edges: [] });
    assert.strictEqual(empty.nodes.length, 0);
    assert.match(renderSvg(empty), /^<svg/);
  });
});
