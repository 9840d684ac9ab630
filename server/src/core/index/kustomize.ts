import type { KustomizationInfo } from '../model/types';
import { dirname, joinPath } from '../util/paths';

/**
 * Which namespace a kustomization gives the files it lists. A file takes the `namespace:` of the
 * nearest kustomization that lists it, directly or through a listed directory (a base included
 * by an overlay). When several overlays include the same base with different namespaces, the
 * overlay whose path sorts first wins, so the answer is deterministic.
 */
export class KustomizeGraph {
  /** kustomization file -> its info */
  private readonly kustomizations = new Map<string, KustomizationInfo>();
  private listedBy: Map<string, string[]> | undefined;

  /** file -> namespace answer, until the graph changes. */
  private readonly answers = new Map<string, string | undefined>();

  set(file: string, info: KustomizationInfo | undefined): void {
    if (info) this.kustomizations.set(file, info);
    else this.kustomizations.delete(file);
    this.listedBy = undefined;
    this.answers.clear();
  }

  get size(): number {
    return this.kustomizations.size;
  }

  /** A fingerprint that changes whenever any namespace answer could change. */
  fingerprint(): string {
    return JSON.stringify([...this.kustomizations.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  }

  namespaceFor(file: string): string | undefined {
    if (this.kustomizations.size === 0) return undefined;
    if (this.answers.has(file)) return this.answers.get(file);
    const answer = this.computeNamespaceFor(file);
    this.answers.set(file, answer);
    return answer;
  }

  private computeNamespaceFor(file: string): string | undefined {
    const listedBy = this.reverse();
    // Breadth-first over "is listed by": the first level that yields a namespace wins.
    let frontier = [file];
    const seen = new Set<string>(frontier);
    for (let depth = 0; depth < 32 && frontier.length > 0; depth++) {
      const next: string[] = [];
      const found: string[] = [];
      for (const target of frontier) {
        for (const k of listedBy.get(target) ?? []) {
          const info = this.kustomizations.get(k);
          if (info?.namespace) found.push(k);
          const dir = dirname(k);
          if (!seen.has(dir)) {
            seen.add(dir);
            next.push(dir);
          }
        }
      }
      if (found.length > 0) {
        found.sort();
        return this.kustomizations.get(found[0])?.namespace;
      }
      frontier = next;
    }
    return undefined;
  }

  /** Listed path (file or directory) -> kustomization files that list it. */
  private reverse(): Map<string, string[]> {
    if (this.listedBy) return this.listedBy;
    const map = new Map<string, string[]>();
    for (const [file, info] of this.kustomizations) {
      const dir = dirname(file);
      for (const entry of info.resources) {
        if (entry.includes('://') || entry.startsWith('github.com/')) continue; // remote bases
        const target = joinPath(dir, entry.replace(/\/$/, ''));
        const list = map.get(target) ?? [];
        list.push(file);
        map.set(target, list);
      }
    }
    this.listedBy = map;
    return map;
  }
}
