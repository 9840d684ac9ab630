import * as assert from 'assert';
import { toGatewayDuration } from '../../../server/src/core/migration/duration';
import { parseFixture } from '../../harness/fixture';
import { generated, generatedObjects, lintGenerated, noteFields, planFor } from './support';

const WORKSPACE = parseFixture(`
#- gw/gateway.yaml
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["shop/shop.example.com"]
    tls: {mode: SIMPLE, credentialName: shop-cert}
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*/shop.example.com"]
    tls: {httpsRedirect: true}
  - port: {number: 8443, name: tls-pass, protocol: TLS}
    hosts: ["db.example.com"]
    tls: {mode: PASSTHROUGH}
  - port: {number: 5432, name: tcp, protocol: TCP}
    hosts: ["*"]
  - port: {number: 9443, name: mtls, protocol: HTTPS}
    hosts: ["partner.example.com"]
    tls: {mode: MUTUAL, credentialName: partner-cert}
#- shop/routes.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: shop, namespace: shop}
spec:
  hosts: [shop.example.com]
  gateways: [istio-system/public, mesh]
  http:
  - match:
    - uri: {prefix: /api/}
      headers: {x-user: {exact: jason}, x-env: {prefix: canary}}
      queryParams: {debug: {exact: "1"}}
      method: {exact: GET}
    rewrite: {uri: /v2/}
    timeout: 1.5s
    retries: {attempts: 3}
    route:
    - destination: {host: cart, subset: v2}
      weight: 80
    - destination: {host: cart.payments.svc.cluster.local, port: {number: 8080}}
      weight: 20
  - match:
    - uri: {exact: /old}
    redirect: {uri: /new, authority: www.example.com}
  - match:
    - uri: {prefix: /internal}
      gateways: [mesh]
    route:
    - destination: {host: web}
  - fault: {abort: {httpStatus: 503, percentage: {value: 1}}}
    headers:
      request: {set: {x-a: "1"}, add: {x-b: "2"}, remove: [x-c]}
      response: {remove: [server]}
    mirror: {host: shadow}
    mirrorPercentage: {value: 10}
    route:
    - destination: {host: web}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: db, namespace: shop}
spec:
  hosts: [db.example.com]
  gateways: [istio-system/public]
  tls:
  - match: [{sniHosts: [db.example.com]}]
    route: [{destination: {host: db, port: {number: 5432}}}]
  tcp:
  - match: [{port: 5432}]
    route: [{destination: {host: pg}}]
#- shop/services.yaml
apiVersion: v1
kind: Service
metadata: {name: cart, namespace: shop}
spec: {selector: {app: cart}, ports: [{name: http, port: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{name: http, port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: shadow, namespace: shop}
spec: {selector: {app: shadow}, ports: [{name: http, port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop}
spec: {selector: {app: db}, ports: [{name: tls, port: 5432}]}
---
apiVersion: v1
kind: Service
metadata: {name: pg, namespace: shop}
spec: {selector: {app: pg}, ports: [{name: tcp-pg, port: 5432}]}
#- payments/services.yaml
apiVersion: v1
kind: Service
metadata: {name: cart, namespace: payments}
spec: {selector: {app: cart}, ports: [{name: http, port: 8080}]}
`);
const files = WORKSPACE.files;
const SHOP = '/ws/shop/routes.yaml';

