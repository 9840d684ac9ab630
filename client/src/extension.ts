import * as vscode from 'vscode';
import type { LanguageClient, Location, Position } from 'vscode-languageclient/node';
import { analyzeWorkspace } from './commands/analyzeWorkspace';
import { newResource, type NewResourceArgs } from './commands/newResource';
import { showReferences } from './commands/showReferences';
import { configureRule, type SeveritySetting } from './commands/configureRule';
import { upgradeApis, type UpgradeArgs } from './commands/upgradeApis';
import { YamlExtensionCoexistence } from './coexistence/yamlExtension';
import { isIstioText } from './istioDocument';
import { createLanguageClient } from './languageClient';
import { MeshGraphPanel, type MeshGraphControl } from './meshGraph/panel';
import { StatusBar } from './statusBar';

/** What activate() returns: used by the integration tests, stable enough for other extensions. */
export interface IstioExtensionApi {
  readonly client: LanguageClient;
  readonly status: StatusBar;
  readonly coexistence: YamlExtensionCoexistence;
  /** Milliseconds from activate() being called to the server answering `initialize`. */
  readonly activationMs: number;
}

let client: LanguageClient | undefined;

/**
 * Starts the bundled language server over IPC and registers the commands. The server indexes in
 * its own process, so activation costs the extension host only the client's start-up.
 */
export async function activate(context: vscode.ExtensionContext): Promise<IstioExtensionApi> {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('Istio', { log: true });
  const status = new StatusBar();
  const coexistence = new YamlExtensionCoexistence(context, output);
  const lc = createLanguageClient(context, output);
  client = lc;
  const graph = new MeshGraphPanel(() => lc);
  context.subscriptions.push(output, status, coexistence, graph);
  status.attach(lc);

  const command = (id: string, run: (...args: never[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, run));
  command('istio.restartServer', async () => {
    status.show({ state: 'indexing' });
    await lc.restart();
    status.attach(lc);
  });
  command('istio.showOutput', () => output.show(true));
  command('istio.newResource', (args?: NewResourceArgs) => newResource(context, lc, args));
  command('istio.upgradeApis', (args?: UpgradeArgs) => upgradeApis(lc, output, args));
  command('istio.analyzeWorkspace', () => analyzeWorkspace(lc));
  command('istio.showReferences', (uri: string, position: Position, locations: Location[]) =>
    showReferences(lc, uri, position, locations),
  );
  command('istio.configureRule', (id: string, defaultSeverity?: string, severity?: SeveritySetting) =>
    configureRule(id, defaultSeverity, severity),
  );
  command('istio.showMeshGraph', () => graph.show());
  command('istio.meshGraph.open', (id: string, file?: number) => graph.open(id, file));
  // Not in the palette: what the graph shows and a way to drive it, for tests and automation.
  command('istio.meshGraph.state', () => graph.state());
  command('istio.meshGraph.control', (c: MeshGraphControl) => graph.control(c));
  command('istio.excludeIstioFromYamlSchemas', () => coexistence.excludeIstioFiles());

  trackIstioContext(context);
  await lc.start();
  const activationMs = Math.round(performance.now() - started);
  output.info(`Activated in ${activationMs} ms (server started, indexing in the background).`);
  coexistence.start();
  return { client: lc, status, coexistence, activationMs };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** `istio.isIstioDocument` for menus: true while the active editor shows an Istio resource. */
function trackIstioContext(context: vscode.ExtensionContext): void {
  let last: boolean | undefined;
  const update = () => {
    const doc = vscode.window.activeTextEditor?.document;
    const value = !!doc && doc.languageId === 'yaml' && doc.getText().trim() !== '' && isIstioText(doc.getText());
    if (value === last) return;
    last = value;
    void vscode.commands.executeCommand('setContext', 'istio.isIstioDocument', value);
  };
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeTextDocument(e => {
      if (e.document === vscode.window.activeTextEditor?.document) update();
    }),
  );
  update();
}
