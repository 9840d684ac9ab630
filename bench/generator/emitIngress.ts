import { type FileSet, type NsCtx, type Doc, metadata } from './files';
import { edgeVsDoc, publicHost } from './emitRoutes';
import { networkingVersion } from './emitTraffic';
import { securityVersion } from './emitPolicies';
import { type AppNamespace, INGRESS_NS, type MeshPlan, type Service } from './model';

const DIR = `clusters/prod/${INGRESS_NS}`;

/**
 * The shared ingress namespace: gateway Deployments (the only pods labelled `istio: …`), the
 * Gateways every edge VirtualService binds to, and the VirtualServices kept next to them.
 */
export function emitIngress(files: FileSet, ctx: NsCtx, plan: MeshPlan): void {
  files.add(`${DIR}/namespace.yaml`, [
    [
      'apiVersion: v1',
      'kind: Namespace',
      'metadata:',
      `  name: ${INGRESS_NS}`,
      '  labels:',
      '    istio-injection: disabled',
    ],
  ]);
  files.add(
    `${DIR}/deployment.yaml`,
    [
      gatewayDeployment(ctx, 'istio-ingressgateway', 'ingressgateway'),
      gatewayService(ctx, 'istio-ingressgateway', 'ingressgateway'),
    ],
    { header: ['# Installed with the gateway Helm chart; rendered here for review.'] },
  );
  files.add(`${DIR}/internal-deployment.yaml`, [
    gatewayDeployment(ctx, 'istio-internal-ingressgateway', 'internal-ingressgateway'),
    gatewayService(ctx, 'istio-internal-ingressgateway', 'internal-ingressgateway'),
  ]);

  files.add(`${DIR}/gateways/public-gateway.yaml`, [
    gateway(ctx, 'public-gateway', 'ingressgateway', [
      [
        '  - port: {number: 80, name: http, protocol: HTTP}',
        '    hosts:',
        '      - "*.example.com"',
        '    tls: {httpsRedirect: true}',
      ],
      [
        '  - port:',
        '      number: 443',
        '      name: https',
        '      protocol: HTTPS',
        '    hosts:',
        '      - "*/*.example.com"',
        '    tls:',
        '      mode: SIMPLE',
        '      credentialName: wildcard-example-com',
      ],
    ]),
  ]);
  files.add(`${DIR}/gateways/internal-gateway.yaml`, [
    gateway(ctx, 'internal-gateway', 'internal-ingressgateway', [
      [
        '  - port: {number: 443, name: https-internal, protocol: HTTPS}',
        '    hosts: ["*.corp.example.net"]',
        '    tls: {mode: SIMPLE, credentialName: corp-example-net}',
      ],
    ]),
  ]);
  files.add(`${DIR}/gateways/partner-gateway.yaml`, [
    gateway(ctx, 'partner-gateway', 'ingressgateway', [
      [
        '  - port: {number: 8443, name: https-status, protocol: HTTPS}',
        '    hosts:',
        '      - "./*.status.example.org"',
        '    tls: {mode: SIMPLE, credentialName: status-example-org}',
      ],
      [
        '  - port: {number: 9443, name: https-partners, protocol: HTTPS}',
        '    hosts:',
        ...plan.ingress.partnerNamespaces.map(ns => `      - "${ns.name}/*.${ns.name}.partners.example.org"`),
        '    tls:',
        '      mode: MUTUAL',
        '      credentialName: partners-mtls',
      ],
    ]),
  ]);
  files.add(`${DIR}/gateways/passthrough-gateway.yaml`, [
    gateway(ctx, 'passthrough-gateway', 'ingressgateway', [
      [
        '  - port: {number: 15443, name: tls-passthrough, protocol: TLS}',
        '    hosts: ["*/*.secure.example.com"]',
        '    tls: {mode: PASSTHROUGH}',
      ],
    ]),
  ]);
  for (let i = 1; i <= plan.ingress.orphanGateways; i++)
    files.add(`${DIR}/gateways/legacy-gateway-${i}.yaml`, [orphanGateway(ctx, i)]);

  files.add(`${DIR}/security.yaml`, [
    [
      `apiVersion: ${securityVersion(ctx.rng)}`,
      'kind: RequestAuthentication',
      ...metadata(ctx, 'edge-jwt'),
      'spec:',
      '  selector:',
      '    matchLabels:',
      '      istio: ingressgateway',
      '  jwtRules:',
      '    - issuer: "https://auth.example.com/"',
      '      jwksUri: "https://auth.example.com/.well-known/jwks.json"',
    ],
    [
      `apiVersion: ${securityVersion(ctx.rng)}`,
      'kind: AuthorizationPolicy',
      ...metadata(ctx, 'block-admin'),
      'spec:',
      '  selector:',
      '    matchLabels: {istio: ingressgateway}',
      '  action: DENY',
      '  rules:',
      '    - to:',
      '        - operation:',
      '            paths: ["/admin", "/admin/*"]',
    ],
  ]);

  files.add(`${DIR}/routes/status.yaml`, [
    [
      'apiVersion: networking.istio.io/v1',
      'kind: VirtualService',
      ...metadata(ctx, 'status-page'),
      'spec:',
      '  hosts: [www.status.example.org]',
      '  gateways: [partner-gateway]',
      '  http:',
      '    - directResponse:',
      '        status: 200',
      '        body: {string: "ok"}',
    ],
  ]);
  for (const ns of plan.namespaces.filter(n => n.edge === 'ingress'))
    files.add(`${DIR}/routes/${ns.name}.yaml`, [edgeVsDoc(ctx, ns, true)]);
  for (const svc of plan.ingress.conflicting)
    files.add(`${DIR}/routes/${svc.ns.name}-${svc.name}.yaml`, [conflictingGatewayVs(ctx, svc)]);
}

