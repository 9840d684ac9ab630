import { URI } from 'vscode-uri';
import { fileKey } from '../core/util/paths';

/**
 * Core works on file keys (core/util/paths.ts); LSP on URIs. A file the client told us about keeps
 * the exact URI the client used (so diagnostics land on the open editor); others get VS Code's own
 * encoding (vscode-uri).
 */
export class UriMap {
  private readonly clientUris = new Map<string, string>();

  toPath(uri: string): string {
    const file = uriToPath(uri);
    if (!this.clientUris.has(file)) this.clientUris.set(file, uri);
    return file;
  }

  toUri(file: string): string {
    return this.clientUris.get(file) ?? pathToUri(file);
  }
}

/**
 * The file key of a `file:` URI, on any platform: `file:///c%3A/x`, `file:///C:/x` and the
 * Windows path `C:\x` are one key (`c:/x`); `file://server/share/x` is the UNC key
 * `//server/share/x`. Other schemes (an `untitled:` document) keep their URI as key.
 */
export function uriToPath(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  const parsed = URI.parse(uri);
  let path = parsed.authority ? `//${parsed.authority}${parsed.path}` : parsed.path;
  // vscode-uri's fsPath does the same: `/c:/x` is the drive path `c:/x`.
  if (/^\/[a-zA-Z]:(\/|$)/.test(path)) path = path.slice(1);
  return fileKey(path, false);
}

/** The `file:` URI of a key, encoded as VS Code encodes it. */
export function pathToUri(file: string): string {
  return URI.file(file).toString();
}
