import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** Mirrors the server's istio/status notification. */
interface IndexStatus {
  readonly state: 'indexing' | 'ready' | 'error';
  readonly done?: number;
  readonly total?: number;
  readonly files?: number;
  readonly resources?: number;
  readonly message?: string;
}

/** Index state in the status bar; clicking it opens the server's log. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('istio.status', vscode.StatusBarAlignment.Right, 100);
  private listener: vscode.Disposable | undefined;

  constructor() {
    this.item.name = 'Istio';
    this.item.command = 'istio.showOutput';
    this.show({ state: 'indexing' });
  }

  attach(client: LanguageClient): void {
    this.listener?.dispose();
    this.listener = client.onNotification('istio/status', (status: IndexStatus) => this.show(status));
  }

  show(status: IndexStatus): void {
    if (status.state === 'indexing') {
      this.item.text = status.total ? `$(sync~spin) Istio ${status.done ?? 0}/${status.total}` : '$(sync~spin) Istio';
      this.item.tooltip = 'Indexing Istio configuration…';
      this.item.backgroundColor = undefined;
    } else if (status.state === 'ready') {
      this.item.text = `$(check) Istio: ${status.resources ?? 0}`;
      this.item.tooltip = `${status.resources ?? 0} resources in ${status.files ?? 0} YAML files. Click for the server log.`;
      this.item.backgroundColor = undefined;
    } else {
      this.item.text = '$(error) Istio';
      this.item.tooltip = `Istio language server: ${status.message ?? 'error'}. Click for the log.`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    }
    this.item.show();
  }

  dispose(): void {
    this.listener?.dispose();
    this.item.dispose();
  }
}
