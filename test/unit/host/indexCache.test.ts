import * as assert from 'assert';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../../server/src/cli';
import { Analyzer } from '../../../server/src/core/analysis/analyzer';
import { CACHE_FILE, IndexCache } from '../../../server/src/host/indexCache';
import { DEFAULT_SERVER_SETTINGS, type ServerSettings } from '../../../server/src/host/settings';
import { PUBLISHED_FILE } from '../../../server/src/host/publishedCache';
import { WorkspaceHost } from '../../../server/src/host/workspaceHost';

/**
 * Differential tests of the index cache: whatever happened to the files (edits, deletes, renames)
 * or to the cache itself (damage, other settings) between two runs, findings with the cache equal
 * those of a fresh analysis.
 */
const FIXTURE = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'e2e-workspace', 'mesh');
const HOUR = 3600_000;

const FILES: Record<string, string> = {
  'base/kustomization.yaml': 'resources: [dr.yaml, vs.yaml]\n',
  'base/dr.yaml':
    'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: reviews}\nspec:\n  host: reviews\n  subsets: [{name: v1, labels: {version: v1}}]\n',
  'base/vs.yaml':
    'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: reviews}\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews, subset: v1}\n    - destination: {host: reviews, subset: v2}\n',
  'overlay/kustomization.yaml': 'namespace: shop\nresources: [../base]\n',
  'other/dr.yaml':
    'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: ratings, namespace: shop}\nspec:\n  host: ratings\n  subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]\n',
  'other/vs.yaml':
    'apiVersion: networking.istio.io/v1beta1\nkind: VirtualService\nmetadata: {name: ratings, namespace: shop}\nspec:\n  hosts: [ratings]\n  http:\n  - route:\n    - destination: {host: ratings, subset: v2}\n',
  // Non-ASCII text, and a number JSON cannot carry (the cache keeps such a file out, and reads it again).
  'other/odd.yaml':
    'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: odd, namespace: shop, labels: {team: "équipe ✓ 🚀"}}\nspec:\n  hosts: [ratings]\n  http:\n  - route:\n    - destination: {host: ratings, subset: vé}\n      weight: .inf\n',
  'tools/compose.yaml': 'services:\n  web: {image: nginx}\n',
  'broken.yaml': 'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw\nspec: [\n',
};

