import * as assert from 'assert';
import { pathTemplateProblem, serviceAccountProblem } from '../../../server/src/core/validation/authorizationValues';
import { gatewayHostProblem } from '../../../server/src/core/validation/gateway';
import {
  fqdnProblem,
  ipSubnetProblem,
  isIPAddress,
  labelProblem,
  wildcardDomainProblem,
} from '../../../server/src/core/validation/names';
import { regexProblem } from '../../../server/src/core/validation/regex';
import { defaultEndpointProblem } from '../../../server/src/core/validation/sidecar';
import { hostsOverlap } from '../../../server/src/core/validation/virtualService';
import { unixAddressProblem } from '../../../server/src/core/validation/workloadEntry';

/** The formats of Istio's validation, value by value (Go's behaviour in the comments). */
describe('webhook value formats', () => {
  it('IP addresses as netip.ParseAddr reads them', () => {
    for (const ok of ['1.2.3.4', '0.0.0.0', '::', '::1', '2001:db8::1', '001:db8::', 'fe80::1%eth0', '::ffff:1.2.3.4'])
      assert.ok(isIPAddress(ok), ok);
    for (const bad of ['1.2.3', '01.2.3.4', '256.1.1.1', '1:2:3:4:5:6:7:8:9', '2001:db8:::1', 'example.com', ''])
      assert.ok(!isIPAddress(bad), bad);
    assert.strictEqual(ipSubnetProblem('10.0.0.0/8'), undefined);
    assert.strictEqual(ipSubnetProblem('2001:db8::/32'), undefined);
    assert.ok(ipSubnetProblem('10.0.0.0/33'));
    assert.ok(ipSubnetProblem('1.2.3.4/16/2'));
  });

  it('domain names: wildcard first labels, DNS-1123 labels, no all-numeric top-level domain', () => {
    for (const ok of ['example.com', '*.example.com', '*', '*foo.example.com', 'istio.io.', 'reviews'])
      assert.strictEqual(wildcardDomainProblem(ok), undefined, ok);
    for (const bad of ['foo_bar.com', 'a.*.com', '1.2.3.4', '', '-a.com']) assert.ok(wildcardDomainProblem(bad), bad);
    assert.ok(fqdnProblem('*.example.com'));
    assert.strictEqual(fqdnProblem('api.example.com'), undefined);
  });

  it('gateway server hosts', () => {
    for (const ok of ['*', 'ns/*.example.com', './foo.example.com', '*/bar.example.com', '1.2.3.4'])
      assert.strictEqual(gatewayHostProblem(ok), undefined, ok);
    for (const bad of ['reviews', 'ns/*foo.example.com', '/foo.com', 'NS_1/foo.com'])
      assert.ok(gatewayHostProblem(bad), bad);
  });

  it('host overlap (duplicate VirtualService hosts)', () => {
    assert.ok(hostsOverlap('*.example.com', 'api.example.com'));
    assert.ok(hostsOverlap('a.com', 'a.com'));
    assert.ok(!hostsOverlap('*.example.com', 'example.com'));
    assert.ok(!hostsOverlap('a.com', 'b.com'));
  });

  it('label keys and values', () => {
    assert.strictEqual(labelProblem('app.kubernetes.io/name', 'my-app'), undefined);
    assert.strictEqual(labelProblem('version', ''), undefined);
    assert.ok(labelProblem('app', 'a b')?.inValue);
    assert.strictEqual(labelProblem('-app', 'x')?.inValue, false);
  });

  it('RE2 regexes', () => {
    assert.strictEqual(regexProblem('^/api/v[0-9]+/.*'), undefined);
    assert.match(regexProblem('(?!admin)') ?? '', /RE2/);
    assert.ok(regexProblem('(a)\\1'));
    assert.ok(regexProblem('a'.repeat(1025)));
  });

  it('unix addresses and Sidecar default endpoints', () => {
    assert.strictEqual(unixAddressProblem('@abstract'), undefined);
    assert.strictEqual(unixAddressProblem('/var/run/a.sock'), undefined);
    assert.ok(unixAddressProblem('/var/run/'));
    assert.ok(unixAddressProblem('relative'));
    for (const ok of ['127.0.0.1:8080', '0.0.0.0:80', '[::1]:80', '[::]:80', ':8080', 'unix:///var/run/a.sock'])
      assert.strictEqual(defaultEndpointProblem(ok), undefined, ok);
    for (const bad of ['10.0.0.1:8080', 'localhost:80', '127.0.0.1', '127.0.0.1:http', '127.0.0.1:70000'])
      assert.ok(defaultEndpointProblem(bad), bad);
  });

  it('AuthorizationPolicy service accounts and path templates', () => {
    assert.strictEqual(serviceAccountProblem('ns/sa'), undefined);
    assert.strictEqual(serviceAccountProblem('sa'), undefined);
    for (const bad of ['a/b/c', '/sa', 'ns/', 'ns/*']) assert.ok(serviceAccountProblem(bad), bad);
    assert.strictEqual(pathTemplateProblem('/api/{*}/items/{**}'), undefined);
    assert.strictEqual(pathTemplateProblem('/info*'), undefined);
    assert.ok(pathTemplateProblem('/a/{**}/{*}'));
    assert.ok(pathTemplateProblem('/a/{x}'));
  });
});
