import { CodeActionKind, createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceHost } from './host/workspaceHost';
import { codeActions, FIX_ALL_KIND } from './lsp/codeAction';
import { reindex } from './lsp/reindex';
import { REINDEX_REQUEST } from './lsp/requests';
import type { ServerContext } from './lsp/context';
import { safe } from './lsp/safe';
import { Session } from './lsp/session';
import { UriMap } from './lsp/uris';
import { toDiskChanges } from './lsp/watcher';
import { SERVER_VERSION } from './version';

/** Wiring only: connection, capabilities and handler registration. The work is in lsp/, host/ and core/. */
export function startServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  const ctx: ServerContext = {
    connection,
    documents,
    uris: new UriMap(),
    host: undefined as unknown as WorkspaceHost, // set by Session.initialize before any other message
    log: message => connection.console.log(message),
  };
  const session = new Session(ctx);
  process.on('uncaughtException', e => ctx.log(`Uncaught: ${e.stack ?? String(e)}`));
  process.on('unhandledRejection', e => ctx.log(`Unhandled rejection: ${String(e)}`));

  connection.onInitialize(params => {
    session.initialize(params);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'istio-ls', version: SERVER_VERSION },
    };
  });
  connection.onInitialized(safe(ctx, 'initialized', undefined, () => {
    void session.initialized();
    connection.workspace.onDidChangeWorkspaceFolders(safe(ctx, 'folders', undefined, e => void session.foldersChanged(e.added, e.removed)));
  }));
  connection.onDidChangeConfiguration(safe(ctx, 'configuration', undefined, p => void session.configurationChanged(p.settings)));
  connection.onDidChangeWatchedFiles(safe(ctx, 'watched files', undefined, p => void ctx.host.filesChanged(toDiskChanges(ctx, p))));
  // Fires for didOpen as well as didChange, with the full current text.
  documents.onDidChangeContent(safe(ctx, 'change', undefined, e => ctx.host.changeDocument(ctx.uris.toPath(e.document.uri), e.document.getText())));
  documents.onDidClose(safe(ctx, 'close', undefined, e => ctx.host.closeDocument(ctx.uris.toPath(e.document.uri))));
  connection.onCodeAction(safe(ctx, 'codeAction', [], p => codeActions(ctx, p)));
  // Request handlers that throw answer with an error response; the connection stays up.
  connection.onRequest(REINDEX_REQUEST, () => reindex(ctx, session));

  documents.listen(connection);
  connection.listen();
}
