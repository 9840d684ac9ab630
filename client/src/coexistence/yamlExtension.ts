import * as vscode from 'vscode';
import { hasIstioResource } from '../istioDocument';
import {
  associationMatches,
  istioExclusions,
  kubernetesAssociations,
  type KubernetesAssociation,
} from './schemaAssociations';

export const REDHAT_YAML_ID = 'redhat.vscode-yaml';
const NOTIFIED_KEY = 'istio.yamlCoexistence.notified';

export interface Conflict {
  readonly document: vscode.Uri;
  readonly associations: readonly KubernetesAssociation[];
}

/**
 * Coexistence with Red Hat's YAML extension. On its own it leaves Istio files alone (SchemaStore
 * only matches well-known file names), but when `yaml.schemas` maps the Kubernetes schema onto
 * them, its CRD store fetches the Istio CRD schemas and the user sees two completion lists and
 * two hovers. We never change its settings silently: the first time an Istio file is opened under
 * such a mapping, one notification offers to add `!` exclusions for the Istio files (workspace
 * settings), and the command stays in the palette.
 */
export class YamlExtensionCoexistence implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private notifying = false;
  /** The last conflict found (tests read it). */
  lastConflict: Conflict | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  start(): void {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument(d => void this.onOpen(d)),
      vscode.extensions.onDidChange(() => {
        for (const d of vscode.workspace.textDocuments) void this.onOpen(d);
      }),
    );
    for (const d of vscode.workspace.textDocuments) void this.onOpen(d);
  }

  /** A conflict for this document, if Red Hat YAML is active and maps Kubernetes onto it. */
  check(document: vscode.TextDocument): Conflict | undefined {
    if (!vscode.extensions.getExtension(REDHAT_YAML_ID)) return undefined;
    if (document.languageId !== 'yaml' || document.uri.scheme !== 'file' || !hasIstioResource(document.getText()))
      return undefined;
    const relative = vscode.workspace.asRelativePath(document.uri, false);
    const associations = kubernetesAssociations(
      vscode.workspace.getConfiguration('yaml', document.uri).get('schemas'),
    ).filter(a => associationMatches(a.patterns, relative, document.uri.toString()));
    return associations.length > 0 ? { document: document.uri, associations } : undefined;
  }

  private async onOpen(document: vscode.TextDocument): Promise<void> {
    const conflict = this.check(document);
    if (!conflict) return;
    this.lastConflict = conflict;
    if (this.notifying || this.context.workspaceState.get<boolean>(NOTIFIED_KEY)) return;
    this.notifying = true;
    await this.context.workspaceState.update(NOTIFIED_KEY, true);
    this.output.info(
      `Red Hat YAML maps the Kubernetes schema (${conflict.associations.map(a => a.schema).join(', ')}) onto ${vscode.workspace.asRelativePath(conflict.document)}: completions and hovers would be duplicated.`,
    );
    const exclude = 'Exclude Istio files';
    const learn = 'Learn more';
    const choice = await vscode.window.showInformationMessage(
      "Red Hat YAML applies its Kubernetes schema to your Istio files, so completions and hovers appear twice. Exclude the Istio files from that schema in this workspace's settings?",
      exclude,
      learn,
    );
    this.notifying = false;
    if (choice === exclude) await this.excludeIstioFiles();
    else if (choice === learn)
      void vscode.env.openExternal(vscode.Uri.parse('https://github.com/istio-ls/istio-ls#red-hat-yaml'));
  }

  /**
   * Adds `!` patterns for the workspace's Istio files to every Kubernetes association in
   * `yaml.schemas`, written to the workspace settings (the user's own settings stay untouched).
   * Returns the new value, or undefined when there was nothing to do.
   */
  async excludeIstioFiles(): Promise<Record<string, unknown> | undefined> {
    if (!vscode.extensions.getExtension(REDHAT_YAML_ID)) {
      void vscode.window.showInformationMessage('Istio: Red Hat YAML is not installed; nothing to configure.');
      return undefined;
    }
    const config = vscode.workspace.getConfiguration('yaml');
    const schemas = { ...(config.get<Record<string, unknown>>('schemas') ?? {}) };
    const associations = kubernetesAssociations(schemas);
    if (associations.length === 0) {
      void vscode.window.showInformationMessage('Istio: `yaml.schemas` maps no Kubernetes schema; nothing to exclude.');
      return undefined;
    }
    const files = new Map<string, boolean>();
    for (const uri of await vscode.workspace.findFiles('**/*.{yaml,yml}', '**/node_modules/**', 5000)) {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      files.set(vscode.workspace.asRelativePath(uri, false), hasIstioResource(text));
    }
    const exclusions = istioExclusions(files);
    for (const a of associations) {
      const kept = a.patterns.filter(p => !exclusions.includes(p));
      schemas[a.schema] = [...kept, ...exclusions];
    }
    await config.update(
      'schemas',
      schemas,
      vscode.workspace.workspaceFile || vscode.workspace.workspaceFolders?.length
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global,
    );
    this.output.info(`Added to yaml.schemas (workspace settings): ${exclusions.join(', ')}`);
    void vscode.window.showInformationMessage(
      `Istio: excluded ${exclusions.length} Istio path${exclusions.length === 1 ? '' : 's'} from Red Hat YAML's Kubernetes schema (workspace settings).`,
    );
    return schemas;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
