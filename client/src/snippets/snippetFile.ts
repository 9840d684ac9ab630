import { expandSnippet } from './snippetSyntax';

/** One entry of a `.code-snippets` file. */
export interface Snippet {
  readonly name: string;
  readonly prefix: string;
  readonly description: string;
  readonly body: string;
}

/** Reads a VS Code snippets file (JSON with comments allowed only as `//` lines, which ours has none of). */
export function parseSnippetFile(json: string): Snippet[] {
  const raw = JSON.parse(json) as Record<string, { prefix: string | string[]; body: string | string[]; description?: string }>;
  return Object.entries(raw).map(([name, s]) => ({
    name,
    prefix: Array.isArray(s.prefix) ? s.prefix[0] : s.prefix,
    description: s.description ?? '',
    body: Array.isArray(s.body) ? s.body.join('\n') : s.body,
  }));
}

/** The Kubernetes kind a resource snippet creates (from its `kind:` line). */
export function snippetKind(snippet: Snippet): string | undefined {
  return /^kind:\s*(\S+)\s*$/m.exec(snippet.body)?.[1];
}

/**
 * Which tab stops hold `metadata.name` and `metadata.namespace`, so a command can fill them in
 * and leave the rest as placeholders.
 */
export function metadataTabStops(snippet: Snippet): { name?: number; namespace?: number } {
  const find = (key: string) => {
    const m = new RegExp(`^  ${key}: \\$\\{?(\\d+)`, 'm').exec(snippet.body);
    return m ? Number(m[1]) : undefined;
  };
  return { name: find('name'), namespace: find('namespace') };
}

/** The snippet's text with every placeholder at its default (first choice, `$0` empty). */
export function expandDefaults(snippet: Snippet): string {
  return expandSnippet(snippet.body);
}

export { expandSnippet, fillTabStops, tabStops } from './snippetSyntax';
