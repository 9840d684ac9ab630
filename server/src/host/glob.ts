import { caseInsensitiveFileSystem, GlobSet as SharedGlobSet } from '../../../shared/src/glob';

/**
 * The globs of `files.exclude`-style settings (`files.exclude`, `istio.files.include/exclude`,
 * the CLI's `--exclude`), matched as VS Code matches them on this platform (shared/src/glob.ts:
 * relative to the folder, no implicit `**` prefix, a matched directory takes everything below it).
 */
export class GlobSet extends SharedGlobSet {
  constructor(patterns: readonly string[], onError?: (pattern: string, error: string) => void) {
    super(patterns, { matchDescendants: true, caseInsensitive: caseInsensitiveFileSystem(process.platform) }, onError);
  }
}

/** Never descended into, whatever the settings say: they are never Istio configuration. */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);

/**
 * Which workspace files are analysed: the include globs (none: every YAML file) minus the exclude
 * globs. Built once per settings: a pattern that does not compile is logged once and left out, and
 * the other patterns (and indexing) go on.
 */
export class FileScope {
  private readonly include: GlobSet;
  private readonly exclude: GlobSet;

  constructor(include: readonly string[], exclude: readonly string[], log?: (message: string) => void) {
    const report = (kind: string) => (pattern: string, error: string) =>
      log?.(`Ignoring the ${kind} glob pattern "${pattern}": ${error}`);
    this.include = new GlobSet(include, report('include'));
    this.exclude = new GlobSet(exclude, report('exclude'));
  }

  /** A directory or file (workspace-relative, `/`-separated) left out, with everything below it. */
  excludes(relativePath: string): boolean {
    return !this.exclude.empty && this.exclude.matches(relativePath);
  }

  /** A file (workspace-relative) the include globs select. */
  includes(relativePath: string): boolean {
    return this.include.empty || this.include.matches(relativePath);
  }

  /** A file in scope: not under an always-skipped directory, not excluded, included. */
  contains(relativePath: string): boolean {
    if (relativePath.split('/').some(part => ALWAYS_SKIPPED.has(part))) return false;
    return !this.excludes(relativePath) && this.includes(relativePath);
  }

  static isAlwaysSkipped(name: string): boolean {
    return ALWAYS_SKIPPED.has(name);
  }
}

/** `files.exclude` is an object of pattern -> boolean; only the true ones exclude. */
export function enabledPatterns(setting: unknown): string[] {
  if (!setting || typeof setting !== 'object') return [];
  return Object.entries(setting as Record<string, unknown>)
    .filter(([, v]) => v === true)
    .map(([k]) => k);
}
