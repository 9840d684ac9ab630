import * as os from 'os';
import { spawn, type ChildProcess } from 'child_process';
import { pathToFileURL } from 'url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { serverNodeOptions } from '../../shared/src/serverProcess';

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

interface Waiter {
  readonly test: () => boolean;
  readonly resolve: () => void;
}

/** Drives the real language server over stdio, as an editor would, timing what it publishes. */
export class LspDriver {
  readonly connection: ProtocolConnection;
  readonly startedAt = performance.now();
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** uri -> times (ms since start) diagnostics were published for it. */
  readonly publishedAt = new Map<string, number[]>();
  ready = false;
  readyAt = 0;
  private readonly proc: ChildProcess;
  private waiters: Waiter[] = [];

  constructor(serverScript: string) {
    // Started as the extension starts it.
    this.proc = spawn(
      process.execPath,
      [...serverNodeOptions(os.availableParallelism?.() ?? os.cpus().length), serverScript, '--stdio'],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.proc.stdout!),
      new StreamMessageWriter(this.proc.stdin!),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      const list = this.publishedAt.get(p.uri) ?? [];
      list.push(this.now());
      this.publishedAt.set(p.uri, list);
      this.check();
    });
    this.connection.onNotification('istio/status', (s: { state: string }) => {
      if (s.state === 'ready' && !this.ready) {
        this.ready = true;
        this.readyAt = this.now();
      }
      this.check();
    });
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('$/progress', () => undefined);
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  get pid(): number {
    return this.proc.pid ?? 0;
  }

  now(): number {
    return performance.now() - this.startedAt;
  }

  async initialize(root: string, initializationOptions?: object): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      initializationOptions,
      rootUri: uriOf(root),
      workspaceFolders: [{ uri: uriOf(root), name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { relatedInformation: true } },
      },
    });
    await this.connection.sendNotification('initialized', {});
  }

  /** Resolves when `test` holds (checked after every message), or rejects after `timeoutMs`. */
  until(test: () => boolean, what: string, timeoutMs = 120000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
      this.waiters.push({
        test,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  async dispose(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise(r => setTimeout(r, 3000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    this.proc.kill();
  }

  private check(): void {
    const pending: Waiter[] = [];
    for (const w of this.waiters) {
      if (w.test()) w.resolve();
      else pending.push(w);
    }
    this.waiters = pending;
  }
}
