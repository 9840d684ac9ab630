import { CodeActionKind, TextDocumentSyncKind, type ServerCapabilities } from 'vscode-languageserver/node';
import { FIX_ALL_KIND } from './codeAction';
import { MIGRATE_GATEWAY_KIND } from './migrateGateway';
import { COMPLETION_TRIGGERS } from './completion';

/** What the server tells the client it can do, in answer to `initialize`. */
export function serverCapabilities(): ServerCapabilities {
  return {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    codeActionProvider: {
      codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, MIGRATE_GATEWAY_KIND],
      resolveProvider: false,
    },
    completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
    hoverProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: { prepareProvider: true },
    documentSymbolProvider: true,
    workspaceSymbolProvider: true,
    codeLensProvider: { resolveProvider: false },
    documentLinkProvider: { resolveProvider: false },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}