describe('migration to Gateway API: translation field by field', () => {
  const plan = planFor(files, { file: '/ws/gw/gateway.yaml' });

  it('generates the resources in order, next to the Istio Gateway', () => {
    assert.strictEqual(plan.file, '/ws/gw/public.gateway-api.yaml');
    assert.deepStrictEqual(
      generatedObjects(plan).map(o => `${o.kind as string} ${(o.metadata as { name: string }).name}`),
      [
        'Gateway public',
        'HTTPRoute public-http-redirect',
        'TLSRoute db-tls',
        'TCPRoute db-tcp',
        'HTTPRoute shop',
        'ReferenceGrant public-routes',
      ],
    );
  });

  it('turns servers into listeners: one per host, TLS modes mapped, allowedRoutes from the hosts namespaces', () => {
    const spec = generated(plan, 'Gateway', 'public').spec;
    assert.deepStrictEqual(spec, {
      gatewayClassName: 'istio',
      listeners: [
        {
          name: 'https',
          hostname: 'shop.example.com',
          port: 443,
          protocol: 'HTTPS',
          tls: { mode: 'Terminate', certificateRefs: [{ name: 'shop-cert' }] },
          allowedRoutes: {
            namespaces: {
              from: 'Selector',
              selector: {
                matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['shop'] }],
              },
            },
          },
        },
        { name: 'http', hostname: 'shop.example.com', port: 80, protocol: 'HTTP' },
        {
          name: 'tls-pass',
          hostname: 'db.example.com',
          port: 8443,
          protocol: 'TLS',
          tls: { mode: 'Passthrough' },
          allowedRoutes: { namespaces: { from: 'All' } },
        },
        { name: 'tcp', port: 5432, protocol: 'TCP', allowedRoutes: { namespaces: { from: 'All' } } },
      ],
    });
    assert.ok(
      plan.notes.some(n => n.field === 'servers[4]' && n.severity === 'warning' && /MUTUAL/.test(n.message)),
      'the MUTUAL server is listed, not dropped',
    );
  });

  it('translates matches, rewrites, redirects, header changes, mirrors, weights and timeouts', () => {
    const route = generated(plan, 'HTTPRoute', 'shop');
    assert.deepStrictEqual(route.metadata, { name: 'shop', namespace: 'shop' });
    assert.deepStrictEqual(route.spec, {
      parentRefs: [{ name: 'public', namespace: 'istio-system', sectionName: 'https' }],
      hostnames: ['shop.example.com'],
      rules: [
        {
          matches: [
            {
              path: { type: 'PathPrefix', value: '/api/' },
              headers: [
                { name: 'x-user', type: 'Exact', value: 'jason' },
                { name: 'x-env', type: 'RegularExpression', value: '^canary.*' },
              ],
              queryParams: [{ name: 'debug', type: 'Exact', value: '1' }],
              method: 'GET',
            },
          ],
          filters: [
            { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2/' } } },
          ],
          backendRefs: [
            { name: 'cart', port: 8080, weight: 80 },
            { name: 'cart', namespace: 'payments', port: 8080, weight: 20 },
          ],
          timeouts: { request: '1500ms' },
        },
        {
          matches: [{ path: { type: 'Exact', value: '/old' } }],
          filters: [
            {
              type: 'RequestRedirect',
              requestRedirect: {
                hostname: 'www.example.com',
                path: { type: 'ReplaceFullPath', replaceFullPath: '/new' },
                statusCode: 301,
              },
            },
          ],
        },
        {
          filters: [
            {
              type: 'RequestHeaderModifier',
              requestHeaderModifier: {
                set: [{ name: 'x-a', value: '1' }],
                add: [{ name: 'x-b', value: '2' }],
                remove: ['x-c'],
              },
            },
            { type: 'ResponseHeaderModifier', responseHeaderModifier: { remove: ['server'] } },
            { type: 'RequestMirror', requestMirror: { backendRef: { name: 'shadow', port: 80 } } },
          ],
          backendRefs: [{ name: 'web', port: 80 }],
        },
      ],
    });
  });

  it('makes TLSRoutes and TCPRoutes of tls and tcp routes, on the listener the match port names', () => {
    assert.deepStrictEqual(generated(plan, 'TLSRoute', 'db-tls'), {
      apiVersion: 'gateway.networking.k8s.io/v1alpha2',
      kind: 'TLSRoute',
      metadata: { name: 'db-tls', namespace: 'shop' },
      spec: {
        parentRefs: [{ name: 'public', namespace: 'istio-system', sectionName: 'tls-pass' }],
        hostnames: ['db.example.com'],
        rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }],
      },
    });
    assert.deepStrictEqual(generated(plan, 'TCPRoute', 'db-tcp').spec, {
      parentRefs: [{ name: 'public', namespace: 'istio-system', sectionName: 'tcp' }],
      rules: [{ backendRefs: [{ name: 'pg', port: 5432 }] }],
    });
  });

  it('grants the cross-namespace backend with a ReferenceGrant in its namespace', () => {
    assert.deepStrictEqual(generated(plan, 'ReferenceGrant', 'public-routes'), {
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      metadata: { name: 'public-routes', namespace: 'payments' },
      spec: {
        from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }],
        to: [{ group: '', kind: 'Service' }],
      },
    });
  });

  it('lists what is not translated, in the summary and at the top of the file', () => {
    const warnings = noteFields(plan, 'warning');
    for (const field of [
      'VirtualService shop/shop http[0].retries',
      'VirtualService shop/shop http[0].route[0].destination.subset',
      'VirtualService shop/shop http[3].fault',
      'VirtualService shop/shop http[3].mirrorPercentage',
      'Gateway istio-system/public servers[4]',
    ])
      assert.ok(warnings.includes(field), `${field} in ${JSON.stringify(warnings, null, 1)}`);
    assert.ok(noteFields(plan, 'info').includes('VirtualService shop/shop gateways'), 'the mesh binding stays');
    for (const n of plan.notes.filter(x => x.severity === 'warning'))
      assert.ok(plan.text.includes(n.field), `${n.field} is listed in the file header`);
    assert.ok(plan.notes.every(n => n.file === SHOP || n.file === '/ws/gw/gateway.yaml'));
  });

  it('points each note at the line of its field', () => {
    const lines = files.get(SHOP)!.split('\n');
    const at = (field: string) => plan.notes.find(n => n.field === field)!.line;
    assert.strictEqual(lines[at('http[0].retries')].trim(), 'retries: {attempts: 3}');
    assert.strictEqual(
      lines[at('http[0].route[0].destination.subset')].trim(),
      '- destination: {host: cart, subset: v2}',
    );
    assert.strictEqual(
      lines[at('http[3].fault')].trim(),
      '- fault: {abort: {httpStatus: 503, percentage: {value: 1}}}',
    );
  });

  it('leaves out routes whose matches name only other gateways (the mesh)', () => {
    assert.ok(!plan.text.includes('/internal'));
  });

  it('is lint-clean, and the check would catch a broken reference', () => {
    assert.deepStrictEqual(lintGenerated(files, plan), []);
    const broken = { ...plan, text: plan.text.replace('name: pg', 'name: pgx') };
    assert.ok(
      lintGenerated(files, broken).some(f => f.includes('backend-not-found')),
      'a missing Service is reported',
    );
    const ungranted = {
      ...plan,
      text: plan.text.replace(
        /\n---\napiVersion: gateway.networking.k8s.io\/v1beta1\nkind: ReferenceGrant[\s\S]*$/,
        '\n',
      ),
    };
    assert.ok(
      lintGenerated(files, ungranted).some(f => f.includes('missing-reference-grant')),
      'without the ReferenceGrant the check fails',
    );
  });

  it('starts from a bound VirtualService as well as from the Gateway', () => {
    const text = files.get(SHOP)!;
    const fromVs = planFor(files, { file: SHOP, offset: text.indexOf('kind: VirtualService') + 3 });
    assert.strictEqual(fromVs.text, plan.text);
  });
});

