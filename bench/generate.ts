/**
 * Generates a deterministic Istio mesh repository with planted cross-file defects:
 *
 *   node out/bench/generate.js --size small|medium|large [--out DIR] [--seed N]
 *
 * The same size and seed always produce the same bytes. See bench/README.md.
 */
import * as path from 'path';
import { generateCorpus } from './generator/corpus';
import { SIZES, type SizeSpec } from './generator/plan';

export function main(argv: readonly string[]): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`${args}\nusage: generate --size small|medium|large [--out DIR] [--seed N]\n`);
    return 2;
  }
  const started = process.hrtime.bigint();
  const summary = generateCorpus(args.size, args.seed, args.out);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rules = new Map<string, number>();
  for (const d of summary.defects) rules.set(d.rule, (rules.get(d.rule) ?? 0) + 1);
  process.stdout.write(
    `${args.size.name} seed=${args.seed}: ${summary.files} files, ${(summary.bytes / 1e6).toFixed(1)} MB, ${summary.documents} documents, ` +
      `${summary.services} services, ${summary.namespaces} namespaces (+${summary.otherNamespaces} infra/config), ` +
      `${summary.defects.length} defects across ${rules.size} rules, in ${seconds.toFixed(1)} s -> ${args.out}\n`,
  );
  return 0;
}

interface Args {
  readonly size: SizeSpec;
  readonly seed: number;
  readonly out: string;
}

function parseArgs(argv: readonly string[]): Args | string {
  let sizeName: string | undefined;
  let out: string | undefined;
  let seed = 1;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if ((flag === '--size' || flag === '--out' || flag === '--seed') && value === undefined)
      return `${flag} needs a value`;
    if (flag === '--size') sizeName = value;
    else if (flag === '--out') out = value;
    else if (flag === '--seed') {
      seed = Number(value);
      if (!Number.isInteger(seed) || seed < 0) return `--seed must be a non-negative integer, got ${value}`;
    } else return `unknown argument ${flag}`;
    i++;
  }
  if (!sizeName) return '--size is required';
  const size = SIZES[sizeName];
  if (!size) return `unknown size ${sizeName}`;
  return { size, seed, out: out ?? path.join(__dirname, '..', '..', 'bench', 'corpus', size.name) };
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
