import * as assert from 'assert';
import { filterGraph, namespacesOf } from '../../../client/src/meshGraph/filter';
import { layoutGraph, trafficLines } from '../../../client/src/meshGraph/layout';
import { renderPage } from '../../../client/src/meshGraph/page';
import { middleTruncate, renderSvg } from '../../../client/src/meshGraph/render';
import type { MeshGraph } from '../../../client/src/protocol';

const FILE = (name: string) => ({
  uri: `file:///w/${name}`,
  range: { start: { line: 3, character: 8 }, end: { line: 3, character: 15 } },
});

const GRAPH: MeshGraph = {
  nodes: [
    { id: 'gw', kind: 'Gateway', label: 'public', namespace: 'istio-system', ...FILE('gw.yaml') },
    {
      id: 'vs',
      kind: 'VirtualService',
      label: 'reviews',
      namespace: 'shop',
      detail: 'reviews',
      ...FILE('vs.yaml'),
      locations: [FILE('vs.yaml'), FILE('overlays/prod/vs.yaml')],
    },
    { id: 'h', kind: 'Host', label: 'reviews.shop.svc.cluster.local', namespace: 'shop' },
    {
      id: 'dr',
      kind: 'DestinationRule',
      label: 'reviews',
      namespace: 'shop',
      detail: 'reviews.shop.svc.cluster.local',
      ...FILE('dr.yaml'),
    },
    { id: 's1', kind: 'Subset', label: 'v1', namespace: 'shop', parent: 'dr', ...FILE('dr.yaml') },
    { id: 's2', kind: 'Subset', label: 'v2', namespace: 'shop', parent: 'dr', ...FILE('dr.yaml') },
    { id: 's3', kind: 'Subset', label: 'v3 <missing>', namespace: 'shop' },
    { id: 'svc', kind: 'Service', label: 'reviews', namespace: 'shop', ...FILE('svc.yaml') },
    {
      id: 'other',
      kind: 'VirtualService',
      label: 'ratings',
      namespace: 'team-b',
      detail: 'ratings',
      ...FILE('r.yaml'),
    },
    { id: 'rh', kind: 'Host', label: 'ratings.team-b.svc.cluster.local', namespace: 'team-b' },
  ],
  edges: [
    { from: 'gw', to: 'vs', kind: 'binds' },
    { from: 'vs', to: 's1', kind: 'routes', weight: 90 },
    { from: 'vs', to: 's2', kind: 'routes', weight: 10 },
    { from: 'vs', to: 's2', kind: 'routes', match: ['header end-user = jason'] },
    { from: 'vs', to: 's3', kind: 'routes', broken: true, reason: 'Subset "v3" is not defined' },
    { from: 'dr', to: 'h', kind: 'appliesTo' },
    { from: 'dr', to: 's1', kind: 'defines' },
    { from: 'dr', to: 's2', kind: 'defines' },
    { from: 'h', to: 'svc', kind: 'definedBy' },
    { from: 'other', to: 'rh', kind: 'routes' },
    { from: 'vs', to: 'nowhere', kind: 'routes' },
  ],
};

