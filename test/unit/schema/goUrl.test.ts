import * as assert from 'assert';
import { parseRequestUri } from '../../../server/src/core/schema/cel/goUrl';

// Go's url.ParseRequestURI, as Kubernetes' CEL isURL()/url() use it: [input, scheme] or [input, undefined].
const CASES: readonly [string, string | undefined][] = [
  ['https://example.com/keys', 'https'],
  ['HTTP://Example.com', 'http'],
  ['oci://ghcr.io/x/y:v1', 'oci'],
  ['file:///opt/filter.wasm', 'file'],
  ['http://[::1]:8080/x', 'http'],
  ['/absolute/path', ''],
  ['mailto:someone', 'mailto'],
  ['ghcr.io/x/y:v1', undefined],
  ['relative/path', undefined],
  ['', undefined],
  ['#%blah$#@', undefined],
  ['http://#%blah$#@', undefined],
  ['http://host:port/', undefined],
  ['http://[::1/', undefined],
  ['http://a/%zz', undefined],
  ['http://a/\u0001', undefined],
];

describe('parseRequestUri (Kubernetes CEL url library)', () => {
  for (const [input, scheme] of CASES) {
    it(`${JSON.stringify(input)} → ${scheme === undefined ? 'not a URL' : `scheme "${scheme}"`}`, () => {
      assert.strictEqual(parseRequestUri(input)?.scheme, scheme);
    });
  }
  it('splits host and port', () => {
    const u = parseRequestUri('https://user@example.com:8443/a?b=c');
    assert.deepStrictEqual(u, { scheme: 'https', host: 'example.com', port: '8443', path: '/a', query: 'b=c' });
  });
});