describe('index cache', () => {
  let root: string;
  let ws: string;
  let cacheDir: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-ls-cache-'));
    ws = path.join(root, 'ws');
    cacheDir = path.join(root, 'storage');
    fs.cpSync(FIXTURE, ws, { recursive: true });
    for (const [name, text] of Object.entries(FILES)) write(name, text);
    // Files modified just before they are read are not cached (racy): these were written an hour ago.
    age(ws, Date.now() - HOUR);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(ws, name)), { recursive: true });
    fs.writeFileSync(path.join(ws, name), text);
  };
  /** A later edit: new content with a modification time still outside the racy window. */
  const edit = (name: string, text: string) => {
    write(name, text);
    age(path.join(ws, name), Date.now() - HOUR / 2);
  };

  describe('server (WorkspaceHost)', () => {
    it('a warm start finds what a fresh analysis finds, after edits, deletes and renames', async () => {
      const cold = await hostFindings(ws, cacheDir);
      assert.ok(fs.existsSync(path.join(cacheDir, CACHE_FILE)), 'the cache was written');
      assert.ok(Object.keys(cold).length >= 3, 'the fixture has findings');
      assert.deepStrictEqual(await hostFindings(ws, cacheDir), cold);

      edit('other/dr.yaml', FILES['other/dr.yaml'].replace(', {name: v2, labels: {version: v2}}', ''));
      fs.rmSync(path.join(ws, 'base/dr.yaml'));
      fs.mkdirSync(path.join(ws, 'moved'));
      fs.renameSync(path.join(ws, 'other/vs.yaml'), path.join(ws, 'moved/vs.yaml'));
      edit('overlay/kustomization.yaml', 'namespace: store\nresources: [../base]\n');
      edit('new.yaml', FILES['base/vs.yaml'].replace('name: reviews}', 'name: reviews, namespace: shop}'));
      const fresh = await hostFindings(ws, undefined);
      assert.notDeepStrictEqual(fresh, cold);
      assert.deepStrictEqual(await hostFindings(ws, cacheDir), fresh);
      // The cache written by that run serves the next one as well.
      assert.deepStrictEqual(await hostFindings(ws, cacheDir), fresh);
    });

    it('restores the cross-file results instead of running the rules, and they equal a fresh analysis', async () => {
      const cold = await hostFindings(ws, cacheDir);
      assert.ok(JSON.stringify(cold).includes('"ruleId":"subset-not-found"'), 'the fixture has cross-file findings');
      let warm: unknown;
      const starts = await crossFileStarts(async () => (warm = await hostFindings(ws, cacheDir)));
      assert.deepStrictEqual(starts, { cold: 0, warm: 1 });
      assert.deepStrictEqual(warm, cold);
      // A changed file is applied as an edit after the restore, not by a full pass.
      edit('other/dr.yaml', FILES['other/dr.yaml'].replace(', {name: v2, labels: {version: v2}}', ''));
      const fresh = await hostFindings(ws, undefined);
      const after = await crossFileStarts(async () => (warm = await hostFindings(ws, cacheDir)));
      assert.deepStrictEqual(after, { cold: 0, warm: 1 });
      assert.deepStrictEqual(warm, fresh);
      assert.notDeepStrictEqual(fresh, cold);
    });

    it('an edit right after a warm start re-checks the resources that depend on it', async () => {
      await hostFindings(ws, cacheDir);
      const dr = path.join(ws, 'other/dr.yaml');
      const vs = path.join(ws, 'base/vs.yaml');
      const changes = async (host: WorkspaceHost) => {
        // The editor drops subset v2 (used in other/vs.yaml); base/dr.yaml is deleted on disk.
        host.openDocument(dr, FILES['other/dr.yaml'].replace(', {name: v2, labels: {version: v2}}', ''));
        fs.rmSync(path.join(ws, 'base/dr.yaml'));
        await host.filesChanged([{ file: path.join(ws, 'base/dr.yaml'), type: 'deleted' }]);
        host.openDocument(vs, FILES['base/vs.yaml'].replace('subset: v2', 'subset: v1'));
      };
      let warm: unknown;
      const starts = await crossFileStarts(
        async () => (warm = await hostFindings(ws, cacheDir, [], undefined, changes)),
      );
      assert.deepStrictEqual(starts, { cold: 0, warm: 1 });
      write('base/dr.yaml', FILES['base/dr.yaml']);
      age(ws, Date.now() - HOUR);
      const fresh = await hostFindings(ws, undefined, [], undefined, changes);
      assert.ok(JSON.stringify(fresh).includes('v2'), 'the edit produced a cross-file finding');
      assert.deepStrictEqual(warm, fresh);
    });

    it('a cache saved in slices while the index changes holds the state it ended in', async () => {
      await hostFindings(ws, cacheDir);
      // A changed file: the next start writes the cache again.
      edit('base/vs.yaml', FILES['base/vs.yaml'].replace('subset: v1', 'subset: v3'));
      const host = new WorkspaceHost(
        DEFAULT_SERVER_SETTINGS,
        { findingsChanged: () => undefined, log: () => undefined },
        { cacheDir },
      );
      try {
        await host.indexWorkspace([ws]);
        // Slices of 0 ms: the save yields at every look at the clock; the edit lands in between.
        const saving = host.saveCache(0);
        const dr = path.join(ws, 'other/dr.yaml');
        setImmediate(() =>
          host.openDocument(dr, FILES['other/dr.yaml'].replace(', {name: v2, labels: {version: v2}}', '')),
        );
        await saving;
        const cache = await IndexCache.open(cacheDir, DEFAULT_SERVER_SETTINGS.analysis, [ws], () => undefined);
        const cross = cache.snapshot?.cross;
        assert.ok(cross, 'saved with the cross-file results');
        // The summaries are of that state too: the editor's text, never cached as the file's.
        assert.strictEqual(cache.snapshot?.entries.get(dr)?.size, -1);
        let states = 0;
        for (const summary of host.analyzer.index.allFiles())
          for (const [id, state] of host.analyzer.crossFileStateOf(summary.file)) {
            states++;
            const saved = cross.get(id);
            assert.deepStrictEqual(saved?.deps, state.deps, id);
            assert.deepStrictEqual(
              saved?.findings.map(f => f.message),
              state.findings.map(f => f.message),
              id,
            );
          }
        assert.strictEqual(cross.size, states);
        assert.ok(
          [...cross.values()].some(s => s.findings.some(f => f.message.includes('v2'))),
          'the edit is in the saved state',
        );
      } finally {
        await host.dispose();
      }
    });

    it("an editor's unsaved text is never cached as the file's", async () => {
      const dr = path.join(ws, 'other/dr.yaml');
      await hostFindings(ws, cacheDir, [], undefined, async host => {
        host.openDocument(dr, FILES['other/dr.yaml'].replace(', {name: v2, labels: {version: v2}}', ''));
        await host.saveCache();
      });
      // Saved while the document was open (the server saves after "ready"): the next start reads the disk.
      const host = new WorkspaceHost(
        DEFAULT_SERVER_SETTINGS,
        { findingsChanged: () => undefined, log: () => undefined },
        { cacheDir },
      );
      host.openDocument(dr, FILES['other/dr.yaml'].replace(', {name: v2, labels: {version: v2}}', ''));
      await host.indexWorkspace([ws]);
      await host.saveCache();
      await host.dispose();
      assert.deepStrictEqual(await hostFindings(ws, cacheDir), await hostFindings(ws, undefined));
    });

    it('trusts an unchanged size and modification time, and no more (documented: content changes touch them)', async () => {
      await hostFindings(ws, cacheDir);
      const file = path.join(ws, 'other/vs.yaml');
      const { mtime } = fs.statSync(file);
      // Same size, same mtime, other content: only a cache would still see subset v2.
      fs.writeFileSync(file, FILES['other/vs.yaml'].replace('subset: v2', 'subset: v7'));
      fs.utimesSync(file, mtime, mtime);
      const warm = await hostFindings(ws, cacheDir);
      assert.ok(!JSON.stringify(warm).includes('v7'), 'the cached summary was used');
      fs.utimesSync(file, mtime, new Date(mtime.getTime() + 1000));
      assert.ok(JSON.stringify(await hostFindings(ws, cacheDir)).includes('v7'), 'a new mtime is re-read');
    });

    it('ignores a damaged, truncated, foreign or stale cache, and replaces it', async () => {
      const expected = await hostFindings(ws, cacheDir);
      const file = path.join(cacheDir, CACHE_FILE);
      const good = fs.readFileSync(file);
      const damaged = Buffer.from(good);
      damaged[Math.floor(good.length * 0.6)] ^= 0xff;
      const variants: [string, Buffer][] = [
        ['a flipped byte', damaged],
        ['truncated', good.subarray(0, Math.floor(good.length / 2))],
        ['empty', Buffer.alloc(0)],
        ['garbage', Buffer.from('not a cache at all\n'.repeat(100))],
        ['a longer tail', Buffer.concat([good, Buffer.from([1, 2, 3])])],
      ];
      for (const [what, bytes] of variants) {
        fs.writeFileSync(file, bytes);
        const logs: string[] = [];
        assert.deepStrictEqual(await hostFindings(ws, cacheDir, logs), expected, what);
        assert.ok(
          logs.some(l => l.includes('ignored')),
          `${what}: logged as ignored (${logs.join(' | ')})`,
        );
        const again: string[] = [];
        assert.deepStrictEqual(await hostFindings(ws, cacheDir, again), expected, what);
        assert.ok(!again.some(l => l.includes('ignored')), `${what}: replaced by a good cache`);
      }
      // Other settings that change single-file results: the cache is not used for them.
      const settings = {
        ...DEFAULT_SERVER_SETTINGS,
        analysis: { ...DEFAULT_SERVER_SETTINGS.analysis, targetVersion: '1.20' },
      };
      const fresh = await hostFindings(ws, undefined, [], settings);
      const logs: string[] = [];
      assert.deepStrictEqual(await hostFindings(ws, cacheDir, logs, settings), fresh);
      assert.ok(logs.some(l => l.includes('other settings')));
    });

    describe('diagnostics published before the index is loaded (a reopen with nothing changed)', () => {
      it('hands over what was published when the cache was written, equal to what the loaded index then has', async () => {
        const first = await publishedRun(ws, cacheDir);
        assert.strictEqual(first.early, undefined, 'nothing to hand over on the first start');
        assert.ok(Object.keys(first.final).length >= 3, 'the fixture has findings');
        const second = await publishedRun(ws, cacheDir);
        assert.deepStrictEqual(second.early, first.final);
        assert.deepStrictEqual(second.final, first.final);
        assert.strictEqual(second.loadingDuringHandover, true, 'requests wait for the index meanwhile');
        assert.strictEqual(second.loadingAfter, false);
        // Nothing changed: the cache is not written again, and serves the next start as well.
        assert.deepStrictEqual((await publishedRun(ws, cacheDir)).early, first.final);
      });

      it('hands nothing over when a file changed, was added or deleted since, or the reporting settings differ', async () => {
        const first = await publishedRun(ws, cacheDir);
        const changes: [string, () => void][] = [
          [
            'edited',
            () => edit('other/dr.yaml', FILES['other/dr.yaml'].replace(', {name: v2, labels: {version: v2}}', '')),
          ],
          ['added', () => edit('new.yaml', FILES['base/vs.yaml'].replace('name: reviews}', 'name: more}'))],
          ['deleted', () => fs.rmSync(path.join(ws, 'base/dr.yaml'))],
        ];
        for (const [what, change] of changes) {
          change();
          const run = await publishedRun(ws, cacheDir);
          assert.strictEqual(run.early, undefined, what);
          assert.deepStrictEqual(run.final, (await publishedRun(ws, undefined)).final, what);
          assert.notDeepStrictEqual(run.final, first.final, what);
          // That start wrote the cache again: the next one hands its diagnostics over.
          assert.deepStrictEqual((await publishedRun(ws, cacheDir)).early, run.final, what);
        }
        const quiet = { ...DEFAULT_SERVER_SETTINGS, report: { rules: { 'subset-not-found': 'off' as const } } };
        assert.strictEqual((await publishedRun(ws, cacheDir, quiet)).early, undefined, 'other reporting settings');
      });

      it('knows the files without reading a directory while every directory keeps its modification time', async () => {
        const ageDirectories = (dir: string) => {
          for (const entry of fs.readdirSync(dir, { withFileTypes: true }))
            if (entry.isDirectory()) ageDirectories(path.join(dir, entry.name));
          fs.utimesSync(dir, new Date(Date.now() - HOUR), new Date(Date.now() - HOUR));
        };
        ageDirectories(ws);
        const first = await publishedRun(ws, cacheDir);
        const header = JSON.parse(fs.readFileSync(path.join(cacheDir, PUBLISHED_FILE), 'utf8').split('\n')[0]) as {
          directories?: { names: string[] };
        };
        assert.ok(header.directories?.names.includes(path.join(ws, 'base')), 'the directories were written');
        const second = await publishedRun(ws, cacheDir);
        assert.deepStrictEqual(second.early, first.final);
        assert.strictEqual(second.directoriesReadBeforeHandover, 0);
        // A file added below: its directory's time moves, the folders are walked, the file is found.
        edit('base/extra.yaml', FILES['base/vs.yaml'].replace('name: reviews}', 'name: extra}'));
        const third = await publishedRun(ws, cacheDir);
        assert.strictEqual(third.early, undefined);
        assert.ok(Object.keys(third.final).includes(path.join('base', 'extra.yaml')), 'the added file has findings');
        assert.deepStrictEqual(third.final, (await publishedRun(ws, undefined)).final);
      });

      it("keeps an open document's diagnostics only when its text is the disk's", async () => {
        const dr = path.join(ws, 'other/dr.yaml');
        await publishedRun(ws, cacheDir, DEFAULT_SERVER_SETTINGS, [[dr, FILES['other/dr.yaml']]]);
        const same = await publishedRun(ws, cacheDir);
        assert.deepStrictEqual(same.early, same.final, 'open with the disk text');
        fs.rmSync(cacheDir, { recursive: true });
        const unsaved = FILES['other/dr.yaml'].replace(', {name: v2, labels: {version: v2}}', '');
        await publishedRun(ws, cacheDir, DEFAULT_SERVER_SETTINGS, [[dr, unsaved]]);
        assert.strictEqual((await publishedRun(ws, cacheDir)).early, undefined, 'open with unsaved text');
      });
    });

    it('an unwritable cache directory costs a log line, not the analysis', async () => {
      fs.writeFileSync(path.join(root, 'file'), '');
      const logs: string[] = [];
      const found = await hostFindings(ws, path.join(root, 'file', 'storage'), logs);
      assert.deepStrictEqual(found, await hostFindings(ws, undefined));
      assert.ok(logs.some(l => l.includes('Could not write the index cache')));
    });
  });

  describe('CLI (--cache)', () => {
    it('a warm run prints what a run without the cache prints, after edits, deletes and renames', async () => {
      const plain = await check(root, ['check', 'ws', '--format', 'json']);
      const cached = ['check', 'ws', '--format', 'json', '--cache=.cache'];
      assert.strictEqual(await check(root, cached), plain);
      assert.ok(fs.existsSync(path.join(root, '.cache', CACHE_FILE)));
      assert.strictEqual(await check(root, cached), plain);
      edit(
        'base/dr.yaml',
        FILES['base/dr.yaml'].replace('[{name: v1', '[{name: v2, labels: {version: v2}}, {name: v1'),
      );
      fs.rmSync(path.join(ws, 'other/dr.yaml'));
      fs.renameSync(path.join(ws, 'broken.yaml'), path.join(ws, 'tools/broken.yaml'));
      const after = await check(root, ['check', 'ws', '--format', 'json']);
      assert.notStrictEqual(after, plain);
      assert.strictEqual(await check(root, cached), after);
      assert.strictEqual(await check(root, ['check', 'ws', '--format', 'json', '--cache-location', '.cache']), after);
    });

    it('--cache alone uses .istio-ls-cache in the current directory', async () => {
      await check(root, ['check', 'ws', '--cache']);
      assert.ok(fs.existsSync(path.join(root, '.istio-ls-cache', CACHE_FILE)));
    });
  });
});

