import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { StatusBar } from './statusBar';

let client: LanguageClient | undefined;

/** Starts the bundled language server over IPC and registers the client-side commands. */
export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient | undefined }> {
  const output = vscode.window.createOutputChannel('Istio', { log: true });
  const status = new StatusBar();
  context.subscriptions.push(output, status);
  client = createClient(context, output);
  status.attach(client);
  context.subscriptions.push(
    vscode.commands.registerCommand('istio.restartServer', async () => {
      await client?.restart();
      if (client) status.attach(client);
    }),
    vscode.commands.registerCommand('istio.showOutput', () => output.show(true)),
  );
  await client.start();
  return { client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'yaml' }, { scheme: 'untitled', language: 'yaml' }],
    synchronize: { configurationSection: ['istio'] },
    outputChannel: output,
    traceOutputChannel: output,
  };
  return new LanguageClient('istio', 'Istio Language Server', serverOptions, clientOptions);
}
