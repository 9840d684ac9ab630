/**
 * The value encoding of the index cache (format 3): plain data (what JSON carries, plus exact
 * doubles) as a stream of 32-bit slots, with every string written once in a table and every
 * object's list of keys (its shape) written once in another. Reading builds no string and
 * parses no text per value, and builds each object of a common shape with one object literal
 * (a function made for that shape), which V8 turns into a single allocation of the final layout:
 * a warm start decodes the cache in a fraction of the time JSON.parse takes over the same data,
 * and shares each repeated string instead of holding a copy per occurrence.
 *
 * A slot is `payload * 8 + tag`, the payload a signed integer of 28 bits:
 *   INT (the integer itself), STR (index in the strings), ARR (length, then the items),
 *   OBJ (index in the shapes, then one value per key), CONST (null, true, false),
 *   DBL (the next number of the doubles section: fractions, large and non-finite numbers).
 */
const INT = 0;
const STR = 1;
const ARR = 2;
const OBJ = 3;
const CONST = 4;
const DBL = 5;
const NULL = 0;
const TRUE = 1;
const FALSE = 2;
const MAX_PAYLOAD = 2 ** 27;

/** Thrown at a value the encoding would not give back as it was (functions, class instances, holes). */
export const NOT_PLAIN = new Error('not plain data');

/** Rewrites a value while it is encoded (the cache leaves out paths and index-made fields). */
export type Rewrite = (key: string, value: unknown) => unknown;

export class ValueWriter {
  private slots = new Int32Array(1 << 16);
  private length = 0;
  readonly doubles: number[] = [];
  readonly strings: string[] = [];
  readonly shapes: (readonly string[])[] = [];
  private readonly stringIndex = new Map<string, number>();
  private readonly shapeIndex = new Map<string, number>();

  /** Slots written so far (not yet taken). */
  get size(): number {
    return this.length;
  }

  /** A point to roll back to when a value turns out not to be encodable. */
  mark(): { slots: number; doubles: number } {
    return { slots: this.length, doubles: this.doubles.length };
  }

  rollback(mark: { slots: number; doubles: number }): void {
    this.length = mark.slots;
    this.doubles.length = mark.doubles;
  }

  /** The slots written so far, as little-endian bytes; the writer starts over (tables are kept). */
  take(): Buffer {
    const bytes = Buffer.from(this.slots.buffer, 0, this.length * 4);
    const copy = Buffer.from(bytes);
    this.length = 0;
    return copy;
  }

  /** Starts an array whose length is set later (setLength); returns its position. */
  openArray(): number {
    this.push(ARR);
    return this.length - 1;
  }

  setLength(at: number, length: number): void {
    this.slots[at] = length * 8 + ARR;
  }

  /** Encodes `value`; `rewrite` is applied to every property as JSON.stringify applies a replacer. Throws NOT_PLAIN. */
  value(value: unknown, rewrite?: Rewrite): void {
    switch (typeof value) {
      case 'number':
        if (Number.isInteger(value) && value > -MAX_PAYLOAD && value < MAX_PAYLOAD && !Object.is(value, -0))
          this.push(value * 8 + INT);
        else {
          this.doubles.push(value);
          this.push(DBL);
        }
        return;
      case 'string':
        this.push(this.string(value) * 8 + STR);
        return;
      case 'boolean':
        this.push((value ? TRUE : FALSE) * 8 + CONST);
        return;
      case 'object':
        if (value === null) this.push(NULL * 8 + CONST);
        else if (Array.isArray(value)) {
          this.push(value.length * 8 + ARR);
          for (let i = 0; i < value.length; i++) {
            const item = rewrite ? rewrite(String(i), value[i]) : value[i];
            if (item === undefined) throw NOT_PLAIN;
            this.value(item, rewrite);
          }
        } else this.object(value, rewrite);
        return;
      default:
        // undefined only where JSON would drop it (object properties, handled there).
        throw NOT_PLAIN;
    }
  }

