/**
 * The parsing floor for a corpus: how long the `yaml` package alone needs, before any analysis.
 *
 *   node out/bench/yamlFloor.js DIR
 *
 * Files are read into memory first so that disk time is reported apart from parse time.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Lexer, parseAllDocuments } from 'yaml';
import { isHelmTemplate, yamlFiles } from './walk';

export function main(argv: readonly string[]): number {
  const dir = argv[0];
  if (!dir || argv.length > 1) {
    process.stderr.write('usage: yamlFloor DIR\n');
    return 2;
  }
  const t0 = now();
  const files = yamlFiles(dir);
  const texts = files.map(rel => fs.readFileSync(path.join(dir, rel), 'utf8'));
  const readMs = now() - t0;
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);

  const t1 = now();
  let tokens = 0;
  for (const text of texts) for (const _ of new Lexer().lex(text)) tokens++;
  const lexMs = now() - t1;

  const t2 = now();
  let documents = 0;
  let errors = 0;
  let templateErrors = 0;
  texts.forEach((text, i) => {
    const docs = parseAllDocuments(text);
    if (!Array.isArray(docs)) return;
    documents += docs.length;
    const n = docs.reduce((sum, d) => sum + d.errors.length, 0);
    if (isHelmTemplate(files[i]!)) templateErrors += n;
    else errors += n;
  });
  const parseMs = now() - t2;

  const mb = bytes / 1e6;
  const rows: Array<[string, string, string]> = [
    ['read files', fmt(readMs), `${files.length} files, ${mb.toFixed(1)} MB`],
    ['Lexer().lex', fmt(lexMs), `${tokens} tokens, ${(mb / (lexMs / 1000)).toFixed(1)} MB/s`],
    [
      'parseAllDocuments',
      fmt(parseMs),
      `${documents} documents, ${(mb / (parseMs / 1000)).toFixed(1)} MB/s, ${errors} errors (+${templateErrors} in Helm templates)`,
    ],
  ];
  process.stdout.write(`${dir}\n`);
  for (const [what, ms, detail] of rows) process.stdout.write(`  ${what.padEnd(18)} ${ms.padStart(10)}  ${detail}\n`);
  return 0;
}

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function fmt(ms: number): string {
  return `${Math.round(ms).toLocaleString('en-US')} ms`;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
