import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Lexer, parseAllDocuments } from 'yaml';
import { LspDriver, uriOf } from './harness/lspDriver';
import { median, table, type Row } from './harness/stats';
import { createEditFixture, type EditFixture } from './harness/editFixture';
import { yamlFiles } from './walk';

/**
 * The performance benchmark (issue #6): drives the real server over stdio and the CLI on a
 * generated corpus, and measures in the same run the `yaml` parse floor for the same files, so
 * ratios are comparable across machines.
 *
 *   node out/bench/run.js [--size small|medium|large] [--runs N]
 */
const ROOT = path.resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const opt = (name: string, def: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const size = opt('size', 'medium');
const runs = Number(opt('runs', '5'));
const corpus = path.resolve(opt('corpus', path.join(ROOT, 'bench', 'corpus', size)));
const serverScript = path.join(ROOT, 'dist', 'server.js');
const cliScript = path.join(ROOT, 'bin', 'istio-ls.js');

async function main(): Promise<void> {
  ensureCorpus();
  if (!fs.existsSync(serverScript)) throw new Error('dist/server.js is missing: run `npm run build` first');
  const files = yamlFiles(corpus).map(f => path.join(corpus, f));
  const rows: Row[] = [];
  log(`corpus ${path.relative(ROOT, corpus)}: ${files.length} YAML files`);

  const floor = yamlFloor(files);
  log(
    `yaml floor: Lexer ${floor.lexMs.toFixed(0)} ms, parseAllDocuments ${floor.parseMs.toFixed(0)} ms, ${floor.documents} documents, ${(floor.bytes / 1e6).toFixed(1)} MB`,
  );

  const cli: number[] = [];
  let lastCliOutput = '';
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [cliScript, 'check', corpus, '--format', 'json'], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    cli.push(performance.now() - t0);
    lastCliOutput = r.stdout;
    log(`cli run ${i + 1}: ${cli[i].toFixed(0)} ms`);
  }
  const accuracy = precisionRecall(lastCliOutput);
  const cliSmall = cliOnThousandFiles();

  const cold: number[] = [];
  const openFirst: number[] = [];
  const rss: number[] = [];
  const loopMax: number[] = [];
  const openFile = pickOpenFile(files);
  for (let i = 0; i < runs; i++) {
    const driver = new LspDriver(serverScript);
    try {
      await driver.initialize(corpus);
      await driver.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: uriOf(openFile), languageId: 'yaml', version: 1, text: fs.readFileSync(openFile, 'utf8') },
      });
      await driver.until(() => driver.publishedAt.has(uriOf(openFile)), "the open file's diagnostics");
      openFirst.push(driver.publishedAt.get(uriOf(openFile))![0]);
      await driver.until(() => driver.ready, 'the index to be ready', 600000);
      cold.push(driver.readyAt);
      const stats = (await driver.connection.sendRequest('istio/stats', { reset: true })) as {
        rssMb: number;
        eventLoopMaxMs: number;
        resources: number;
      };
      rss.push(stats.rssMb);
      loopMax.push(stats.eventLoopMaxMs);
      log(
        `server run ${i + 1}: ready at ${driver.readyAt.toFixed(0)} ms, open file diagnostics at ${openFirst[i].toFixed(0)} ms, RSS ${stats.rssMb} MB, longest event-loop stall ${stats.eventLoopMaxMs} ms`,
      );
    } finally {
      await driver.dispose();
    }
  }

  const baselineRss = await emptyWorkspaceRss();
  const fixture = createEditFixture(corpus);
  let edits: number[] = [];
  let completion: number[] = [];
  let hover: number[] = [];
  let diskSettle: number[] = [];
  const driver = new LspDriver(serverScript);
  try {
    await driver.initialize(corpus);
    await driver.until(() => driver.ready, 'the index to be ready', 600000);
    edits = await measureEdits(driver, fixture);
    ({ completion, hover } = await measureRequests(driver, fixture));
    diskSettle = await measureDiskChange(driver, fixture);
  } finally {
    await driver.dispose();
    fixture.remove();
  }

  const docs = floor.documents;
  rows.push(
    { name: 'yaml Lexer over every file (floor)', values: [floor.lexMs], unit: 'ms' },
    { name: 'yaml parseAllDocuments over every file', values: [floor.parseMs], unit: 'ms' },
    { name: 'cold index to diagnostics published', values: cold, unit: 'ms', goal: size === 'large' ? '≤ 6000' : '' },
    { name: 'open file: first diagnostics after start', values: openFirst, unit: 'ms', goal: '≤ 300' },
    { name: 'server RSS after indexing', values: rss, unit: 'MB', goal: size === 'large' ? '≤ 400' : '' },
    { name: 'longest event-loop stall while indexing', values: loopMax, unit: 'ms', goal: '≤ 50' },
    { name: `edit DR subset -> ${fixture.dependents} dependents updated`, values: edits, unit: 'ms', goal: 'p99 ≤ 50' },
    { name: 'completion (subset values)', values: completion, unit: 'ms', goal: 'p99 ≤ 20' },
    { name: 'hover (destination host)', values: hover, unit: 'ms', goal: 'p99 ≤ 20' },
    { name: `${fixture.diskFiles} files changed on disk -> settled`, values: diskSettle, unit: 'ms', goal: '≤ 2000' },
    { name: 'CLI istio-ls check', values: cli, unit: 'ms', goal: size === 'large' ? '≤ 6000' : '' },
    { name: `CLI istio-ls check, ${cliSmall.files} files`, values: cliSmall.times, unit: 'ms', goal: '≤ 1000' },
  );
  console.log(
    `\n## istio-ls benchmark: ${size} corpus (${files.length} files, ${(floor.bytes / 1e6).toFixed(1)} MB, ${docs} documents), ${runs} runs\n`,
  );
  console.log(table(rows));
  const memoryPer1000 = ((median(rss) - baselineRss) / docs) * 1000;
  console.log(
    `\ncold index / yaml parseAllDocuments: ${(median(cold) / floor.parseMs).toFixed(2)}; cold index / yaml Lexer: ${(median(cold) / floor.lexMs).toFixed(2)}`,
  );
  console.log(
    `memory: ${memoryPer1000.toFixed(2)} MB per 1,000 documents ((server RSS - ${baselineRss.toFixed(0)} MB of an empty workspace) / documents)`,
  );
  console.log(
    `cross-file rules vs planted defects: precision ${(accuracy.precision * 100).toFixed(1)}%, recall ${(accuracy.recall * 100).toFixed(1)}% (${accuracy.found} found, ${accuracy.expected} planted${accuracy.missed.length ? `; missed e.g. ${accuracy.missed.slice(0, 3).join(', ')}` : ''}${accuracy.extra.length ? `; unexpected e.g. ${accuracy.extra.slice(0, 3).join(', ')}` : ''})`,
  );
  if (accuracy.precision < 1 || accuracy.recall < 1) process.exitCode = 1;
}

