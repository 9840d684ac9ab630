import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { fileUri, LspTestClient } from './lspClient';

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
const OTHER_VS = VS.replace('name: reviews', 'name: reviews-b').replace('hosts: [reviews]', 'hosts: [reviews-b]');
const DR = (subsets: string[]) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  subsets:
${subsets.map(s => `  - name: ${s}\n    labels:\n      version: ${s}`).join('\n')}
`;

/** Applies LSP text edits (non-overlapping) to a text. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}

describe('language server over stdio', function () {
  this.timeout(30000);
  let dir: string;
  let client: LspTestClient;
  const file = (name: string) => path.join(dir, name);

  beforeEach(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'istio-ls-lsp-')));
    fs.writeFileSync(file('vs.yaml'), VS);
    fs.writeFileSync(file('other-vs.yaml'), OTHER_VS);
    fs.writeFileSync(file('dr.yaml'), DR(['v1', 'v2']));
    fs.mkdirSync(file('node_modules'));
    fs.writeFileSync(file('node_modules/ignored.yaml'), VS);
    client = new LspTestClient();
    await client.initialize(dir);
  });

  afterEach(async () => {
    await client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const watched = (name: string, type: 1 | 2 | 3) =>
    client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: fileUri(file(name)), type }],
    });
  const subsetFinding = (name: string) =>
    client.diagnosticsOf(file(name), 'subset-not-found')[0] as Diagnostic | undefined;

  it('publishes a cross-file diagnostic on the subset node, for unopened files too, and skips node_modules', async () => {
    const d = await client.until(
      () => subsetFinding('other-vs.yaml'),
      'subset-not-found in the unopened other-vs.yaml',
    );
    assert.deepStrictEqual(d.range, { start: { line: 10, character: 16 }, end: { line: 10, character: 18 } });
    assert.strictEqual(d.source, 'istio');
    assert.match(String(d.codeDescription?.href), /docs\/rules\/subset-not-found\.md$/);
    assert.ok(d.relatedInformation?.[0].location.uri.endsWith('/dr.yaml'));
    assert.strictEqual(client.diagnostics.has(fileUri(file('node_modules/ignored.yaml'))), false);
  });

  it('opening the VS shows the finding; a DR change on disk (unopened, watched) clears and restores it', async () => {
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: fileUri(file('vs.yaml')), languageId: 'yaml', version: 1, text: VS },
    });
    await client.until(() => subsetFinding('vs.yaml'), 'subset-not-found in vs.yaml');
    fs.writeFileSync(file('dr.yaml'), DR(['v1', 'v2', 'v3']));
    await watched('dr.yaml', 2);
    await client.until(() => !subsetFinding('vs.yaml') && !subsetFinding('other-vs.yaml'), 'the findings to clear');
    fs.writeFileSync(file('dr.yaml'), DR(['v1']));
    await watched('dr.yaml', 2);
    await client.until(() => subsetFinding('vs.yaml'), 'the finding to come back');
    fs.rmSync(file('vs.yaml'));
    await watched('vs.yaml', 3);
    // Still open in the editor: the unsaved text wins over the deletion on disk.
    assert.ok(subsetFinding('vs.yaml'));
    await client.connection.sendNotification('textDocument/didClose', {
      textDocument: { uri: fileUri(file('vs.yaml')) },
    });
    await client.until(
      () => client.diagnosticsOf(file('vs.yaml')).length === 0,
      'diagnostics of the deleted file to clear',
    );
  });

  it('the quick-fix edit, applied, clears the finding', async () => {
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: fileUri(file('vs.yaml')), languageId: 'yaml', version: 1, text: VS },
    });
    const d = await client.until(() => subsetFinding('vs.yaml'), 'subset-not-found in vs.yaml');
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: fileUri(file('vs.yaml')) },
      range: d.range,
      context: { diagnostics: [d], only: ['quickfix'] },
    })) as CodeAction[];
    const add = actions.find(a => a.title.startsWith('Add subset "v3"'));
    assert.ok(add?.edit?.changes, `actions: ${actions.map(a => a.title).join(' | ')}`);
    assert.strictEqual(add.isPreferred, true);
    const drUri = fileUri(file('dr.yaml'));
    const edits = add.edit.changes[drUri];
    assert.ok(edits, 'the fix edits the DestinationRule file');
    fs.writeFileSync(file('dr.yaml'), applyEdits(fs.readFileSync(file('dr.yaml'), 'utf8'), edits));
    await watched('dr.yaml', 2);
    await client.until(
      () => !subsetFinding('vs.yaml') && !subsetFinding('other-vs.yaml'),
      'the finding to clear after the fix',
    );
    assert.match(fs.readFileSync(file('dr.yaml'), 'utf8'), /- name: v3\n {4}labels:\n {6}version: v3\n/);
  });

  it('unsaved edits in an open DR win over the disk, and the other files follow', async () => {
    const uri = fileUri(file('dr.yaml'));
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text: DR(['v1', 'v2']) },
    });
    await client.until(() => subsetFinding('other-vs.yaml'), 'the finding');
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: DR(['v3']) }],
    });
    await client.until(() => !subsetFinding('other-vs.yaml'), 'the finding to clear from the unsaved text');
  });

  it('settings: a rule turned off disappears; a created file is indexed', async () => {
    await client.until(() => subsetFinding('other-vs.yaml'), 'the finding');
    client.settings = { rules: { 'subset-not-found': 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.until(() => !subsetFinding('other-vs.yaml'), 'the finding to be turned off');
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.until(() => subsetFinding('other-vs.yaml'), 'the finding to return');
    const lastReady = () => client.statuses.filter(x => x.state === 'ready').at(-1)?.resources ?? -1;
    const before = lastReady();
    fs.mkdirSync(file('new'));
    fs.writeFileSync(file('new/vs.yaml'), VS.replace('name: reviews', 'name: fresh').replace('[reviews]', '[fresh]'));
    await watched('new/vs.yaml', 1);
    await client.until(() => subsetFinding('new/vs.yaml'), 'the created file to be analysed');
    // The status bar's count follows files added after the first index.
    await client.until(() => lastReady() === before + 1, `the ready count to go from ${before} to ${before + 1}`);
    fs.rmSync(file('new'), { recursive: true });
    await watched('new', 3);
    await client.until(() => !subsetFinding('new/vs.yaml'), 'the deleted directory to be forgotten');
  });

  it('a failing request answers without taking the server down', async () => {
    const actions = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: 'file:///does/not/exist.yaml' },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: {
        diagnostics: [
          {
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
            message: 'x',
            source: 'istio',
            data: { key: 'nope' },
          },
        ],
      },
    });
    assert.deepStrictEqual(actions, []);
    const result = (await client.connection.sendRequest('istio/reindex')) as { files: number; resources: number };
    assert.strictEqual(result.files, 3);
    assert.strictEqual(result.resources, 3);
  });
});
