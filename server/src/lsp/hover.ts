import type { Hover, HoverParams } from 'vscode-languageserver';
import { hover as hoverAt } from '../core/features/hover';
import { computeLineStarts } from '../core/parse/lineIndex';
import { schemaContext } from './completion';
import { cursorOf, type ServerContext } from './context';
import { toRange } from './convert';
import { linkFiles } from './fileLinks';

/** textDocument/hover: field documentation from the schema, and what workspace references resolve to. */
export function hover(ctx: ServerContext, params: HoverParams): Hover | null {
  const cursor = cursorOf(ctx, params);
  if (!cursor) return null;
  const text = ctx.documents.get(params.textDocument.uri)?.getText() ?? ctx.host.readText(cursor.file);
  if (text === undefined) return null;
  const found = hoverAt(schemaContext(ctx), cursor.file, text, cursor.offset);
  if (!found) return null;
  return {
    contents: { kind: 'markdown', value: linkFiles(ctx, found.contents) },
    range: toRange(computeLineStarts(text), found.span),
  };
}
