import { hasIdentity, isClusterScoped } from '../model/identity';
import type { Resource } from '../model/types';
import type { AnalysisSettings } from '../settings';
import { configuredModel, EnvironmentDetector, SINGLE_ENVIRONMENT, type EnvironmentModel } from './environments';
import type { FileSummary } from './fileSummary';
import type { IndexView } from './indexView';
import { KustomizeGraph } from './kustomize';
import { Lookup } from './lookup';
import { Placer, samePlacements, type DesiredInstance, type GlobCompiler } from './placements';
import { Scope } from './scope';
import type { Tables } from './tables';

/** What an update did to the set of placed objects (instances). */
export interface IndexChange {
  readonly removed: readonly Resource[];
  readonly added: readonly Resource[];
  /** Namespaces, environments or mesh settings moved: every instance must be re-checked. */
  readonly global: boolean;
}

/**
 * Every file of the workspace as summaries, placed into environments. Each environment (a Scope)
 * has its own lookup tables holding the objects applied to that cluster: its own files and the
 * shared ones. An object is placed once per environment that has its file and once per namespace
 * its kustomize builds give it there; the first instance is the file's resource itself, further
 * ones are copies with ids `<resource id>@<n>`. In the usual workspace (one environment, no base
 * built twice) every object is placed once, as itself, and there is one Scope.
 */
export class WorkspaceIndex implements IndexView {
  private readonly files = new Map<string, FileSummary>();
  private readonly kustomize = new KustomizeGraph();
  private readonly detector = new EnvironmentDetector();
  private readonly placer: Placer;
  private model: EnvironmentModel = SINGLE_ENVIRONMENT;
  private scopes: Scope[] = [];
  private readonly scopeByName = new Map<string | undefined, Scope>();
  /** Resource id -> every instance, for objects placed more than once. */
  private readonly copies = new Map<string, Resource[]>();
  private resources = 0;
  /** File -> the placer version it was placed under; the version all files were checked under. */
  private readonly placedAt = new Map<string, number>();
  private placedStamp = -1;
  /** The placer graph version all files' evidence was last checked under. */
  private evidenceStamp = -1;
  private deferNamespaces = false;
  private namespacesPending = false;

  constructor(
    private settings: AnalysisSettings,
    /** Compiles the globs of the `environments` setting; without it the setting is ignored. */
    compileGlobs?: GlobCompiler,
  ) {
    this.placer = new Placer(this.kustomize, settings, compileGlobs, this.model);
    this.model = this.currentModel();
    this.placer.sync(settings, this.model);
    this.makeScopes();
  }

  /** The first environment's name (undefined for the only one): the WorkspaceIndex is its view. */
  get environment(): string | undefined {
    return this.scopes[0].name;
  }

  /** The root namespace of the first environment (of the only one, usually). */
  get rootNamespace(): string {
    return this.scopes[0].rootNamespace;
  }

  /** Lookup tables of the first environment (of the only one, usually). */
  get tables(): Tables {
    return this.scopes[0].tables;
  }

  /** Environment names, sorted; `[undefined]` when the workspace is one environment. */
  get environments(): readonly (string | undefined)[] {
    return this.model.names;
  }

  get environmentModel(): EnvironmentModel {
    return this.model;
  }

  get fileCount(): number {
    return this.files.size;
  }

  /** Objects summarised from the files (each counted once, however often it is placed). */
  get resourceCount(): number {
    return this.resources;
  }

  /** Placed instances: the resources, plus their copies in other environments and builds. */
  get instanceCount(): number {
    let n = 0;
    for (const scope of this.scopes) n += scope.tables.byId.size;
    return n;
  }

  file(file: string): FileSummary | undefined {
    return this.files.get(file);
  }

  allFiles(): IterableIterator<FileSummary> {
    return this.files.values();
  }

  /** A placed instance by id (a resource id, or a copy's). */
  resource(id: string): Resource | undefined {
    // Each environment's tables hold its instances by id (usually there is one environment).
    for (const scope of this.scopes) {
      const r = scope.tables.byId.get(id);
      if (r) return r;
    }
    return undefined;
  }

