import { setFlagsFromString } from 'v8';
import { V8_INLINING_LIMIT } from '../../shared/src/serverProcess';
import { ALL_RULES } from './core/rules/index';
import { HELP, parseArgs } from './cli/args';
import { runCheck } from './cli/check';
import { flatten, formatJson, formatSarif, formatText } from './cli/format';
import { SERVER_VERSION } from './version';

/**
 * `istio-ls check PATH…` (the same engine and settings as the editor, for CI) and
 * `istio-ls --stdio` (the language server, for any LSP client). Returns the exit code.
 */
export async function main(
  argv: readonly string[],
  out: (s: string) => void = s => process.stdout.write(s),
  err: (s: string) => void = s => process.stderr.write(s),
): Promise<number> {
  // As the extension starts the server (shared/src/serverProcess.ts), before any analysis is compiled.
  setFlagsFromString(V8_INLINING_LIMIT);
  const command = parseArgs(argv);
  switch (command.kind) {
    case 'server': {
      // Loaded only here so that `check` never pulls in the LSP runtime.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require('./server') as typeof import('./server')).startServer();
      return -1;
    }
    case 'help':
      out(HELP);
      return 0;
    case 'version':
      out(`${SERVER_VERSION}\n`);
      return 0;
    case 'rules':
      for (const r of ALL_RULES) out(`${r.id.padEnd(36)} ${r.meta.defaultSeverity.padEnd(8)} ${r.meta.description}\n`);
      return 0;
    case 'error':
      err(`istio-ls: ${command.message}\n\n${HELP}`);
      return 2;
    case 'check': {
      const cwd = process.cwd();
      const result = await runCheck(command.options, cwd, m => err(`istio-ls: ${m}\n`));
      for (const p of result.missing) err(`istio-ls: ${p}: no such file or directory\n`);
      if (result.missing.length > 0 && result.missing.length === command.options.paths.length) return 2;
      const findings = flatten(result, cwd);
      const format = command.options.format;
      out(
        format === 'json'
          ? formatJson(findings)
          : format === 'sarif'
            ? formatSarif(findings)
            : formatText(findings, result),
      );
      const errors = findings.filter(f => f.severity === 'error').length;
      const warnings = findings.filter(f => f.severity === 'warning').length;
      const max = command.options.maxWarnings;
      return errors > 0 || (max !== undefined && warnings > max) ? 1 : 0;
    }
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    code => {
      if (code >= 0) process.exitCode = code;
    },
    e => {
      process.stderr.write(`istio-ls: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
