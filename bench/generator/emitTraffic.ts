import { type Doc, type NsCtx, indent, metadata } from './files';
import { type Service } from './model';
import { type Rng } from './rng';

/**
 * A service's own VirtualService and DestinationRule. Planted defects that live inside these two
 * documents (a missing subset, an unknown host, a conflicting host entry, a DISABLE tls mode) are
 * applied here; documents planted next to them come from plantedTrafficDocs.
 */
export function virtualServiceDoc(ctx: NsCtx, svc: Service): Doc {
  const { rng, ledger } = ctx;
  const plant = svc.plant;
  const useFqdn = rng.chance(0.15);
  let hostLine = useFqdn ? svc.fqdn : svc.name;
  if (plant?.rule === 'conflicting-virtual-service' && plant.variant !== 'gateway') {
    hostLine += ledger.mark(
      plant.rule,
      `host "${useFqdn ? svc.fqdn : svc.name}" of VirtualService ${svc.ns.name}/${svc.name} is also claimed by VirtualService ${conflictPartner(svc)}`,
    );
  }
  const spec: string[] = ['spec:'];
  spec.push(...(rng.chance(0.25) ? [`  hosts: [${hostLine}]`] : ['  hosts:', `    - ${hostLine}`]));
  if (svc.vsExport) spec.push(`  exportTo: [${svc.vsExport.map(e => `"${e}"`).join(', ')}]`);
  if (rng.chance(0.1)) spec.push('  gateways: [mesh]');
  const dest = useFqdn ? svc.fqdn : svc.name;
  if (svc.protocol === 'tcp') spec.push(...tcpRoutes(ctx, svc, dest));
  else spec.push('  http:', ...indent(4, httpRoutes(ctx, svc, dest)));
  return [
    `apiVersion: ${networkingVersion(rng)}`,
    'kind: VirtualService',
    ...metadata(ctx, svc.name, ['  labels:', `    app: ${svc.name}`, `    team: ${svc.ns.team}`]),
    ...spec,
  ];
}

function conflictPartner(svc: Service): string {
  const plant = svc.plant;
  if (plant?.rule !== 'conflicting-virtual-service') return '';
  if (plant.variant === 'same-ns') return `${svc.ns.name}/${svc.name}-canary`;
  if (plant.variant === 'cross-ns') return `${plant.other!.name}/${svc.name}-${svc.ns.name}-shadow`;
  return '';
}

function tcpRoutes(ctx: NsCtx, svc: Service, dest: string): string[] {
  let subset = 'v1';
  if (svc.plant?.rule === 'subset-not-found') {
    const missing = `v${svc.versions.length + 1}`;
    subset =
      missing +
      ctx.ledger.mark(
        svc.plant.rule,
        `subset "${missing}" of ${svc.fqdn} is defined by no applicable DestinationRule (it defines ${svc.versions.join(', ')})`,
      );
  }
  return [
    '  tcp:',
    '    - match:',
    `        - port: ${svc.port}`,
    '      route:',
    '        - destination:',
    `            host: ${dest}`,
    `            port: {number: ${svc.port}}`,
    `            subset: ${subset}`,
  ];
}

function httpRoutes(ctx: NsCtx, svc: Service, dest: string): string[] {
  const { rng, ledger } = ctx;
  const plant = svc.plant;
  const out: string[] = [];
  const last = svc.versions[svc.versions.length - 1]!;
  if (svc.versions.length > 1 && rng.chance(0.5)) {
    out.push(
      '- name: canary-header',
      '  match:',
      '    - headers:',
      '        x-canary:',
      '          exact: "true"',
      '  route:',
      '    - destination:',
      `        host: ${dest}`,
      `        subset: ${last}`,
    );
  }
  for (const target of svc.crossRoutes) {
    out.push(
      `- name: to-${target.ns.name}-${target.name}`,
      `  match: [{uri: {prefix: /api/${target.ns.name}/${target.name}}}]`,
      '  route:',
      '    - destination:',
      `        host: ${target.fqdn}`,
      `        subset: ${target.versions[0]}`,
      '  timeout: 5s',
    );
  }
  if (plant?.rule === 'subset-not-found' && (plant.variant === 'export' || plant.variant === 'nodr')) {
    const target = plant.target!;
    const host = plant.variant === 'export' ? target.fqdn : target.name;
    const why =
      plant.variant === 'export'
        ? `its DestinationRule in ${target.ns.name} is exported to "." only, so ${svc.ns.name} falls back to the mesh default, which has no subsets`
        : `no DestinationRule exists for ${target.fqdn}; the mesh default has no subsets`;
    out.push(
      `- name: via-${target.name}`,
      '  match:',
      '    - headers:',
      `        x-route-to: {exact: ${target.name}}`,
      '  route:',
      '    - destination:',
      `        host: ${host}`,
      `        subset: v1${ledger.mark(plant.rule, `subset "v1" of ${target.fqdn}: ${why}`)}`,
    );
  }
  if (plant?.rule === 'host-not-found') {
    const ghost =
      plant.variant === 'short'
        ? `${svc.name}-legacy`
        : `${plant.target!.name}-old.${plant.target!.ns.name}.svc.cluster.local`;
    const ns = plant.variant === 'short' ? svc.ns.name : plant.target!.ns.name;
    out.push(
      '- name: legacy',
      '  match:',
      '    - uri:',
      '        prefix: /legacy/',
      '  rewrite: {uri: /}',
      '  route:',
      '    - destination:',
      `        host: ${ghost}${ledger.mark(plant.rule, `host "${ghost}" matches no Service or ServiceEntry, while namespace ${ns} defines Services`)}`,
    );
  }
  out.push(...defaultRoute(ctx, svc, dest));
  return out;
}