  /** Every resource of every file (first instances; copies are in allInstances). */
  *allResources(): IterableIterator<Resource> {
    for (const summary of this.files.values()) yield* summary.resources;
  }

  *allInstances(): IterableIterator<Resource> {
    for (const scope of this.scopes) yield* scope.tables.byId.values();
  }

  /** True when another instance has the same identity in the instance's environment. */
  hasCopies(instance: Resource): boolean {
    return this.scopeOf(instance).tables.countLike(instance) > 1;
  }

  /** Every placed copy of `r`'s object (same identity), in any environment. */
  instancesLike(r: Resource): Resource[] {
    const out: Resource[] = [];
    for (const scope of this.scopes) out.push(...scope.tables.objectsLike(r));
    return out;
  }

  /** Every instance of a file's resource, the resource itself first; empty when it is not indexed. */
  instancesOf(r: Resource): readonly Resource[] {
    const copies = this.copies.get(r.id);
    if (copies) return copies;
    return this.resource(r.id) === r ? [r] : [];
  }

  /** The view of one environment (the first when the name is unknown). */
  scope(environment: string | undefined): Scope {
    return this.scopeByName.get(environment) ?? this.scopes[0];
  }

  /** The environment an instance is placed in. */
  scopeOf(instance: Resource): Scope {
    return this.scope(instance.placement?.environment);
  }

  /** Environments in which the file's objects are placed (all of them for a shared file). */
  environmentsOf(file: string): (string | undefined)[] {
    const out = new Set<string | undefined>();
    for (const r of this.files.get(file)?.resources ?? [])
      for (const i of this.instancesOf(r)) out.add(i.placement?.environment);
    return this.model.names.filter(n => out.has(n));
  }

  /** What features read, for one environment. */
  view(environment: string | undefined): IndexView {
    if (environment === this.environment) return this;
    const scope = this.scope(environment);
    return {
      environment: scope.name,
      rootNamespace: scope.rootNamespace,
      tables: scope.tables,
      file: f => this.file(f),
      resource: id => this.resource(id),
      lookup: track => this.lookup(track, scope.name),
      environmentsOf: f => this.environmentsOf(f),
      view: e => this.view(e),
    };
  }

  /** Read access to one environment's objects (the first environment by default). */
  lookup(track: (key: string) => void = () => undefined, environment?: string): Lookup {
    return new Lookup(this.scope(environment), track);
  }

  /** The lookup a cross-file rule checking `instance` gets: its environment, hiding its own copies. */
  lookupFor(instance: Resource, track: (key: string) => void): Lookup {
    return new Lookup(this.scopeOf(instance), track, instance);
  }

  /** A kustomization that lists `file` (directly or through its directory). */
  kustomizationListing(file: string): string | undefined {
    return this.kustomize.listing(file);
  }

  /** Replaces (or, with undefined, removes) whole files. */
  update(updates: ReadonlyMap<string, FileSummary | undefined>): IndexChange {
    const removed: Resource[] = [];
    const added: Resource[] = [];
    for (const [file, summary] of updates) {
      const old = this.files.get(file);
      if (old) {
        for (const r of old.resources) this.unplace(r, removed, false);
        this.resources -= old.resources.length;
        this.detector.delete(file);
      }
      this.placedAt.delete(file);
      if (hasKustomization(old) || hasKustomization(summary)) this.kustomize.set(file, kustomizationOf(summary));
      if (summary) {
        this.files.set(file, summary);
        this.resources += summary.resources.length;
      } else {
        this.files.delete(file);
      }
    }
    this.placer.sync(this.settings, this.model);
    for (const file of updates.keys()) this.collectEvidence(file);
    if (this.deferNamespaces) {
      // While a cold index is running, files arrive in any order: environments and builds are
      // settled once when deferral ends, instead of after every batch.
      this.namespacesPending = true;
      this.reconcile(updates.keys(), removed, added);
      return { removed, added, global: false };
    }
    const global = this.settle(updates.keys(), removed, added);
    return { removed, added, global };
  }

