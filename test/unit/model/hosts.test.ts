import * as assert from 'assert';
import {
  hostCoveredBy,
  hostsOverlap,
  parseServiceFqdn,
  resolveHost,
  suggestFqdn,
  wildcardCandidates,
} from '../../../server/src/core/model/hosts';

describe('host resolution', () => {
  const table: [string, string, string][] = [
    ['reviews', 'bookinfo', 'reviews.bookinfo.svc.cluster.local'],
    ['Reviews', 'bookinfo', 'reviews.bookinfo.svc.cluster.local'],
    ['reviews.other', 'bookinfo', 'reviews.other'], // Istio does not expand name.ns
    ['reviews.other.svc.cluster.local', 'bookinfo', 'reviews.other.svc.cluster.local'],
    ['api.example.com', 'bookinfo', 'api.example.com'],
    ['*.example.com', 'bookinfo', '*.example.com'],
    ['*', 'bookinfo', '*'],
  ];
  for (const [host, ns, expected] of table) {
    it(`${host} in ${ns} -> ${expected}`, () => assert.strictEqual(resolveHost(host, ns), expected));
  }

  it('suggests the FQDN for name.ns only', () => {
    assert.strictEqual(suggestFqdn('reviews.other'), 'reviews.other.svc.cluster.local');
    assert.strictEqual(suggestFqdn('reviews'), undefined);
    assert.strictEqual(suggestFqdn('api.example.com'), undefined);
  });

  it('parses service FQDNs', () => {
    assert.deepStrictEqual(parseServiceFqdn('reviews.bookinfo.svc.cluster.local'), {
      name: 'reviews',
      namespace: 'bookinfo',
    });
    assert.strictEqual(parseServiceFqdn('*.bookinfo.svc.cluster.local'), undefined);
    assert.strictEqual(parseServiceFqdn('api.example.com'), undefined);
  });

  const coverage: [string, string, boolean][] = [
    ['a.example.com', '*.example.com', true],
    ['a.b.example.com', '*.example.com', true],
    ['example.com', '*.example.com', false],
    ['*.a.example.com', '*.example.com', true],
    ['*.example.com', '*.example.com', true],
    ['*.example.com', '*.a.example.com', false],
    ['reviews.ns.svc.cluster.local', '*.ns.svc.cluster.local', true],
    ['reviews.ns.svc.cluster.local', '*.local', true],
    ['anything', '*', true],
    ['a.example.com', 'b.example.com', false],
  ];
  for (const [host, pattern, expected] of coverage) {
    it(`${host} ${expected ? 'is' : 'is not'} covered by ${pattern}`, () =>
      assert.strictEqual(hostCoveredBy(host, pattern), expected));
  }

  it('overlap is symmetric', () => {
    assert.ok(hostsOverlap('*.example.com', 'a.example.com'));
    assert.ok(hostsOverlap('a.example.com', '*.example.com'));
    assert.ok(!hostsOverlap('a.example.com', 'b.example.com'));
  });

  it('lists wildcard candidates most specific first', () => {
    assert.deepStrictEqual(wildcardCandidates('a.b.c'), ['*.b.c', '*.c', '*']);
    assert.deepStrictEqual(wildcardCandidates('*.b.c'), ['*.c', '*']);
  });
});
