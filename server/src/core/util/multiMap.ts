/**
 * A map of keys to lists, with removal by identity. With a comparator, every list is kept in
 * that order as values are added, so readers get a deterministic order without sorting.
 */
export class MultiMap<K, V> {
  private readonly map = new Map<K, V[]>();

  constructor(private readonly compare?: (a: V, b: V) => number) {}

  add(key: K, value: V): void {
    const list = this.map.get(key);
    if (!list) {
      this.map.set(key, [value]);
      return;
    }
    if (!this.compare || this.compare(list[list.length - 1], value) <= 0) {
      list.push(value);
      return;
    }
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compare(list[mid], value) <= 0) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, value);
  }

  remove(key: K, value: V): void {
    const list = this.map.get(key);
    if (!list) return;
    const i = this.indexOf(list, value);
    if (i !== -1) list.splice(i, 1);
    if (list.length === 0) this.map.delete(key);
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
    return this.map.get(key) ?? [];
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  keys(): IterableIterator<K> {
    return this.map.keys();
  }

  entries(): IterableIterator<[K, V[]]> {
    return this.map.entries();
  }

  get size(): number {
    return this.map.size;
  }
}