function defaultRoute(ctx: NsCtx, svc: Service, dest: string): string[] {
  const { rng, ledger } = ctx;
  const plant = svc.plant?.rule === 'subset-not-found' ? svc.plant : undefined;
  const missing = `v${svc.versions.length + 1}`;
  const missingMark = (): string =>
    ledger.mark(
      'subset-not-found',
      `subset "${missing}" of ${svc.fqdn} is defined by no applicable DestinationRule (it defines ${svc.versions.join(', ')})`,
    );
  const out = ['- name: default', '  route:'];
  const withPort = rng.chance(0.3);
  const destination = (subset: string | undefined, weight?: number): string[] => [
    '    - destination:',
    `        host: ${dest}`,
    ...(withPort ? [`        port: {number: ${svc.port}}`] : []),
    ...(subset !== undefined ? [`        subset: ${subset}`] : []),
    ...(weight !== undefined ? [`      weight: ${weight}`] : []),
  ];
  if (plant?.variant === 'route') {
    out.push(...destination(svc.versions[0], 90), ...destination(missing + missingMark(), 10));
  } else if (svc.versions.length > 1) {
    const weights = splitWeights(rng, svc.versions.length);
    svc.versions.forEach((v, i) => out.push(...destination(v, weights[i])));
  } else {
    out.push(...destination(rng.chance(0.7) ? 'v1' : undefined));
  }
  if (rng.chance(0.6)) {
    const retryOn =
      svc.protocol === 'grpc'
        ? 'unavailable,cancelled,resource-exhausted'
        : rng.pick(['5xx,connect-failure', 'gateway-error,reset', 'retriable-4xx,5xx']);
    out.push(
      '  retries:',
      `    attempts: ${rng.int(1, 5)}`,
      `    perTryTimeout: ${rng.pick(['500ms', '1s', '2s'])}`,
      `    retryOn: ${retryOn}`,
    );
  }
  if (rng.chance(0.5)) out.push(`  timeout: ${rng.pick(['3s', '5s', '10s', '30s'])}`);
  if (plant?.variant === 'mirror') {
    out.push(
      '  mirror:',
      `    host: ${dest}`,
      `    subset: ${missing}${missingMark()}`,
      '  mirrorPercentage:',
      '    value: 5.0',
    );
  } else if (plant?.variant === 'mirrors') {
    out.push(
      '  mirrors:',
      '    - destination:',
      `        host: ${dest}`,
      `        subset: ${missing}${missingMark()}`,
      '      percentage: {value: 10}',
    );
  } else if (svc.versions.length > 1 && rng.chance(0.15)) {
    out.push(
      '  mirror:',
      `    host: ${dest}`,
      `    subset: ${svc.versions[svc.versions.length - 1]}`,
      '  mirrorPercentage: {value: 1.0}',
    );
  }
  if (rng.chance(0.1)) {
    out.push('  fault:', '    delay:', '      percentage: {value: 0.1}', `      fixedDelay: ${rng.pick(['2s', '5s'])}`);
  }
  if (svc.publicVs && rng.chance(0.3)) {
    out.push(
      '  corsPolicy:',
      '    allowOrigins:',
      `      - exact: https://${svc.ns.name}.example.com`,
      '    allowMethods: [GET, POST, PUT]',
      '    maxAge: "24h"',
    );
  }
  return out;
}

