import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { STATUS_NOTIFICATION, type IndexStatus } from './protocol';

/**
 * Index state in the status bar: a spinner with progress while indexing, the resource count when
 * ready, an error badge when the server failed. Clicking opens the server's log; the tooltip
 * offers "Restart server" and "Analyze workspace". Hidden in workspaces without Istio resources,
 * so it costs nothing there.
 */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('istio.status', vscode.StatusBarAlignment.Right, 100);
  private listener: vscode.Disposable | undefined;
  private readonly changed = new vscode.EventEmitter<IndexStatus>();
  private current: IndexStatus = { state: 'indexing' };
  private shown = false;
  /** Fires on every istio/status notification (tests and the coexistence check wait on it). */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.item.name = 'Istio';
    this.item.command = 'istio.showOutput';
  }

  get status(): IndexStatus {
    return this.current;
  }

  get text(): string {
    return this.item.text;
  }

  get visible(): boolean {
    return this.shown;
  }

  attach(client: LanguageClient): void {
    this.listener?.dispose();
    this.listener = client.onNotification(STATUS_NOTIFICATION, (status: IndexStatus) => this.show(status));
  }

  /** Resolves with the first `ready` status (the current one if already ready). */
  whenReady(timeoutMs: number): Promise<IndexStatus> {
    if (this.current.state === 'ready') return Promise.resolve(this.current);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error(`Istio index not ready after ${timeoutMs} ms (last state ${this.current.state})`));
      }, timeoutMs);
      const sub = this.onDidChange(s => {
        if (s.state !== 'ready') return;
        clearTimeout(timer);
        sub.dispose();
        resolve(s);
      });
    });
  }

  show(status: IndexStatus): void {
    this.current = status;
    const actions =
      '[Show log](command:istio.showOutput) · [Restart server](command:istio.restartServer) · [Analyze workspace](command:istio.analyzeWorkspace)';
    if (status.state === 'indexing') {
      this.item.text = status.total ? `$(sync~spin) Istio ${status.done ?? 0}/${status.total}` : '$(sync~spin) Istio';
      this.item.tooltip = tooltip(
        `Indexing Istio configuration${status.total ? `: ${status.done ?? 0} of ${status.total} files` : '…'}`,
        actions,
      );
      this.item.backgroundColor = undefined;
    } else if (status.state === 'ready') {
      const n = status.resources ?? 0;
      this.item.text = `$(check) Istio: ${n} resource${n === 1 ? '' : 's'}`;
      this.item.tooltip = tooltip(`${n} resources in ${status.files ?? 0} YAML files are indexed.`, actions);
      this.item.backgroundColor = undefined;
    } else {
      this.item.text = '$(error) Istio';
      this.item.tooltip = tooltip(`The Istio language server failed: ${status.message ?? 'unknown error'}`, actions);
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    }
    const idle = status.state === 'ready' && (status.resources ?? 0) === 0;
    this.shown = !idle;
    if (idle) this.item.hide();
    else this.item.show();
    this.changed.fire(status);
  }

  dispose(): void {
    this.listener?.dispose();
    this.changed.dispose();
    this.item.dispose();
  }
}

function tooltip(text: string, actions: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(`${text}\n\n${actions}`);
  md.isTrusted = { enabledCommands: ['istio.showOutput', 'istio.restartServer', 'istio.analyzeWorkspace'] };
  return md;
}