  /**
   * During a cold index files arrive in any order, so a kustomization may come after the files it
   * lists. Re-deriving every placement each time one arrives made indexing quadratic; instead
   * builds and environments are settled once, when deferral ends (returning what moved).
   */
  setDeferNamespaces(defer: boolean): IndexChange {
    this.deferNamespaces = defer;
    if (defer || !this.namespacesPending) return { removed: [], added: [], global: false };
    this.namespacesPending = false;
    return this.resettle();
  }

  /**
   * setDeferNamespaces(false) in steps, for a host that keeps the event loop turning: each
   * `next()` does a bounded share of the work (evidence, then placements, a few hundred files at a
   * time). Updates may arrive between steps (they are placed as during deferral); the last step
   * settles whatever they changed, at once.
   */
  *endDeferral(): Generator<void, IndexChange> {
    if (!this.deferNamespaces || !this.namespacesPending) {
      this.deferNamespaces = false;
      return { removed: [], added: [], global: false };
    }
    const removed: Resource[] = [];
    const added: Resource[] = [];
    this.placer.sync(this.settings, this.model);
    const graph = this.placer.graphVersion;
    if (this.evidenceStamp !== graph) {
      let n = 0;
      for (const file of [...this.files.keys()]) {
        if (this.files.has(file) && this.detector.versionOf(file) !== graph) this.collectEvidence(file);
        if (++n % SETTLE_STEP === 0) yield;
      }
    }
    let moved = false;
    // The model (environments) is settled at once below; placements are worth doing in steps only
    // when it holds still.
    if (this.placer.graphVersion === graph && this.currentModel().fingerprint === this.model.fingerprint) {
      const version = this.placer.version;
      const files = [...this.files.keys()];
      for (let i = 0; i < files.length && this.placer.version === version; i += SETTLE_STEP) {
        yield;
        if (this.reconcile(files.slice(i, i + SETTLE_STEP), removed, added)) moved = true;
      }
    }
    this.deferNamespaces = false;
    this.namespacesPending = false;
    const global = this.settle([], removed, added) || moved;
    return { removed, added, global };
  }

  /** New settings: namespaces and environments may move. */
  setSettings(settings: AnalysisSettings): IndexChange {
    this.settings = settings;
    if (this.deferNamespaces) {
      this.namespacesPending = true;
      return { removed: [], added: [], global: true };
    }
    return this.resettle();
  }

  private resettle(): IndexChange {
    const removed: Resource[] = [];
    const added: Resource[] = [];
    const global = this.settle([], removed, added);
    return { removed, added, global };
  }

  /**
   * Brings evidence, the environment model and placements in line with the kustomize graph and
   * the settings. Files are re-placed when their placement may have changed since they were
   * placed (all of them after a graph, settings or model change; else `updated`). True when the
   * change is global: the model or mesh settings changed, or objects of unchanged files moved.
   */
  private settle(updated: Iterable<string>, removed: Resource[], added: Resource[]): boolean {
    this.placer.sync(this.settings, this.model);
    if (this.evidenceStamp !== this.placer.graphVersion) {
      for (const file of this.files.keys())
        if (this.detector.versionOf(file) !== this.placer.graphVersion) this.collectEvidence(file);
      this.evidenceStamp = this.placer.graphVersion;
    }
    let global = false;
    const model = this.currentModel();
    if (model.fingerprint !== this.model.fingerprint) {
      this.setModel(model, removed);
      global = true;
    }
    const all = this.placedStamp !== this.placer.version;
    const moved = this.reconcile(all ? this.files.keys() : updated, removed, added);
    this.placedStamp = this.placer.version;
    if (moved && all) global = true;
    for (const scope of this.scopes) if (scope.refreshMesh(this.settings.rootNamespace)) global = true;
    return global;
  }

