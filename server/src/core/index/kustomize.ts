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
  /** Listed path (file or directory) -> kustomization files that list it; kept in step by set(). */
  private readonly listedBy = new Map<string, string[]>();

  /** file -> namespace answer, until the graph changes. */
  private readonly answers = new Map<string, string | undefined>();

  set(file: string, info: KustomizationInfo | undefined): void {
    const old = this.kustomizations.get(file);
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

  private reverse(): Map<string, string[]> {
    return this.listedBy;
  }
}

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
