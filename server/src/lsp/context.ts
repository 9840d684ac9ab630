import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { computeLineStarts } from '../core/parse/lineIndex';
import type { WorkspaceHost } from '../host/workspaceHost';
import type { UriMap } from './uris';

/** What every LSP handler needs; built once in server.ts. */
export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly uris: UriMap;
  host: WorkspaceHost;
  readonly log: (message: string) => void;
}

/** Line starts of a file's current text (open editor first), for placing ranges and edits. */
export function currentLineStarts(ctx: ServerContext, file: string): readonly number[] | undefined {
  const text = ctx.host.readText(file);
  return text === undefined ? undefined : computeLineStarts(text);
}
