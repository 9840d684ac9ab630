import type { Placement, Resource } from '../model/types';
import { defaultNamespaceFor, type AnalysisSettings } from '../settings';
import { environmentFolder, rootGroup, type EnvironmentModel, type Evidence } from './environments';
import type { KustomizeGraph } from './kustomize';

/** Matches a file path against the patterns of one configured environment. */
export type PathMatcher = (file: string) => boolean;

/** Compiles the glob patterns of the `environments` setting (the host provides the glob dialect). */
export type GlobCompiler = (patterns: readonly string[]) => PathMatcher;

/** How one file reaches the clusters: once per kustomize build, or once as a plain file. */
export interface FilePlacement {
  readonly root?: string;
  /** The namespace the build gives the file's objects, when it sets one. */
  readonly namespace?: string;
  /** Group for environment detection: the build's (or the file's) environment folder, or the root's folder. */
  readonly group?: string;
  /** The environment, or undefined when the file is shared by every environment. */
  readonly environment?: string;
}

/** One instance of an object: the environment it is placed in, its namespace there, and how it got there. */
export interface DesiredInstance {
  readonly namespace: string;
  readonly placement: Placement | undefined;
}

/**
 * Computes placements of files and instances of objects for the index, under the current
 * kustomize graph, environment model and settings. Answers are cached per file until `reset`.
 */
export class Placer {
  private readonly cache = new Map<string, readonly FilePlacement[]>();
  /**
   * Equal placement lists are one object: most files share theirs with their folder, and a list
   * per file cost megabytes on a workspace of 30,000 files.
   */
  private readonly shared = new Map<string, readonly FilePlacement[]>();
  /** Placement objects shared by the instances of one file placement in one environment. */
  private readonly interned = new WeakMap<FilePlacement, (Placement | undefined)[]>();
  private seenGraph = -1;
  private graphStamp = 0;
  private stamp = 0;
  private matchers: { readonly name: string; readonly matches: PathMatcher }[] = [];

  constructor(
    private readonly kustomize: KustomizeGraph,
    private settings: AnalysisSettings,
    private readonly compileGlobs: GlobCompiler | undefined,
    private model: EnvironmentModel,
  ) {
    this.compile();
  }

  /** The configured environment names; empty when environments are detected. */
  get configuredNames(): string[] {
    return this.matchers.map(m => m.name);
  }

  /** Changes whenever file placements may change (kustomize graph, settings): evidence depends on it. */
  get graphVersion(): number {
    return this.graphStamp;
  }

  /** Changes whenever file placements or their environments may change. */
  get version(): number {
    return this.stamp;
  }

  /** Brings the cache in line with the kustomize graph, the settings and the model; cheap when none changed. */
  sync(settings: AnalysisSettings, model: EnvironmentModel): void {
    let graph = false;
    if (settings !== this.settings) {
      this.settings = settings;
      this.compile();
      graph = true;
    }
    if (this.kustomize.version !== this.seenGraph) {
      this.seenGraph = this.kustomize.version;
      graph = true;
    }
    if (graph) this.graphStamp++;
    if (graph || model.fingerprint !== this.model.fingerprint) {
      this.model = model;
      this.stamp++;
      this.cache.clear();
      this.shared.clear();
    }
  }

  filePlacements(file: string): readonly FilePlacement[] {
    let out = this.cache.get(file);
    if (!out) this.cache.set(file, (out = this.share(this.compute(file))));
    return out;
  }

  /** The namespace of an object as placed: the build's, else its own, else the default. */
  namespaceOf(r: Resource, p: FilePlacement): string {
    return p.namespace ?? r.explicitNamespace ?? defaultNamespaceFor(this.settings, r.file);
  }

  /** The namespace a resource gets before environments are known (cold indexing). */
  quickNamespace(r: Resource): string {
    const first = this.filePlacements(r.file)[0];
    return first ? this.namespaceOf(r, first) : (r.explicitNamespace ?? defaultNamespaceFor(this.settings, r.file));
  }

