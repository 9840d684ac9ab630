import type { DefinitionParams, Location } from 'vscode-languageserver';
import { definition as findDefinitions } from '../core/features/definition';
import { cursorOf, featureContext, indexedLineStarts, type ServerContext } from './context';
import { toLocations } from './convert';

/** textDocument/definition: subsets, gateways, hosts and selector labels to what they name. */
export function definition(ctx: ServerContext, params: DefinitionParams): Location[] {
  const cursor = cursorOf(ctx, params);
  if (!cursor) return [];
  return toLocations(
    findDefinitions(featureContext(ctx), cursor.file, cursor.offset),
    f => indexedLineStarts(ctx, f),
    ctx.uris,
  );
}
