import * as assert from 'assert';
import { analyzeFixture } from '../../harness/analyze';
import { parseFixture } from '../../harness/fixture';

const dr = (name: string, ns: string, host: string, extra = '') =>
  `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  host: "${host}"${extra}`;

function lookup(code: string) {
  return analyzeFixture(parseFixture(code)).index.lookup();
}

describe('DestinationRule lookup (client -> service -> root namespace)', () => {
  const host = 'reviews.bookinfo.svc.cluster.local';
  const files = [
    '#- client.yaml',
    dr('in-client', 'client', host),
    '#- svc.yaml',
    dr('in-service', 'bookinfo', 'reviews'),
    '#- root.yaml',
    dr('in-root', 'istio-system', '*.local'),
    '#- private.yaml',
    dr('private', 'bookinfo', 'ratings', '\n  exportTo: ["."]'),
  ].join('\n');
  const table: [string, string, string | undefined, string | undefined][] = [
    ['client', host, 'in-client', 'client'],
    ['other', host, 'in-service', 'service'],
    ['bookinfo', host, 'in-service', 'client'],
    ['other', 'details.bookinfo.svc.cluster.local', 'in-root', 'root'],
    ['other', 'ratings.bookinfo.svc.cluster.local', 'in-root', 'root'],
    ['bookinfo', 'ratings.bookinfo.svc.cluster.local', 'private', 'client'],
    ['istio-system', host, 'in-service', 'service'],
    ['other', 'api.example.com', undefined, undefined],
  ];
  for (const [client, h, expected, step] of table) {
    it(`${h} from ${client} -> ${expected ?? 'none'}`, () => {
      const match = lookup(files).destinationRulesFor(h, client);
      assert.strictEqual(match?.rules.map(r => r.name).join(','), expected);
      assert.strictEqual(match?.step, step);
    });
  }

  it('exact host beats a wildcard in the same namespace; the most specific wildcard wins', () => {
    const l = lookup(
      [
        '#- a.yaml',
        dr('star', 'ns', '*'),
        '#- b.yaml',
        dr('example', 'ns', '*.example.com'),
        '#- c.yaml',
        dr('api', 'ns', 'api.example.com'),
      ].join('\n'),
    );
    assert.strictEqual(l.destinationRulesFor('api.example.com', 'ns')?.rules[0].name, 'api');
    assert.strictEqual(l.destinationRulesFor('web.example.com', 'ns')?.rules[0].name, 'example');
    assert.strictEqual(l.destinationRulesFor('web.example.org', 'ns')?.rules[0].name, 'star');
  });

  it('ServiceEntry hosts belong to the ServiceEntry namespace', () => {
    const l = lookup(
      [
        '#- se.yaml',
        'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: ext, namespace: egress}\nspec: {hosts: [api.example.com], location: MESH_EXTERNAL}',
        '#- dr.yaml',
        dr('ext', 'egress', 'api.example.com'),
      ].join('\n'),
    );
    assert.strictEqual(l.destinationRulesFor('api.example.com', 'app')?.step, 'service');
  });

  it('finds Gateways by namespace/name and services by host', () => {
    const l = lookup(
      [
        '#- gw.yaml',
        'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: public, namespace: ingress}\nspec: {selector: {istio: ingressgateway}}',
        '#- svc.yaml',
        'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {ports: [{port: 80, name: http}]}',
        '#- deploy.yaml',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec: {template: {metadata: {labels: {app: web}}}}',
      ].join('\n'),
    );
    assert.strictEqual(l.gateway('ingress', 'public').length, 1);
    assert.strictEqual(l.gateway('default', 'public').length, 0);
    assert.strictEqual(l.servicesForHost('web.shop.svc.cluster.local')[0].kind, 'Service');
    assert.deepStrictEqual(
      l.workloads('shop').map(w => w.podLabels),
      [{ app: 'web' }],
    );
    assert.ok(l.hasServicesIn('shop'));
  });
});
