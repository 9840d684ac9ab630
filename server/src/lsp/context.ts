import type { Connection, TextDocumentPositionParams, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FeatureContext } from '../core/features/types';
import { computeLineStarts, type LineStarts } from '../core/parse/lineIndex';
import type { WorkspaceHost } from '../host/workspaceHost';
import { toOffset } from './convert';
import type { UriMap } from './uris';

/** What every LSP handler needs; built once in server.ts. */
export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly uris: UriMap;
  host: WorkspaceHost;
  readonly log: (message: string) => void;
  /** Resolves once everything sent so far has left the process (stdio and node IPC; else undefined). */
  readonly outputDrained?: () => Promise<void>;
}

/** The core features' view of the server: the index and the current text of files. */
export function featureContext(ctx: ServerContext): FeatureContext {
  return { index: ctx.host.analyzer.index, readText: file => ctx.host.readText(file) };
}

/** A request's document and position as a file path and an offset into its current text. */
export function cursorOf(
  ctx: ServerContext,
  params: TextDocumentPositionParams,
): { file: string; offset: number } | undefined {
  const file = ctx.uris.toPath(params.textDocument.uri);
  const open = ctx.documents.get(params.textDocument.uri);
  if (open) return { file, offset: open.offsetAt(params.position) };
  const text = ctx.host.readText(file);
  return text === undefined
    ? undefined
    : { file, offset: toOffset(computeLineStarts(text), params.position, text.length) };
}

/** Line starts of the text the index last saw of a file: the text its summaries' spans are offsets into. */
export function indexedLineStarts(ctx: ServerContext, file: string): LineStarts | undefined {
  return ctx.host.analyzer.index.file(file)?.lineStarts;
}

/** Line starts of a file's current text (open editor first), for placing ranges and edits. */
export function currentLineStarts(ctx: ServerContext, file: string): LineStarts | undefined {
  const text = ctx.host.readText(file);
  return text === undefined ? undefined : computeLineStarts(text);
}
