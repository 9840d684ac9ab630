import picomatch from 'picomatch';

/**
 * The one glob matcher of the server and the client, on picomatch, with the semantics of the
 * VS Code settings it serves (code.visualstudio.com/docs/editor/glob-patterns):
 * - `/` separates segments, `*` and `?` stay within one, `**` spans any number (none included),
 *   `{a,b}` groups, `[0-9]` and `[!0-9]` are character ranges; nothing else is special (no
 *   extglobs, no `!` negation of a whole pattern, parentheses are literal) and `*` matches names
 *   starting with a dot;
 * - patterns are relative to the workspace folder and are not given an implicit `**` prefix:
 *   `*.yaml` is a file at the top, `**` + `/*.yaml` one at any depth (`files.exclude`,
 *   `istio.files.*`). yaml-language-server's `yaml.schemas` globs match the end of a path
 *   instead (anchor `pathEnd`);
 * - case-insensitive where the file system is (Windows, macOS), as VS Code matches.
 * Patterns are written with `/`; a `\` is taken as `/`, and a leading `./` or trailing `/` is dropped.
 */
export interface GlobOptions {
  /** `root` (default): the pattern matches the whole relative path; `pathEnd`: any trailing run of its segments. */
  readonly anchor?: 'root' | 'pathEnd';
  /** A pattern that matches a directory also matches everything below it (as excluding a folder does). */
  readonly matchDescendants?: boolean;
  readonly caseInsensitive?: boolean;
}

export type CompiledGlob =
  | { readonly ok: true; readonly matches: (relativePath: string) => boolean }
  | { readonly ok: false; readonly error: string };

/** Compiles one pattern; a pattern picomatch cannot turn into a matcher comes back with the reason. */
export function compileGlob(pattern: string, options: GlobOptions = {}): CompiledGlob {
  let p = pattern.trim().replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  if (p.length > 1) p = p.replace(/\/+$/, '');
  if (p === '') return { ok: false, error: 'the pattern is empty' };
  if (options.anchor === 'pathEnd') p = p.replace(/^\/+/, '');
  // Parentheses and bars are literal in VS Code's globs; picomatch would read them as a regex group.
  p = p.replace(/[()|]/g, c => `\\${c}`);
  const sources: string[] = [];
  for (let alternative of expandBraces(p)) {
    if (options.anchor === 'pathEnd' && !alternative.startsWith('**/')) alternative = `**/${alternative}`;
    sources.push(alternative);
    if (options.matchDescendants) sources.push(`${alternative}/**`);
  }
  try {
    const regexps = sources.map(s =>
      picomatch.makeRe(s, {
        dot: true,
        nonegate: true,
        noextglob: true,
        posix: true, // `[!a]` negates a range
        literalBrackets: false,
        nocase: options.caseInsensitive === true,
        strictBrackets: true,
        debug: true, // throw on a pattern that makes no valid RegExp, instead of never matching
      }),
    );
    return { ok: true, matches: path => regexps.some(re => re.test(path)) };
  } catch (e) {
    return { ok: false, error: reason(e instanceof Error ? e.message : String(e)) };
  }
}

/** picomatch's message, without the RegExp it built and its advice to escape (VS Code globs have no escapes). */
function reason(message: string): string {
  const missing = /^Missing closing: "(.)"/.exec(message);
  if (missing) {
    const close = missing[1];
    const open = close === '}' ? '{' : close === ']' ? '[' : '(';
    return `a "${open}" has no closing "${close}"`;
  }
  return message.replace(/^Invalid regular expression: \/.*\/: /, '');
}

/**
 * A list of patterns (one setting's); a path matches when one of them does. Patterns that do not
 * compile are left out and reported once, through `onError`, so that one typo never stops the rest.
 */
export class GlobSet {
  private readonly matchers: ((relativePath: string) => boolean)[] = [];

  constructor(
    patterns: readonly string[],
    options: GlobOptions = {},
    onError?: (pattern: string, error: string) => void,
  ) {
    for (const pattern of patterns) {
      if (pattern.trim() === '') continue;
      const compiled = compileGlob(pattern, options);
      if (compiled.ok) this.matchers.push(compiled.matches);
      else onError?.(pattern, compiled.error);
    }
  }

  get empty(): boolean {
    return this.matchers.length === 0;
  }

  matches(relativePath: string): boolean {
    return this.matchers.some(m => m(relativePath));
  }
}

/** Most alternatives a pattern's `{}` groups are expanded to; past that, picomatch matches the groups itself. */
const MAX_ALTERNATIVES = 64;

/**
 * `{a,b}` groups expanded into whole patterns: `{**` + `/*.html,*.txt}` must match `a.html` at the
 * top as VS Code's does (`**` + `/` spanning no directory), which picomatch's own group does not. An
 * unbalanced group is left for picomatch to report.
 */
function expandBraces(pattern: string): string[] {
  const out: string[] = [];
  const pending = [pattern];
  while (pending.length > 0) {
    const p = pending.pop() as string;
    const group = firstGroup(p);
    if (!group) {
      out.push(p);
      continue;
    }
    if (out.length + pending.length + group.alternatives.length > MAX_ALTERNATIVES) return [pattern];
    for (const alternative of group.alternatives.reverse())
      pending.push(p.slice(0, group.start) + alternative + p.slice(group.end + 1));
  }
  return out;
}

/** The first complete `{…}` of a pattern: its bounds and its comma-separated alternatives (nested groups kept). */
function firstGroup(p: string): { start: number; end: number; alternatives: string[] } | undefined {
  const start = p.indexOf('{');
  if (start === -1) return undefined;
  const alternatives: string[] = [];
  let depth = 0;
  let from = start + 1;
  for (let i = start + 1; i < p.length; i++) {
    const c = p[i];
    if (c === '[') {
      const close = p.indexOf(']', i + 1);
      if (close !== -1) i = close;
    } else if (c === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
    else if (c === ',' && depth === 0) {
      alternatives.push(p.slice(from, i));
      from = i + 1;
    } else if (c === '}') {
      alternatives.push(p.slice(from, i));
      return { start, end: i, alternatives };
    }
  }
  return undefined;
}

/** VS Code matches globs case-insensitively where file names are: on Windows and macOS. */
export function caseInsensitiveFileSystem(platform: string): boolean {
  return platform === 'win32' || platform === 'darwin';
}
