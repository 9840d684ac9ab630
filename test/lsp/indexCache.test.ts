import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { LspTestClient } from './lspClient';

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
    - destination: {host: reviews, subset: v2}
`;
const DR = (subsets: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews}
spec:
  host: reviews
  subsets: [${subsets}]
`;

describe('index cache over stdio (initializationOptions.cacheDirectory)', function () {
  this.timeout(60000);
  let dir: string;
  let ws: string;
  let storage: string;
  const clients: LspTestClient[] = [];

  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'istio-ls-lspcache-')));
    ws = path.join(dir, 'ws');
    storage = path.join(dir, 'storage');
    fs.mkdirSync(ws);
    write('vs.yaml', VS, 2);
    write('dr.yaml', DR('{name: v1, labels: {version: v1}}'), 2);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Writes a file last modified `hoursAgo` (outside the cache's racy window). */
  const write = (name: string, text: string, hoursAgo: number) => {
    fs.writeFileSync(path.join(ws, name), text);
    const when = new Date(Date.now() - hoursAgo * 3600_000);
    fs.utimesSync(path.join(ws, name), when, when);
  };

  async function start(cacheDirectory?: string): Promise<LspTestClient> {
    const client = new LspTestClient();
    clients.push(client);
    client.initializationOptions = cacheDirectory ? { cacheDirectory } : undefined;
    await client.initialize(ws);
    return client;
  }

  const published = (client: LspTestClient) =>
    Object.fromEntries(
      ['vs.yaml', 'dr.yaml'].map(f => [f, client.diagnosticsOf(path.join(ws, f)).map(d => [d.code, d.message])]),
    );

  it('is written after ready, and a restart on it publishes what a start without it does', async () => {
    const first = await start(storage);
    const cacheFile = path.join(storage, 'index-cache.bin');
    for (let i = 0; i < 200 && !fs.existsSync(cacheFile); i++) await new Promise(r => setTimeout(r, 100));
    assert.ok(fs.existsSync(cacheFile), 'the cache was written');
    const before = published(first);
    assert.strictEqual(first.diagnosticsOf(path.join(ws, 'vs.yaml'), 'subset-not-found').length, 1);

    write('dr.yaml', DR('{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}'), 1);
    const warm = published(await start(storage));
    const fresh = published(await start());
    assert.notDeepStrictEqual(fresh, before);
    assert.deepStrictEqual(warm, fresh);
  });

  it('a reopen with nothing changed publishes the saved diagnostics, and a hover right after "ready" answers from the loaded index', async () => {
    await start(storage);
    const saved = path.join(storage, 'published-diagnostics.jsonl');
    for (let i = 0; i < 200 && !fs.existsSync(saved); i++) await new Promise(r => setTimeout(r, 100));
    assert.ok(fs.existsSync(saved), 'the diagnostics were saved with the cache');
    const hoverOn = (client: LspTestClient) =>
      client.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: pathToFileURL(path.join(ws, 'vs.yaml')).href },
        position: { line: 7, character: 41 },
      });
    const warm = await start(storage);
    const warmHover = await hoverOn(warm);
    const fresh = await start();
    assert.deepStrictEqual(published(warm), published(fresh));
    assert.deepStrictEqual(
      warm.statuses.find(s => s.state === 'ready'),
      fresh.statuses.find(s => s.state === 'ready'),
    );
    assert.ok(warmHover, 'the hover has an answer');
    assert.deepStrictEqual(warmHover, await hoverOn(fresh));
  });
});
