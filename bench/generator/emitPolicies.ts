import { type Doc, type NsCtx, metadata } from './files';
import { type AppNamespace, INGRESS_NS, type Service } from './model';
import { type Rng } from './rng';

/**
 * Security and proxy policy documents. Every clean selector is built from a real pod's `app`
 * (and sometimes `version`) label; planted selectors name a version, an app or a label key that
 * no pod in the namespace has.
 */
export type PolicyKind = 'peer' | 'authz' | 'sidecar' | 'telemetry';

export function securityVersion(rng: Rng): string {
  return rng.chance(0.8) ? 'security.istio.io/v1' : 'security.istio.io/v1beta1';
}

function telemetryVersion(rng: Rng): string {
  return rng.chance(0.7) ? 'telemetry.istio.io/v1' : 'telemetry.istio.io/v1alpha1';
}

export function peerAuthDocs(ctx: NsCtx, ns: AppNamespace): Doc[] {
  const { rng } = ctx;
  const docs: Doc[] = [];
  if (ns.peerAuth !== 'none') {
    docs.push([
      `apiVersion: ${securityVersion(rng)}`,
      'kind: PeerAuthentication',
      ...metadata(ctx, 'default'),
      'spec:',
      '  mtls:',
      `    mode: ${ns.peerAuth}`,
    ]);
  }
  if (ns.peerAuth === 'STRICT') {
    // Workload-level exceptions keep STRICT and only open the metrics port, so they never weaken
    // the namespace-wide mode the mtls-conflict rule relies on.
    for (const svc of ns.services.filter(s => s.protocol !== 'tcp' && !s.plant).slice(0, 2)) {
      docs.push([
        `apiVersion: ${securityVersion(rng)}`,
        'kind: PeerAuthentication',
        ...metadata(ctx, `${svc.name}-metrics`),
        'spec:',
        '  selector:',
        '    matchLabels:',
        `      app: ${svc.name}`,
        '  mtls:',
        '    mode: STRICT',
        '  portLevelMtls:',
        '    9102:',
        '      mode: PERMISSIVE',
      ]);
    }
  }
  return docs;
}

export function authorizationDoc(ctx: NsCtx, svc: Service): Doc {
  const { rng } = ctx;
  const callers = rng
    .shuffle(svc.ns.services)
    .slice(0, rng.int(1, 3))
    .filter(c => c !== svc);
  const principals = callers.map(c => `cluster.local/ns/${svc.ns.name}/sa/${c.name}`);
  if (svc.publicVs) principals.push(`cluster.local/ns/${INGRESS_NS}/sa/istio-ingressgateway`);
  if (principals.length === 0) principals.push(`cluster.local/ns/${svc.ns.name}/sa/default`);
  const labels = rng.chance(0.2)
    ? [`      app: ${svc.name}`, `      version: ${svc.versions[0]}`]
    : [`      app: ${svc.name}`];
  return [
    `apiVersion: ${securityVersion(rng)}`,
    'kind: AuthorizationPolicy',
    ...metadata(ctx, `${svc.name}-allow`),
    'spec:',
    '  selector:',
    '    matchLabels:',
    ...labels,
    '  action: ALLOW',
    '  rules:',
    '    - from:',
    '        - source:',
    '            principals:',
    ...principals.map(p => `              - ${p}`),
    '      to:',
    '        - operation:',
    `            methods: [${rng.pick(['GET', 'GET, POST', 'GET, POST, PUT, DELETE'])}]`,
    ...(rng.chance(0.5) ? ['            paths: ["/api/*", "/healthz"]'] : []),
  ];
}

