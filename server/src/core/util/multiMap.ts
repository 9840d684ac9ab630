/** A map of keys to small lists, with removal by identity. */
export class MultiMap<K, V> {
  private readonly map = new Map<K, V[]>();

  add(key: K, value: V): void {
    const list = this.map.get(key);
    if (list) list.push(value);
    else this.map.set(key, [value]);
  }

  remove(key: K, value: V): void {
    const list = this.map.get(key);
    if (!list) return;
    const i = list.indexOf(value);
    if (i !== -1) list.splice(i, 1);
    if (list.length === 0) this.map.delete(key);
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
