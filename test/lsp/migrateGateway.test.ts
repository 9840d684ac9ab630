import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileUri, LspTestClient } from './lspClient';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BOOKINFO = path.join(ROOT, 'third_party/istio/samples/bookinfo/networking/bookinfo-gateway.yaml');

interface Plan {
  error?: string;
  uri?: string;
  text?: string;
  edit?: {
    documentChanges: (
      | { kind: 'create'; uri: string; annotationId: string; options: object }
      | { textDocument: { uri: string }; edits: { newText: string; annotationId: string }[] }
    )[];
    changeAnnotations: Record<string, { label: string; needsConfirmation: boolean }>;
  };
  gateway?: { name: string; namespace: string };
  resources: { kind: string; name: string }[];
  notes: { severity: string; field: string }[];
}

interface Action {
  title: string;
  kind: string;
  edit?: Plan['edit'];
  command?: { command: string; arguments: Plan[] };
}

describe('istio/migrateGatewayPlan and the refactor code action over stdio', function () {
  this.timeout(30000);
  let dir: string;
  let client: LspTestClient;

  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'istio-ls-migrate-')));
    fs.copyFileSync(BOOKINFO, path.join(dir, 'bookinfo-gateway.yaml'));
    fs.writeFileSync(
      path.join(dir, 'other.yaml'),
      'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: r}\nspec: {host: reviews}\n',
    );
    client = new LspTestClient();
    await client.initialize(dir);
  });

  after(async () => {
    await client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers with a WorkspaceEdit that creates the new file through the refactor preview, and writes nothing', async () => {
    const uri = fileUri(path.join(dir, 'bookinfo-gateway.yaml'));
    const plan = (await client.connection.sendRequest('istio/migrateGatewayPlan', { uri })) as Plan;
    const target = fileUri(path.join(dir, 'bookinfo-gateway.gateway-api.yaml'));
    assert.strictEqual(plan.uri, target);
    assert.deepStrictEqual(plan.gateway, { name: 'bookinfo-gateway', namespace: 'default', uri });
    assert.deepStrictEqual(
      plan.resources.map(r => `${r.kind} ${r.name}`),
      ['Gateway bookinfo-gateway', 'HTTPRoute bookinfo'],
    );
    const [create, insert, review] = plan.edit!.documentChanges;
    assert.deepStrictEqual(create, {
      kind: 'create',
      uri: target,
      options: { overwrite: false, ignoreIfExists: false },
      annotationId: 'migrate-gateway',
    });
    assert.ok('edits' in insert);
    assert.strictEqual(insert.textDocument.uri, target);
    assert.strictEqual(insert.edits[0].newText, plan.text);
    // The changes are ticked in the preview; a no-op change on the source makes VS Code open it.
    assert.strictEqual(plan.edit!.changeAnnotations['migrate-gateway'].needsConfirmation, false);
    assert.deepStrictEqual(review, {
      kind: 'create',
      uri,
      options: { ignoreIfExists: true },
      annotationId: 'migrate-gateway-review',
    });
    assert.strictEqual(plan.edit!.changeAnnotations['migrate-gateway-review'].needsConfirmation, true);
    assert.ok(!fs.existsSync(path.join(dir, 'bookinfo-gateway.gateway-api.yaml')), 'nothing written behind the editor');
  });

  it('offers the refactor on the Gateway and on the bound VirtualService, not elsewhere', async () => {
    const uri = fileUri(path.join(dir, 'bookinfo-gateway.yaml'));
    const actionsAt = async (file: string, line: number) =>
      (await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: file },
        range: { start: { line, character: 0 }, end: { line, character: 0 } },
        context: { diagnostics: [], only: ['refactor'] },
      })) as Action[];
    for (const line of [2, 25]) {
      const actions = await actionsAt(uri, line);
      assert.deepStrictEqual(
        actions.map(a => [a.title, a.kind, a.command?.command]),
        [
          [
            'Migrate Gateway bookinfo-gateway to Gateway API',
            'refactor.rewrite.istio.gatewayApi',
            'istio.showMigrationSummary',
          ],
        ],
        `line ${line}`,
      );
      assert.strictEqual(actions[0].edit?.documentChanges.length, 3);
    }
    assert.deepStrictEqual(await actionsAt(fileUri(path.join(dir, 'other.yaml')), 1), []);
    const quickFixesOnly = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
      context: { diagnostics: [], only: ['quickfix'] },
    })) as Action[];
    assert.deepStrictEqual(quickFixesOnly, []);
  });

  it('says why when there is nothing to migrate', async () => {
    const plan = (await client.connection.sendRequest('istio/migrateGatewayPlan', {
      uri: fileUri(path.join(dir, 'other.yaml')),
    })) as Plan;
    assert.deepStrictEqual(plan, {
      error: 'no Istio Gateway (or VirtualService bound to one) in this file',
      resources: [],
      notes: [],
    });
  });
});
