import * as os from 'os';
import * as path from 'path';
import type * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type Middleware,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { serverNodeOptions } from '../../shared/src/serverProcess';
import { wantsIstioFeatures } from './istioDocument';

/**
 * The bundled server (dist/server.js) over IPC. Every YAML document is synchronised, because a
 * VirtualService's findings depend on DestinationRules and Services in other files; but
 * completion and hover requests for documents without an Istio resource never leave the client,
 * so Compose files, pipelines and plain manifests get nothing from us.
 */
export function createLanguageClient(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const execArgv = serverNodeOptions(os.availableParallelism?.() ?? os.cpus().length);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv } },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: [...execArgv, '--nolazy', '--inspect=6010'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: { configurationSection: ['istio', 'files.exclude'] },
    outputChannel: output,
    traceOutputChannel: output,
    middleware: istioOnlyMiddleware,
    // The server keeps its index cache in this workspace's storage (none without a workspace).
    initializationOptions: { cacheDirectory: context.storageUri?.fsPath },
  };
  // The id makes `istio.trace.server` the trace setting.
  return new LanguageClient('istio', 'Istio Language Server', serverOptions, clientOptions);
}

export const istioOnlyMiddleware: Middleware = {
  provideCompletionItem: (document, position, context, token, next) =>
    wantsIstioFeatures(document.getText()) ? next(document, position, context, token) : undefined,
  provideHover: (document, position, token, next) =>
    wantsIstioFeatures(document.getText()) ? next(document, position, token) : undefined,
};
