import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type Diagnostic,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

const SERVER = path.resolve(__dirname, '..', '..', 'server', 'src', 'cli.js');

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}

/**
 * Drives the real server over stdio the way an editor does, recording published diagnostics.
 * Waits are on events with timeouts, never fixed sleeps.
 */
export class LspTestClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly statuses: { state: string; resources?: number }[] = [];
  readonly logs: string[] = [];
  private readonly proc: ChildProcess;
  private readonly waiters: (() => void)[] = [];
  settings: Record<string, unknown> = {};
  /** VS Code's `files.exclude` as the client answers it. */
  filesExclude: Record<string, boolean> = {};
  /** Sent as `initializationOptions` (e.g. `cacheDirectory`). */
  initializationOptions: Record<string, unknown> | undefined;

  constructor() {
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr?.on('data', d => this.logs.push(String(d)));
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.proc.stdout!),
      new StreamMessageWriter(this.proc.stdin!),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.notify();
    });
    this.connection.onNotification('istio/status', (s: { state: string; resources?: number }) => {
      this.statuses.push(s);
      this.notify();
    });
    this.connection.onNotification('window/logMessage', (m: { message: string }) => {
      this.logs.push(m.message);
    });
    this.connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map(i =>
        i.section === 'istio' ? this.settings : i.section === 'files.exclude' ? this.filesExclude : null,
      ),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('$/progress', () => undefined);
    this.connection.listen();
  }

  async initialize(root: string, readyTimeoutMs = 10000): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      initializationOptions: this.initializationOptions,
      rootUri: fileUri(root),
      workspaceFolders: [{ uri: fileUri(root), name: 'ws' }],
      capabilities: {
        workspace: {
          configuration: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceFolders: true,
        },
        window: { workDoneProgress: true },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
        },
      },
    });
    await this.connection.sendNotification('initialized', {});
    await this.until(() => this.statuses.some(s => s.state === 'ready'), 'the index to be ready', readyTimeoutMs);
  }

  /** Resolves when `condition` holds after some message, or fails with what it was waiting for. */
  async until<T>(condition: () => T | undefined | false, what: string, timeoutMs = 10000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = condition();
      if (value) return value;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `timed out waiting for ${what}; diagnostics: ${JSON.stringify([...this.diagnostics])}\nlogs: ${this.logs.join('\n')}`,
        );
      await new Promise<void>(resolve => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  diagnosticsOf(file: string, code?: string): Diagnostic[] {
    return (this.diagnostics.get(fileUri(file)) ?? []).filter(d => code === undefined || d.code === code);
  }

  async dispose(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise(r => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    this.proc.kill();
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