/** Namespace-wide policies: default-deny in some STRICT namespaces, plus an audit rule. */
export function namespaceAuthorizationDocs(ctx: NsCtx, ns: AppNamespace): Doc[] {
  const { rng } = ctx;
  const docs: Doc[] = [];
  if (ns.peerAuth === 'STRICT' && rng.chance(0.4)) {
    docs.push([
      `apiVersion: ${securityVersion(rng)}`,
      'kind: AuthorizationPolicy',
      ...metadata(ctx, 'allow-nothing'),
      'spec: {}',
    ]);
  }
  if (rng.chance(0.3)) {
    docs.push([
      `apiVersion: ${securityVersion(rng)}`,
      'kind: AuthorizationPolicy',
      ...metadata(ctx, 'audit-writes'),
      'spec:',
      '  action: AUDIT',
      '  rules:',
      '    - to:',
      '        - operation: {methods: [POST, PUT, DELETE]}',
    ]);
  }
  return docs;
}

export function sidecarDocs(ctx: NsCtx, ns: AppNamespace): Doc[] {
  const { rng, ledger } = ctx;
  const planted = ns.plants.some(p => p.rule === 'multiple-namespace-sidecars');
  const mark = (name: string, other: string): string =>
    planted
      ? ledger.mark(
          'multiple-namespace-sidecars',
          `Sidecar "${name}" is one of two Sidecars without workloadSelector in namespace ${ns.name} (the other is "${other}")`,
        )
      : '';
  const egress = ['./*', 'istio-system/*', `${INGRESS_NS}/*`];
  for (const svc of ns.services)
    for (const t of svc.crossRoutes) if (!egress.includes(`${t.ns.name}/*`)) egress.push(`${t.ns.name}/*`);
  const docs: Doc[] = [
    [
      `apiVersion: ${rng.chance(0.8) ? 'networking.istio.io/v1' : 'networking.istio.io/v1beta1'}`,
      'kind: Sidecar',
      ...metadata(ctx, `default${mark('default', 'legacy-egress')}`),
      'spec:',
      '  egress:',
      '    - hosts:',
      ...egress.map(h => `        - "${h}"`),
      '  outboundTrafficPolicy:',
      `    mode: ${rng.pick(['ALLOW_ANY', 'REGISTRY_ONLY'])}`,
    ],
  ];
  for (const svc of ns.services.filter(s => !s.plant && s.protocol === 'tcp' && !s.stateful).slice(0, 1)) {
    docs.push([
      'apiVersion: networking.istio.io/v1',
      'kind: Sidecar',
      ...metadata(ctx, `${svc.name}-ingress`),
      'spec:',
      '  workloadSelector:',
      '    labels:',
      `      app: ${svc.name}`,
      '  ingress:',
      `    - port: {number: ${svc.port}, protocol: TCP, name: tcp}`,
      `      defaultEndpoint: 127.0.0.1:${svc.targetPort}`,
    ]);
  }
  if (planted) {
    docs.push([
      'apiVersion: networking.istio.io/v1',
      'kind: Sidecar',
      ...metadata(ctx, `legacy-egress${mark('legacy-egress', 'default')}`),
      'spec:',
      '  egress:',
      '    - hosts: ["./*"]',
    ]);
  }
  return docs;
}

export function telemetryDocs(ctx: NsCtx, ns: AppNamespace): Doc[] {
  const { rng } = ctx;
  const docs: Doc[] = [];
  if (rng.chance(0.5)) {
    docs.push([
      `apiVersion: ${telemetryVersion(rng)}`,
      'kind: Telemetry',
      ...metadata(ctx, 'namespace-logging'),
      'spec:',
      '  accessLogging:',
      '    - providers:',
      '        - name: envoy',
      '      filter:',
      '        expression: response.code >= 400',
    ]);
  }
  for (const svc of ns.services.filter(s => !s.plant && s.protocol === 'grpc').slice(0, 1)) {
    docs.push([
      `apiVersion: ${telemetryVersion(rng)}`,
      'kind: Telemetry',
      ...metadata(ctx, `${svc.name}-tracing`),
      'spec:',
      '  selector:',
      '    matchLabels:',
      `      app: ${svc.name}`,
      '  tracing:',
      '    - randomSamplingPercentage: 10.0',
    ]);
  }
  return docs;
}

