import * as assert from 'assert';
import * as vscode from 'vscode';
import { activated, closeAll, hoverText, labelOf, serverItems } from '../helpers';

async function completions(doc: vscode.TextDocument, line: number, character: number): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    doc.uri,
    new vscode.Position(line, character),
  );
  return serverItems(list).map(labelOf);
}

/** A Deployment: line 9 is a blank line in the pod template's annotations, line 11 one inside proxy.istio.io/config. */
const DEPLOYMENT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: reviews',
  'spec:',
  '  template:',
  '    metadata:',
  '      annotations:',
  '        sidecar.istio.io/proxyCPU: 100m',
  '        ',
  '        proxy.istio.io/config: |',
  '          ',
  '          holdApplicationUntilProxyStarts: true',
  '    spec:',
  '      containers:',
  '      - name: reviews',
  '',
].join('\n');

describe('Istio settings on Kubernetes workloads', () => {
  before(activated);
  after(closeAll);

  it("completes Istio's annotation names on a Deployment's pod template", async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: DEPLOYMENT });
    const labels = await completions(doc, 9, 8);
    assert.ok(labels.includes('sidecar.istio.io/proxyMemory'), `server completions: ${labels.join(', ') || '(none)'}`);
    assert.ok(labels.includes('inject.istio.io/templates'), labels.join(', '));
    assert.ok(
      !labels.includes('sidecar.istio.io/proxyCPU') && !labels.includes('proxy.istio.io/config'),
      'already written',
    );
  });

  it('completes ProxyConfig keys inside the proxy.istio.io/config block', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: DEPLOYMENT });
    const labels = await completions(doc, 11, 10);
    assert.ok(labels.includes('terminationDrainDuration'), `server completions: ${labels.join(', ') || '(none)'}`);
    assert.ok(!labels.includes('holdApplicationUntilProxyStarts'), 'already written');
  });

  it('shows the ProxyConfig documentation on hover inside the block', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: DEPLOYMENT });
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      new vscode.Position(12, 16),
    );
    assert.match(hoverText(hovers), /holdApplicationUntilProxyStarts/, `hover: ${hoverText(hovers) || '(none)'}`);
  });
});