/**
 * Every file's findings after a complete indexing of `ws` (with the cache in `cacheDir`, if any),
 * then after `then` (edits right after the start): as published, and as code actions see them
 * (with their quick-fixes, some computed on demand after a warm start).
 */
async function hostFindings(
  ws: string,
  cacheDir: string | undefined,
  logs: string[] = [],
  settings: ServerSettings = DEFAULT_SERVER_SETTINGS,
  then?: (host: WorkspaceHost) => Promise<void> | void,
): Promise<Record<string, unknown>> {
  const host = new WorkspaceHost(settings, { findingsChanged: () => undefined, log: m => logs.push(m) }, { cacheDir });
  try {
    await host.indexWorkspace([ws]);
    await host.saveCache();
    await then?.(host);
    const out: Record<string, unknown> = {};
    for (const file of host.analyzer.filesWithFindings()) {
      const published = host.analyzer.report(file, { rules: {} }).map(({ fixes: _fixes, ...f }) => f);
      out[path.relative(ws, file)] = { published, actions: host.analyzer.report(file, { rules: {} }, true) };
    }
    // Quick-fixes hold functions (computed against the text when applied): compared as data.
    return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
  } finally {
    await host.dispose();
  }
}

/**
 * One server start with published diagnostics as the LSP layer keeps them (their messages by
 * file): what a reopen handed over before the index was loaded, and what the index had after.
 */
