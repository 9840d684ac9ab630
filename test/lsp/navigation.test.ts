import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CodeLens, DocumentSymbol, Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { fileUri, LspTestClient } from './lspClient';

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  gateways: [public]
  http:
  - route:
    - destination:
        host: reviews
        subset: v1
`;
const DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  subsets:
  - name: v1
    labels:
      version: v1
`;
const GW = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: public
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*"]
`;

describe('navigation over stdio', function () {
  this.timeout(30000);
  let dir: string;
  let client: LspTestClient;
  const file = (name: string) => path.join(dir, name);

  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'istio-ls-nav-')));
    fs.writeFileSync(file('vs.yaml'), VS);
    fs.writeFileSync(file('dr.yaml'), DR);
    fs.writeFileSync(file('gw.yaml'), GW);
    // Bad input beside them: the server must index around it and stay up.
    fs.writeFileSync(file('binary.yaml'), Buffer.from([0x61, 0x3a, 0x00, 0xff]));
    fs.writeFileSync(file('latin1.yaml'), Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]));
    fs.writeFileSync(
      file('cyclic.yaml'),
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: &m\n  name: x\n  self: *m\n',
    );
    fs.writeFileSync(
      file('deep.yaml'),
      `apiVersion: networking.istio.io/v1\nkind: EnvoyFilter\nspec: ${'['.repeat(3000)}${']'.repeat(3000)}\n`,
    );
    fs.writeFileSync(
      file('many.yaml'),
      Array.from({ length: 10000 }, (_, i) => `kind: ConfigMap\nmetadata: {name: c${i}}`).join('\n---\n'),
    );
    fs.writeFileSync(file('huge.yaml'), `apiVersion: networking.istio.io/v1\n#${'x'.repeat(5 * 1024 * 1024)}\n`);
    fs.symlinkSync(dir, file('loop'));
    client = new LspTestClient();
    await client.initialize(dir);
    for (const name of ['vs.yaml', 'dr.yaml']) {
      await client.connection.sendNotification('textDocument/didOpen', {
        textDocument: {
          uri: fileUri(file(name)),
          languageId: 'yaml',
          version: 1,
          text: fs.readFileSync(file(name), 'utf8'),
        },
      });
    }
  });

  after(async () => {
    await client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('indexed around bad input, with one clear note for the huge Istio file', async () => {
    const d = await client.until(
      () => client.diagnosticsOf(file('huge.yaml'), 'file-skipped')[0],
      'the huge file note',
    );
    assert.match(String(d.message), /over the 5 MB limit/);
    const stats = (await client.connection.sendRequest('istio/stats', {})) as { resources: number };
    assert.ok(stats.resources >= 3);
  });

  it('goes from a route subset to the DestinationRule subset, and from gateways to the Gateway', async () => {
    const toSubset = (await client.connection.sendRequest('textDocument/definition', {
      textDocument: { uri: fileUri(file('vs.yaml')) },
      position: { line: 11, character: 17 },
    })) as Location[];
    assert.deepStrictEqual(
      toSubset.map(l => [path.basename(new URL(l.uri).pathname), l.range.start.line]),
      [['dr.yaml', 7]],
    );
    const toGateway = (await client.connection.sendRequest('textDocument/definition', {
      textDocument: { uri: fileUri(file('vs.yaml')) },
      position: { line: 6, character: 14 },
    })) as Location[];
    assert.deepStrictEqual(
      toGateway.map(l => path.basename(new URL(l.uri).pathname)),
      ['gw.yaml'],
    );
  });

  it('finds the references of a subset and renames it across files in one edit', async () => {
    const refs = (await client.connection.sendRequest('textDocument/references', {
      textDocument: { uri: fileUri(file('dr.yaml')) },
      position: { line: 7, character: 11 },
      context: { includeDeclaration: true },
    })) as Location[];
    assert.deepStrictEqual(refs.map(l => path.basename(new URL(l.uri).pathname)).sort(), ['dr.yaml', 'vs.yaml']);
    const edit = (await client.connection.sendRequest('textDocument/rename', {
      textDocument: { uri: fileUri(file('dr.yaml')) },
      position: { line: 7, character: 11 },
      newName: 'stable',
    })) as WorkspaceEdit;
    const uris = Object.keys(edit.changes ?? {})
      .map(u => path.basename(new URL(u).pathname))
      .sort();
    assert.deepStrictEqual(uris, ['dr.yaml', 'vs.yaml']);
    assert.ok(
      Object.values(edit.changes ?? {})
        .flat()
        .every(e => e.newText === 'stable'),
    );
  });

  it('outlines resources and counts subset uses in a code lens', async () => {
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', {
      textDocument: { uri: fileUri(file('dr.yaml')) },
    })) as DocumentSymbol[];
    assert.match(symbols[0].name, /DestinationRule .*reviews/);
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', {
      textDocument: { uri: fileUri(file('dr.yaml')) },
    })) as CodeLens[];
    assert.ok(
      lenses.some(l => /used by 1 route/.test(l.command?.title ?? '')),
      JSON.stringify(lenses),
    );
  });

  it('a request the client cancelled before it ran answers RequestCancelled', async () => {
    // A burst of requests, the last cancelled at once (as an editor does when the user keeps
    // typing): it is still queued behind the others when the cancellation arrives.
    const params = { textDocument: { uri: fileUri(file('vs.yaml')) }, position: { line: 11, character: 16 } };
    const earlier = Array.from({ length: 200 }, () =>
      client.connection.sendRequest('textDocument/documentSymbol', { textDocument: params.textDocument }),
    );
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest('textDocument/completion', params, source.token);
    source.cancel();
    await assert.rejects(pending, (e: { code?: number }) => e.code === -32800);
    await Promise.all(earlier);
    // …and the next one is answered normally.
    const next = await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: fileUri(file('vs.yaml')) },
      position: { line: 10, character: 16 },
    });
    assert.ok(next);
  });
});
