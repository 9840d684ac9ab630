import * as fs from 'fs';
import * as path from 'path';
import type { DocumentSnippet } from '../core/features/completionTypes';

/** Relative to the package root, as shipped in the extension and the npm package. */
export const SNIPPET_FILE = path.join('snippets', 'istio.code-snippets');

let loaded: readonly DocumentSnippet[] | undefined;

/**
 * The whole-document templates, which completion offers where a new document starts. Served by
 * the server rather than contributed to VS Code for `yaml`: contributed snippets show in every
 * completion list, at `subset:` and enum values too. Found by walking up from this file (out/…
 * for tsc and tests, dist/ for the bundles); none when missing.
 */
export function loadSnippets(from: string = __dirname): readonly DocumentSnippet[] {
  if (loaded) return loaded;
  loaded = [];
  for (let dir = from, i = 0; i < 8; i++, dir = path.dirname(dir)) {
    const file = path.join(dir, SNIPPET_FILE);
    if (!fs.existsSync(file)) continue;
    try {
      loaded = parse(fs.readFileSync(file, 'utf8'));
    } catch {
      // A broken file: no templates, the rest of completion carries on.
    }
    break;
  }
  return loaded;
}

function parse(json: string): DocumentSnippet[] {
  const raw = JSON.parse(json) as Record<
    string,
    { prefix: string | string[]; body: string | string[]; description?: string }
  >;
  return Object.entries(raw).map(([name, s]) => ({
    name,
    prefix: Array.isArray(s.prefix) ? s.prefix[0] : s.prefix,
    description: s.description ?? '',
    body: Array.isArray(s.body) ? s.body.join('\n') : s.body,
  }));
}