describe('mesh graph view', () => {
  const layout = layoutGraph(GRAPH);
  const at = (id: string) => layout.nodes.find(n => n.id === id)!;

  it('puts kinds in traffic order and namespaces in bands (root namespace first)', () => {
    assert.ok(at('gw').x < at('vs').x && at('vs').x < at('dr').x && at('dr').x < at('svc').x);
    assert.strictEqual(at('h').x, at('dr').x, 'hosts and DestinationRules are both destinations');
    assert.deepStrictEqual(
      layout.bands.map(b => b.namespace),
      ['istio-system', 'shop', 'team-b'],
    );
    assert.deepStrictEqual(
      layout.columns.map(c => c.title),
      ['Gateways', 'Routes', 'Destinations', 'Services'],
    );
    // The namespace the user filtered on comes first.
    assert.deepStrictEqual(
      layoutGraph(GRAPH, { firstNamespace: 'team-b' }).bands.map(b => b.namespace),
      ['team-b', 'istio-system', 'shop'],
    );
  });

  it('draws subsets inside their DestinationRule box', () => {
    const box = at('dr');
    for (const id of ['s1', 's2']) {
      const s = at(id);
      assert.ok(
        s.x > box.x && s.x + s.width < box.x + box.width && s.y > box.y && s.y + s.height < box.y + box.height,
        `${id} inside the box`,
      );
    }
    assert.ok(at('s3').x === box.x && (at('s3').y >= box.y + box.height || at('s3').y + at('s3').height <= box.y));
  });

  it('never overlaps two boxes (other than a subset in its rule) and keeps every box inside the picture', () => {
    for (const a of layout.nodes) {
      assert.ok(a.x >= 0 && a.y >= 0 && a.x + a.width <= layout.width && a.y + a.height <= layout.height, a.id);
      for (const b of layout.nodes) {
        if (a === b || a.parent === b.id || b.parent === a.id) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        assert.ok(apart, `${a.id} overlaps ${b.id}`);
      }
    }
  });

  it('one line per pair of nodes, carrying the weights and matches of every route on it', () => {
    const line = (from: string, to: string) => layout.edges.filter(e => e.from === from && e.to === to);
    assert.strictEqual(line('vs', 's2').length, 1);
    assert.deepStrictEqual(line('vs', 's2')[0].labels, ['10%', 'header end-user = jason']);
    assert.deepStrictEqual(line('vs', 's1')[0].labels, ['90%']);
    assert.strictEqual(line('vs', 'nowhere').length, 0, 'edges to unknown nodes are dropped');
    assert.strictEqual(line('dr', 's1').length, 0, 'containment is drawn, not an edge');
    assert.deepStrictEqual(
      trafficLines({ from: 'a', to: 'b', kind: 'routes', mirror: true, weight: 5, match: ['uri = /a'] }),
      ['mirror 5% · uri = /a'],
    );
    assert.deepStrictEqual(trafficLines({ from: 'a', to: 'b', kind: 'routes', match: ['1', '2', '3', '4', '5'] }), [
      '1',
      '2',
      '3',
      '+2 more matches',
    ]);
  });

  it('renders labels, tooltips with full names and files, broken edges in red, every box focusable', () => {
    const svg = renderSvg(layout, { describeUri: u => u.replace('file:///w/', '') });
    assert.strictEqual((svg.match(/class="edge kind-routes broken"/g) ?? []).length, 1);
    assert.match(
      svg,
      /<title>routes:\n\n?Subset &#34;v3&#34; is not defined|Subset &#34;v3&#34; is not defined<\/title>/,
    );
    assert.match(svg, /v3 &#60;missing&#62;/, 'labels are escaped');
    assert.match(svg, />10%<\/tspan>/);
    assert.match(svg, /Defined in 2 files:\n {2}vs\.yaml\n {2}overlays\/prod\/vs\.yaml/);
    assert.match(svg, />2 files<\/text>/);
    assert.strictEqual((svg.match(/<g class="node[^"]*"[^>]*tabindex="0"/g) ?? []).length, GRAPH.nodes.length);
    // Tab order follows the picture: columns left to right, top to bottom.
    const order = [...svg.matchAll(/data-id="([^"]+)" data-search/g)].map(m => m[1]);
    assert.ok(order.indexOf('gw') < order.indexOf('vs') && order.indexOf('vs') < order.indexOf('dr'));
    assert.ok(order.indexOf('dr') < order.indexOf('s1'), 'a box before the subsets in it');
  });

  it('cuts long names in the middle, keeping both ends', () => {
    assert.strictEqual(middleTruncate('reviews.default.svc.cluster.local', 20), 'reviews.defa…r.local');
    assert.strictEqual(middleTruncate('short', 20), 'short');
    assert.strictEqual(middleTruncate('reviews.default.svc.cluster.local', 20).length, 20);
  });

  it('filters by namespace (with direct links) and by host (every path through it)', () => {
    assert.deepStrictEqual(namespacesOf(GRAPH), ['istio-system', 'shop', 'team-b']);
    const teamB = filterGraph(GRAPH, { namespace: 'team-b' });
    assert.deepStrictEqual(teamB.nodes.map(n => n.id).sort(), ['other', 'rh']);
    const ratings = filterGraph(GRAPH, { host: 'RATINGS' });
    assert.deepStrictEqual(ratings.nodes.map(n => n.id).sort(), ['other', 'rh']);
    // A host: who routes there (through the subsets of its DestinationRule), and what defines it.
    const reviews = filterGraph(GRAPH, { host: 'reviews.shop.svc' });
    assert.deepStrictEqual(reviews.nodes.map(n => n.id).sort(), ['dr', 'gw', 'h', 's1', 's2', 'svc', 'vs']);
    assert.ok(
      reviews.edges.every(e => reviews.nodes.some(n => n.id === e.from) && reviews.nodes.some(n => n.id === e.to)),
    );
    assert.strictEqual(filterGraph(GRAPH, {}), GRAPH);
    assert.deepStrictEqual(filterGraph(GRAPH, { host: 'nothing-matches' }).nodes, []);
  });

  it('lays out a 200-service namespace as a tall picture of readable boxes, not a shrunken one', () => {
    const nodes: MeshGraph['nodes'][number][] = [];
    const edges: MeshGraph['edges'][number][] = [];
    for (let i = 0; i < 200; i++) {
      nodes.push(
        { id: `vs${i}`, kind: 'VirtualService', label: `svc-${i}`, namespace: 'big' },
        {
          id: `dr${i}`,
          kind: 'DestinationRule',
          label: `svc-${i}`,
          namespace: 'big',
          detail: `svc-${i}.big.svc.cluster.local`,
        },
        { id: `a${i}`, kind: 'Subset', label: 'v1', namespace: 'big', parent: `dr${i}` },
        { id: `b${i}`, kind: 'Subset', label: 'v2', namespace: 'big', parent: `dr${i}` },
        { id: `h${i}`, kind: 'Host', label: `svc-${i}.big.svc.cluster.local`, namespace: 'big' },
      );
      edges.push(
        { from: `vs${i}`, to: `a${i}`, kind: 'routes', weight: 80 },
        { from: `vs${i}`, to: `b${(i * 7) % 200}`, kind: 'routes', weight: 20 },
        { from: `dr${i}`, to: `h${i}`, kind: 'appliesTo' },
      );
    }
    const big = layoutGraph({ nodes, edges });
    assert.strictEqual(big.nodes.length, 1000);
    assert.strictEqual(big.columns.length, 2);
    assert.ok(big.width < 1200, `width ${big.width}: columns do not multiply`);
    assert.ok(big.nodes.every(n => n.width >= 200));
    assert.match(
      renderPage({ svg: renderSvg(big), summary: '', namespaces: ['big'] }, 'n', 'csp'),
      /<main id="viewport"/,
    );
  });

  it('the page is offline: no external resources, one script under the nonce', () => {
    const page = renderPage(
      { svg: renderSvg(layout), summary: 's', namespaces: namespacesOf(GRAPH), namespace: 'shop' },
      'N0NCE',
      'vscode-resource:',
    );
    assert.doesNotMatch(page, /https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    assert.strictEqual((page.match(/<script/g) ?? []).length, 1);
    assert.match(page, /<script nonce="N0NCE">/);
    assert.match(page, /<option value="shop" selected>shop<\/option>/);
    for (const id of ['namespace', 'host', 'search', 'zoom-in', 'zoom-out', 'fit'])
      assert.match(page, new RegExp(`id="${id}"`));
  });

  it('draws an empty graph without failing', () => {
    const empty = layoutGraph({ nodes: [], edges: [] });
    assert.strictEqual(empty.nodes.length, 0);
    assert.match(renderSvg(empty), /^<svg/);
  });
});
