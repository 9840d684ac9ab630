import { fileURLToPath } from 'url';

/**
 * Core works on file paths; LSP on URIs. A file the client told us about keeps the exact URI the
 * client used (so diagnostics land on the open editor); others get VS Code's own encoding.
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

export function uriToPath(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  return fileURLToPath(uri).replace(/\\/g, '/');
}

/** Matches vscode-uri: every character outside [A-Za-z0-9-._~/] is percent-encoded. */
export function pathToUri(file: string): string {
  const encoded = file
    .split('/')
    .map(seg => encodeURIComponent(seg).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
  return `file://${encoded.startsWith('/') ? '' : '/'}${encoded}`;
}
