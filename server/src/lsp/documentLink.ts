import type { DocumentLink, DocumentLinkParams } from 'vscode-languageserver';
import { documentLinks as links } from '../core/features/documentLinks';
import { featureContext, indexedLineStarts, type ServerContext } from './context';
import { toLinkTarget, toRange } from './convert';

/** textDocument/documentLink: hosts link to the file defining their Service or ServiceEntry. */
export function documentLinks(ctx: ServerContext, params: DocumentLinkParams): DocumentLink[] {
  const file = ctx.uris.toPath(params.textDocument.uri);
  const lineStarts = indexedLineStarts(ctx, file);
  if (!lineStarts) return [];
  const out: DocumentLink[] = [];
  for (const link of links(featureContext(ctx), file)) {
    const targetStarts = indexedLineStarts(ctx, link.target.file);
    if (!targetStarts) continue;
    out.push({
      range: toRange(lineStarts, link.span),
      target: toLinkTarget(link.target, targetStarts, ctx.uris),
      tooltip: link.tooltip,
    });
  }
  return out;
}