  private currentModel(): EnvironmentModel {
    const configured = this.placer.configuredNames;
    return configured.length > 0 ? configuredModel(configured) : this.detector.model();
  }

  private setModel(model: EnvironmentModel, removed: Resource[]): void {
    const namesChanged =
      model.names.length !== this.model.names.length || model.names.some((n, i) => n !== this.model.names[i]);
    if (namesChanged) {
      for (const r of this.allResources()) this.unplace(r, removed, true);
      this.placedAt.clear();
    }
    this.model = model;
    this.placer.sync(this.settings, model);
    if (namesChanged) this.makeScopes();
  }

  private makeScopes(): void {
    this.scopes = this.model.names.map(name => new Scope(name, this, this.settings.rootNamespace));
    this.scopeByName.clear();
    for (const s of this.scopes) this.scopeByName.set(s.name, s);
  }

  /** Re-places the objects of `files` not placed under the current placements; true if a placed one moved. */
  private reconcile(files: Iterable<string>, removed: Resource[], added: Resource[]): boolean {
    let moved = false;
    const version = this.placer.version;
    for (const file of files) {
      const summary = this.files.get(file);
      const placed = this.placedAt.get(file);
      if (!summary || placed === version) continue;
      this.placedAt.set(file, version);
      for (const r of summary.resources) {
        const desired = this.desired(r);
        // A file never placed (a new summary) has nothing to compare with.
        const current = placed === undefined ? NONE : this.instancesOf(r);
        if (current.length > 0) {
          if (samePlacements(current, desired)) continue;
          moved = true;
          this.unplace(r, removed, true);
        }
        this.place(r, desired, added);
      }
    }
    return moved;
  }

  private desired(r: Resource): DesiredInstance[] {
    // A kustomization is a build input: one instance, for navigation, in the first environment.
    if (r.kustomization) return [{ namespace: this.placer.quickNamespace(r), placement: undefined }];
    return this.placer.instances(r, this.model.names);
  }

  private place(r: Resource, desired: readonly DesiredInstance[], added: Resource[]): void {
    const list: Resource[] = [];
    desired.forEach((d, i) => {
      let instance = r;
      if (i === 0) {
        r.namespace = d.namespace;
        r.placement = d.placement;
      } else {
        instance = { ...r, id: `${r.id}@${i}`, namespace: d.namespace, placement: d.placement };
      }
      list.push(instance);
      this.scopeOf(instance).tables.add(instance);
      added.push(instance);
    });
    if (list.length > 1) this.copies.set(r.id, list);
  }

  /** Takes every instance of `r` out of the tables; `snapshot` when `r` stays and will be mutated. */
  private unplace(r: Resource, removed: Resource[], snapshot: boolean): void {
    for (const instance of this.instancesOf(r)) {
      this.scopeOf(instance).tables.remove(instance);
      removed.push(snapshot ? { ...instance } : instance);
    }
    this.copies.delete(r.id);
  }

  /** What the file's objects say about environments (nothing when environments are configured). */
  private collectEvidence(file: string): void {
    const summary = this.files.get(file);
    if (!summary) return this.detector.delete(file);
    const detect = this.placer.configuredNames.length === 0;
    const evidence = detect ? this.placer.evidence(file, summary.resources, countsAsEvidence) : undefined;
    this.detector.set(file, evidence, this.placer.graphVersion);
  }
}

const NONE: readonly Resource[] = [];
/** Files per step of endDeferral. */
const SETTLE_STEP = 256;

/**
 * Objects whose identity counts as evidence of environments. Cluster-scoped objects (a Namespace
 * that several apps' kustomizations each create) are left out: such copies are commonly applied
 * to one cluster, identically.
 */
function countsAsEvidence(r: Resource): boolean {
  return !isClusterScoped(r.kind) && hasIdentity(r);
}

function kustomizationOf(summary: FileSummary | undefined) {
  return summary?.resources.find(r => r.kustomization)?.kustomization;
}

function hasKustomization(summary: FileSummary | undefined): boolean {
  return !!summary && summary.resources.some(r => r.kustomization);
}
