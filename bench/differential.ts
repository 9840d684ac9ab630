import * as fs from 'fs';
import * as path from 'path';
import { analyzeFile } from '../server/src/core/analysis/analyzeFile';
import { fastParse } from '../server/src/core/parse/fastParse';
import { looksLikeHelm, maskHelmActions } from '../server/src/core/parse/helm';
import { ALL_RULES, localRules } from '../server/src/core/rules/index';
import { DEFAULT_SETTINGS } from '../server/src/core/settings';
import { loadSchemas } from '../server/src/host/schemaLoader';
import { yamlFiles } from './walk';

/**
 * The fast parser's promise, checked over a whole corpus: every file's summaries, findings
 * (with their fixes) and suppression directives are exactly what the `yaml` package's parse
 * gives. Prints how many files took the fast path and exits 1 on the first difference.
 *
 *   node out/bench/differential.js DIR
 */
export function compareCorpus(root: string): { files: number; fast: number; differences: string[] } {
  const options = { settings: DEFAULT_SETTINGS, rules: localRules(ALL_RULES), schemas: loadSchemas() };
  const differences: string[] = [];
  let fast = 0;
  const files = yamlFiles(root);
  for (const rel of files) {
    const file = path.join(root, rel);
    const text = fs.readFileSync(file, 'utf8');
    const viaFast = JSON.stringify(analyzeFile(file, text, options));
    const viaYaml = JSON.stringify(analyzeFile(file, text, { ...options, fastParse: false }));
    if (viaFast !== viaYaml) differences.push(rel);
    if (fastParse(looksLikeHelm(file, text) ? maskHelmActions(text).text : text)) fast++;
  }
  return { files: files.length, fast, differences };
}

if (require.main === module) {
  const root = path.resolve(process.argv[2] ?? 'bench/corpus/medium');
  const result = compareCorpus(root);
  console.log(
    `${result.files} files compared (${result.fast} took the fast path), ${result.differences.length} differ${result.differences.length ? `: ${result.differences.slice(0, 10).join(', ')}` : ''}`,
  );
  process.exitCode = result.differences.length > 0 ? 1 : 0;
}
