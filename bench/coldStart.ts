import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LspDriver } from './harness/lspDriver';
import { median, table, type Row } from './harness/stats';
import { yamlFiles } from './walk';

/**
 * Cold and warm starts (issue #12), from one run on one corpus: the CLI without and with
 * `--cache`, the language server's time to "ready" with an empty and with a warm index cache,
 * its RSS and its longest event-loop stall during the cold index. Runs alternate CLI and server,
 * so the ratio compares runs made under the same load.
 *
 *   node out/bench/coldStart.js [--size medium|large] [--runs N] [--corpus DIR]
 */
const ROOT = path.resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const opt = (name: string, def: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const size = opt('size', 'large');
const runs = Number(opt('runs', '3'));
const corpus = path.resolve(opt('corpus', path.join(ROOT, 'bench', 'corpus', size)));
const serverScript = path.join(ROOT, 'dist', 'server.js');
const cliScript = path.join(ROOT, 'dist', 'cli.js');
const CACHE_FILE = 'index-cache.bin';
const PUBLISHED_FILE = 'published-diagnostics.jsonl';

interface ServerRun {
  readyMs: number;
  /** When the first request that reads the index was answered (after "ready" on a warm reopen). */
  indexLoadedMs: number;
  /** Longest event-loop stall from "ready" until the cache is written (cold) or a few seconds after the index loaded (warm). */
  stallAfterReadyMs: number;
  /** CPU time (all threads) of the server at ready. */
  cpuMs: number;
  rssMb: number;
  stallMs: number;
  /** RSS once the index cache is written (cold runs), or a few seconds after ready (warm runs). */
  rssLaterMb: number;
}

async function main(): Promise<void> {
  for (const script of [serverScript, cliScript])
    if (!fs.existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\` first`);
  if (!fs.existsSync(path.join(corpus, 'defects.json'))) {
    const r = spawnSync(process.execPath, [path.join(__dirname, 'generate.js'), '--size', size, '--out', corpus], {
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error('corpus generation failed');
  }
  const files = yamlFiles(corpus).length;
  log(`corpus ${path.relative(ROOT, corpus)}: ${files} YAML files, ${runs} runs of each`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-ls-coldstart-'));
  const cliCache = path.join(scratch, 'cli-cache');
  const serverCache = path.join(scratch, 'server-storage');
  const cliCold: CliRun[] = [];
  const cliWarm: CliRun[] = [];
  const cold: ServerRun[] = [];
  const warm: ServerRun[] = [];
  try {
    // Cold: the CLI without a cache, the server with an empty workspace storage (a first open).
    for (let i = 0; i < runs; i++) {
      cliCold.push(cli([]));
      fs.rmSync(serverCache, { recursive: true, force: true });
      cold.push(await server(serverCache, true));
      log(
        `cold ${i + 1}: CLI ${cliCold[i].ms.toFixed(0)} ms (CPU ${cliCold[i].cpuMs} ms); server ready ${cold[i].readyMs.toFixed(0)} ms (CPU ${cold[i].cpuMs} ms), RSS ${cold[i].rssMb} MB, longest stall ${cold[i].stallMs} ms`,
      );
    }
    const write = cli([`--cache=${cliCache}`]);
    log(`CLI --cache run that writes the cache: ${write.ms.toFixed(0)} ms`);
    // Warm: the same files, the caches the runs above wrote.
    for (let i = 0; i < runs; i++) {
      cliWarm.push(cli([`--cache=${cliCache}`]));
      warm.push(await server(serverCache, false));
      log(
        `warm ${i + 1}: CLI --cache ${cliWarm[i].ms.toFixed(0)} ms (CPU ${cliWarm[i].cpuMs} ms); server ready ${warm[i].readyMs.toFixed(0)} ms (CPU ${warm[i].cpuMs} ms), index loaded ${warm[i].indexLoadedMs.toFixed(0)} ms, RSS ${warm[i].rssMb} MB, longest stall ${warm[i].stallMs} ms`,
      );
    }
    log(
      `cache sizes: server ${mb(path.join(serverCache, CACHE_FILE))} MB, CLI ${mb(path.join(cliCache, CACHE_FILE))} MB`,
    );
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }

  const ratios = cold.map((r, i) => r.readyMs / cliCold[i].ms);
  const cpuRatios = cold.map((r, i) => r.cpuMs / cliCold[i].cpuMs);
  const large = size === 'large';
  const rows: Row[] = [
    { name: 'CLI istio-ls check (no cache)', values: cliCold.map(r => r.ms), unit: 'ms' },
    { name: 'CLI istio-ls check --cache (warm)', values: cliWarm.map(r => r.ms), unit: 'ms' },
    { name: 'server cold "ready" (empty cache)', values: cold.map(r => r.readyMs), unit: 'ms' },
    { name: 'server cold "ready" / CLI, same iteration', values: ratios, unit: '×', goal: '≤ 1.2' },
    { name: 'server warm "ready" (reopen, warm cache)', values: warm.map(r => r.readyMs), unit: 'ms', goal: '≤ 1500' },
    { name: 'server warm: index loaded (first hover answered)', values: warm.map(r => r.indexLoadedMs), unit: 'ms' },
    { name: 'server RSS after the cold index', values: cold.map(r => r.rssMb), unit: 'MB', goal: '≤ 400' },
    { name: 'longest event-loop stall, cold index', values: cold.map(r => r.stallMs), unit: 'ms', goal: '≤ 50' },
    { name: 'server RSS once the cache is written', values: cold.map(r => r.rssLaterMb), unit: 'MB' },
    { name: 'server RSS after the warm index', values: warm.map(r => r.rssMb), unit: 'MB' },
    { name: 'longest event-loop stall, warm index to "ready"', values: warm.map(r => r.stallMs), unit: 'ms' },
    {
      name: 'longest event-loop stall, warm index after "ready"',
      values: warm.map(r => r.stallAfterReadyMs),
      unit: 'ms',
    },
    { name: 'CPU: CLI (no cache)', values: cliCold.map(r => r.cpuMs), unit: 'ms' },
    { name: 'CPU: CLI --cache (warm)', values: cliWarm.map(r => r.cpuMs), unit: 'ms' },
    { name: 'CPU: server to cold "ready"', values: cold.map(r => r.cpuMs), unit: 'ms' },
    { name: 'CPU: server to cold "ready" / CLI', values: cpuRatios, unit: '×' },
    { name: 'CPU: server to warm "ready"', values: warm.map(r => r.cpuMs), unit: 'ms' },
  ];
  console.log(`\n## istio-ls cold start: ${size} corpus (${files} files), ${runs} runs, ${os.cpus().length} CPUs\n`);
  console.log(table(rows));
  const loadAvg = os.loadavg()[0].toFixed(1);
  console.log(
    `\nload average (1 min) at the end: ${loadAvg}; goals apply to the large corpus${large ? '' : ' (this is not it)'}.`,
  );
  console.log(
    `ACCEPTANCE (${size}): ${[
      `cold ready / CLI = ${median(ratios).toFixed(2)} (≤ 1.2)`,
      `warm ready = ${median(warm.map(r => r.readyMs)).toFixed(0)} ms (≤ 1500)`,
      `RSS = ${median(cold.map(r => r.rssMb)).toFixed(0)} MB (≤ 400)`,
      `longest stall = ${median(cold.map(r => r.stallMs)).toFixed(0)} ms (≤ 50)`,
      `CLI = ${median(cliCold.map(r => r.ms)).toFixed(0)} ms`,
      `CLI --cache warm = ${median(cliWarm.map(r => r.ms)).toFixed(0)} ms`,
    ].join('; ')}`,
  );
}

interface CliRun {
  ms: number;
  /** CPU time of the process, all threads. */
  cpuMs: number;
}

/** One CLI run over the corpus, as CI would run it: wall time and CPU time (from a preloaded exit hook) in ms. */
function cli(extra: readonly string[]): CliRun {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['-r', cpuHook(), cliScript, 'check', corpus, '--format', 'json', ...extra], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`the CLI failed (${r.status}): ${r.stderr}`);
  const cpu = /ISTIO_LS_CPU_MS (\d+)/.exec(r.stderr);
  return { ms, cpuMs: cpu ? Number(cpu[1]) : Number.NaN };
}

let hook: string | undefined;

/** A script that prints the process's CPU time on exit: wall time alone means little on a loaded machine. */
function cpuHook(): string {
  if (hook) return hook;
  hook = path.join(os.tmpdir(), `istio-ls-cpu-hook-${process.pid}.js`);
  fs.writeFileSync(
    hook,
    "process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write(`ISTIO_LS_CPU_MS ${Math.round((u.user + u.system) / 1000)}\\n`); });\n",
  );
  return hook;
}

/**
 * One server start on the corpus with `storage` as its workspace storage, to "ready" (every file
 * indexed, every rule run, diagnostics published). `waitForCache`: also wait until the index cache
 * written after "ready" is on disk (the warm runs need it).
 */
async function server(storage: string, waitForCache: boolean): Promise<ServerRun> {
  const driver = new LspDriver(serverScript);
  try {
    await driver.initialize(corpus, { cacheDirectory: storage });
    await driver.until(() => driver.ready, 'the index to be ready', 600000);
    const stats = (await driver.connection.sendRequest('istio/stats', { reset: true })) as {
      rssMb: number;
      eventLoopMaxMs: number;
      cpuMs?: number;
    };
    // A request that reads the index: on a warm reopen, "ready" comes with the diagnostics from the
    // cache and such requests are answered once the index is loaded from it.
    await driver.connection.sendRequest('workspace/symbol', { query: 'istio-ls-bench-no-such-name' });
    const indexLoadedMs = driver.now();
    const cacheFile = path.join(storage, CACHE_FILE);
    const publishedFile = path.join(storage, PUBLISHED_FILE);
    if (waitForCache) {
      await until(() => fs.existsSync(cacheFile), 'the index cache', 300000);
      // Written right after it, unless a file was too fresh to vouch for (a corpus generated just now).
      await until(() => fs.existsSync(publishedFile), 'the published diagnostics', 20000).catch(() =>
        log('no published diagnostics were written: the warm runs load the index before "ready"'),
      );
    } else await new Promise(resolve => setTimeout(resolve, 3000));
    const later = (await driver.connection.sendRequest('istio/stats', {})) as { rssMb: number; eventLoopMaxMs: number };
    return {
      readyMs: driver.readyAt,
      indexLoadedMs,
      cpuMs: stats.cpuMs ?? Number.NaN,
      rssMb: stats.rssMb,
      stallMs: stats.eventLoopMaxMs,
      stallAfterReadyMs: later.eventLoopMaxMs,
      rssLaterMb: later.rssMb,
    };
  } finally {
    await driver.dispose();
  }
}

async function until(test: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!test()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

function mb(file: string): string {
  return fs.existsSync(file) ? (fs.statSync(file).size / 1e6).toFixed(1) : '–';
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

main().catch(e => {
  console.error(e);
  process.exitCode = 1;
});
