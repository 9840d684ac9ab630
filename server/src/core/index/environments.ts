import type { Resource } from '../model/types';
import { basename, dirname } from '../util/paths';

/**
 * Environments: sets of files applied to one cluster together. The evidence that two sets of
 * files are different environments is that both define the same object (group, kind, namespace,
 * name): one cluster holds one object of that identity, so files that both define it are meant
 * for different clusters. The candidate sets ("groups") are kustomize builds (one per root
 * kustomization) and folders named like environments (`clusters/<name>`, `envs/<name>`,
 * `environments/<name>`, `overlays/<name>`). Groups with such a conflict become environments;
 * everything else is shared by all environments. Without any conflict the workspace is one
 * environment, however many roots and layouts it has.
 */

/** Folder names whose children are environments. */
export const ENVIRONMENT_PARENTS: ReadonlySet<string> = new Set(['clusters', 'envs', 'environments', 'overlays']);

/** `/ws/clusters/prod` for any path below it: the outermost folder named like an environment. */
export function environmentFolder(path: string): string | undefined {
  // Called for every file: a scan for `/<parent>/` rather than splitting the path.
  let best: string | undefined;
  let bestAt = -1;
  for (const parent of ENVIRONMENT_PARENTS) {
    const at = path.indexOf(`/${parent}/`);
    if (at === -1 || (bestAt !== -1 && at > bestAt)) continue;
    const start = at + parent.length + 2;
    const end = path.indexOf('/', start);
    // The last part is a file name: an environment folder must hold it, not be it.
    if (end === -1 || end === start) continue;
    best = path.slice(0, end);
    bestAt = at;
  }
  return best;
}

/** The group of a kustomize build: the environment folder holding its root, else the root's folder. */
export function rootGroup(root: string): string {
  return environmentFolder(root) ?? dirname(root);
}

/**
 * What one file adds to the evidence: the groups its placements use, and the objects it defines
 * (those with an identity that counts) with their namespace in each group.
 */
export interface Evidence {
  readonly groups: readonly string[];
  readonly objects: readonly Resource[];
  /** `namespaces[i][k]`: the namespace of `objects[k]` as placed in `groups[i]`. */
  readonly namespaces: readonly (readonly string[])[];
}

/** How the workspace divides into environments. */
export interface EnvironmentModel {
  /** Environment names, sorted; `[undefined]` when the workspace is one environment. */
  readonly names: readonly (string | undefined)[];
  /** Group -> environment; groups not listed are shared by every environment. */
  readonly groups: ReadonlyMap<string, string>;
  /** True when the names come from the `environments` setting (detection is off). */
  readonly configured: boolean;
  /** Equal fingerprints, equal models. */
  readonly fingerprint: string;
}

export const SINGLE_ENVIRONMENT: EnvironmentModel = {
  names: [undefined],
  groups: new Map(),
  configured: false,
  fingerprint: '',
};

/** Environments named by the `environments` setting: detection is off, the patterns decide. */
export function configuredModel(names: readonly string[]): EnvironmentModel {
  const sorted = [...new Set(names)].sort();
  return { names: sorted, groups: new Map(), configured: true, fingerprint: `configured:${sorted.join('\0')}` };
}

/**
 * Keeps, incrementally, which groups define which identities and which pairs of groups conflict,
 * so that the model only needs recomputing when a conflict appears or disappears. Two groups
 * conflict when they define one identity from different files. One file built by two groups
 * (a component shared by two apps' kustomizations) is no evidence by itself: it may well be
 * applied twice to one cluster, identically; unless both groups are environment folders
 * (`overlays/prod` and `overlays/staging` building one base), which say so by their names.
 */
export class EnvironmentDetector {
  /** name -> where objects of that name are defined: identity, group, file and number of definitions */
  private readonly definitions = new Map<string, Definition[]>();
  /** `a\0b` (a < b) -> number of identities on which the two groups conflict */
  private readonly pairs = new Map<string, number>();
  /** group -> number of file placements referring to it */
  private readonly groups = new Map<string, number>();
  private changed = true;
  private cached: EnvironmentModel = SINGLE_ENVIRONMENT;

  /** file -> its evidence and the graph version it was collected under, so that it can be taken back exactly */
  private readonly files = new Map<string, { readonly evidence?: Evidence; readonly version: number }>();

  /** Replaces what `file` says (undefined: it is gone), collected under placement graph `version`. */
  set(file: string, evidence: Evidence | undefined, version: number): void {
    const old = this.files.get(file);
    if (old?.evidence) this.apply(file, old.evidence, -1);
    if (evidence) this.apply(file, evidence, 1);
    this.files.set(file, { evidence, version });
  }

  delete(file: string): void {
    const old = this.files.get(file);
    if (old?.evidence) this.apply(file, old.evidence, -1);
    this.files.delete(file);
  }

  /** The graph version the file's evidence was collected under; undefined when it has none. */
  versionOf(file: string): number | undefined {
    return this.files.get(file)?.version;
  }

  private apply(file: string, evidence: Evidence, delta: 1 | -1): void {
    evidence.groups.forEach((group, i) => {
      this.countGroup(group, delta);
      evidence.objects.forEach((r, k) => this.define(r, evidence.namespaces[i][k], group, file, delta));
    });
  }

