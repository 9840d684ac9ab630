import { SymbolKind, type SymbolInformation, type WorkspaceSymbolParams } from 'vscode-languageserver';
import { workspaceSymbols as search } from '../core/features/workspaceSymbols';
import { indexedLineStarts, type ServerContext } from './context';
import { toRange } from './convert';

const KIND: Readonly<Record<string, SymbolKind>> = {
  Gateway: SymbolKind.Interface,
  VirtualService: SymbolKind.Class,
  DestinationRule: SymbolKind.Struct,
  ServiceEntry: SymbolKind.Module,
  Service: SymbolKind.Module,
};

/** workspace/symbol: resources by `Kind namespace/name`, from the index tables alone. */
export function workspaceSymbols(ctx: ServerContext, params: WorkspaceSymbolParams): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const s of search(ctx.host.analyzer.index, params.query)) {
    const starts = indexedLineStarts(ctx, s.location.file);
    if (!starts) continue;
    out.push({
      name: s.name,
      kind: KIND[s.kind] ?? SymbolKind.Object,
      containerName: s.namespace,
      location: { uri: ctx.uris.toUri(s.location.file), range: toRange(starts, s.location.span) },
    });
  }
  return out;
}
