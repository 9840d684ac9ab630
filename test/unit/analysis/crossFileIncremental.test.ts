import * as assert from 'assert';
import { analyzeFixture } from '../../harness/analyze';
import type { Analyzer } from '../../../server/src/core/analysis/analyzer';

/**
 * The invariant behind dependency keys, for every cross-file rule: after any sequence of edits,
 * incremental results equal a from-scratch analysis of the same files. Each file has variants
 * (the first is the initial text, `undefined` means deleted) chosen so that edits switch findings
 * of every rule on and off, move namespaces (kustomization) and change the mesh root policy.
 */
const VARIANTS: Readonly<Record<string, readonly (string | undefined)[]>> = {
  '/ws/bookinfo/app.yaml': [
    svc('reviews', 'bookinfo', '{app: reviews}', '[{name: http, port: 9080, targetPort: 8080}]') +
      '---\n' +
      deploy('reviews-v1', 'bookinfo', '{app: reviews, version: v1}') +
      '---\n' +
      svc('ratings', 'bookinfo', '{app: ratings}', '[{port: 9080}]'),
    svc('ratings', 'bookinfo', '{app: ratings}', '[{port: 9080}]') +
      '---\n' +
      deploy('reviews-v1', 'bookinfo', '{app: reviewz}'),
    svc('reviews', 'bookinfo', '{app: reviews}', '[{name: http, port: 8080}]'),
    undefined,
  ],
  '/ws/bookinfo/dr.yaml': [
    dr(
      'reviews',
      'bookinfo',
      'reviews',
      '  subsets: [{name: v1, labels: {version: v1}}]\n  trafficPolicy: {tls: {mode: DISABLE}}\n',
    ),
    dr('reviews', 'bookinfo', 'reviews', '  subsets: [{name: v2, labels: {version: v2}}]\n'),
    undefined,
  ],
  '/ws/bookinfo/dr-extra.yaml': [
    dr('reviews-extra', 'bookinfo', 'reviews.bookinfo.svc.cluster.local', ''),
    dr(
      'reviews-extra',
      'bookinfo',
      'reviews.bookinfo.svc.cluster.local',
      '  workloadSelector: {matchLabels: {app: web}}\n',
    ),
    undefined,
  ],
  '/ws/ops/dr.yaml': [
    dr('reviews', 'ops', 'reviews.bookinfo.svc.cluster.local', ''),
    dr('reviews', undefined, 'reviews', ''),
    undefined,
  ],
  '/ws/ops/deploy.yaml': [undefined, deploy('tools', 'ops', '{app: tools}')],
  '/ws/ops/kustomization.yaml': [
    undefined,
    'namespace: ops\nresources: [dr.yaml]\n',
    'namespace: bookinfo\nresources: [dr.yaml]\n',
  ],
  '/ws/mesh/pa.yaml': [pa('default', 'istio-system', 'STRICT'), pa('default', 'istio-system', 'PERMISSIVE'), undefined],
  '/ws/bookinfo/pa.yaml': [undefined, pa('default', 'bookinfo', 'PERMISSIVE'), pa('default', 'bookinfo', 'UNSET')],
  '/ws/ingress/gw.yaml': [
    gw(
      'public',
      'ingress',
      '[{port: {number: 443, name: https, protocol: HTTPS}, tls: {mode: SIMPLE, credentialName: c}, hosts: ["*/bookinfo.example.com"]}]',
    ) +
      '---\n' +
      gw(
        'legacy',
        'legacy',
        '[{port: {number: 443, name: https, protocol: HTTPS}, tls: {mode: SIMPLE, credentialName: d}, hosts: [bookinfo.example.com]}]',
      ),
    gw(
      'public',
      'ingress',
      '[{port: {number: 443, name: https, protocol: HTTPS}, tls: {mode: SIMPLE, credentialName: c}, hosts: ["*/*.example.com", "*/*.example.org"]}]',
    ),
    undefined,
  ],
  // Gateway selectors reach every namespace: a gateway Deployment elsewhere can satisfy them.
  '/ws/ingress/deploy.yaml': [
    deploy('gateway', 'ingress', '{istio: ingressgateway}'),
    deploy('gateway', 'ingress', '{istio: ingress-gw}'),
    undefined,
  ],
  '/ws/legacy/deploy.yaml': [undefined, deploy('gateway', 'legacy', '{istio: ingressgateway}')],
  '/ws/ingress/vs.yaml': [
    vs(
      'edge',
      'ingress',
      '[bookinfo.example.com, bookinfo.example.org]',
      '[public]',
      '[{match: [{uri: {prefix: /reviews}}], delegate: {name: reviews-routes, namespace: bookinfo}}]',
    ) +
      '---\n' +
      vs(
        'admin',
        'ingress',
        '[admin.example.com]',
        '[edge-gatway]',
        '[{route: [{destination: {host: admin.ops.svc.cluster.local}}]}]',
      ),
    vs(
      'edge',
      'ingress',
      '[bookinfo.example.com]',
      '[public]',
      '[{route: [{destination: {host: reviews.bookinfo.svc.cluster.local}}]}]',
    ),
    undefined,
  ],
  '/ws/bookinfo/vs.yaml': [
    vs(
      'reviews',
      'bookinfo',
      '[reviews]',
      undefined,
      '[{route: [{destination: {host: reviews, subset: v1, port: {number: 8080}}}, {destination: {host: ratngs}}]}]',
    ),
    vs(
      'reviews',
      'bookinfo',
      '[reviews]',
      undefined,
      '[{route: [{destination: {host: reviews, subset: v2, port: {number: 9080}}}]}]',
    ),
    undefined,
  ],
  '/ws/bookinfo/delegate.yaml': [
    undefined,
    vs('reviews-routes', 'bookinfo', '[]', undefined, '[{route: [{destination: {host: reviews}}]}]'),
  ],
  '/ws/front/vs.yaml': [
    vs(
      'reviews',
      'front',
      '[reviews.bookinfo.svc.cluster.local]',
      undefined,
      '[{route: [{destination: {host: reviews.bookinfo.svc.cluster.local}}]}]',
    ),
    vs(
      'reviews',
      'front',
      '[reviews.bookinfo.svc.cluster.local]',
      undefined,
      '[{route: [{destination: {host: reviews.bookinfo.svc.cluster.local}}]}]',
      '["."]',
    ),
    undefined,
  ],
  '/ws/bookinfo/sidecars.yaml': [
    sidecar('default', 'bookinfo', '') + '---\n' + sidecar('restrict', 'bookinfo', ''),
    sidecar('default', 'bookinfo', '') +
      '---\n' +
      sidecar('restrict', 'bookinfo', '  workloadSelector: {labels: {app: reviews}}\n'),
  ],
  '/ws/bookinfo/policy.yaml': [
    'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: reviews, namespace: bookinfo}\nspec:\n  selector: {matchLabels: {app: reviews}}\n  action: ALLOW\n  rules: [{}]\n',
    undefined,
  ],
  // Environments: a base built by overlays (one namespace: two environments; two namespaces: one
  // environment, the base built twice), cluster folders defining the same objects, a shared file
  // and MeshConfig exportTo defaults. Edits here add and remove environments.
  '/ws/base/kustomization.yaml': [undefined, 'resources: [vs.yaml, dr.yaml]\n', 'resources: [vs.yaml]\n'],
  '/ws/base/vs.yaml': [
    'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: reviews-base}\nspec:\n  hosts: [reviews-base.example.com]\n  http: [{route: [{destination: {host: reviews.bookinfo.svc.cluster.local, subset: v2}}]}]\n',
    undefined,
  ],
  '/ws/base/dr.yaml': [
    undefined,
    dr('reviews', undefined, 'reviews', '  subsets: [{name: v1, labels: {version: v1}}]\n'),
  ],
  '/ws/overlays/prod/kustomization.yaml': [
    undefined,
    'namespace: bookinfo\nresources: [../../base]\n',
    'namespace: prod\nresources: [../../base]\n',
  ],
  '/ws/overlays/staging/kustomization.yaml': [undefined, 'namespace: bookinfo\nresources: [../../base]\n'],
  '/ws/clusters/prod/dr.yaml': [
    undefined,
    dr('reviews-cluster', 'bookinfo', 'reviews', '  subsets: [{name: v2, labels: {version: v2}}]\n'),
  ],
  '/ws/clusters/staging/dr.yaml': [
    undefined,
    dr('reviews-cluster', 'bookinfo', 'reviews', '  subsets: [{name: v3, labels: {version: v3}}]\n'),
  ],
  // A second copy of the cluster's DestinationRule: duplicate-resource (run only for copies).
  '/ws/clusters/prod/dr-copy.yaml': [
    undefined,
    dr('reviews-cluster', 'bookinfo', 'reviews', '  subsets: [{name: v4, labels: {version: v4}}]\n'),
  ],
  // Workloads have no other cross-file rule: only the copies rule notices a second one.
  '/ws/clusters/prod/a-web.yaml': [undefined, deploy('web', 'bookinfo', '{app: web}')],
  '/ws/clusters/prod/b-web.yaml': [undefined, deploy('web', 'bookinfo', '{app: web, tier: front}')],
  '/ws/mesh/config.yaml': [
    undefined,
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio, namespace: istio-system}\ndata:\n  mesh: |-\n    defaultServiceExportTo: ["."]\n    defaultVirtualServiceExportTo: ["."]\n',
  ],
  // Gateway API and ambient mode: listeners admitting by namespace, kind and hostname, grants, waypoints.
  '/ws/infra/gw.yaml': [
    kgw(
      '[{name: http, hostname: "*.example.com", port: 80, protocol: HTTP}, {name: https, hostname: shop.example.com, port: 443, protocol: HTTPS, tls: {certificateRefs: [{name: c, namespace: certs}]}, allowedRoutes: {namespaces: {from: Selector, selector: {matchLabels: {expose: "true"}}}}}]',
    ),
    kgw(
      '[{name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}, {name: tcp, port: 9000, protocol: TCP}]',
    ),
    undefined,
  ],
  '/ws/infra/vs.yaml': [
    vs(
      'api',
      'infra',
      '[api.example.org]',
      '[public]',
      '[{route: [{destination: {host: api.shop.svc.cluster.local}}]}]',
    ),
    undefined,
  ],
  '/ws/namespaces.yaml': [
    ns('shop', '{expose: "true"}') + '---\n' + ns('amb', '{istio.io/dataplane-mode: ambient}'),
    ns('shop', '{}') + '---\n' + ns('amb', '{istio.io/dataplane-mode: ambient, istio.io/use-waypoint: waypoint}'),
    undefined,
  ],
  '/ws/shop/route.yaml': [
    route(
      '[{name: public, namespace: infra, sectionName: https}, {name: public, namespace: infra, sectionName: http}, {name: public, namespace: infra, sectionName: htps}]',
      '[shop.example.org]',
      '[{name: web, port: 8080}, {name: orders, namespace: backend, port: 80}]',
    ),
    route('[{name: pubic, namespace: infra}]', '[shop.example.com]', '[{name: web, port: 80}]'),
    route('[{group: "", kind: Service, name: web}]', '[]', '[{name: orders, namespace: backend, port: 80}]'),
    undefined,
  ],
  '/ws/shop/svc.yaml': [
    'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {ports: [{port: 80}]}\n',
    'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {ports: [{port: 8080}]}\n',
    undefined,
  ],
  '/ws/backend/svc.yaml': [
    'apiVersion: v1\nkind: Service\nmetadata: {name: orders, namespace: backend}\nspec: {ports: [{port: 80}]}\n---\n' +
      grant('backend', 'GRPCRoute', 'shop', 'Service', ''),
    'apiVersion: v1\nkind: Service\nmetadata: {name: orders, namespace: backend}\nspec: {ports: [{port: 80}]}\n---\n' +
      grant('backend', 'HTTPRoute', 'shop', 'Service', 'orders'),
    'apiVersion: v1\nkind: Service\nmetadata: {name: orders, namespace: backend}\nspec: {ports: [{port: 80}]}\n',
  ],
  '/ws/certs/grant.yaml': [undefined, grant('certs', 'Gateway', 'infra', 'Secret', 'c')],
  '/ws/amb/app.yaml': [
    'apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: amb, labels: {istio.io/use-waypoint: waypiont}}\nspec: {ports: [{port: 80}]}\n---\n' +
      'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: api, namespace: amb}\nspec:\n  selector: {matchLabels: {app: api}}\n  rules: [{to: [{operation: {methods: [GET]}}]}]\n---\n' +
      vs('api', 'amb', '[api]', undefined, '[{route: [{destination: {host: api}}]}]'),
    'apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: amb}\nspec: {ports: [{port: 80}]}\n---\n' +
      vs('api', 'amb', '[api]', undefined, '[{route: [{destination: {host: api}}]}]'),
    undefined,
  ],
  '/ws/amb/waypoint.yaml': [
    waypoint('waypoint', '{istio.io/waypoint-for: workload}'),
    undefined,
    waypoint('waypoint', '{}'),
  ],
};

