import * as ts from 'typescript';

export interface DocText {
  description: string;
  markdownDescription?: string;
}

/**
 * The text of the `/** … *\/` comment directly above `node`, as a plain-text `description` and, when
 * the comment uses Markdown (links, code spans), the original as `markdownDescription` for hovers.
 */
export function docText(sourceText: string, node: ts.Node): DocText | undefined {
  const ranges = ts.getLeadingCommentRanges(sourceText, node.pos) ?? [];
  const last = ranges[ranges.length - 1];
  if (!last || last.kind !== ts.SyntaxKind.MultiLineCommentTrivia) return undefined;
  const raw = sourceText.slice(last.pos, last.end);
  if (!raw.startsWith('/**')) return undefined;
  const markdown = cleanMarkdown(raw);
  if (markdown === '') return undefined;
  return describe(markdown);
}

/** Builds `description`/`markdownDescription` from Markdown text (also used by overlays). */
export function describe(markdown: string): DocText {
  const plain = toPlainText(markdown);
  return plain === markdown ? { description: plain } : { description: plain, markdownDescription: markdown };
}

function cleanMarkdown(raw: string): string {
  const lines = raw
    .replace(/^\/\*\*/, '')
    .replace(/\*\/$/, '')
    .split('\n')
    .map(line => line.replace(/^\s*\* ?/, '').trimEnd());
  const paragraphs = lines
    .join('\n')
    .split(/\n{2,}/)
    .map(p => p.trim())
    // The CRD generator appends "Valid Options: A, B" to enum fields; the schema's `enum` says it
    // better (and the list omits the zero value, which is still accepted).
    .filter(p => p !== '' && !/^Valid Options: /.test(p));
  return paragraphs.join('\n\n');
}

function toPlainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, text: string, url: string) => (text === url ? url : `${text} (${url})`))
    .replace(/`([^`]+)`/g, '$1');
}
