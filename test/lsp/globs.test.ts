import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LspTestClient } from './lspClient';

const VS = (name: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v3}
`;
const DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews}
spec:
  host: reviews
  subsets: [{name: v1, labels: {version: v1}}]
`;

describe('exclude globs over stdio', function () {
  this.timeout(30000);
  let dir: string;
  let client: LspTestClient;
  const file = (name: string) => path.join(dir, name);

  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'istio-ls-globs-')));
    for (const [name, text] of [
      ['vs.yaml', VS('top')],
      ['gen/vs.yaml', VS('generated')],
      ['sub/vs2.yaml', VS('nested')],
      ['vs2.yaml', VS('top2')],
      ['dr.yaml', DR],
    ]) {
      fs.mkdirSync(path.dirname(file(name)), { recursive: true });
      fs.writeFileSync(file(name), text);
    }
    client = new LspTestClient();
  });

  afterEach(async () => {
    await client.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a malformed pattern (here or in files.exclude) is skipped with one log line; indexing goes on', async () => {
    client.settings = { files: { exclude: ['{gen', 'gen', 'vs2.yaml'] } };
    client.filesExclude = { '[z-a]': true, '**/node_modules': true };
    await client.initialize(dir);
    assert.ok(!client.statuses.some(s => s.state === 'error'), JSON.stringify(client.statuses));
    const findings = (name: string) => client.diagnosticsOf(file(name), 'subset-not-found').length;
    await client.until(() => findings('vs.yaml') > 0, 'the top VirtualService to be analysed');
    assert.strictEqual(findings('gen/vs.yaml'), 0, 'gen is excluded');
    assert.strictEqual(findings('vs2.yaml'), 0, 'vs2.yaml at the top is excluded');
    // VS Code adds no **/ to a pattern without a slash: the nested file is still analysed.
    assert.ok(findings('sub/vs2.yaml') > 0, 'sub/vs2.yaml is not excluded by "vs2.yaml"');
    const ignored = client.logs.filter(l => l.includes('Ignoring the'));
    assert.deepStrictEqual(ignored, [
      'Ignoring the exclude glob pattern "[z-a]": Range out of order in character class',
      'Ignoring the exclude glob pattern "{gen": a "{" has no closing "}"',
    ]);
  });
});
