/**
 * The results of a pure function, remembered per argument and forgotten all at once when `limit`
 * is reached: arguments recur across a workspace (hosts, durations, map keys), so most calls are
 * answered from the memo, and its memory stays bounded. Pure, so nothing ever needs resetting.
 */
export class BoundedMemo<K, V> {
  // `undefined` results (the usual verdict: nothing wrong) are stored as UNDEFINED, so that a hit
  // costs one lookup, not a `get` and then a `has`.
  private readonly known = new Map<K, V | typeof UNDEFINED>();

  constructor(private readonly limit: number) {}

  get(key: K, compute: (key: K) => V): V {
    const value = this.known.get(key);
    if (value !== undefined) return (value === UNDEFINED ? undefined : value) as V;
    const computed = compute(key);
    if (this.known.size >= this.limit) this.known.clear();
    this.known.set(key, computed === undefined ? UNDEFINED : computed);
    return computed;
  }
}

const UNDEFINED: unique symbol = Symbol('undefined');
