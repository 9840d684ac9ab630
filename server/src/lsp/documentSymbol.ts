import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams } from 'vscode-languageserver';
import { documentSymbols as outline, type OutlineKind, type OutlineSymbol } from '../core/features/documentSymbols';
import { computeLineStarts } from '../core/parse/lineIndex';
import { featureContext, type ServerContext } from './context';
import { toRange } from './convert';

const KIND: Readonly<Record<OutlineKind, SymbolKind>> = {
  resource: SymbolKind.Class,
  host: SymbolKind.String,
  gateway: SymbolKind.Interface,
  route: SymbolKind.Method,
  destination: SymbolKind.Field,
  subset: SymbolKind.EnumMember,
  server: SymbolKind.Object,
  port: SymbolKind.Number,
};

/** textDocument/documentSymbol: the outline, one entry per resource (`Kind namespace/name`). */
export function documentSymbols(ctx: ServerContext, params: DocumentSymbolParams): DocumentSymbol[] {
  const file = ctx.uris.toPath(params.textDocument.uri);
  const text = ctx.documents.get(params.textDocument.uri)?.getText() ?? ctx.host.readText(file);
  if (text === undefined) return [];
  const lineStarts = computeLineStarts(text);
  const convert = (s: OutlineSymbol): DocumentSymbol => ({
    name: s.name,
    detail: s.detail,
    kind: KIND[s.kind],
    range: toRange(lineStarts, s.span),
    selectionRange: toRange(lineStarts, s.selectionSpan),
    children: s.children.map(convert),
  });
  return outline(featureContext(ctx), file, text).map(convert);
}
