import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { toInput } from '../../server/src/host/fileInput';
import { readYamlFile } from '../../server/src/host/readFile';
import { billionLaughs, longHelmLine, manyDocuments, mergeKeyChain, suppressionComments } from './generators';

/**
 * `npm run bench:hostile`: how long each hostile case of issue #12 takes to analyse (as a worker
 * thread analyses a file: parse, summaries, single-file rules), and what reading a 1.5 GB file
 * costs. Prints one line per case; the hostile-input suite (hostile.test.ts) holds the limits.
 */
const CASES: { name: string; file: string; text: () => string }[] = [
  { name: 'merge-key chain, 10 levels x 4 (0.5 KB)', file: '/ws/merge.yaml', text: () => mergeKeyChain(10, 4) },
  { name: 'merge-key chain, 16 levels x 4 (0.7 KB)', file: '/ws/merge.yaml', text: () => mergeKeyChain(16, 4) },
  { name: 'billion laughs, 9 x 9 (0.8 KB)', file: '/ws/laughs.yaml', text: () => billionLaughs(9, 9) },
  { name: '10,000 documents (1.2 MB)', file: '/ws/many.yaml', text: () => manyDocuments(10_000) },
  { name: '40,000 documents (5.0 MB)', file: '/ws/many.yaml', text: () => manyDocuments(40_000) },
  { name: 'Helm line of 200 KB', file: '/ws/chart/templates/vs.yaml', text: () => longHelmLine(200_000) },
  { name: '20,000 suppression comments', file: '/ws/comments.yaml', text: () => suppressionComments(20_000, 1) },
  { name: '40,000 suppression comments', file: '/ws/comments.yaml', text: () => suppressionComments(40_000, 1) },
];

async function main(): Promise<void> {
  const log = () => undefined;
  // Compiles the analysis and loads the schemas: not part of any case.
  toInput('/ws/warm.yaml', { ok: true, text: manyDocuments(20) }, DEFAULT_SETTINGS, log);
  for (const c of CASES) {
    const text = c.text();
    const started = performance.now();
    toInput(c.file, { ok: true, text }, DEFAULT_SETTINGS, log);
    console.log(`${c.name.padEnd(42)} ${(performance.now() - started).toFixed(0).padStart(7)} ms`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-ls-figures-'));
  try {
    const file = path.join(dir, 'huge.yaml');
    const fd = fs.openSync(file, 'w');
    fs.ftruncateSync(fd, 1536 * 1024 * 1024); // sparse
    fs.closeSync(fd);
    const rss = process.memoryUsage().rss;
    const started = performance.now();
    await readYamlFile(file);
    const ms = performance.now() - started;
    const grew = (process.memoryUsage().rss - rss) / 1024 / 1024;
    console.log(`${'reading a 1.5 GB file'.padEnd(42)} ${ms.toFixed(0).padStart(7)} ms, RSS +${grew.toFixed(0)} MB`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
