import type { Span } from '../parse/types';

/**
 * A file named in hover or completion markdown. Core knows absolute paths and offsets only; the
 * LSP layer (lsp/fileLinks.ts) rewrites these links into workspace-relative ones that open the
 * file at the line. Anything else showing core markdown sees a plain link to the path.
 */
export function fileRef(r: { readonly file: string; readonly span?: Span; readonly nameSpan?: Span }): string {
  const offset = r.nameSpan?.start ?? r.span?.start ?? 0;
  return `[${r.file}](<${FILE_SCHEME}${r.file}#${offset}>)`;
}

export const FILE_SCHEME = 'istio-ls-file:';

/** The links fileRef writes: groups 1 path, 2 offset. */
export const FILE_REF = /\[[^\]\n]*\]\(<istio-ls-file:([^>\n]*)#(\d+)>\)/g;

/** The markdown with file references shown as their paths (tests, plain-text consumers). */
export function plainFileRefs(markdown: string): string {
  return markdown.replace(FILE_REF, (_, file: string) => file);
}
