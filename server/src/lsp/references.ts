import type { Location, ReferenceParams } from 'vscode-languageserver';
import { references as findReferences } from '../core/features/references';
import { cursorOf, featureContext, indexedLineStarts, type ServerContext } from './context';
import { toLocations } from './convert';

/** textDocument/references: every use of a subset, a Gateway or a service host. */
export function references(ctx: ServerContext, params: ReferenceParams): Location[] {
  const cursor = cursorOf(ctx, params);
  if (!cursor) return [];
  const found = findReferences(featureContext(ctx), cursor.file, cursor.offset, params.context.includeDeclaration);
  return toLocations(found, f => indexedLineStarts(ctx, f), ctx.uris);
}
