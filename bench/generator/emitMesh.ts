import { type Doc, type FileSet, type NsCtx, metadata } from './files';
import { kustomization } from './emitNamespace';
import { networkingVersion, subsetLines } from './emitTraffic';
import { securityVersion } from './emitPolicies';
import { type ConfigNamespace, ROOT_NS } from './model';

const DIR = `clusters/prod/${ROOT_NS}`;

/**
 * The root namespace. The mesh-wide PeerAuthentication is PERMISSIVE on purpose: only namespaces
 * with their own STRICT policy make a DISABLE/SIMPLE DestinationRule an mtls-conflict, so clean
 * DISABLE rules in other namespaces test the rule's precision.
 */
export function emitRoot(files: FileSet, ctx: NsCtx): void {
  files.add(
    `${DIR}/mesh-defaults.yaml`,
    [
      [
        `apiVersion: ${securityVersion(ctx.rng)}`,
        'kind: PeerAuthentication',
        ...metadata(ctx, 'default'),
        'spec:',
        '  mtls:',
        '    mode: PERMISSIVE',
      ],
      [
        `apiVersion: ${networkingVersion(ctx.rng)}`,
        'kind: DestinationRule',
        ...metadata(ctx, 'mesh-default'),
        'spec:',
        '  host: "*.local"',
        '  trafficPolicy:',
        '    tls:',
        '      mode: ISTIO_MUTUAL',
        '    connectionPool:',
        '      http: {idleTimeout: 300s}',
      ],
      [
        'apiVersion: telemetry.istio.io/v1',
        'kind: Telemetry',
        ...metadata(ctx, 'mesh-default'),
        'spec:',
        '  tracing:',
        '    - providers:',
        '        - name: otel',
        '      randomSamplingPercentage: 1.0',
        '  accessLogging:',
        '    - providers:',
        '        - name: envoy',
      ],
      [
        'apiVersion: networking.istio.io/v1',
        'kind: Sidecar',
        ...metadata(ctx, 'default'),
        'spec:',
        '  egress:',
        '    - hosts:',
        '        - "./*"',
        '        - "istio-system/*"',
        '  outboundTrafficPolicy: {mode: ALLOW_ANY}',
      ],
    ],
    { header: ['# Mesh-wide defaults. Namespaces override these with their own policies.'], leadingSeparator: true },
  );
  files.add(`${DIR}/external-services.yaml`, [
    [
      'apiVersion: networking.istio.io/v1',
      'kind: ServiceEntry',
      ...metadata(ctx, 'google-apis'),
      'spec:',
      '  hosts: ["*.googleapis.com"]',
      '  location: MESH_EXTERNAL',
      '  resolution: NONE',
      '  ports:',
      '    - {number: 443, name: tls, protocol: TLS}',
    ],
    [
      'apiVersion: networking.istio.io/v1',
      'kind: ServiceEntry',
      ...metadata(ctx, 'corp-ldap'),
      'spec:',
      '  hosts: [ldap.corp.example.net]',
      '  location: MESH_EXTERNAL',
      '  resolution: DNS',
      '  ports:',
      '    - number: 636',
      '      name: tls-ldaps',
      '      protocol: TLS',
    ],
  ]);
  files.add(`${DIR}/istio-configmap.yaml`, [meshConfigMap(ctx)]);
  files.add(`${DIR}/istio-operator.yaml`, [
    [
      'apiVersion: install.istio.io/v1alpha1',
      'kind: IstioOperator',
      ...metadata(ctx, 'control-plane'),
      'spec:',
      '  profile: minimal',
      '  revision: 1-24',
      '  meshConfig:',
      `    rootNamespace: ${ROOT_NS}`,
      '    accessLogFile: /dev/stdout',
      '    defaultConfig:',
      '      holdApplicationUntilProxyStarts: true',
      '  components:',
      '    pilot:',
      '      k8s:',
      '        resources: {requests: {cpu: 500m, memory: 2Gi}}',
      '        hpaSpec: {minReplicas: 2, maxReplicas: 5}',
    ],
  ]);
}

function meshConfigMap(ctx: NsCtx): Doc {
  return [
    'apiVersion: v1',
    'kind: ConfigMap',
    ...metadata(ctx, 'istio'),
    'data:',
    '  mesh: |-',
    '    accessLogFile: /dev/stdout',
    `    rootNamespace: ${ROOT_NS}`,
    '    defaultConfig:',
    '      discoveryAddress: istiod.istio-system.svc:15012',
    '      tracing:',
    '        sampling: 1.0',
    '    enableAutoMtls: true',
    '    outboundTrafficPolicy:',
    '      mode: ALLOW_ANY',
    '  meshNetworks: "networks: {}"',
  ];
}

/**
 * Namespaces that hold only configuration. DestinationRules placed here for other namespaces'
 * services take effect for no client, which is what destination-rule-ignored reports.
 */
export function emitConfigNamespace(files: FileSet, ctx: NsCtx, cns: ConfigNamespace): void {
  const dir = `clusters/prod/${cns.name}`;
  const base = cns.kustomize ? `${dir}/base` : dir;
  files.add(`${cns.kustomize ? `${dir}/overlays/prod` : dir}/namespace.yaml`, [
    ['apiVersion: v1', 'kind: Namespace', 'metadata:', `  name: ${cns.name}`],
  ]);
  files.add(`${base}/settings.yaml`, [
    [
      'apiVersion: v1',
      'kind: ConfigMap',
      ...metadata(ctx, 'traffic-settings'),
      'data:',
      `  owner: platform-networking`,
      '  reviewed: "2024-11-04"',
    ],
  ]);
  const docs: Doc[] = cns.misplacedDrs.map(svc => [
    `apiVersion: ${networkingVersion(ctx.rng)}`,
    'kind: DestinationRule',
    ...metadata(ctx, `${svc.name}-${svc.ns.name}`),
    'spec:',
    `  host: ${svc.fqdn}${ctx.ledger.mark(
      'destination-rule-ignored',
      `host "${svc.fqdn}" of DestinationRule ${cns.name}/${svc.name}-${svc.ns.name}: namespace ${cns.name} is neither ${svc.ns.name} nor ${ROOT_NS} and runs no workloads`,
    )}`,
    '  trafficPolicy:',
    '    connectionPool:',
    '      tcp: {maxConnections: 50}',
    '    outlierDetection: {consecutive5xxErrors: 3}',
    // Copied subsets: should an analyzer count this namespace among a VirtualService's clients,
    // subset lookups from here still succeed and only destination-rule-ignored fires.
    ...subsetLines(ctx.rng, svc),
  ]);
  const half = Math.ceil(docs.length / 2);
  if (docs.length > 0)
    files.add(`${base}/destinationrules.yaml`, docs.slice(0, half), { header: ['# Shared traffic policies.'] });
  if (docs.length > half) files.add(`${base}/more-destinationrules.yaml`, docs.slice(half));
  if (cns.kustomize) kustomization(files, dir, base, cns.name, 'prod', false);
}
