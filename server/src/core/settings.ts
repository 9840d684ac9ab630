export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/** Settings that change what the analysis concludes (not just how findings are shown). */
export interface AnalysisSettings {
  /** Mesh root namespace unless a MeshConfig in the workspace sets one. */
  readonly rootNamespace: string;
  /** Namespace for resources without metadata.namespace and no kustomization namespace. */
  readonly defaultNamespace: string;
  /** The Istio release the files are applied to, e.g. `1.21`; undefined means a current release. */
  readonly targetVersion?: string;
  /** Per-folder overrides of defaultNamespace, longest matching folder wins (multi-root workspaces). */
  readonly folders?: readonly { readonly path: string; readonly defaultNamespace?: string }[];
  /**
   * Environments named by the user (`istio.environments`, `--environment NAME=GLOB`): glob
   * patterns per environment, which replace detection. Files (or the root kustomizations that
   * build them) matching no pattern are shared by every environment.
   */
  readonly environments?: readonly EnvironmentSetting[];
}

export interface EnvironmentSetting {
  readonly name: string;
  /** Globs, as the host matches them (workspace-relative in the editor, cwd-relative in the CLI). */
  readonly patterns: readonly string[];
}

/** Settings that only change how findings are reported. */
export interface ReportSettings {
  readonly rules: Readonly<Record<string, SeveritySetting>>;
}

export const DEFAULT_SETTINGS: AnalysisSettings = { rootNamespace: 'istio-system', defaultNamespace: 'default' };

export function defaultNamespaceFor(settings: AnalysisSettings, file: string): string {
  let best: { path: string; ns: string } | undefined;
  for (const folder of settings.folders ?? []) {
    if (!folder.defaultNamespace) continue;
    const prefix = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
    if (file.startsWith(prefix) && (!best || folder.path.length > best.path.length))
      best = { path: folder.path, ns: folder.defaultNamespace };
  }
  return best?.ns ?? settings.defaultNamespace;
}

export function sameAnalysisSettings(a: AnalysisSettings, b: AnalysisSettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
