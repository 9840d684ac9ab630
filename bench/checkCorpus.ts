/**
 * Self-check of a generated corpus:
 *
 *   node out/bench/checkCorpus.js DIR
 *
 * 1. every YAML file outside Helm templates parses without errors;
 * 2. every defects.json entry points at an existing line holding the node text its note quotes,
 *    inside a document preceded by its `# planted: <rule>` comment;
 * 3. an independent re-implementation of the rules (bench/oracle) finds exactly the listed
 *    defects, no more and no fewer, and meets no construct whose reading is ambiguous.
 */
import * as fs from 'fs';
import * as path from 'path';
import { type Defect } from './generator/ledger';
import { DEFECTS_FILE } from './generator/corpus';
import { loadCorpus } from './oracle/load';
import { MeshIndex } from './oracle/meshIndex';
import { type Finding, runRules } from './oracle/rules';

export const RULES = [
  'subset-not-found',
  'destination-rule-ignored',
  'gateway-not-found',
  'gateway-host-mismatch',
  'host-not-found',
  'duplicate-destination-rule',
  'conflicting-virtual-service',
  'multiple-namespace-sidecars',
  'mtls-conflict',
  'selector-matches-nothing',
];

export function main(argv: readonly string[]): number {
  const dir = argv[0];
  if (!dir || argv.length > 1) {
    process.stderr.write('usage: checkCorpus DIR\n');
    return 2;
  }
  const defects = JSON.parse(fs.readFileSync(path.join(dir, DEFECTS_FILE), 'utf8')) as Defect[];
  const corpus = loadCorpus(dir);
  const problems: string[] = [];
  problems.push(...corpus.syntaxErrors.map(e => `syntax: ${e}`));
  problems.push(...checkPositions(defects, corpus.text));

  const { findings, warnings } = runRules(new MeshIndex(corpus));
  problems.push(...warnings.map(w => `ambiguous: ${w}`));
  problems.push(...compare(defects, findings));
  for (const rule of RULES) if (!defects.some(d => d.rule === rule)) problems.push(`no planted defect for ${rule}`);

  const perRule = RULES.map(r => `${r}=${defects.filter(d => d.rule === r).length}`).join(' ');
  process.stdout.write(`${dir}: ${corpus.resources.length} resources, ${defects.length} defects (${perRule})\n`);
  for (const p of problems.slice(0, 50)) process.stdout.write(`  ${p}\n`);
  if (problems.length > 50) process.stdout.write(`  … and ${problems.length - 50} more\n`);
  process.stdout.write(problems.length === 0 ? 'OK\n' : `FAILED: ${problems.length} problems\n`);
  return problems.length === 0 ? 0 : 1;
}

function checkPositions(defects: readonly Defect[], text: Map<string, string[]>): string[] {
  const problems: string[] = [];
  for (const d of defects) {
    const lines = text.get(d.file);
    const line = lines?.[d.line - 1];
    const where = `${d.file}:${d.line} ${d.rule}`;
    if (line === undefined) {
      problems.push(`${where}: no such line`);
      continue;
    }
    const quoted = /"([^"]+)"/.exec(d.note)?.[1];
    if (!quoted || !line.includes(quoted))
      problems.push(`${where}: line does not contain ${quoted ?? '(no quoted text in note)'}`);
    let i = d.line - 2;
    while (i >= 0 && lines![i] !== '---' && lines![i] !== `# planted: ${d.rule}`) i--;
    if (i < 0 || lines![i] !== `# planted: ${d.rule}`)
      problems.push(`${where}: no "# planted: ${d.rule}" comment above the document`);
  }
  return problems;
}

function compare(defects: readonly Defect[], findings: readonly Finding[]): string[] {
  const key = (f: { rule: string; file: string; line: number }): string => `${f.file}:${f.line} ${f.rule}`;
  const expected = new Map<string, number>();
  for (const d of defects) expected.set(key(d), (expected.get(key(d)) ?? 0) + 1);
  const problems: string[] = [];
  for (const f of findings) {
    const k = key(f);
    const n = expected.get(k) ?? 0;
    if (n === 0) problems.push(`unplanted finding: ${k}`);
    else expected.set(k, n - 1);
  }
  for (const [k, n] of expected) if (n > 0) problems.push(`planted but not found: ${k}`);
  return problems;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