function gatewayDeployment(ctx: NsCtx, name: string, istioLabel: string): Doc {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    ...metadata(ctx, name, ['  labels:', `    app: ${name}`, `    istio: ${istioLabel}`]),
    'spec:',
    `  replicas: ${ctx.rng.int(2, 6)}`,
    '  selector:',
    '    matchLabels:',
    `      istio: ${istioLabel}`,
    '  template:',
    '    metadata:',
    '      annotations:',
    '        inject.istio.io/templates: gateway',
    '      labels:',
    `        app: ${name}`,
    `        istio: ${istioLabel}`,
    '        sidecar.istio.io/inject: "true"',
    '    spec:',
    `      serviceAccountName: ${name}`,
    '      containers:',
    '        - name: istio-proxy',
    '          image: auto',
    '          ports:',
    '            - containerPort: 8080',
    '            - containerPort: 8443',
  ];
}

function gatewayService(ctx: NsCtx, name: string, istioLabel: string): Doc {
  return [
    'apiVersion: v1',
    'kind: Service',
    ...metadata(ctx, name),
    'spec:',
    '  type: LoadBalancer',
    '  selector:',
    `    istio: ${istioLabel}`,
    '  ports:',
    '    - {name: http2, port: 80, targetPort: 8080}',
    '    - {name: https, port: 443, targetPort: 8443}',
  ];
}

function gateway(ctx: NsCtx, name: string, istioLabel: string, servers: string[][]): Doc {
  return [
    `apiVersion: ${networkingVersion(ctx.rng)}`,
    'kind: Gateway',
    ...metadata(ctx, name),
    'spec:',
    '  selector:',
    `    istio: ${istioLabel}`,
    '  servers:',
    ...servers.flat(),
  ];
}

function orphanGateway(ctx: NsCtx, i: number): Doc {
  const note = ctx.ledger.mark(
    'selector-matches-nothing',
    'selector "selector" {istio: legacy-ingressgateway} matches no workload in any namespace',
  );
  return [
    '# Left over from the 1.x ingress migration.',
    `apiVersion: ${networkingVersion(ctx.rng)}`,
    'kind: Gateway',
    ...metadata(ctx, `legacy-gateway-${i}`),
    'spec:',
    `  selector:${note}`,
    '    istio: legacy-ingressgateway',
    '  servers:',
    '    - port: {number: 80, name: http, protocol: HTTP}',
    `      hosts: ["legacy-${i}.example.net"]`,
  ];
}

/** Planted: a second VirtualService on public-gateway (named by its short form here) for a host already routed. */
function conflictingGatewayVs(ctx: NsCtx, svc: Service): Doc {
  const host = publicHost(svc);
  const note = ctx.ledger.mark(
    'conflicting-virtual-service',
    `host "${host}" of VirtualService ${INGRESS_NS}/${svc.name}-${svc.ns.name} is also claimed on Gateway ${INGRESS_NS}/public-gateway by VirtualService ${svc.ns.name}/${svc.name}-public`,
  );
  return [
    'apiVersion: networking.istio.io/v1',
    'kind: VirtualService',
    ...metadata(ctx, `${svc.name}-${svc.ns.name}`),
    'spec:',
    '  hosts:',
    `    - ${host}${note}`,
    '  gateways:',
    '    - public-gateway',
    '  http:',
    '    - route:',
    `        - destination: {host: ${svc.fqdn}, port: {number: ${svc.port}}}`,
  ];
}

/** A team-owned Gateway in the team's namespace, referenced by its short name. */
export function teamGatewayDoc(ctx: NsCtx, ns: AppNamespace): Doc {
  return [
    'apiVersion: networking.istio.io/v1',
    'kind: Gateway',
    ...metadata(ctx, 'team-gateway'),
    'spec:',
    '  selector:',
    '    istio: ingressgateway',
    '  servers:',
    '    - port: {number: 443, name: https, protocol: HTTPS}',
    '      hosts:',
    `        - "./*.${ns.name}.apps.example.io"`,
    '      tls:',
    '        mode: SIMPLE',
    `        credentialName: ${ns.name}-apps-tls`,
  ];
}
