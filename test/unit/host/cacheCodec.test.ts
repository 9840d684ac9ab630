import * as assert from 'assert';
import { NOT_PLAIN, ValueReader, ValueWriter } from '../../../server/src/host/cacheCodec';

/** Encodes `values` and reads them back, as the index cache does (through the bytes of each part). */
function roundTrip(values: readonly unknown[], rewrite?: (key: string, value: unknown) => unknown): unknown[] {
  const w = new ValueWriter();
  for (const v of values) w.value(v, rewrite);
  const bytes = w.take();
  const slots = new Int32Array(bytes.length / 4);
  Buffer.from(slots.buffer).set(bytes);
  const strings = JSON.parse(JSON.stringify(w.strings)) as string[];
  const shapes = JSON.parse(JSON.stringify(w.shapes)) as string[][];
  const r = new ValueReader(slots, Float64Array.from(w.doubles), strings, shapes);
  const out: unknown[] = [];
  while (!r.done) out.push(r.next());
  assert.ok(r.exhausted);
  return out;
}

describe('index cache value encoding', () => {
  it('gives back plain data as it was, numbers exactly', () => {
    const values = [
      0,
      -1,
      2 ** 27 - 1,
      -(2 ** 27) + 1,
      2 ** 27,
      2 ** 40,
      1796284723357.9253,
      -0,
      NaN,
      Infinity,
      -Infinity,
      'ASCII',
      'équipe ✓ 🚀',
      '',
      true,
      false,
      null,
      [],
      {},
      [1, 'a', [2, [3]], { x: 1 }],
      { span: { start: 1, end: 2 }, nested: { deeper: { list: [{ a: 1 }, { a: 2 }] } } },
      { '0': 'numeric key', b: 1, a: 2 },
    ];
    const out = roundTrip(values);
    assert.strictEqual(out.length, values.length);
    for (let i = 0; i < values.length; i++) assert.deepStrictEqual(out[i], values[i], `value ${i}`);
    assert.ok(Object.is(out[7], -0));
    assert.deepStrictEqual(Object.keys(out[21] as object), ['0', 'b', 'a']);
  });

  it('builds many objects of one shape (made functions) equal to the generic way, own keys only', () => {
    const spans = Array.from({ length: 50 }, (_, i) => ({ start: i, end: i + 1, 'a "quoted"\nkey': i }));
    assert.deepStrictEqual(roundTrip(spans), spans);
    const proto = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}') as object;
    const out = roundTrip(Array.from({ length: 6 }, () => proto)) as object[];
    for (const o of out) {
      assert.strictEqual(Object.getPrototypeOf(o), Object.prototype);
      assert.deepStrictEqual(Object.keys(o), ['__proto__', 'x']);
    }
    assert.strictEqual(({} as { polluted?: boolean }).polluted, undefined);
  });

  it('shares each repeated string', () => {
    const w = new ValueWriter();
    w.value(['networking.istio.io/v1', 'networking.istio.io/v1', { kind: 'networking.istio.io/v1' }]);
    assert.deepStrictEqual(w.strings, ['networking.istio.io/v1']);
  });

  it('drops undefined properties as JSON does, and refuses what it cannot give back', () => {
    assert.deepStrictEqual(roundTrip([{ a: 1, b: undefined }]), [{ a: 1 }]);
    for (const bad of [() => 1, [undefined], new Map(), new Date(0), Symbol('s'), 1n, { f: () => 1 }])
      assert.throws(
        () => new ValueWriter().value(bad),
        (e: unknown) => e === NOT_PLAIN,
        String(bad),
      );
  });

  it('applies the rewrite to every property and item, and rolls back a value it refused', () => {
    const rewrite = (key: string, value: unknown) => (key === 'file' ? '' : value);
    assert.deepStrictEqual(roundTrip([{ file: '/x', list: [{ file: '/y', n: 1 }] }], rewrite), [
      { file: '', list: [{ file: '', n: 1 }] },
    ]);
    const w = new ValueWriter();
    w.value('kept');
    const mark = w.mark();
    assert.throws(() => w.value({ a: 1.5, b: () => 1 }));
    w.rollback(mark);
    w.value(2);
    const bytes = w.take();
    const slots = new Int32Array(bytes.length / 4);
    Buffer.from(slots.buffer).set(bytes);
    const r = new ValueReader(slots, Float64Array.from(w.doubles), w.strings, w.shapes);
    assert.deepStrictEqual([r.next(), r.next()], ['kept', 2]);
    assert.ok(r.exhausted);
  });

  it('throws, never loops or reads out of bounds, on slots that do not decode', () => {
    const read = (slots: number[], strings: string[] = [], shapes: string[][] = []) =>
      new ValueReader(Int32Array.from(slots), new Float64Array(0), strings, shapes).next();
    assert.throws(() => read([]));
    assert.throws(() => read([5 * 8 + 1])); // string 5 of none
    assert.throws(() => read([3 * 8 + 3])); // shape 3 of none
    assert.throws(() => read([1000 * 8 + 2, 0])); // an array longer than what is left
    assert.throws(() => read([5])); // a double of none
    assert.throws(() => read([7 * 8 + 4])); // an unknown constant
    assert.throws(() => read([6])); // an unknown tag
    assert.throws(() => read([0 * 8 + 3], [], [['a', 'b']])); // an object cut short
  });
});