/** RSS of the server with nothing to index: what the per-document figure is measured above. */
async function emptyWorkspaceRss(): Promise<number> {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-ls-empty-'));
  const driver = new LspDriver(serverScript);
  try {
    await driver.initialize(empty);
    await driver.until(() => driver.ready, 'the empty index to be ready');
    const stats = (await driver.connection.sendRequest('istio/stats', {})) as { rssMb: number };
    return stats.rssMb;
  } finally {
    await driver.dispose();
    fs.rmSync(empty, { recursive: true, force: true });
  }
}

function ensureCorpus(): void {
  if (fs.existsSync(path.join(corpus, 'defects.json'))) return;
  log(`generating the ${size} corpus…`);
  const r = spawnSync(process.execPath, [path.join(__dirname, 'generate.js'), '--size', size, '--out', corpus], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('corpus generation failed');
}

/** The CLI's second bar: about 1,000 files (the generator's `1k` size). */
function cliOnThousandFiles(): { files: number; times: number[] } {
  const dir = path.join(ROOT, 'bench', 'corpus', '1k');
  if (!fs.existsSync(path.join(dir, 'defects.json')))
    spawnSync(process.execPath, [path.join(__dirname, 'generate.js'), '--size', '1k', '--out', dir], {
      stdio: 'inherit',
    });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, [cliScript, 'check', dir, '--format', 'json'], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    times.push(performance.now() - t0);
  }
  return { files: yamlFiles(dir).length, times };
}

function yamlFloor(files: readonly string[]): { lexMs: number; parseMs: number; documents: number; bytes: number } {
  const texts = files.map(f => fs.readFileSync(f, 'utf8'));
  let t0 = performance.now();
  for (const text of texts) for (const token of new Lexer().lex(text)) void token;
  const lexMs = performance.now() - t0;
  t0 = performance.now();
  let documents = 0;
  for (const text of texts) documents += parseAllDocuments(text).length;
  const parseMs = performance.now() - t0;
  return { lexMs, parseMs, documents, bytes: texts.reduce((n, t) => n + t.length, 0) };
}

interface Defect {
  readonly rule: string;
  readonly file: string;
  readonly line: number;
}

