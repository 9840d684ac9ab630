import { ALL_RULES } from '../core/rules/index';
import { BUILTIN_META } from '../core/rules/support/builtin';
import type { SeveritySetting } from '../core/settings';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CheckOptions {
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  readonly rootNamespace?: string;
  readonly defaultNamespace?: string;
  readonly targetVersion?: string;
  readonly rules: Readonly<Record<string, SeveritySetting>>;
  readonly maxWarnings?: number;
  readonly exclude: readonly string[];
  /** `--environment NAME=GLOB`: environment name -> globs relative to the current directory. */
  readonly environments?: Readonly<Record<string, readonly string[]>>;
  /** `--cache[=DIR]`: the index cache's directory (relative to the current directory). */
  readonly cache?: string;
}

/** Where `--cache` keeps the index cache when no directory is given (like ESLint's `.eslintcache`). */
export const DEFAULT_CACHE_DIR = '.istio-ls-cache';

export type Command =
  | { readonly kind: 'check'; readonly options: CheckOptions }
  | { readonly kind: 'server' }
  | { readonly kind: 'rules' }
  | { readonly kind: 'version' }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);
/** Every id `--rule` may name: a typo must not silently leave the rule at its default. */
const RULE_IDS = new Set([...ALL_RULES.map(r => r.id), ...Object.keys(BUILTIN_META)]);
/** An Istio release as `istio.targetVersion` takes it (1.24), optionally with a patch (1.24.3). */
const RELEASE = /^1\.\d+(\.\d+)?$/;

/** Parses `istio-ls` arguments; errors come back as a message, never as an exception. */
export function parseArgs(argv: readonly string[]): Command {
  if (argv.some(a => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe')))
    return { kind: 'server' };
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') return { kind: 'help' };
  if (command === '--version' || command === '-v') return { kind: 'version' };
  if (command === 'rules') return { kind: 'rules' };
  if (command !== 'check') return { kind: 'error', message: `Unknown command "${command}".` };
  if (rest.some(a => a === '--help' || a === '-h')) return { kind: 'help' };
  const paths: string[] = [];
  const rules: Record<string, SeveritySetting> = {};
  const exclude: string[] = [];
  const environments: Record<string, string[]> = {};
  let format: OutputFormat = 'text';
  let rootNamespace: string | undefined;
  let defaultNamespace: string | undefined;
  let targetVersion: string | undefined;
  let maxWarnings: number | undefined;
  let cache: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq !== -1 ? arg.slice(0, eq) : arg;
    const value = (): string | undefined => (arg.startsWith('--') && eq !== -1 ? arg.slice(eq + 1) : rest[++i]);
    switch (name) {
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json' && v !== 'sarif')
          return { kind: 'error', message: `--format must be text, json or sarif (got "${v ?? ''}").` };
        format = v;
        break;
      }
      case '--root-namespace':
        rootNamespace = value();
        break;
      case '--default-namespace':
        defaultNamespace = value();
        break;
      case '--target-version': {
        const v = value();
        if (!v || !RELEASE.test(v))
          return {
            kind: 'error',
            message: `--target-version takes an Istio release such as 1.24 (got "${v ?? ''}").`,
          };
        targetVersion = v;
        break;
      }
      case '--exclude': {
        const v = value();
        if (v) exclude.push(v);
        break;
      }
      case '--environment': {
        const v = value() ?? '';
        const eq = v.indexOf('=');
        const name = v.slice(0, eq).trim();
        const glob = v.slice(eq + 1).trim();
        if (eq === -1 || !name || !glob)
          return { kind: 'error', message: `--environment takes NAME=GLOB, e.g. prod=clusters/prod/** (got "${v}").` };
        (environments[name] ??= []).push(glob);
        break;
      }
      case '--cache':
        // The directory only after `=`: `--cache DIR` would be ambiguous with a path to check.
        cache = eq !== -1 ? arg.slice(eq + 1) || DEFAULT_CACHE_DIR : DEFAULT_CACHE_DIR;
        break;
      case '--cache-location': {
        const v = value();
        if (!v) return { kind: 'error', message: '--cache-location takes a directory.' };
        cache = v;
        break;
      }
      case '--max-warnings': {
        const v = Number(value());
        if (!Number.isInteger(v) || v < 0) return { kind: 'error', message: '--max-warnings takes a whole number.' };
        maxWarnings = v;
        break;
      }
      case '--rule': {
        const v = value() ?? '';
        const [id, sev] = v.split('=');
        if (!id || !sev || !SEVERITIES.has(sev))
          return {
            kind: 'error',
            message: `--rule takes id=severity with severity error|warning|info|hint|off (got "${v}").`,
          };
        if (!RULE_IDS.has(id))
          return { kind: 'error', message: `--rule: unknown rule "${id}" (istio-ls rules lists them).` };
        rules[id] = sev as SeveritySetting;
        break;
      }
      default:
        if (arg.startsWith('-')) return { kind: 'error', message: `Unknown option "${arg}".` };
        paths.push(arg);
    }
  }
  return {
    kind: 'check',
    options: {
      paths: paths.length ? paths : ['.'],
      format,
      rootNamespace,
      defaultNamespace,
      targetVersion,
      rules,
      maxWarnings,
      exclude,
      environments: Object.keys(environments).length > 0 ? environments : undefined,
      cache,
    },
  };
}

export const HELP = `istio-ls — analysis of Istio configuration

Usage:
  istio-ls check [PATH...] [options]   analyse YAML files and directories (default: .)
  istio-ls rules                       list the rules and their default severities
  istio-ls --stdio                     run the language server over stdio (also --node-ipc)
  istio-ls --version
  istio-ls --help                      this text (also istio-ls check --help)

Options for check:
  --format text|json|sarif       output format (default text)
  --root-namespace NS            mesh root namespace (default istio-system)
  --default-namespace NS         namespace of resources that set none (default default)
  --target-version X.Y           Istio release the files are applied to (e.g. 1.21)
  --rule id=severity             error|warning|info|hint|off; repeatable
  --max-warnings N               also fail when there are more than N warnings
  --exclude GLOB                 skip matching paths; repeatable
  --environment NAME=GLOB        files (or root kustomizations) of environment NAME, relative to
                                 the current directory; repeatable. Replaces detection; files
                                 matching no environment are shared by all
  --cache[=DIR]                  keep what each file's analysis found in DIR (default
                                 .istio-ls-cache) and reuse it for files whose size and
                                 modification time have not changed
  --cache-location DIR           the same as --cache=DIR

Exit status: 0 clean, 1 error-level findings (or too many warnings), 2 usage error.
`;