  /**
   * What one file's objects add to the detector's evidence (those `counts` accepts); undefined
   * when its placements have no group.
   */
  evidence(file: string, resources: readonly Resource[], counts: (r: Resource) => boolean): Evidence | undefined {
    const placements = this.filePlacements(file);
    if (!placements.some(p => p.group !== undefined)) return undefined;
    const objects = resources.filter(counts);
    const groups: string[] = [];
    const namespaces: string[][] = [];
    for (const p of placements) {
      if (p.group === undefined) continue;
      groups.push(p.group);
      namespaces.push(objects.map(r => this.namespaceOf(r, p)));
    }
    return { groups, objects, namespaces };
  }

  /**
   * Every instance of `r`: per environment that has the file (a shared file is in all of them),
   * per distinct namespace its builds give it there. The first is the resource itself.
   */
  instances(r: Resource, environments: readonly (string | undefined)[]): DesiredInstance[] {
    const out: DesiredInstance[] = [];
    const placements = this.filePlacements(r.file);
    environments.forEach((env, e) => {
      for (const p of placements) {
        if (p.environment !== undefined && p.environment !== env) continue;
        const namespace = this.namespaceOf(r, p);
        if (out.some(d => d.namespace === namespace && d.placement?.environment === env)) continue;
        out.push({ namespace, placement: this.intern(env, e, p) });
      }
    });
    return out;
  }

  private intern(environment: string | undefined, index: number, p: FilePlacement): Placement | undefined {
    // A loose file of a one-environment workspace needs no placement at all.
    if (environment === undefined && p.group === undefined && p.root === undefined) return undefined;
    let byEnvironment = this.interned.get(p);
    if (!byEnvironment) this.interned.set(p, (byEnvironment = []));
    if (!(index in byEnvironment)) byEnvironment[index] = placementOf(environment, p);
    return byEnvironment[index];
  }

  private share(placements: readonly FilePlacement[]): readonly FilePlacement[] {
    const key = JSON.stringify(placements.map(p => [p.root, p.namespace, p.group, p.environment]));
    const known = this.shared.get(key);
    if (known) return known;
    this.shared.set(key, placements);
    return placements;
  }

  private compute(file: string): FilePlacement[] {
    const builds = this.kustomize.placementsFor(file);
    if (builds.length === 0) {
      const group = environmentFolder(file);
      return [this.withEnvironment({ group }, file, undefined)];
    }
    return builds.map(b => this.withEnvironment({ ...b, group: rootGroup(b.root) }, file, b.root));
  }

  private withEnvironment(p: FilePlacement, file: string, root: string | undefined): FilePlacement {
    if (this.matchers.length > 0) {
      const m =
        (root !== undefined ? this.matchers.find(x => x.matches(root)) : undefined) ??
        this.matchers.find(x => x.matches(file));
      // In a configured environment, its files are what is applied together.
      return m ? { ...p, group: `environment:${m.name}`, environment: m.name } : p;
    }
    const environment = p.group !== undefined ? this.model.groups.get(p.group) : undefined;
    return environment !== undefined ? { ...p, environment } : p;
  }

  private compile(): void {
    const configured = this.settings.environments ?? [];
    this.matchers =
      this.compileGlobs && configured.length > 0
        ? configured.map(e => ({ name: e.name, matches: this.compileGlobs!(e.patterns) }))
        : [];
  }
}

/** The placement recorded on an instance; undefined for a loose file of a one-environment workspace. */
function placementOf(environment: string | undefined, p: FilePlacement): Placement | undefined {
  if (environment === undefined && p.group === undefined && p.root === undefined) return undefined;
  const out: { environment?: string; group?: string; root?: string } = {};
  if (environment !== undefined) out.environment = environment;
  if (p.group !== undefined) out.group = p.group;
  if (p.root !== undefined) out.root = p.root;
  return out;
}

/** The id of the file's resource an instance was placed from (`<id>@<n>` for copies). */
export function resourceIdOf(instanceId: string): string {
  const at = instanceId.lastIndexOf('@');
  return at > instanceId.lastIndexOf('#') ? instanceId.slice(0, at) : instanceId;
}

/** Two instance lists that place an object identically. */
export function samePlacements(current: readonly Resource[], desired: readonly DesiredInstance[]): boolean {
  if (current.length !== desired.length) return false;
  return current.every((r, i) => {
    const a = r.placement;
    const b = desired[i].placement;
    return (
      r.namespace === desired[i].namespace &&
      a?.environment === b?.environment &&
      a?.group === b?.group &&
      a?.root === b?.root
    );
  });
}
