import * as assert from 'assert';
import * as vscode from 'vscode';
import type { MeshGraphRendered, MeshGraphShown, MeshGraphState } from '../../../client/src/meshGraph/panel';
import { activated, closeAll, fileUri } from '../helpers';

/** What the webview drew, as its script reported it (the DOM of a webview is out of the tests' reach). */
async function rendered(timeoutMs = 15000): Promise<MeshGraphRendered> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await vscode.commands.executeCommand<MeshGraphState>('istio.meshGraph.state');
    if (state.rendered) return state.rendered;
    if (Date.now() > deadline) throw new Error('the mesh graph page never reported what it drew');
    await new Promise(r => setTimeout(r, 100));
  }
}

async function control(c: unknown): Promise<MeshGraphRendered> {
  const r = await vscode.commands.executeCommand<MeshGraphRendered | undefined>('istio.meshGraph.control', c);
  assert.ok(r, `the page redrew after ${JSON.stringify(c)}`);
  return r;
}

describe('mesh graph', () => {
  before(activated);
  after(closeAll);

  it('opens and draws routes to subsets with weights and matches, and Gateway API objects', async () => {
    const shown = await vscode.commands.executeCommand<MeshGraphShown>('istio.showMeshGraph');
    assert.ok(shown.panel.visible);
    const drawn = await rendered();
    for (const id of [
      'VirtualService:bookinfo/reviews',
      'DestinationRule:bookinfo/reviews',
      'Subset:bookinfo/reviews/v1',
      'KubeGateway:bookinfo/bookinfo-web',
      'HTTPRoute:bookinfo/productpage',
      'Host:productpage.bookinfo.svc.cluster.local',
    ])
      assert.ok(drawn.nodes.includes(id), `${id} drawn; have ${drawn.nodes.join(', ')}`);
    // (An earlier suite's quick-fix may have sent the header route to v1 too: look for the weighted one.)
    const toV1 = shown.graph.edges.filter(
      e => e.from === 'VirtualService:bookinfo/reviews' && e.to === 'Subset:bookinfo/reviews/v1',
    );
    assert.ok(
      toV1.some(e => e.weight === 80),
      JSON.stringify(toV1),
    );
    const labels = drawn.labels.join('\n');
    for (const text of ['80%', '20%', 'header end-user = jason'])
      assert.ok(labels.includes(text), `${text} in ${labels}`);
    const subset = shown.graph.nodes.find(n => n.id === 'Subset:bookinfo/reviews/v1');
    assert.strictEqual(subset?.parent, 'DestinationRule:bookinfo/reviews');
    assert.ok(drawn.edges > 0);
  });

  it('filters by namespace and by host, and back', async () => {
    const all = await rendered();
    const teamB = await control({ filter: { namespace: 'team-b' } });
    assert.ok(teamB.nodes.includes('DestinationRule:team-b/ratings'), teamB.nodes.join(', '));
    assert.ok(!teamB.nodes.includes('VirtualService:bookinfo/reviews'), teamB.nodes.join(', '));
    assert.ok(teamB.nodes.length < all.nodes.length);
    const productpage = await control({ filter: { host: 'productpage' } });
    assert.ok(productpage.nodes.includes('HTTPRoute:bookinfo/productpage'), productpage.nodes.join(', '));
    assert.ok(productpage.nodes.includes('KubeGateway:bookinfo/bookinfo-web'), 'upstream Gateway kept');
    assert.ok(!productpage.nodes.includes('Subset:bookinfo/reviews/v1'), productpage.nodes.join(', '));
    const state = await vscode.commands.executeCommand<MeshGraphState>('istio.meshGraph.state');
    assert.deepStrictEqual(state.filter, { host: 'productpage' });
    const back = await control({ filter: {} });
    assert.strictEqual(back.nodes.length, all.nodes.length);
  });

  it('searches, zooms and opens a node in its file', async () => {
    const found = await control({ search: 'reviews' });
    assert.ok(found.matches.includes('VirtualService:bookinfo/reviews'), found.matches.join(', '));
    assert.ok(!found.matches.includes('HTTPRoute:bookinfo/productpage'));
    const zoomed = await control({ zoom: 2 });
    assert.strictEqual(zoomed.zoom, 2);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>(
      'istio.meshGraph.open',
      'Subset:bookinfo/reviews/v1',
    );
    assert.strictEqual(editor?.document.uri.toString(), fileUri('mesh', 'destination-rules.yaml').toString());
    assert.strictEqual(editor?.document.getText(editor.selection), 'v1');
  });
});
