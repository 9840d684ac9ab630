import { createConnection, ProposedFeatures, TextDocuments } from 'vscode-languageserver/node';
import type { MessageReader, MessageWriter } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceHost } from './host/workspaceHost';
import { codeActions } from './lsp/codeAction';
import { serverCapabilities } from './lsp/capabilities';
import { codeLenses } from './lsp/codeLens';
import { registerCustomRequests } from './lsp/customRequests';
import { completion } from './lsp/completion';
import { hover } from './lsp/hover';
import { definition } from './lsp/definition';
import { documentLinks } from './lsp/documentLink';
import { documentSymbols } from './lsp/documentSymbol';
import { references } from './lsp/references';
import { prepareRename, rename } from './lsp/rename';
import { workspaceSymbols } from './lsp/workspaceSymbol';
import type { ServerContext } from './lsp/context';
import { startEventLoopMonitor } from './lsp/stats';
import { cancelUndispatched, indexRequest, safe } from './lsp/safe';
import { Session } from './lsp/session';
import { serverConnection } from './lsp/stdioWriter';
import { UriMap } from './lsp/uris';
import { toDiskChanges } from './lsp/watcher';
import { SERVER_VERSION } from './version';

/** Wiring only: connection, capabilities and handler registration. The work is in lsp/, host/ and core/. */
export function startServer(): void {
  // vscode-languageserver takes a stream (it exits when stdin ends) or a writer where it takes an output stream.
  const { connection, outputDrained } = serverConnection((input, writer) =>
    input
      ? createConnection(ProposedFeatures.all, input as MessageReader, writer as MessageWriter, { cancelUndispatched })
      : createConnection(ProposedFeatures.all, { cancelUndispatched }),
  );
  const documents = new TextDocuments(TextDocument);
  const ctx: ServerContext = {
    connection,
    documents,
    uris: new UriMap(),
    host: undefined as unknown as WorkspaceHost, // set by Session.initialize before any other message
    log: message => connection.console.log(message),
    outputDrained,
  };
  const session = new Session(ctx);
  startEventLoopMonitor();
  process.on('uncaughtException', e => ctx.log(`Uncaught: ${e.stack ?? String(e)}`));
  process.on('unhandledRejection', e => ctx.log(`Unhandled rejection: ${String(e)}`));

  connection.onInitialize(params => {
    session.initialize(params);
    return {
      capabilities: serverCapabilities(),
      serverInfo: { name: 'istio-ls', version: SERVER_VERSION },
    };
  });
  connection.onInitialized(
    safe(ctx, 'initialized', undefined, () => {
      void session.initialized();
      connection.workspace.onDidChangeWorkspaceFolders(
        safe(ctx, 'folders', undefined, e => void session.foldersChanged(e.added, e.removed)),
      );
    }),
  );
  connection.onDidChangeConfiguration(
    safe(ctx, 'configuration', undefined, p => void session.configurationChanged(p.settings)),
  );
  connection.onDidChangeWatchedFiles(
    safe(ctx, 'watched files', undefined, p => void ctx.host.filesChanged(toDiskChanges(ctx, p))),
  );
  documents.onDidOpen(
    safe(ctx, 'open', undefined, e => session.publisher.documentOpened(ctx.uris.toPath(e.document.uri))),
  );
  // Fires for didOpen as well as didChange, with the full current text.
  documents.onDidChangeContent(
    safe(ctx, 'change', undefined, e => ctx.host.changeDocument(ctx.uris.toPath(e.document.uri), e.document.getText())),
  );
  documents.onDidClose(safe(ctx, 'close', undefined, e => ctx.host.closeDocument(ctx.uris.toPath(e.document.uri))));
  connection.onCodeAction(indexRequest(ctx, 'codeAction', [], p => codeActions(ctx, p)));
  connection.onCompletion(indexRequest(ctx, 'completion', null, p => completion(ctx, p)));
  connection.onHover(indexRequest(ctx, 'hover', null, p => hover(ctx, p)));
  connection.onDefinition(indexRequest(ctx, 'definition', [], p => definition(ctx, p)));
  connection.onReferences(indexRequest(ctx, 'references', [], p => references(ctx, p)));
  connection.onPrepareRename(indexRequest(ctx, 'prepareRename', null, p => prepareRename(ctx, p)));
  connection.onRenameRequest(indexRequest(ctx, 'rename', null, p => rename(ctx, p)));
  connection.onDocumentSymbol(safe(ctx, 'documentSymbol', [], p => documentSymbols(ctx, p)));
  connection.onWorkspaceSymbol(indexRequest(ctx, 'workspaceSymbol', [], p => workspaceSymbols(ctx, p)));
  connection.onCodeLens(indexRequest(ctx, 'codeLens', [], p => codeLenses(ctx, p)));
  connection.onDocumentLinks(safe(ctx, 'documentLink', [], p => documentLinks(ctx, p)));
  registerCustomRequests(ctx, session);

  documents.listen(connection);
  connection.listen();
}
