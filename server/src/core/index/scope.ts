import type { LineStarts } from '../parse/lineIndex';
import type { MeshExportDefaults, Resource } from '../model/types';
import { Tables } from './tables';

/**
 * What a Lookup reads: the lookup tables of one environment and its mesh settings. An interface,
 * so that the index (which hands out lookups) and the lookup do not import each other.
 */
export interface IndexedWorkspace {
  readonly rootNamespace: string;
  readonly tables: Tables;
  /** MeshConfig exportTo defaults of the environment, when its MeshConfig sets any. */
  readonly meshExportTo?: MeshExportDefaults;
  resource(id: string): Resource | undefined;
  file(file: string): { readonly lineStarts: LineStarts; readonly resources: readonly Resource[] } | undefined;
  /** Every file of the workspace (every environment's). */
  allFiles(): Iterable<{ readonly file: string; readonly resources: readonly Resource[] }>;
  /** A kustomization that lists `file` (directly or through its directory). */
  kustomizationListing(file: string): string | undefined;
}

/**
 * One environment's view of the workspace: lookup tables holding the objects applied to that
 * cluster (its own files and the shared ones), and the mesh settings its MeshConfig sets.
 */
export class Scope implements IndexedWorkspace {
  readonly tables = new Tables();
  private root: string;
  private defaults: MeshExportDefaults | undefined;

  constructor(
    /** The environment's name; undefined when the workspace is one environment. */
    readonly name: string | undefined,
    private readonly workspace: Pick<IndexedWorkspace, 'resource' | 'file' | 'allFiles' | 'kustomizationListing'>,
    fallbackRoot: string,
  ) {
    this.root = fallbackRoot;
  }

  get rootNamespace(): string {
    return this.root;
  }

  get meshExportTo(): MeshExportDefaults | undefined {
    return this.defaults;
  }

  resource(id: string): Resource | undefined {
    return this.workspace.resource(id);
  }

  file(file: string): { readonly lineStarts: LineStarts; readonly resources: readonly Resource[] } | undefined {
    return this.workspace.file(file);
  }

  allFiles(): Iterable<{ readonly file: string; readonly resources: readonly Resource[] }> {
    return this.workspace.allFiles();
  }

  kustomizationListing(file: string): string | undefined {
    return this.workspace.kustomizationListing(file);
  }

  /**
   * Re-derives the mesh settings from the environment's MeshConfigs (the first by path wins over
   * the setting). Returns true when they changed, which changes every lookup.
   */
  refreshMesh(fallbackRoot: string): boolean {
    let root: Resource | undefined;
    let defaults: Resource | undefined;
    for (const r of this.tables.meshRoots) {
      if (r.meshRootNamespace && (!root || r.id < root.id)) root = r;
      if (r.meshExportTo && (!defaults || r.id < defaults.id)) defaults = r;
    }
    const nextRoot = root?.meshRootNamespace ?? fallbackRoot;
    const nextDefaults = defaults?.meshExportTo;
    const changed = nextRoot !== this.root || JSON.stringify(nextDefaults) !== JSON.stringify(this.defaults);
    this.root = nextRoot;
    this.defaults = nextDefaults;
    return changed;
  }
}
