import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileUri, LspTestClient } from './lspClient';

const OLD_VS = `apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews}
`;
const FILTER = `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: lua}
spec: {configPatches: []}
`;

interface Plan {
  edit: { changes?: Record<string, { range: { start: { line: number; character: number } }; newText: string }[]> };
  changed: { uri: string; line: number; kind: string; name: string; from: string; to: string }[];
  skipped: { uri: string; line: number; kind: string; name: string; reason: string }[];
}

describe('istio/upgradePlan over stdio', function () {
  this.timeout(30000);
  let dir: string;
  let client: LspTestClient;

  beforeEach(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'istio-ls-upgrade-')));
    fs.writeFileSync(path.join(dir, 'vs.yaml'), OLD_VS);
    fs.writeFileSync(path.join(dir, 'filter.yaml'), FILTER);
    client = new LspTestClient();
    await client.initialize(dir);
  });

  afterEach(async () => {
    await client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('plans the workspace (no params) from unopened files, and one file with { uri }', async () => {
    const vs = fileUri(path.join(dir, 'vs.yaml'));
    const whole = (await client.connection.sendRequest('istio/upgradePlan')) as Plan;
    assert.deepStrictEqual(whole.changed, [
      {
        uri: vs,
        line: 0,
        kind: 'VirtualService',
        name: 'reviews',
        from: 'networking.istio.io/v1beta1',
        to: 'networking.istio.io/v1',
      },
    ]);
    assert.deepStrictEqual(whole.edit.changes?.[vs], [
      {
        range: { start: { line: 0, character: 12 }, end: { line: 0, character: 39 } },
        newText: 'networking.istio.io/v1',
      },
    ]);
    assert.deepStrictEqual(
      whole.skipped.map(s => [path.basename(new URL(s.uri).pathname), s.kind, s.reason]),
      [['filter.yaml', 'EnvoyFilter', 'EnvoyFilter has no v1 API (served: v1alpha3)']],
    );

    const one = (await client.connection.sendRequest('istio/upgradePlan', {
      uri: fileUri(path.join(dir, 'filter.yaml')),
    })) as Plan;
    assert.deepStrictEqual(one.changed, []);
    assert.deepStrictEqual(Object.keys(one.edit.changes ?? {}), []);
    assert.strictEqual(one.skipped.length, 1);
  });

  it('plans against the unsaved text of an open editor', async () => {
    const vs = fileUri(path.join(dir, 'vs.yaml'));
    const text = `# unsaved\n${OLD_VS}`;
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: vs, languageId: 'yaml', version: 1, text },
    });
    await client.until(
      () =>
        client.diagnosticsOf(path.join(dir, 'vs.yaml'), 'deprecated-api-version').find(d => d.range.start.line === 1),
      'the open document to be analysed',
    );
    const plan = (await client.connection.sendRequest('istio/upgradePlan', { uri: vs })) as Plan;
    assert.deepStrictEqual(
      plan.changed.map(c => c.line),
      [1],
    );
    assert.strictEqual(plan.edit.changes?.[vs]?.[0].range.start.line, 1);
  });
});
