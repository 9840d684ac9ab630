/** One index key and the instances whose cross-file checks read it. */
interface KeyReaders {
  readonly key: string;
  readonly ids: Set<string>;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * Which instances read which index keys, both ways: an update re-checks exactly the readers of
 * the keys it dirtied, and forgetting an instance takes it out of its keys' reader sets. Each key
 * is held once and an instance's list points at the shared entries: on the large benchmark corpus
 * 50,000 instances read 240,000 keys, of which 32,000 are distinct, and one string per read cost
 * about 10 MB.
 */
export class DependencyMap {
  private readonly byKey = new Map<string, KeyReaders>();
  private readonly byReader = new Map<string, KeyReaders[]>();

  /**
   * Keys put back from a cache (a warm start), not yet in the maps: recorded as they come (one
   * map entry each) and entered into the maps after "ready" in steps (settleStep), or at once by
   * the first readersOf (what an edit asks). Their reader sets (a Set per key, tens of
   * thousands) are what made restoring the cross-file results slow.
   */
  private readonly restored = new Map<string, readonly string[]>();

  /** set(), for an instance not recorded since the map was cleared, entered into the maps later. */
  restore(id: string, keys: readonly string[]): void {
    if (this.byReader.has(id)) this.set(id, keys);
    else this.restored.set(id, keys);
  }

  /** Enters up to `count` restored instances into the maps; true when none is left. */
  settleStep(count: number): boolean {
    let n = 0;
    for (const [id, keys] of this.restored) {
      if (n++ >= count) return false;
      this.restored.delete(id);
      this.enter(id, keys);
    }
    return true;
  }

  /** Records the keys `id` read (replacing what it read before). */
  set(id: string, keys: Iterable<string>): void {
    this.forget(id);
    this.enter(id, keys);
  }

  private enter(id: string, keys: Iterable<string>): void {
    const entries: KeyReaders[] = [];
    for (const key of keys) {
      let entry = this.byKey.get(key);
      if (!entry) this.byKey.set(key, (entry = { key, ids: new Set() }));
      entry.ids.add(id);
      entries.push(entry);
    }
    // Kept when empty too: keysOf tells a checked instance that read nothing from an unchecked one.
    this.byReader.set(id, entries);
  }

  /** The keys `id` read, if it was checked. */
  keysOf(id: string): string[] | undefined {
    const restored = this.restored.get(id);
    if (restored) return [...restored];
    return this.byReader.get(id)?.map(entry => entry.key);
  }

  readersOf(key: string): ReadonlySet<string> {
    this.settle();
    return this.byKey.get(key)?.ids ?? NONE;
  }

  forget(id: string): void {
    // A restored instance is in no reader set yet.
    if (this.restored.delete(id)) return;
    const entries = this.byReader.get(id);
    if (!entries) return;
    for (const entry of entries) {
      entry.ids.delete(id);
      if (entry.ids.size === 0) this.byKey.delete(entry.key);
    }
    this.byReader.delete(id);
  }

  clear(): void {
    this.restored.clear();
    this.byKey.clear();
    this.byReader.clear();
  }

  /** Enters every restored instance into the maps. */
  private settle(): void {
    if (this.restored.size > 0) this.settleStep(Infinity);
  }
}
