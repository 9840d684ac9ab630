import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../server/src/cli';
import { fileUri, LspTestClient } from '../lsp/lspClient';
import { billionLaughs, longHelmLine, manyDocuments, mergeKeyChain, suppressionComments } from './generators';

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  http:
  - route:
    - destination:
        host: reviews
        subset: v3
`;
const DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  subsets:
  - name: v1
    labels: {version: v1}
`;

/**
 * The hostile-input suite through the real server over stdio and through the CLI: a workspace
 * holding every hostile case is indexed to the end, and the server answers a hover in another
 * file within 100 ms while hostile documents are being analysed.
 */
describe('hostile input: a workspace holding every case', function () {
  this.timeout(180_000);
  let dir: string;
  const file = (name: string) => path.join(dir, name);

  before(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'istio-ls-hostile-')));
    fs.mkdirSync(file('chart/templates'), { recursive: true });
    fs.writeFileSync(file('vs.yaml'), VS);
    fs.writeFileSync(file('dr.yaml'), DR);
    fs.writeFileSync(file('merge.yaml'), mergeKeyChain(16, 4));
    fs.writeFileSync(file('laughs.yaml'), billionLaughs(9, 9));
    fs.writeFileSync(file('many.yaml'), manyDocuments(10_000)); // 40,000: test/hostile/hostile.test.ts
    fs.writeFileSync(file('chart/templates/vs.yaml'), longHelmLine(200_000));
    fs.writeFileSync(file('comments.yaml'), suppressionComments(40_000, 1));
    const fd = fs.openSync(file('huge.yaml'), 'w');
    fs.writeSync(fd, 'apiVersion: networking.istio.io/v1\n');
    fs.ftruncateSync(fd, 1536 * 1024 * 1024); // sparse: 1.5 GB to readers, no disk space
    fs.closeSync(fd);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the server indexes it to the end and reports what it skipped', async () => {
    const client = new LspTestClient();
    try {
      await client.initialize(dir, 120_000);
      const subset = await client.until(
        () => client.diagnosticsOf(file('vs.yaml'), 'subset-not-found')[0],
        'the cross-file finding of the ordinary files',
      );
      assert.match(String(subset.message), /Subset "v3" is not defined/);
      assert.deepStrictEqual(
        client.diagnosticsOf(file('huge.yaml')).map(d => d.message),
        ['File not analysed: it is 1536.0 MB, over the 5 MB limit for analysis.'],
      );
      assert.deepStrictEqual(
        client.diagnosticsOf(file('merge.yaml')).map(d => d.code),
        ['yaml-syntax'],
      );
      assert.deepStrictEqual(
        client.diagnosticsOf(file('laughs.yaml')).map(d => d.code),
        ['yaml-syntax'],
      );
      const stats = (await client.connection.sendRequest('istio/stats', {})) as { resources: number };
      assert.ok(stats.resources > 10_000, `${stats.resources} resources`);
    } finally {
      await client.dispose();
    }
  });

  it('hover in another file answers within 100 ms of opening hostile documents, and quickly while they are analysed', async function () {
    // Timing on a shared machine: a scheduling hiccup may push one hover over; a main thread busy
    // with a hostile document (what this guards against) fails every attempt.
    this.retries(2);
    const client = new LspTestClient();
    try {
      await client.initialize(dir, 120_000);
      await client.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: fileUri(file('vs.yaml')), languageId: 'yaml', version: 1, text: VS },
      });
      const hover = async () => {
        const started = performance.now();
        const result = (await client.connection.sendRequest('textDocument/hover', {
          textDocument: { uri: fileUri(file('vs.yaml')) },
          position: { line: 9, character: 16 },
        })) as { contents: { value: string } } | null;
        assert.ok(result && /reviews/.test(result.contents.value), JSON.stringify(result));
        return performance.now() - started;
      };
      await hover(); // the first hover compiles its code paths: not what is measured
      // Unsaved documents (never on disk), so their findings appear only once they are analysed.
      const opened = performance.now();
      const hostile = {
        'open-merge.yaml': mergeKeyChain(16, 4),
        'open-helm/templates/vs.yaml': longHelmLine(200_000),
        // v1beta1: a finding (deprecated-api-version) that shows when the document has been analysed.
        'open-comments.yaml': suppressionComments(40_000, 1).replace('istio.io/v1\n', 'istio.io/v1beta1\n'),
      };
      for (const [name, text] of Object.entries(hostile))
        await client.connection.sendNotification('textDocument/didOpen', {
          textDocument: { uri: fileUri(file(name)), languageId: 'yaml', version: 1, text },
        });
      const analysed = () => client.diagnosticsOf(file('open-comments.yaml'), 'deprecated-api-version').length > 0;
      // The hover asked right after the documents were opened is the one a main thread analysing
      // them would hold up (the merge-key chain once held it for 3.5 s): it must answer within
      // 100 ms. Those asked while the documents are analysed, and their results indexed, must not
      // wait long either (500 ms: room for a busy machine's scheduling, not for a file's analysis).
      const first = await hover();
      const times: number[] = [];
      let afterDebounce = 0;
      while (!analysed()) {
        times.push(await hover());
        if (performance.now() - opened > 400) afterDebounce++;
        await new Promise(resolve => setTimeout(resolve, 25));
        assert.ok(performance.now() - opened < 60_000, 'the open documents were never analysed');
      }
      const all = `(first: ${first.toFixed(0)}; then: ${times.map(t => t.toFixed(0)).join(', ')})`;
      assert.ok(first < 100, `the hover right after opening took ${first.toFixed(0)} ms ${all}`);
      assert.ok(times.length >= 3, `only ${times.length} hovers before the analysis ended`);
      assert.ok(
        Math.max(...times) < 500,
        `a hover during the analysis took ${Math.max(...times).toFixed(0)} ms ${all}`,
      );
      // The large documents were analysed off the main thread, and their findings do arrive.
      assert.ok(afterDebounce > 0, 'no hover was asked once the analysis had started');
      await client.until(
        () => client.diagnosticsOf(file('open-merge.yaml'), 'yaml-syntax').length > 0,
        'the small hostile document to be analysed',
      );
    } finally {
      await client.dispose();
    }
  });

  it('the CLI checks it to the end', async () => {
    let out = '';
    const code = await main(
      ['check', dir, '--format', 'json'],
      s => {
        out += s;
      },
      () => undefined,
    );
    assert.strictEqual(code, 1);
    const findings = JSON.parse(out) as { file: string; rule: string }[];
    const rules = (name: string) => findings.filter(f => f.file.endsWith(`/${name}`)).map(f => f.rule);
    assert.deepStrictEqual(rules('huge.yaml'), ['file-skipped']);
    assert.ok(rules('vs.yaml').includes('subset-not-found'));
  });
});
