/**
 * A map of keys to lists, with removal by identity. With a comparator, every list is kept in
 * that order as values are added, so readers get a deterministic order without sorting.
 */
export class MultiMap<K, V> {
  private readonly map = new Map<K, V[]>();
  /**
   * Lists that took a value out of order and are sorted when next read. A cold index adds files
   * in any order: inserting each value in place shifted long lists (every Deployment of the
   * workspace) once per value; appending and sorting once per read (stable, so equal values keep
   * the order they were added in, as with inserting) does the same work in a fraction of the time.
   */
  private readonly unsorted = new Set<K>();

  constructor(private readonly compare?: (a: V, b: V) => number) {}

  add(key: K, value: V): void {
    const list = this.map.get(key);
    if (!list) {
      this.map.set(key, [value]);
      return;
    }
    if (this.compare && this.compare(list[list.length - 1], value) > 0) this.unsorted.add(key);
    list.push(value);
  }

  /** Removes one occurrence of `value` from `key`'s list; false when it was not there. */
  remove(key: K, value: V): boolean {
    const list = this.map.get(key);
    if (!list) return false;
    let removed = false;
    if (this.unsorted.has(key)) {
      // A list to be sorted anyway: found by a scan, and the last value takes its place (the
      // comparator orders distinct values strictly, so the sort restores one order regardless).
      const i = list.indexOf(value);
      if (i !== -1) {
        const last = list.pop()!;
        if (i < list.length) list[i] = last;
        removed = true;
      }
    } else {
      const i = this.indexOf(list, value);
      if (i !== -1) {
        list.splice(i, 1);
        removed = true;
      }
    }
    if (list.length === 0) {
      this.map.delete(key);
      this.unsorted.delete(key);
    }
    return removed;
  }

  /** The list of `key`, in order. */
  private sorted(key: K): V[] | undefined {
    const list = this.map.get(key);
    if (list && this.unsorted.size > 0 && this.unsorted.delete(key)) list.sort(this.compare);
    return list;
  }

  private sortAll(): void {
    for (const key of this.unsorted) this.map.get(key)?.sort(this.compare);
    this.unsorted.clear();
  }

  /** Binary search in an ordered list (then a scan over equal neighbours), else a linear scan. */
  private indexOf(list: V[], value: V): number {
    if (!this.compare) return list.indexOf(value);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compare(list[mid], value) < 0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < list.length && this.compare(list[i], value) === 0; i++) if (list[i] === value) return i;
    return list.indexOf(value);
  }

  get(key: K): readonly V[] {
    return this.sorted(key) ?? [];
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  keys(): IterableIterator<K> {
    return this.map.keys();
  }

  entries(): IterableIterator<[K, V[]]> {
    this.sortAll();
    return this.map.entries();
  }

  get size(): number {
    return this.map.size;
  }
}