function precisionRecall(cliJson: string): {
  precision: number;
  recall: number;
  found: number;
  expected: number;
  missed: string[];
  extra: string[];
} {
  const defects = JSON.parse(fs.readFileSync(path.join(corpus, 'defects.json'), 'utf8')) as Defect[];
  const rules = new Set(defects.map(d => d.rule));
  const findings = (JSON.parse(cliJson || '[]') as { rule: string; file: string; line: number }[]).filter(f =>
    rules.has(f.rule),
  );
  const key = (rule: string, file: string, line: number) => `${rule} ${file}:${line}`;
  const rel = (file: string) => path.relative(corpus, path.resolve(ROOT, file)).split(path.sep).join('/');
  const expected = new Set(defects.map(d => key(d.rule, d.file, d.line)));
  const found = new Set(findings.map(f => key(f.rule, rel(f.file), f.line)));
  const hits = [...found].filter(k => expected.has(k)).length;
  return {
    precision: found.size === 0 ? 0 : hits / found.size,
    recall: expected.size === 0 ? 1 : hits / expected.size,
    found: found.size,
    expected: expected.size,
    missed: [...expected].filter(k => !found.has(k)),
    extra: [...found].filter(k => !expected.has(k)),
  };
}

/** A VirtualService of the corpus, the kind of file a user has open. */
function pickOpenFile(files: readonly string[]): string {
  return (
    files.find(
      f =>
        /virtual-?service|istio\.yaml|mesh\.yaml/i.test(path.basename(f)) &&
        fs.readFileSync(f, 'utf8').includes('kind: VirtualService'),
    ) ?? files[0]
  );
}

/** Renames the DestinationRule's subset back and forth; each time every dependent must be re-published. */
async function measureEdits(driver: LspDriver, fixture: EditFixture): Promise<number[]> {
  const uri = uriOf(fixture.drFile);
  await driver.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'yaml', version: 1, text: fixture.drText('v1') },
  });
  const dependents = fixture.vsFiles.map(uriOf);
  const out: number[] = [];
  for (let i = 0; i < 40; i++) {
    const t0 = driver.now();
    await driver.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: i + 2 },
      contentChanges: [{ text: fixture.drText(i % 2 === 0 ? 'v1-renamed' : 'v1') }],
    });
    await driver.until(
      () => dependents.every(d => (driver.publishedAt.get(d) ?? []).some(t => t >= t0)),
      'dependents to be re-published',
      30000,
    );
    out.push(Math.max(...dependents.map(d => driver.publishedAt.get(d)!.find(t => t >= t0)!)) - t0);
  }
  return out.slice(5); // the first edits warm up the JIT
}

async function measureRequests(
  driver: LspDriver,
  fixture: EditFixture,
): Promise<{ completion: number[]; hover: number[] }> {
  const uri = uriOf(fixture.vsFiles[0]);
  const text = fs.readFileSync(fixture.vsFiles[0], 'utf8');
  await driver.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'yaml', version: 1, text },
  });
  const completion: number[] = [];
  const hover: number[] = [];
  const timed = async (method: string, position: { line: number; character: number }, into: number[]) => {
    const t0 = performance.now();
    try {
      await driver.connection.sendRequest(method, { textDocument: { uri }, position });
      into.push(performance.now() - t0);
    } catch (e) {
      log(`${method}: ${String(e)}`); // a build without this request: no figure
    }
  };
  for (let i = 0; i < 120; i++) {
    await timed('textDocument/completion', fixture.subsetPosition, completion);
    await timed('textDocument/hover', fixture.hostPosition, hover);
  }
  return { completion: completion.slice(20), hover: hover.slice(20) };
}

/** Rewrites many files on disk at once (a branch checkout) and waits until all are re-published. */
async function measureDiskChange(driver: LspDriver, fixture: EditFixture): Promise<number[]> {
  const out: number[] = [];
  for (let round = 0; round < 3; round++) {
    const subset = round % 2 === 0 ? 'missing-subset' : 'v1';
    fixture.rewriteDiskFiles(subset);
    const uris = fixture.diskFilePaths.map(uriOf);
    const t0 = driver.now();
    await driver.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: uris.map(uri => ({ uri, type: 2 })),
    });
    await driver.until(
      () => uris.every(u => (driver.publishedAt.get(u) ?? []).some(t => t >= t0)),
      'changed files to be re-published',
      60000,
    );
    out.push(Math.max(...uris.map(u => driver.publishedAt.get(u)!.find(t => t >= t0)!)) - t0);
  }
  fixture.rewriteDiskFiles('v1');
  return out;
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

main().catch(e => {
  console.error(e);
  process.exitCode = 1;
});
