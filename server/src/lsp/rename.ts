import {
  ErrorCodes,
  ResponseError,
  type PrepareRenameParams,
  type Range,
  type RenameParams,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { prepareRename as prepare, rename as renameSymbol } from '../core/features/rename';
import { computeLineStarts } from '../core/parse/lineIndex';
import { currentLineStarts, cursorOf, featureContext, type ServerContext } from './context';
import { toRange, toWorkspaceEdit } from './convert';

/**
 * textDocument/prepareRename: the name's range, or an error whose message the editor shows
 * ("Only a DestinationRule subset or a Gateway name can be renamed…").
 */
export function prepareRename(
  ctx: ServerContext,
  params: PrepareRenameParams,
): { range: Range; placeholder: string } | ResponseError<void> {
  const cursor = cursorOf(ctx, params);
  const text = cursor && ctx.host.readText(cursor.file);
  if (!cursor || text === undefined)
    return new ResponseError(ErrorCodes.InvalidRequest, 'This file is not part of the workspace.');
  const result = prepare(featureContext(ctx), cursor.file, cursor.offset);
  if ('error' in result) return new ResponseError(ErrorCodes.InvalidRequest, result.error);
  return { range: toRange(computeLineStarts(text), result.span), placeholder: result.placeholder };
}

/** textDocument/rename: one WorkspaceEdit across files, placed in each file's current text. */
export function rename(ctx: ServerContext, params: RenameParams): WorkspaceEdit | ResponseError<void> {
  const cursor = cursorOf(ctx, params);
  if (!cursor) return new ResponseError(ErrorCodes.InvalidRequest, 'This file is not part of the workspace.');
  const result = renameSymbol(featureContext(ctx), cursor.file, cursor.offset, params.newName.trim());
  if ('error' in result) return new ResponseError(ErrorCodes.InvalidRequest, result.error);
  return toWorkspaceEdit(result.edits, f => currentLineStarts(ctx, f), ctx.uris);
}
