import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CompletionItem, CompletionList, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { fileUri, LspTestClient } from './lspClient';

const DR =
  'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: reviews}\nspec:\n  host: reviews\n  subsets:\n  - name: v1\n    labels: {version: v1}\n  - name: v2\n    labels: {version: v2}\n';
const VS =
  'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: reviews}\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination:\n        host: reviews\n        subset: \n    timeout: 5\n';

/** Completion, hover and the schema rule through the real server over stdio. */
describe('language server: completion, hover and schema diagnostics', function () {
  this.timeout(30000);
  let dir: string;
  let client: LspTestClient;

  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'istio-ls-completion-')));
    fs.writeFileSync(path.join(dir, 'dr.yaml'), DR);
    fs.writeFileSync(path.join(dir, 'vs.yaml'), VS);
    client = new LspTestClient();
    await client.initialize(dir);
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: fileUri(path.join(dir, 'vs.yaml')), languageId: 'yaml', version: 1, text: VS },
    });
  });

  after(async () => {
    await client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('offers the subsets of the DestinationRule, with markdown docs and an edit at the cursor', async () => {
    const list = (await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: fileUri(path.join(dir, 'vs.yaml')) },
      position: { line: 9, character: 16 },
    })) as CompletionList;
    assert.deepStrictEqual(
      list.items.map(i => i.label),
      ['v1', 'v2'],
    );
    const v1 = list.items[0] as CompletionItem & { textEdit: { range: unknown; newText: string } };
    assert.deepStrictEqual(v1.textEdit, {
      range: { start: { line: 9, character: 16 }, end: { line: 9, character: 16 } },
      newText: 'v1',
    });
    assert.strictEqual((v1.documentation as { kind: string }).kind, 'markdown');
    assert.strictEqual(v1.insertTextMode, 1, 'asIs: the server indents what it inserts');
  });

  it('keys: snippets for objects, deprecated ones tagged', async () => {
    const list = (await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: fileUri(path.join(dir, 'vs.yaml')) },
      position: { line: 6, character: 4 },
    })) as CompletionList | null;
    // Line 6 is "  - route:": the cursor after "- " is on the key "route" (being edited).
    assert.ok(list && list.items.some(i => i.label === 'retries'));
    const percent = list.items.find(i => i.label === 'mirrorPercent');
    assert.deepStrictEqual(percent?.tags, [1]);
  });

  it('hover on a key shows the schema documentation', async () => {
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: fileUri(path.join(dir, 'vs.yaml')) },
      position: { line: 10, character: 6 },
    })) as Hover;
    assert.match((hover.contents as { value: string }).value, /^\*\*timeout\*\* · `duration`/);
    assert.deepStrictEqual(hover.range, { start: { line: 10, character: 4 }, end: { line: 10, character: 11 } });
  });

  it('publishes schema diagnostics with their rule id and docs link', async () => {
    const d = await client.until(
      () => client.diagnosticsOf(path.join(dir, 'vs.yaml'), 'schema')[0] as Diagnostic | undefined,
      'a schema diagnostic',
    );
    assert.deepStrictEqual(d.range, { start: { line: 10, character: 13 }, end: { line: 10, character: 14 } });
    assert.match(String(d.codeDescription?.href), /docs\/rules\/schema\.md$/);
    assert.strictEqual(d.message, 'timeout is a duration and needs a unit: 5s, not 5.');
  });
});