/** A planted selector that matches no pod, and the kind of policy file it belongs in. */
export function plantedSelectorDoc(ctx: NsCtx, svc: Service): { kind: PolicyKind; doc: Doc } | undefined {
  const { ledger, rng } = ctx;
  const plant = svc.plant;
  if (plant?.rule !== 'selector-matches-nothing') return undefined;
  const missing = `v${svc.versions.length + 1}`;
  const note = (key: string, labels: string): string =>
    ledger.mark(plant.rule, `selector "${key}" {${labels}} matches no workload in namespace ${svc.ns.name}`);
  switch (plant.variant) {
    case 'authz-version':
      return {
        kind: 'authz',
        doc: [
          `apiVersion: ${securityVersion(rng)}`,
          'kind: AuthorizationPolicy',
          ...metadata(ctx, `${svc.name}-${missing}-only`),
          'spec:',
          '  selector:',
          `    matchLabels:${note('matchLabels', `app: ${svc.name}, version: ${missing}`)}`,
          `      app: ${svc.name}`,
          `      version: ${missing}`,
          '  action: DENY',
          '  rules:',
          '    - to:',
          '        - operation: {paths: ["/admin/*"]}',
        ],
      };
    case 'authz-app':
      // The Deployment's name used where its pod label was meant.
      return {
        kind: 'authz',
        doc: [
          `apiVersion: ${securityVersion(rng)}`,
          'kind: AuthorizationPolicy',
          ...metadata(ctx, `${svc.name}-ingress-only`),
          'spec:',
          '  selector:',
          `    matchLabels:${note('matchLabels', `app: ${svc.name}-${svc.versions[0]}`)}`,
          `      app: ${svc.name}-${svc.versions[0]}`,
          '  rules:',
          '    - from:',
          `        - source: {namespaces: [${INGRESS_NS}]}`,
        ],
      };
    case 'telemetry':
      // A recommended label that these pods do not carry.
      return {
        kind: 'telemetry',
        doc: [
          `apiVersion: ${telemetryVersion(rng)}`,
          'kind: Telemetry',
          ...metadata(ctx, `${svc.name}-metrics`),
          'spec:',
          '  selector:',
          `    matchLabels:${note('matchLabels', `app.kubernetes.io/name: ${svc.name}`)}`,
          `      app.kubernetes.io/name: ${svc.name}`,
          '  metrics:',
          '    - providers:',
          '        - name: prometheus',
        ],
      };
    case 'sidecar':
      return {
        kind: 'sidecar',
        doc: [
          'apiVersion: networking.istio.io/v1',
          'kind: Sidecar',
          ...metadata(ctx, `${svc.name}-${missing}`),
          'spec:',
          '  workloadSelector:',
          `    labels:${note('labels', `app: ${svc.name}, version: ${missing}`)}`,
          `      app: ${svc.name}`,
          `      version: ${missing}`,
          '  egress:',
          '    - hosts: ["./*", "istio-system/*"]',
        ],
      };
    case 'peer':
      return {
        kind: 'peer',
        doc: [
          `apiVersion: ${securityVersion(rng)}`,
          'kind: PeerAuthentication',
          ...metadata(ctx, `${svc.name}-legacy`),
          'spec:',
          '  selector:',
          `    matchLabels:${note('matchLabels', `app: ${svc.name}-legacy`)}`,
          `      app: ${svc.name}-legacy`,
          '  mtls:',
          '    mode: PERMISSIVE',
        ],
      };
  }
}

/** JWT validation on public services; the selector names a real pod label. */
export function requestAuthenticationDoc(ctx: NsCtx, svc: Service): Doc {
  return [
    `apiVersion: ${securityVersion(ctx.rng)}`,
    'kind: RequestAuthentication',
    ...metadata(ctx, `${svc.name}-jwt`),
    'spec:',
    '  selector:',
    '    matchLabels:',
    `      app: ${svc.name}`,
    '  jwtRules:',
    '    - issuer: "https://auth.example.com/"',
    '      jwksUri: "https://auth.example.com/.well-known/jwks.json"',
    '      forwardOriginalToken: true',
  ];
}
