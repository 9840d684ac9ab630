import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { FileInput } from '../../../server/src/core/analysis/analyzer';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import { walkYamlFiles } from '../../../server/src/host/fileWalker';
import { summarizeFiles } from '../../../server/src/host/summarizer';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

async function collect(files: string[], workers: boolean): Promise<Map<string, FileInput>> {
  const out = new Map<string, FileInput>();
  await summarizeFiles(files, {
    settings: DEFAULT_SETTINGS,
    log: () => undefined,
    workers,
    onBatch: inputs => {
      // The stamp records when the file was read: it differs between two reads.
      for (const { stamp: _stamp, ...input } of inputs) out.set(input.file, input);
    },
  });
  return out;
}

describe('summarizing files in worker threads', () => {
  it("gives exactly the main thread's results (plain data survives the thread boundary)", async () => {
    const files = [
      ...(await walkYamlFiles(path.join(ROOT, 'examples'))),
      ...(await walkYamlFiles(path.join(ROOT, 'test', 'fixtures'))),
    ];
    assert.ok(files.length > 20);
    const inline = await collect(files, false);
    const threaded = await collect(files, true);
    assert.strictEqual(threaded.size, inline.size);
    for (const [file, input] of inline) assert.deepStrictEqual(threaded.get(file), input, file);
    assert.ok(fs.existsSync(path.join(ROOT, 'out', 'server', 'src', 'host', 'summaryWorker.js')));
  });

  it('reports a vanished file as deleted', async () => {
    const result = await collect(['/does/not/exist.yaml'], true);
    assert.deepStrictEqual(result.get('/does/not/exist.yaml'), { file: '/does/not/exist.yaml', deleted: true });
  });
});