async function publishedRun(
  ws: string,
  cacheDir: string | undefined,
  settings: ServerSettings = DEFAULT_SERVER_SETTINGS,
  open: [string, string][] = [],
): Promise<{
  early?: Record<string, unknown>;
  final: Record<string, unknown>;
  loadingDuringHandover?: boolean;
  directoriesReadBeforeHandover?: number;
  loadingAfter: boolean;
}> {
  const run: {
    early?: Record<string, unknown>;
    loadingDuringHandover?: boolean;
    directoriesReadBeforeHandover?: number;
  } = {};
  let directoriesRead = 0;
  // The module itself (the namespace import only has getters): the walker calls it through it.
  const fsModule = createRequire(__filename)('fs') as typeof fs;
  const { readdirSync } = fsModule;
  (fsModule as { readdirSync: unknown }).readdirSync = (...args: Parameters<typeof readdirSync>) => {
    directoriesRead++;
    return readdirSync(...args);
  };
  const host: WorkspaceHost = new WorkspaceHost(
    settings,
    {
      findingsChanged: () => undefined,
      log: () => undefined,
      cachedDiagnostics: published => {
        run.early = Object.fromEntries([...published.diagnostics].map(([f, d]) => [path.relative(ws, f), d]));
        run.loadingDuringHandover = host.indexLoading !== undefined;
        run.directoriesReadBeforeHandover = directoriesRead;
        return Promise.resolve();
      },
    },
    { cacheDir },
  );
  const diagnosticsOf = (file: string) => {
    const messages = host.analyzer.report(file, settings.report).map(f => `${f.ruleId}: ${f.message}`);
    return messages.length > 0 ? JSON.stringify(messages) : undefined;
  };
  try {
    for (const [file, text] of open) host.openDocument(file, text);
    await host.indexWorkspace([ws]);
    const loadingAfter = host.indexLoading !== undefined;
    await host.saveCache(undefined, diagnosticsOf);
    const final: Record<string, unknown> = {};
    for (const summary of host.analyzer.index.allFiles()) {
      const json = diagnosticsOf(summary.file);
      if (json !== undefined) final[path.relative(ws, summary.file)] = JSON.parse(json);
    }
    return { ...run, final, loadingAfter };
  } finally {
    fsModule.readdirSync = readdirSync;
    await host.dispose();
  }
}