/** Rules the initial workspace must trigger, so that the equality below is not vacuous. */
const EXPECTED_RULES = [
  'destination-rule-ignored',
  'gateway-not-found',
  'gateway-host-mismatch',
  'host-not-found',
  'duplicate-destination-rule',
  'conflicting-virtual-service',
  'multiple-namespace-sidecars',
  'mtls-conflict',
  'destination-port-not-found',
  'conflicting-gateways',
  'delegate-not-found',
  'route-parent-not-found',
  'route-not-allowed',
  'route-hostname-mismatch',
  'backend-not-found',
  'missing-reference-grant',
  'waypoint-not-found',
  'l7-policy-without-waypoint',
];

describe('incremental analysis of the cross-file rules', () => {
  it('the initial workspace triggers every rule', () => {
    const found = new Set(allFindings(analyzeFixture(initial())).map(f => f.split(' ')[1]));
    assert.deepStrictEqual(
      EXPECTED_RULES.filter(id => !found.has(id)),
      [],
    );
  });

  it('selector-matches-nothing appears when the workload labels change', () => {
    const files = initial();
    files.set('/ws/bookinfo/app.yaml', VARIANTS['/ws/bookinfo/app.yaml'][1]!);
    files.set('/ws/ingress/deploy.yaml', VARIANTS['/ws/ingress/deploy.yaml'][1]!);
    const found = allFindings(analyzeFixture(files)).filter(f => f.includes(' selector-matches-nothing '));
    assert.deepStrictEqual(
      found.map(f => f.split(':')[0]),
      ['/ws/bookinfo/policy.yaml', '/ws/ingress/gw.yaml'],
    );
  });

  it('a scripted sequence of edits: equal to a from-scratch analysis after every step', () => {
    const steps: [string, number][] = [
      ['/ws/ingress/deploy.yaml', 1],
      ['/ws/legacy/deploy.yaml', 1],
      ['/ws/legacy/deploy.yaml', 0],
      ['/ws/ingress/deploy.yaml', 0],
      ['/ws/mesh/pa.yaml', 1],
      ['/ws/bookinfo/app.yaml', 1],
      ['/ws/ops/deploy.yaml', 1],
      ['/ws/ops/dr.yaml', 1],
      ['/ws/ops/kustomization.yaml', 1],
      ['/ws/ops/kustomization.yaml', 2],
      ['/ws/bookinfo/delegate.yaml', 1],
      ['/ws/ingress/gw.yaml', 1],
      ['/ws/bookinfo/dr-extra.yaml', 1],
      ['/ws/front/vs.yaml', 1],
      ['/ws/bookinfo/sidecars.yaml', 1],
      ['/ws/bookinfo/app.yaml', 2],
      ['/ws/bookinfo/pa.yaml', 2],
      ['/ws/mesh/pa.yaml', 0],
      ['/ws/bookinfo/app.yaml', 0],
      ['/ws/ops/deploy.yaml', 0],
      ['/ws/ops/kustomization.yaml', 0],
      ['/ws/ingress/gw.yaml', 2],
      ['/ws/bookinfo/app.yaml', 3],
      // Environments appear and disappear.
      ['/ws/base/kustomization.yaml', 1],
      ['/ws/overlays/prod/kustomization.yaml', 1],
      ['/ws/base/dr.yaml', 1],
      ['/ws/overlays/staging/kustomization.yaml', 1],
      ['/ws/overlays/prod/kustomization.yaml', 2],
      ['/ws/clusters/prod/dr.yaml', 1],
      ['/ws/clusters/staging/dr.yaml', 1],
      ['/ws/clusters/prod/dr-copy.yaml', 1],
      ['/ws/clusters/prod/a-web.yaml', 1],
      ['/ws/clusters/prod/b-web.yaml', 1],
      ['/ws/clusters/prod/b-web.yaml', 0],
      ['/ws/mesh/config.yaml', 1],
      ['/ws/overlays/prod/kustomization.yaml', 1],
      ['/ws/base/kustomization.yaml', 2],
      ['/ws/clusters/staging/dr.yaml', 0],
      ['/ws/clusters/prod/dr.yaml', 0],
      ['/ws/mesh/config.yaml', 0],
      ['/ws/overlays/staging/kustomization.yaml', 0],
      ['/ws/base/vs.yaml', 1],
      ['/ws/namespaces.yaml', 1],
      ['/ws/infra/gw.yaml', 1],
      ['/ws/backend/svc.yaml', 1],
      ['/ws/shop/route.yaml', 1],
      ['/ws/amb/waypoint.yaml', 2],
      ['/ws/certs/grant.yaml', 1],
      ['/ws/shop/svc.yaml', 1],
      ['/ws/amb/app.yaml', 1],
      ['/ws/shop/route.yaml', 2],
      ['/ws/namespaces.yaml', 2],
      ['/ws/infra/gw.yaml', 2],
      ['/ws/amb/waypoint.yaml', 1],
      ['/ws/shop/route.yaml', 0],
      ['/ws/infra/gw.yaml', 0],
      ['/ws/namespaces.yaml', 0],
    ];
    walk(steps);
  });

  it('a seeded random walk over the variants: equal to a from-scratch analysis after every step', () => {
    let seed = 20240611;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const files = Object.keys(VARIANTS);
    const steps: [string, number][] = [];
    for (let i = 0; i < 120; i++) {
      const file = files[Math.floor(random() * files.length)];
      steps.push([file, Math.floor(random() * VARIANTS[file].length)]);
    }
    walk(steps);
  });

  it('a copy in the same cluster folder is a duplicate-resource (so the walk covers copies)', () => {
    const files = initial();
    files.set('/ws/clusters/prod/dr.yaml', VARIANTS['/ws/clusters/prod/dr.yaml'][1]!);
    files.set('/ws/clusters/prod/dr-copy.yaml', VARIANTS['/ws/clusters/prod/dr-copy.yaml'][1]!);
    assert.ok(allFindings(analyzeFixture(files)).some(f => f.includes(' duplicate-resource ')));
  });

  it('the scripted edits make and unmake environments (so the walk covers them)', () => {
    const files = initial();
    const counts: number[] = [];
    for (const [file, variant] of [
      ['/ws/base/kustomization.yaml', 1],
      ['/ws/overlays/prod/kustomization.yaml', 1],
      ['/ws/overlays/staging/kustomization.yaml', 1],
    ] as const) {
      files.set(file, VARIANTS[file][variant]!);
      counts.push(analyzeFixture(files).index.environments.length);
    }
    assert.deepStrictEqual(counts, [1, 1, 2]);
  });

  it('text moving within files (lines inserted above) keeps every position, related ones too, exact', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const files = Object.keys(VARIANTS);
    const steps: [string, number][] = [];
    // Mostly the same variant again, shifted: only positions change, which is the case the
    // analyzer optimises (moved resources are not re-announced to their dependents).
    for (let i = 0; i < 60; i++) {
      const file = files[Math.floor(random() * files.length)];
      steps.push([file, random() < 0.8 ? 0 : Math.floor(random() * VARIANTS[file].length)]);
    }
    walk(steps, i => '# shifted\n'.repeat(i % 4));
  });
});

