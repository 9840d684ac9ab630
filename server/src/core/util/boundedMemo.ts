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
    this.known.set(detached(key), computed === undefined ? UNDEFINED : detached(computed));
    return computed;
  }
}

const UNDEFINED: unique symbol = Symbol('undefined');

/**
 * A string that does not share the characters of a larger one. Strings read from a file are
 * slices of its whole text (V8 keeps a long enough substring as a view of its parent), so a
 * remembered host or value would keep its file's text alive for as long as the memo does: every
 * file of a workspace, copied and promoted by the garbage collector. Concatenating and slicing
 * again copies the characters into a string of their own.
 */
function detached<T>(value: T): T {
  return (typeof value === 'string' && value.length >= MIN_SLICE ? (' ' + value).slice(1) : value) as T;
}

/** V8 makes shorter substrings copies anyway. */
const MIN_SLICE = 13;