/** How the cross-file results of the indexings in `run` came about: rules run over everything, or restored. */
async function crossFileStarts(run: () => Promise<unknown>): Promise<{ cold: number; warm: number }> {
  const proto = Analyzer.prototype;
  const { startCrossFile, restoreCrossFile } = proto;
  const counts = { cold: 0, warm: 0 };
  proto.startCrossFile = function (...args) {
    counts.cold++;
    return startCrossFile.apply(this, args);
  };
  proto.restoreCrossFile = function (...args) {
    counts.warm++;
    return restoreCrossFile.apply(this, args);
  };
  try {
    await run();
  } finally {
    proto.startCrossFile = startCrossFile;
    proto.restoreCrossFile = restoreCrossFile;
  }
  return counts;
}

async function check(cwd: string, args: string[]): Promise<string> {
  const previous = process.cwd();
  process.chdir(cwd);
  let out = '';
  try {
    await main(
      args,
      s => (out += s),
      () => undefined,
    );
    return out;
  } finally {
    process.chdir(previous);
  }
}

/** Sets the modification time of a file, or of every file below a directory. */
function age(target: string, when: number): void {
  const time = new Date(when);
  if (fs.statSync(target).isDirectory())
    for (const entry of fs.readdirSync(target)) age(path.join(target, entry), when);
  else fs.utimesSync(target, time, time);
}
