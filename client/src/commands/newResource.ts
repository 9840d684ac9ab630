import * as fs from 'fs';
import * as vscode from 'vscode';
import type { LanguageClient, SymbolInformation } from 'vscode-languageclient/node';
import { fillTabStops, metadataTabStops, parseSnippetFile, snippetKind, type Snippet } from '../snippets/snippetFile';
import { namespaceChoices, templateOrder } from '../snippets/templateChoices';

/** Arguments for running the command without prompts (tests, keybindings). */
export interface NewResourceArgs {
  /** Snippet prefix, e.g. `istio-vs-canary`. */
  readonly template?: string;
  readonly name?: string;
  readonly namespace?: string;
}

/**
 * "Istio: New resource…": pick a kind and template (the contributed snippets, so the two never
 * drift apart), type name and namespace, and get an untitled YAML document with the resource,
 * the remaining placeholders live for Tab.
 */
export async function newResource(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  args: NewResourceArgs = {},
): Promise<vscode.TextEditor | undefined> {
  const snippets = loadSnippets(context);
  const snippet = args.template ? snippets.find(s => s.prefix === args.template) : await pickTemplate(snippets);
  if (!snippet) {
    if (args.template) void vscode.window.showErrorMessage(`No Istio template "${args.template}".`);
    return undefined;
  }
  const stops = metadataTabStops(snippet);
  const defaults = defaultsOf(snippet);
  const name =
    args.name ??
    (await vscode.window.showInputBox({
      title: `New ${snippetKind(snippet) ?? 'resource'}: name`,
      value: defaults.name,
      validateInput: validateDnsName,
    }));
  if (name === undefined) return undefined;
  const namespace = args.namespace ?? (await pickNamespace(client, snippetKind(snippet), defaults.namespace));
  if (namespace === undefined) return undefined;

  const values: Record<number, string> = {};
  if (stops.name !== undefined) values[stops.name] = name;
  if (stops.namespace !== undefined) values[stops.namespace] = namespace;
  const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
  const editor = await vscode.window.showTextDocument(document);
  await editor.insertSnippet(new vscode.SnippetString(fillTabStops(snippet.body, values)), new vscode.Position(0, 0));
  return editor;
}

let cache: Snippet[] | undefined;

export function loadSnippets(context: vscode.ExtensionContext): Snippet[] {
  cache ??= parseSnippetFile(fs.readFileSync(context.asAbsolutePath('snippets/istio.code-snippets'), 'utf8'));
  return cache;
}

async function pickTemplate(snippets: readonly Snippet[]): Promise<Snippet | undefined> {
  type Item = vscode.QuickPickItem & { snippet?: Snippet };
  const items: Item[] = [];
  let lastKind: string | undefined;
  for (const snippet of templateOrder(snippets)) {
    const kind = snippetKind(snippet) ?? 'Other';
    if (kind !== lastKind) items.push({ label: kind, kind: vscode.QuickPickItemKind.Separator });
    lastKind = kind;
    items.push({
      label: snippet.name.replace(/^Istio [^:]+:\s*/, ''),
      description: snippet.prefix,
      detail: snippet.description,
      snippet,
    });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: 'New Istio resource',
    placeHolder: 'Kind and template',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.snippet;
}

/**
 * The namespace: a pick of the workspace's namespaces (from the index, most used first), or any
 * name typed into the box. The configured istio.defaultNamespace comes first when set.
 */
async function pickNamespace(
  client: LanguageClient,
  kind: string | undefined,
  fallback: string,
): Promise<string | undefined> {
  const symbols = await Promise.resolve(
    client.sendRequest<SymbolInformation[] | null>('workspace/symbol', { query: '' }),
  ).catch(() => null);
  // Only a namespace the user configured goes first; the setting's built-in default does not.
  const setting = vscode.workspace.getConfiguration('istio').inspect<string>('defaultNamespace');
  const configured = setting?.workspaceValue || setting?.globalValue || undefined;
  const known = namespaceChoices(
    (symbols ?? []).map(s => s.containerName ?? ''),
    configured,
  );
  const choices = known.length > 0 ? known : [fallback];
  const pick = vscode.window.createQuickPick();
  pick.title = `New ${kind ?? 'resource'}: namespace`;
  pick.placeholder = 'A namespace of the workspace, or type a new one';
  const base = choices.map(ns => ({
    label: ns,
    description: ns === configured ? 'istio.defaultNamespace' : undefined,
  }));
  pick.items = base;
  pick.onDidChangeValue(value => {
    const typed = value.trim();
    pick.items = typed && !choices.includes(typed) ? [{ label: typed, description: 'new namespace' }, ...base] : base;
  });
  return new Promise(resolve => {
    let done = false;
    const finish = (v: string | undefined) => {
      if (done) return;
      done = true;
      resolve(v);
      pick.dispose();
    };
    pick.onDidAccept(() => {
      const value = pick.selectedItems[0]?.label ?? pick.value.trim();
      const problem = validateDnsName(value);
      if (problem) {
        pick.title = `New ${kind ?? 'resource'}: namespace — ${problem}`;
        return;
      }
      finish(value);
    });
    pick.onDidHide(() => finish(undefined));
    pick.show();
  });
}

function defaultsOf(snippet: Snippet): { name: string; namespace: string } {
  const get = (key: string) => new RegExp(`^  ${key}: \\$\\{\\d+:([^}]*)\\}`, 'm').exec(snippet.body)?.[1] ?? '';
  return { name: get('name'), namespace: get('namespace') || 'default' };
}

/** metadata.name and namespace are DNS-1123 labels/subdomains; say so before the file exists. */
export function validateDnsName(value: string): string | undefined {
  if (value === '') return 'Required';
  if (value.length > 253) return 'At most 253 characters';
  return /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(value)
    ? undefined
    : 'Lower-case letters, digits, "-" and "."; start and end with a letter or digit';
}