describe('migration to Gateway API: hosts the gateway does not serve', () => {
  it('generates no HTTPRoute for a VirtualService whose hosts no listener serves (Istio binds none)', () => {
    const fixture = parseFixture(`
#- gw.yaml
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw}
spec:
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [a.example.com]}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: other}
spec:
  hosts: [b.example.com]
  gateways: [gw]
  http: [{route: [{destination: {host: web, port: {number: 80}}}]}]
`);
    const plan = planFor(fixture.files, { file: '/ws/gw.yaml' });
    assert.deepStrictEqual(
      plan.resources.map(r => r.kind),
      ['Gateway'],
    );
    assert.ok(noteFields(plan, 'warning').includes('VirtualService default/other hosts'));
  });
});

describe('migration to Gateway API: limits and repeated parts', () => {
  it('splits rules past 8 matches and routes past 16 rules, and never writes YAML aliases', () => {
    const paths = Array.from({ length: 10 }, (_, i) => `{uri: {prefix: /p${i}}}`).join(', ');
    const routes = Array.from(
      { length: 17 },
      (_, i) => `  - match: [{uri: {exact: /r${i}}}]\n    route: [{destination: {host: web, port: {number: 80}}}]`,
    ).join('\n');
    const fixture = parseFixture(`
#- gw.yaml
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw}
spec:
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: many}
spec:
  hosts: ["*"]
  gateways: [gw]
  http:
  - match: [${paths}]
    rewrite: {uri: /}
    route: [{destination: {host: web, port: {number: 80}}}]
  - match: [${paths}]
    route: [{destination: {host: web, port: {number: 80}}}]
${routes}
`);
    const plan = planFor(fixture.files, { file: '/ws/gw.yaml' });
    assert.ok(!/[&*]a\d/.test(plan.text), 'no anchors or aliases');
    const rules = generatedObjects(plan)
      .filter(o => o.kind === 'HTTPRoute')
      .map(o => (o.spec as { rules: { matches?: unknown[] }[] }).rules);
    // 10 rules for the rewrite (one per prefix), 2 for the other 10 matches (8 + 2), 17 more.
    assert.deepStrictEqual(
      rules.map(r => r.length),
      [16, 13],
    );
    assert.ok(rules.flat().every(r => (r.matches?.length ?? 0) <= 8));
    assert.deepStrictEqual(
      plan.resources.map(r => r.name),
      ['gw', 'many', 'many-2'],
    );
  });
});

describe('migration to Gateway API: durations', () => {
  it('rewrites Istio durations in the Gateway API format', () => {
    assert.deepStrictEqual(['2s', '1.5s', '100ms', '1m30s', '1h', '0.5ms', 'abc', '10'].map(toGatewayDuration), [
      '2s',
      '1500ms',
      '100ms',
      '90s',
      '3600s',
      undefined,
      undefined,
      undefined,
    ]);
  });
});
