import type { AnalysisSettings, EnvironmentSetting, ReportSettings, SeveritySetting } from '../core/settings';
import { DEFAULT_SETTINGS } from '../core/settings';
import { enabledPatterns } from './glob';

/** Everything the server is configured with, from the client's `istio.*` and `files.exclude`. */
export interface ServerSettings {
  readonly analysis: AnalysisSettings;
  readonly report: ReportSettings;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  analysis: DEFAULT_SETTINGS,
  report: { rules: {} },
  include: [],
  exclude: [],
};

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);

/** The `istio` section of one folder (or the window), as the client sends it. */
export interface FolderConfig {
  readonly path?: string;
  readonly istio?: unknown;
  readonly filesExclude?: unknown;
}

/**
 * Turns raw configuration into settings, ignoring values of the wrong type (a typo in
 * settings.json must not stop the server). The first folder decides the workspace-wide values;
 * every folder may set its own default namespace.
 */
export function settingsFromConfig(folders: readonly FolderConfig[]): ServerSettings {
  const first = asRecord(folders[0]?.istio);
  const rules: Record<string, SeveritySetting> = {};
  for (const [id, sev] of Object.entries(asRecord(first.rules))) {
    if (typeof sev === 'string' && SEVERITIES.has(sev)) rules[id] = sev as SeveritySetting;
  }
  const files = asRecord(first.files);
  const folderOverrides = folders
    .filter((f): f is FolderConfig & { path: string } => typeof f.path === 'string')
    .map(f => ({ path: f.path, defaultNamespace: nonEmpty(asRecord(f.istio).defaultNamespace) }));
  const exclude = [...new Set(folders.flatMap(f => enabledPatterns(f.filesExclude)).concat(stringList(files.exclude)))];
  return {
    analysis: {
      rootNamespace: nonEmpty(first.rootNamespace) ?? DEFAULT_SETTINGS.rootNamespace,
      defaultNamespace: nonEmpty(first.defaultNamespace) ?? DEFAULT_SETTINGS.defaultNamespace,
      targetVersion: nonEmpty(first.targetVersion),
      folders: folderOverrides.length > 1 ? folderOverrides : undefined,
      environments: environmentsOf(first.environments),
    },
    report: { rules },
    include: stringList(files.include),
    exclude,
  };
}

/**
 * `istio.environments`: environment name -> glob patterns (a list, or one pattern). Entries of
 * the wrong type are left out; no valid entry means environments are detected.
 */
export function environmentsOf(value: unknown): EnvironmentSetting[] | undefined {
  const out: EnvironmentSetting[] = [];
  for (const [name, raw] of Object.entries(asRecord(value))) {
    const patterns = (typeof raw === 'string' ? [raw] : stringList(raw)).filter(p => p.trim() !== '');
    if (name.trim() !== '' && patterns.length > 0) out.push({ name: name.trim(), patterns });
  }
  return out.length > 0 ? out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) : undefined;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