/** Weights summing to 100 with the first (stable) version taking most traffic. */
function splitWeights(rng: Rng, n: number): number[] {
  const canary = rng.pick([5, 10, 20, 50]);
  if (n === 2) return [100 - canary, canary];
  const rest = Math.floor(canary / 2);
  return [100 - canary, canary - rest, rest];
}

export function destinationRuleDoc(ctx: NsCtx, svc: Service): Doc {
  const { rng, ledger } = ctx;
  const plant = svc.plant;
  const hostText = rng.chance(0.2) ? svc.fqdn : svc.name;
  let host = rng.chance(0.1) ? `"${hostText}"` : hostText;
  if (plant?.rule === 'duplicate-destination-rule') {
    host += ledger.mark(
      plant.rule,
      `host "${hostText}" of DestinationRule ${svc.ns.name}/${svc.name} is also the host of DestinationRule ${svc.ns.name}/${svc.name}-defaults`,
    );
  }
  const lines: string[] = [
    `apiVersion: ${networkingVersion(rng)}`,
    'kind: DestinationRule',
    ...metadata(ctx, svc.name),
    'spec:',
    `  host: ${host}`,
  ];
  if (svc.drExport) lines.push(`  exportTo: [${svc.drExport.map(e => `"${e}"`).join(', ')}]`);
  lines.push('  trafficPolicy:', ...indent(4, trafficPolicy(ctx, svc)));
  lines.push(...subsetLines(rng, svc));
  return lines;
}

export function subsetLines(rng: Rng, svc: Service): string[] {
  const lines = ['  subsets:'];
  for (const v of svc.versions) {
    if (rng.chance(0.2)) lines.push(`    - {name: ${v}, labels: {version: ${v}}}`);
    else lines.push(`    - name: ${v}`, '      labels:', `        version: ${v}`);
  }
  return lines;
}

function trafficPolicy(ctx: NsCtx, svc: Service): string[] {
  const { rng, ledger } = ctx;
  const plant = svc.plant?.rule === 'mtls-conflict' ? svc.plant : undefined;
  const strictNote = (mode: string): string =>
    `tls mode "${mode}" for ${svc.fqdn}, whose namespace ${svc.ns.name} has a STRICT PeerAuthentication`;
  const out: string[] = [];
  out.push(`loadBalancer: {simple: ${rng.pick(['ROUND_ROBIN', 'LEAST_REQUEST', 'RANDOM'])}}`);
  if (rng.chance(0.6)) {
    out.push(
      'connectionPool:',
      '  tcp:',
      `    maxConnections: ${rng.pick([100, 200, 1000])}`,
      `    connectTimeout: ${rng.pick(['1s', '3s', '30ms'])}`,
      '  http:',
      `    http1MaxPendingRequests: ${rng.pick([64, 128, 1024])}`,
      `    maxRequestsPerConnection: ${rng.pick([0, 10, 100])}`,
    );
  }
  if (rng.chance(0.5)) {
    out.push(
      'outlierDetection:',
      `  consecutive5xxErrors: ${rng.int(3, 10)}`,
      `  interval: ${rng.pick(['10s', '30s'])}`,
      `  baseEjectionTime: ${rng.pick(['30s', '1m'])}`,
      `  maxEjectionPercent: ${rng.pick([10, 50, 100])}`,
    );
  }
  if (plant?.variant === 'own') {
    out.push('tls:', `  mode: DISABLE${ledger.mark(plant.rule, strictNote('DISABLE'))}`);
  } else if (svc.tlsDisable) {
    // Legacy workloads without sidecars, in namespaces that accept plaintext.
    out.push('tls:', '  mode: DISABLE');
  } else if (rng.chance(0.3)) {
    out.push('tls: {mode: ISTIO_MUTUAL}');
  }
  if (plant?.variant === 'port') {
    out.push(
      'portLevelSettings:',
      '  - port:',
      `      number: ${svc.port}`,
      '    tls:',
      `      mode: DISABLE${ledger.mark(plant.rule, strictNote('DISABLE'))}`,
    );
  } else if (rng.chance(0.1)) {
    out.push(
      'portLevelSettings:',
      `  - port: {number: ${svc.port}}`,
      '    loadBalancer:',
      '      simple: LEAST_REQUEST',
    );
  }
  return out;
}

/** Mostly v1, as a real repository migrating from older Istio releases would have. */
export function networkingVersion(rng: Rng): string {
  return rng.weighted([
    ['networking.istio.io/v1', 0.75],
    ['networking.istio.io/v1beta1', 0.18],
    ['networking.istio.io/v1alpha3', 0.07],
  ] as const);
}