  private object(value: object, rewrite?: Rewrite): void {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) throw NOT_PLAIN;
    const record = value as Record<string, unknown>;
    const keys: string[] = [];
    const values: unknown[] = [];
    for (const key of Object.keys(record)) {
      const v = rewrite ? rewrite(key, record[key]) : record[key];
      if (v === undefined) continue;
      keys.push(key);
      values.push(v);
    }
    this.push(this.shape(keys) * 8 + OBJ);
    for (const v of values) this.value(v, rewrite);
  }

  private string(s: string): number {
    let n = this.stringIndex.get(s);
    if (n === undefined) this.stringIndex.set(s, (n = this.strings.push(s) - 1));
    if (n >= MAX_PAYLOAD) throw NOT_PLAIN;
    return n;
  }

  private shape(keys: readonly string[]): number {
    const id = keys.join('\u0000');
    let n = this.shapeIndex.get(id);
    if (n === undefined) this.shapeIndex.set(id, (n = this.shapes.push(keys) - 1));
    if (n >= MAX_PAYLOAD) throw NOT_PLAIN;
    return n;
  }

  private push(slot: number): void {
    if (this.length === this.slots.length) {
      const grown = new Int32Array(this.slots.length * 2);
      grown.set(this.slots);
      this.slots = grown;
    }
    this.slots[this.length++] = slot;
  }
}

/** Thrown by the reader at slots that do not decode (a damaged or foreign cache). */
const MALFORMED = new Error('malformed value');

/** Objects of a shape are built the generic way until it has been seen this often, then by a made function. */
const MAKE_AFTER = 4;

type Maker = (read: () => unknown) => Record<string, unknown>;

/** Reads values back from the slots, doubles, strings and shapes an encoder wrote. */
export class ValueReader {
  private at = 0;
  private doubleAt = 0;
  private readonly makers: (Maker | undefined)[];
  private readonly uses: Uint32Array;
  private readonly read = (): unknown => this.next();

  constructor(
    private readonly slots: Int32Array,
    private readonly doubles: Float64Array,
    private readonly strings: readonly string[],
    private readonly shapes: readonly (readonly string[])[],
  ) {
    this.makers = new Array<Maker | undefined>(shapes.length);
    this.uses = new Uint32Array(shapes.length);
  }

  get done(): boolean {
    return this.at >= this.slots.length;
  }

  /** Whether every slot and every double was read (a well-formed cache leaves nothing over). */
  get exhausted(): boolean {
    return this.at === this.slots.length && this.doubleAt === this.doubles.length;
  }

  next(): unknown {
    if (this.at >= this.slots.length) throw MALFORMED;
    const slot = this.slots[this.at++];
    const payload = slot >> 3;
    switch (slot & 7) {
      case INT:
        return payload;
      case STR:
        if (payload < 0 || payload >= this.strings.length) throw MALFORMED;
        return this.strings[payload];
      case ARR: {
        if (payload < 0 || payload > this.slots.length - this.at) throw MALFORMED;
        const out = new Array<unknown>(payload);
        for (let i = 0; i < payload; i++) out[i] = this.next();
        return out;
      }
      case OBJ:
        return this.object(payload);
      case CONST:
        if (payload === NULL) return null;
        if (payload === TRUE) return true;
        if (payload === FALSE) return false;
        throw MALFORMED;
      case DBL:
        if (this.doubleAt >= this.doubles.length) throw MALFORMED;
        return this.doubles[this.doubleAt++];
      default:
        throw MALFORMED;
    }
  }

  private object(shape: number): Record<string, unknown> {
    const maker = this.makers[shape];
    if (maker) return maker(this.read);
    const keys = this.shapes[shape];
    if (!keys) throw MALFORMED;
    if (++this.uses[shape] >= MAKE_AFTER) return (this.makers[shape] = makerFor(keys))(this.read);
    const out: Record<string, unknown> = {};
    for (const key of keys) defineValue(out, key, this.next());
    return out;
  }
}

/** As JSON.parse does: an own property even for `__proto__`. */
function defineValue(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * A function returning `{key1: read(), key2: read(), …}` for these keys, values read in order
 * (object literals evaluate left to right). Keys are written as JSON string literals, so any key is
 * safe; `__proto__` is computed, which defines an own property as JSON.parse does.
 */
function makerFor(keys: readonly string[]): Maker {
  const props = keys.map(k => (k === '__proto__' ? `["__proto__"]: r()` : `${JSON.stringify(k)}: r()`));
  return new Function('r', `return {${props.join(', ')}};`) as Maker;
}