function walk(steps: readonly [string, number][], prefix: (i: number) => string = () => ''): void {
  const files = initial();
  const analyzer = analyzeFixture(files);
  let changes = 0;
  for (const [i, [file, variant]] of steps.entries()) {
    const before = allFindings(analyzer).join('\n');
    const variantText = VARIANTS[file][variant];
    const text = variantText === undefined ? undefined : prefix(i) + variantText;
    if (text === undefined) {
      files.delete(file);
      analyzer.update([{ file, deleted: true }]);
    } else {
      files.set(file, text);
      analyzer.update([{ file, text }]);
    }
    const incremental = allFindings(analyzer);
    assert.deepStrictEqual(
      incremental,
      allFindings(analyzeFixture(files)),
      `after step ${i + 1}: ${file} -> variant ${variant}`,
    );
    if (incremental.join('\n') !== before) changes++;
  }
  assert.ok(changes >= steps.length / 3, `the edits changed findings only ${changes} times`);
}

function initial(): Map<string, string> {
  const files = new Map<string, string>();
  for (const [file, variants] of Object.entries(VARIANTS)) if (variants[0] !== undefined) files.set(file, variants[0]);
  return files;
}

/** Every finding with its place, message and related locations, in a stable order. */
function allFindings(analyzer: Analyzer): string[] {
  const out: string[] = [];
  for (const file of analyzer.filesWithFindings()) {
    for (const f of analyzer.findings(file)) {
      const related = (f.related ?? []).map(r => `${r.file}@${r.span.start}`).join(',');
      out.push(
        `${file}:${f.span.start}-${f.span.end} ${f.ruleId} ${f.message} [${related}] fixes=${(f.fixes ?? []).map(x => x.title).join('|')}`,
      );
    }
  }
  return out.sort();
}

