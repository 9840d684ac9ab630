import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { codeLenses as lenses } from '../core/features/codeLens';
import { featureContext, indexedLineStarts, type ServerContext } from './context';
import { toLocations, toRange } from './convert';

/**
 * The client command a lens runs. It takes `editor.action.showReferences`'s arguments (uri,
 * position, locations) as protocol JSON, converts them to VS Code types and runs that command;
 * VS Code's own command cannot be named here because it does not accept JSON arguments.
 */
export const SHOW_REFERENCES_COMMAND = 'istio.showReferences';

/** textDocument/codeLens: "used by N routes" on subsets, "used by N VirtualServices" on Gateways. */
export function codeLenses(ctx: ServerContext, params: CodeLensParams): CodeLens[] {
  const file = ctx.uris.toPath(params.textDocument.uri);
  const lineStarts = indexedLineStarts(ctx, file);
  if (!lineStarts) return [];
  const lineStartsOf = (f: string) => indexedLineStarts(ctx, f);
  return lenses(featureContext(ctx), file).map(lens => {
    const range = toRange(lineStarts, lens.span);
    return {
      range,
      command: {
        title: lens.title,
        command: SHOW_REFERENCES_COMMAND,
        arguments: [params.textDocument.uri, range.start, toLocations(lens.locations, lineStartsOf, ctx.uris)],
      },
    };
  });
}
