import type { Resource } from '../model/types';
import { defaultNamespaceFor, type AnalysisSettings } from '../settings';
import type { FileSummary } from './fileSummary';
import { KustomizeGraph } from './kustomize';
import { Lookup } from './lookup';
import { Tables } from './tables';

/** What an update did to the set of resources. */
export interface IndexChange {
  readonly removed: readonly Resource[];
  readonly added: readonly Resource[];
  /** Namespaces or the root namespace moved: every resource must be re-checked. */
  readonly global: boolean;
}

/**
 * Every file of the workspace as summaries, with lookup tables over them. Files are replaced
 * whole; the effective namespace of each resource is assigned here (metadata, then kustomization,
 * then the default), and the mesh root namespace is derived from any MeshConfig in the workspace.
 */
export class WorkspaceIndex {
  private readonly files = new Map<string, FileSummary>();
  readonly tables = new Tables();
  private readonly kustomize = new KustomizeGraph();
  private root: string;

  constructor(private settings: AnalysisSettings) {
    this.root = settings.rootNamespace;
  }

  get rootNamespace(): string {
    return this.root;
  }

  get fileCount(): number {
    return this.files.size;
  }

  get resourceCount(): number {
    return this.tables.byId.size;
  }

  file(file: string): FileSummary | undefined {
    return this.files.get(file);
  }

  allFiles(): IterableIterator<FileSummary> {
    return this.files.values();
  }

  resource(id: string): Resource | undefined {
    return this.tables.byId.get(id);
  }

  allResources(): IterableIterator<Resource> {
    return this.tables.byId.values();
  }

  lookup(track: (key: string) => void = () => undefined): Lookup {
    return new Lookup(this, track);
  }

  /** Replaces (or, with undefined, removes) whole files. */
  update(updates: ReadonlyMap<string, FileSummary | undefined>): IndexChange {
    const removed: Resource[] = [];
    const added: Resource[] = [];
    const touchesKustomize = [...updates].some(
      ([file, s]) => hasKustomization(this.files.get(file)) || hasKustomization(s),
    );
    // While namespaces are deferred (a cold index), a kustomization only marks them for one pass at the end.
    const kustomizeBefore = touchesKustomize && !this.deferNamespaces ? this.kustomize.fingerprint() : '';
    for (const [file, summary] of updates) {
      const old = this.files.get(file);
      if (old) {
        for (const r of old.resources) {
          this.tables.remove(r);
          removed.push(r);
          if (r.kustomization) this.kustomize.set(file, undefined);
        }
      }
      if (summary) {
        this.files.set(file, summary);
        for (const r of summary.resources) if (r.kustomization) this.kustomize.set(file, r.kustomization);
      } else {
        this.files.delete(file);
      }
    }
    if (touchesKustomize && this.deferNamespaces) this.namespacesPending = true;
    const kustomizeChanged =
      touchesKustomize && !this.deferNamespaces && kustomizeBefore !== this.kustomize.fingerprint();
    for (const summary of updates.values()) {
      if (!summary) continue;
      for (const r of summary.resources) {
        r.namespace = this.effectiveNamespace(r);
        this.tables.add(r);
        added.push(r);
      }
    }
    let global = false;
    if (kustomizeChanged) global = this.reassignNamespaces(added, removed) || global;
    const root = this.computeRoot();
    if (root !== this.root) {
      this.root = root;
      global = true;
    }
    return { removed, added, global };
  }

  /**
   * During a cold index files arrive in any order, so a kustomization may come after the files it
   * lists. Re-deriving every namespace each time one arrives made indexing quadratic; instead
   * namespaces are re-derived once, when deferral ends (returning what moved).
   */
  setDeferNamespaces(defer: boolean): IndexChange {
    this.deferNamespaces = defer;
    if (defer || !this.namespacesPending) return { removed: [], added: [], global: false };
    this.namespacesPending = false;
    const removed: Resource[] = [];
    const added: Resource[] = [];
    const moved = this.reassignNamespaces(added, removed);
    return { removed, added, global: moved };
  }

  private deferNamespaces = false;
  private namespacesPending = false;

  /** New settings: namespaces may move. Returns true if anything did. */
  setSettings(settings: AnalysisSettings): boolean {
    this.settings = settings;
    const moved = this.reassignNamespaces([], []);
    const root = this.computeRoot();
    const rootChanged = root !== this.root;
    this.root = root;
    return moved || rootChanged;
  }

  private effectiveNamespace(r: Resource): string {
    return r.explicitNamespace ?? this.kustomize.namespaceFor(r.file) ?? defaultNamespaceFor(this.settings, r.file);
  }

  private reassignNamespaces(added: Resource[], removed: Resource[]): boolean {
    let moved = false;
    for (const r of [...this.tables.byId.values()]) {
      if (r.explicitNamespace !== undefined) continue; // metadata.namespace never moves
      const ns = this.effectiveNamespace(r);
      if (ns === r.namespace) continue;
      moved = true;
      this.tables.remove(r);
      removed.push({ ...r });
      r.namespace = ns;
      this.tables.add(r);
      added.push(r);
    }
    return moved;
  }

  private computeRoot(): string {
    // MeshConfig wins over the setting; with several, the first file in path order is used.
    let best: Resource | undefined;
    for (const r of this.tables.meshRoots) if (!best || r.id < best.id) best = r;
    return best?.meshRootNamespace ?? this.settings.rootNamespace;
  }
}

function hasKustomization(summary: FileSummary | undefined): boolean {
  return !!summary && summary.resources.some(r => r.kustomization);
}
