import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

/**
 * `npm run test:e2e`: the integration tests inside VS Code, through @vscode/test-electron's
 * runTests(). With VSCODE_EXECUTABLE_PATH set (the npm script points it at
 * test/e2e/infra/code-shim: code-server + headless Chromium, for offline machines and CI) that
 * executable runs them; with it set to empty, runTests downloads real VS Code.
 *
 * Two runs: the multi-root fixture workspace (with a stand-in for Red Hat YAML) and a workspace
 * without Istio files. Prints each test, then one line "N passed, N failed" for both.
 * Exit: 0 passed, 1 failed, 2 infrastructure missing (nothing ran).
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');

interface Results {
  passed: number;
  failed: number;
  tests: { title: string; state: string; error?: string }[];
  notes?: string[];
}

async function main(): Promise<number> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-ls-e2e-'));
  // The tests edit files (quick-fixes, the v1 upgrade): they get a copy.
  for (const dir of ['e2e-workspace', 'e2e-plain'])
    fs.cpSync(path.join(ROOT, 'test', 'fixtures', dir), path.join(tmp, dir), { recursive: true });
  const executable = process.env.VSCODE_EXECUTABLE_PATH ? path.resolve(process.env.VSCODE_EXECUTABLE_PATH) : undefined;
  const viaShim = !!executable && path.basename(executable) === 'code-shim';
  fs.mkdirSync(path.join(ROOT, 'out'), { recursive: true });
  const suites = [
    {
      suite: 'suite',
      workspace: path.join(tmp, 'e2e-workspace', 'e2e.code-workspace'),
      extra: [path.join(ROOT, 'test', 'fixtures', 'fake-redhat-yaml')],
    },
    { suite: 'plain', workspace: path.join(tmp, 'e2e-plain'), extra: [] },
  ];
  let passed = 0;
  let failed = 0;
  let infra = false;
  for (const { suite, workspace, extra } of suites) {
    const resultsFile = path.join(tmp, `${suite}-results.json`);
    console.log(`\n--- e2e ${suite}: ${path.relative(tmp, workspace)} ---`);
    let code = 0;
    try {
      await runTests({
        vscodeExecutablePath: executable,
        // Desktop VS Code loads several development extensions; the code-server runner installs
        // the extra ones instead (its URL payload carries only one).
        extensionDevelopmentPath: viaShim ? ROOT : [ROOT, ...extra],
        extensionTestsPath: path.join(__dirname, 'index.js'),
        launchArgs: [
          workspace,
          '--disable-extensions',
          ...(viaShim
            ? [
                '--timeout=300',
                `--screenshot=${path.join(ROOT, 'out', `e2e-failure-${suite}.png`)}`,
                ...extra.map(e => `--with-extension=${e}`),
              ]
            : []),
        ],
        extensionTestsEnv: { E2E_SUITE: suite, E2E_RESULTS_FILE: resultsFile },
      });
    } catch (e) {
      code = typeof (e as { code?: unknown }).code === 'number' ? (e as { code: number }).code : 1;
      if (code !== 1 && code !== 2) console.error(String(e));
    }
    const results = readResults(resultsFile);
    if (!results) {
      if (code === 2) infra = true;
      else failed++;
      console.log(`e2e ${suite}: no results (exit code ${code})`);
      continue;
    }
    if (!viaShim) {
      for (const t of results.tests)
        console.log(`  ${t.state === 'passed' ? 'ok  ' : 'FAIL'} ${t.title}${t.error ? `\n       ${t.error}` : ''}`);
      for (const n of results.notes ?? []) console.log(`  note: ${n}`);
    }
    passed += results.passed;
    failed += results.failed + (code !== 0 && results.failed === 0 ? 1 : 0);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`\n${passed} passed, ${failed} failed`);
  if (infra && passed === 0 && failed === 0) return 2;
  return failed > 0 || infra ? 1 : 0;
}

function readResults(file: string): Results | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Results;
  } catch {
    return undefined;
  }
}

main().then(
  code => process.exit(code),
  e => {
    console.error(e);
    process.exit(1);
  },
);
