import type { KustomizationInfo } from '../model/types';
import { dirname, joinPath } from '../util/paths';

/** One way a file reaches a cluster through kustomize: the root kustomization that builds it. */
export interface KustomizePlacement {
  /** Path of the root kustomization (one that no other kustomization lists). */
  readonly root: string;
  /**
   * The namespace kustomize gives the file's objects in that build: the `namespace:` of the
   * outermost kustomization on the way from the root to the file that sets one (an overlay's
   * namespace transformer runs on its bases' output, overriding theirs and `metadata.namespace`).
   */
  readonly namespace?: string;
}

/**
 * Which kustomize builds include each file. A file is included by a kustomization that lists it,
 * directly or through a listed directory (a base included by an overlay), and reaches the cluster
 * once per root kustomization above it: a base listed by two overlays exists twice, once in each
 * overlay's namespace.
 */
export class KustomizeGraph {
  /** kustomization file -> its info */
  private readonly kustomizations = new Map<string, KustomizationInfo>();
  /** Listed path (file or directory) -> kustomization files that list it; kept in step by set(). */
  private readonly listedBy = new Map<string, string[]>();

  /** file -> placements, until the graph changes. */
  private readonly answers = new Map<string, readonly KustomizePlacement[]>();
  private changes = 0;

  /** Bumped whenever a kustomization changes what it says (so any placement may change). */
  get version(): number {
    return this.changes;
  }

  set(file: string, info: KustomizationInfo | undefined): void {
    const old = this.kustomizations.get(file);
    if (old === info || (old && info && JSON.stringify(old) === JSON.stringify(info))) return;
    this.changes++;
    if (old) for (const target of targets(file, old)) this.unlist(target, file);
    if (info) {
      this.kustomizations.set(file, info);
      for (const target of targets(file, info)) this.list(target, file);
    } else {
      this.kustomizations.delete(file);
    }
    this.answers.clear();
  }

  private list(target: string, by: string): void {
    const list = this.listedBy.get(target);
    if (list) list.push(by);
    else this.listedBy.set(target, [by]);
  }

  private unlist(target: string, by: string): void {
    const list = this.listedBy.get(target);
    if (!list) return;
    const i = list.indexOf(by);
    if (i !== -1) list.splice(i, 1);
    if (list.length === 0) this.listedBy.delete(target);
  }

  get size(): number {
    return this.kustomizations.size;
  }

  /** A fingerprint that changes whenever any placement could change. */
  fingerprint(): string {
    return JSON.stringify([...this.kustomizations.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  }

  /** The builds that include `file`, one per root, ordered by root path; empty when none does. */
  placementsFor(file: string): readonly KustomizePlacement[] {
    // Most files are listed by no kustomization at all.
    if (this.kustomizations.size === 0 || !this.listedBy.has(file)) return NONE;
    let answer = this.answers.get(file);
    if (!answer) this.answers.set(file, (answer = this.computePlacements(file)));
    return answer;
  }

  /** The namespace of the first build (by root path) that includes `file`, if it sets one. */
  namespaceFor(file: string): string | undefined {
    return this.placementsFor(file)[0]?.namespace;
  }

  /** True when `file` is a kustomization that no other kustomization lists. */
  isRoot(file: string): boolean {
    return this.kustomizations.has(file) && !this.listedBy.has(dirname(file));
  }

  private computePlacements(file: string): KustomizePlacement[] {
    const roots = new Map<string, string | undefined>();
    // Depth-first up the "is listed by" chains; the namespace seen last (outermost) wins.
    const visit = (target: string, namespace: string | undefined, depth: number, path: Set<string>): void => {
      if (depth > 32) return;
      for (const k of [...(this.listedBy.get(target) ?? [])].sort()) {
        if (path.has(k)) continue;
        const ns = this.kustomizations.get(k)?.namespace ?? namespace;
        const dir = dirname(k);
        if (!this.listedBy.has(dir)) {
          if (!roots.has(k)) roots.set(k, ns);
          continue;
        }
        path.add(k);
        visit(dir, ns, depth + 1, path);
        path.delete(k);
      }
    };
    visit(file, undefined, 0, new Set());
    return [...roots]
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([root, namespace]) => (namespace === undefined ? { root } : { root, namespace }));
  }

  /** A kustomization listing `file`, directly or through its directory; undefined when none does. */
  listing(file: string): string | undefined {
    const direct = this.listedBy.get(file)?.[0];
    return direct ?? this.listedBy.get(dirname(file))?.[0];
  }
}

const NONE: readonly KustomizePlacement[] = [];

/** What a kustomization lists, as absolute paths (remote bases left out). */
function targets(file: string, info: KustomizationInfo): string[] {
  const dir = dirname(file);
  const out: string[] = [];
  for (const entry of info.resources) {
    if (entry.includes('://') || entry.startsWith('github.com/')) continue;
    out.push(joinPath(dir, entry.replace(/\/$/, '')));
  }
  return out;
}