  /** Counts one definition in or out, adjusting the pairs of groups it makes conflict. */
  private define(r: Resource, namespace: string, group: string, file: string, delta: 1 | -1): void {
    // Keyed by name, a string the parser made (an identity string would be built per object).
    const name = r.name!;
    let defs = this.definitions.get(name);
    if (!defs) {
      if (delta < 0) return;
      this.definitions.set(name, (defs = []));
    }
    const same = (d: Definition) => d.kind === r.kind && d.apiGroup === r.group && d.namespace === namespace;
    const before = defs.length > 1 ? conflictingPairs(defs.filter(same)) : NO_PAIRS;
    const at = defs.findIndex(d => same(d) && d.group === group && d.file === file);
    if (at === -1) {
      if (delta > 0) defs.push({ group, file, kind: r.kind, apiGroup: r.group, namespace, count: 1 });
    } else {
      defs[at].count += delta;
      if (defs[at].count <= 0) defs.splice(at, 1);
    }
    if (defs.length === 0) this.definitions.delete(name);
    const after = defs.length > 1 ? conflictingPairs(defs.filter(same)) : NO_PAIRS;
    for (const pair of before) if (!after.includes(pair)) this.countPair(pair, -1);
    for (const pair of after) if (!before.includes(pair)) this.countPair(pair, 1);
  }

  /** The detected model; recomputed only when the conflicting pairs or the groups changed. */
  model(): EnvironmentModel {
    if (!this.changed) return this.cached;
    this.changed = false;
    this.cached = detectModel(
      [...this.pairs.keys()].map(k => k.split('\0') as [string, string]),
      [...this.groups.keys()],
    );
    return this.cached;
  }

  private countPair(key: string, delta: number): void {
    const n = (this.pairs.get(key) ?? 0) + delta;
    if (n > 0) {
      if (n === 1 && delta > 0) this.changed = true;
      this.pairs.set(key, n);
    } else {
      this.pairs.delete(key);
      this.changed = true;
    }
  }

  private countGroup(group: string, delta: number): void {
    const n = (this.groups.get(group) ?? 0) + delta;
    if (n > 0) {
      if (n === 1 && delta > 0 && this.pairs.size > 0) this.changed = true;
      this.groups.set(group, n);
    } else {
      this.groups.delete(group);
      if (this.pairs.size > 0) this.changed = true;
    }
  }
}

interface Definition {
  readonly group: string;
  readonly file: string;
  readonly kind: string;
  readonly apiGroup: string;
  readonly namespace: string;
  count: number;
}

const NO_PAIRS: readonly string[] = [];

/** Pairs of groups (`a\0b`, a < b) that define one identity from different files (or are both environment folders). */
function conflictingPairs(defs: readonly Definition[]): readonly string[] {
  if (defs.length < 2) return [];
  const out: string[] = [];
  for (let i = 0; i < defs.length; i++) {
    for (let j = i + 1; j < defs.length; j++) {
      const a = defs[i];
      const b = defs[j];
      if (a.group === b.group) continue;
      const key = a.group < b.group ? `${a.group}\0${b.group}` : `${b.group}\0${a.group}`;
      if (out.includes(key)) continue;
      if (a.file !== b.file || (isEnvironmentFolder(a.group) && isEnvironmentFolder(b.group))) out.push(key);
    }
  }
  return out;
}

function isEnvironmentFolder(group: string): boolean {
  return environmentFolder(`${group}/_`) === group;
}

/**
 * The model for a set of conflicting group pairs. Every group in a conflict is an environment;
 * so are the sibling environment folders of one that is (`clusters/dev` is a cluster as soon as
 * `clusters/prod` and `clusters/staging` are shown to be). Environment folders are named by their
 * folder name, so `apps/a/overlays/prod` and `apps/b/overlays/prod` make one environment `prod`;
 * other kustomize roots by the shortest tail of their path that tells them apart; any other
 * environment folder of an environment's name joins it.
 */
export function detectModel(
  pairs: readonly (readonly [string, string])[],
  groups: readonly string[],
): EnvironmentModel {
  if (pairs.length === 0) return SINGLE_ENVIRONMENT;
  const conflicting = new Set<string>(pairs.flat());
  const isFolder = isEnvironmentFolder;
  const parents = new Set([...conflicting].filter(isFolder).map(dirname));
  for (const g of groups) if (isFolder(g) && parents.has(dirname(g))) conflicting.add(g);
  const roots = [...conflicting].filter(g => !isFolder(g)).sort();
  const names = new Map<string, string>();
  for (const g of conflicting) if (isFolder(g)) names.set(g, basename(g));
  for (const [g, name] of uniqueTails(roots)) names.set(g, name);
  // Every folder named like an environment that exists belongs to it (`apps/b/overlays/prod` to
  // `prod` once `apps/a/overlays/{prod,staging}` are shown to be environments).
  const found = new Set(names.values());
  for (const g of groups) if (!names.has(g) && isFolder(g) && found.has(basename(g))) names.set(g, basename(g));
  const sorted = [...found].sort();
  const entries = [...names].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return {
    names: sorted,
    groups: names,
    configured: false,
    fingerprint: JSON.stringify(entries),
  };
}

/** Each path's shortest tail (`deploy/prod` for `/ws/team/deploy/prod`) that no other path shares. */
function uniqueTails(paths: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const parts = paths.map(p => p.split('/').filter(Boolean));
  parts.forEach((mine, i) => {
    for (let n = 1; n <= mine.length; n++) {
      const tail = mine.slice(-n).join('/');
      if (n === mine.length || parts.every((other, j) => j === i || other.slice(-n).join('/') !== tail)) {
        out.set(paths[i], tail);
        return;
      }
    }
  });
  return out;
}
