/**
 * File keys: how the index names a file. One form on every platform, so that a file reached two
 * ways (the walker's path, an editor's URI, a kustomization's relative entry) is one key:
 * absolute, `/`-separated, no `.`/`..` segments, no trailing `/`; on Windows a lower-case drive
 * letter (`c:/repo/a.yaml`, as VS Code's `Uri.fsPath` has it) or a UNC root (`//server/share/a.yaml`).
 * fileKey() is the one way a path from the operating system or the user becomes a key
 * (lsp/uris.ts does URIs with vscode-uri, then calls it); core joins keys with the helpers below.
 */
export function fileKey(path: string, windows: boolean): string {
  let p = windows ? path.replace(/\\/g, '/') : path;
  if (/^[a-zA-Z]:(\/|$)/.test(p)) p = `${p[0].toLowerCase()}${p.slice(1)}`;
  return normalizePath(p);
}

/** The root a key starts with: `/`, `c:/` or `//server/share/` (empty for a relative path). */
export function rootOf(path: string): string {
  const drive = /^[a-zA-Z]:(\/|$)/.exec(path);
  if (drive) return `${path.slice(0, 2)}/`;
  const unc = /^\/\/[^/]+\/[^/]+/.exec(path);
  if (unc) return `${unc[0]}/`;
  return path.startsWith('/') ? '/' : '';
}

export function dirname(path: string): string {
  const root = rootOf(path);
  const i = path.lastIndexOf('/');
  return i < root.length ? root || '/' : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function joinPath(dir: string, relative: string): string {
  if (rootOf(relative) !== '') return normalizePath(relative);
  return normalizePath(`${dir}/${relative}`);
}

/** Resolves `.` and `..` (never above the root) and doubled or trailing slashes; keeps the root. */
export function normalizePath(path: string): string {
  const root = rootOf(path) || '/';
  const out: string[] = [];
  for (const part of path.slice(rootOf(path).length).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `${root}${out.join('/')}`;
}

/** The path from directory `from` to `to`, `/`-separated; `to` itself when they have different roots. */
export function relativePath(from: string, to: string): string {
  const a = normalizePath(from);
  const b = normalizePath(to);
  if (rootOf(a) !== rootOf(b)) return b;
  const as = a.slice(rootOf(a).length).split('/').filter(Boolean);
  const bs = b.slice(rootOf(b).length).split('/').filter(Boolean);
  let i = 0;
  while (i < as.length && i < bs.length && as[i] === bs[i]) i++;
  return [...as.slice(i).map(() => '..'), ...bs.slice(i)].join('/') || '.';
}

/** `file` relative to `folder` when it is inside it (`''` for the folder itself), else undefined. */
export function pathInside(folder: string, file: string): string | undefined {
  const base = normalizePath(folder);
  const key = normalizePath(file);
  if (key === base) return '';
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return key.startsWith(prefix) ? key.slice(prefix.length) : undefined;
}
