import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/** Extra lines a test wants printed with the results (measurements such as activation time). */
export const notes: string[] = [];

/**
 * extensionTestsPath entry point: VS Code's extension host calls run() and treats a rejected
 * promise as a failed run. `E2E_SUITE` picks the directory of tests (`suite`: the multi-root
 * fixture workspace, `plain`: a workspace without Istio files). Results also go to
 * $E2E_RESULTS_FILE as JSON ({ passed, failed, tests, notes }), which run-e2e.mjs prints.
 */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30000, color: false });
  const dir = path.join(__dirname, process.env.E2E_SUITE || 'suite');
  for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(dir, f));
  const results = { passed: 0, failed: 0, tests: [] as object[], notes };
  return new Promise((resolve, reject) => {
    const runner = mocha.run(failures => {
      if (process.env.E2E_RESULTS_FILE)
        fs.writeFileSync(process.env.E2E_RESULTS_FILE, JSON.stringify(results, null, 2));
      if (failures) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
    runner.on('pass', t => {
      results.passed++;
      results.tests.push({ title: t.fullTitle(), state: 'passed', ms: t.duration });
    });
    runner.on('fail', (t, e: unknown) => {
      results.failed++;
      results.tests.push({ title: t.fullTitle(), state: 'failed', error: String((e as Error)?.message ?? e) });
    });
  });
}