function svc(name: string, ns: string, selector: string, ports: string): string {
  return `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: ${ns}}\nspec: {selector: ${selector}, ports: ${ports}}\n`;
}

function deploy(name: string, ns: string, labels: string): string {
  return `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: ${ns}}\nspec: {template: {metadata: {labels: ${labels}}}}\n`;
}

function dr(name: string, ns: string | undefined, host: string, rest: string): string {
  const meta = ns ? `{name: ${name}, namespace: ${ns}}` : `{name: ${name}}`;
  return `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: ${meta}\nspec:\n  host: ${host}\n${rest}`;
}

function pa(name: string, ns: string, mode: string): string {
  return `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: ${name}, namespace: ${ns}}\nspec: {mtls: {mode: ${mode}}}\n`;
}

function gw(name: string, ns: string, servers: string): string {
  return `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  selector: {istio: ingressgateway}\n  servers: ${servers}\n`;
}

function vs(
  name: string,
  ns: string,
  hosts: string,
  gateways: string | undefined,
  http: string,
  exportTo?: string,
): string {
  const lines = [
    `apiVersion: networking.istio.io/v1`,
    `kind: VirtualService`,
    `metadata: {name: ${name}, namespace: ${ns}}`,
    `spec:`,
  ];
  if (hosts !== '[]') lines.push(`  hosts: ${hosts}`);
  if (gateways) lines.push(`  gateways: ${gateways}`);
  if (exportTo) lines.push(`  exportTo: ${exportTo}`);
  lines.push(`  http: ${http}`);
  return `${lines.join('\n')}\n`;
}

function sidecar(name: string, ns: string, rest: string): string {
  return `apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n${rest}  egress: [{hosts: ["./*"]}]\n`;
}

function kgw(listeners: string): string {
  return `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: public, namespace: infra}\nspec:\n  gatewayClassName: istio\n  listeners: ${listeners}\n`;
}

function ns(name: string, labels: string): string {
  return `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}, labels: ${labels}}\n`;
}

function route(parents: string, hostnames: string, backends: string): string {
  return `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: web, namespace: shop}\nspec:\n  parentRefs: ${parents}\n  hostnames: ${hostnames}\n  rules: [{backendRefs: ${backends}}]\n`;
}

function grant(ns: string, fromKind: string, fromNs: string, toKind: string, toName: string): string {
  const name = toName ? `, name: ${toName}` : '';
  return `apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata: {name: g, namespace: ${ns}}\nspec:\n  from: [{group: gateway.networking.k8s.io, kind: ${fromKind}, namespace: ${fromNs}}]\n  to: [{group: "", kind: ${toKind}${name}}]\n`;
}

function waypoint(name: string, labels: string): string {
  return `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: ${name}, namespace: amb, labels: ${labels}}\nspec:\n  gatewayClassName: istio-waypoint\n  listeners: [{name: mesh, port: 15008, protocol: HBONE}]\n`;
}
