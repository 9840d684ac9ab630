import { type Doc, type NsCtx, indent, metadata } from './files';
import { type AppNamespace, type External, INGRESS_NS, type Service } from './model';
import { networkingVersion, subsetLines } from './emitTraffic';
import { exportedTo, exportsEverywhere } from './visibility';

/** Hostnames served at the edge; see emitIngress.ts for the Gateways that accept them. */
export const publicHost = (svc: Service): string => `${svc.name}-${svc.ns.name}.example.com`;
export const edgeHost = (ns: AppNamespace): string => `${ns.name}.example.com`;
export const partnerHost = (ns: AppNamespace): string => `api.${ns.name}.partners.example.org`;

/**
 * The per-service VirtualService bound to a Gateway, or the planted gateway-not-found /
 * gateway-host-mismatch variants of it.
 */
export function publicVsDoc(ctx: NsCtx, svc: Service): Doc | undefined {
  const { ledger, rng } = ctx;
  const plant = svc.plant;
  let gateways: string[];
  let host: string;
  let tls = false;
  if (plant?.rule === 'gateway-not-found') {
    host = publicHost(svc);
    const ref = plant.variant === 'short' ? 'public-gateway' : `${INGRESS_NS}/public-gatway`;
    const why = plant.variant === 'short' ? `resolves to ${svc.ns.name}/public-gateway` : 'is misspelled';
    gateways = [ref + ledger.mark(plant.rule, `gateway "${ref}" names no Gateway (${why})`)];
  } else if (plant?.rule === 'gateway-host-mismatch') {
    const gw = plant.variant === 'domain' ? 'public-gateway' : 'partner-gateway';
    gateways = [`${INGRESS_NS}/${gw}`];
    host =
      plant.variant === 'domain'
        ? `${svc.name}-${svc.ns.name}.example.org`
        : plant.variant === 'dot'
          ? `${svc.name}-${svc.ns.name}.status.example.org`
          : `${svc.name}-${svc.ns.name}.${plant.partner!.name}.partners.example.org`;
    const why =
      plant.variant === 'domain'
        ? 'no server host matches the domain'
        : plant.variant === 'dot'
          ? `only "./*.status.example.org" matches and "." is ${INGRESS_NS}, not ${svc.ns.name}`
          : `only "${plant.partner!.name}/*.${plant.partner!.name}.partners.example.org" matches, for namespace ${plant.partner!.name} only`;
    host += ledger.mark(plant.rule, `host "${host}" is accepted by no server of Gateway ${INGRESS_NS}/${gw}: ${why}`);
  } else {
    switch (svc.publicVs) {
      case undefined:
        return undefined;
      case 'public':
        gateways = [`${INGRESS_NS}/public-gateway`];
        host = publicHost(svc);
        break;
      case 'public-mesh':
        gateways = [`${INGRESS_NS}/public-gateway`, 'mesh'];
        host = publicHost(svc);
        break;
      case 'internal':
        gateways = [`${INGRESS_NS}/internal-gateway`];
        host = `${svc.name}-${svc.ns.name}.corp.example.net`;
        break;
      case 'team':
        gateways = ['team-gateway'];
        host = `${svc.name}.${svc.ns.name}.apps.example.io`;
        break;
      case 'passthrough':
        gateways = [`${INGRESS_NS}/passthrough-gateway`];
        host = `${svc.name}-${svc.ns.name}.secure.example.com`;
        tls = true;
        break;
    }
    if (plant?.rule === 'conflicting-virtual-service' && plant.variant === 'gateway') {
      host += ledger.mark(
        plant.rule,
        `host "${host}" on Gateway ${INGRESS_NS}/public-gateway is also claimed by VirtualService ${INGRESS_NS}/${svc.name}-${svc.ns.name}`,
      );
    }
  }
  const plainHost = host.replace(new RegExp(`${'\u0001'}\\d+${'\u0001'}`, 'g'), '');
  const routes = tls
    ? [
        '  tls:',
        '    - match:',
        '        - port: 443',
        `          sniHosts: [${plainHost}]`,
        '      route:',
        '        - destination:',
        `            host: ${svc.name}`,
        `            port: {number: ${svc.port}}`,
      ]
    : [
        '  http:',
        '    - match:',
        '        - uri:',
        '            prefix: /',
        '      route:',
        '        - destination:',
        `            host: ${svc.name}`,
        `            port: {number: ${svc.port}}`,
        ...(gatewaySubsetOk(svc, svc.ns.name, gateways.includes('mesh')) && rng.chance(0.5)
          ? ['            subset: v1']
          : []),
        `      timeout: ${rng.pick(['10s', '15s', '60s'])}`,
      ];
  return [
    `apiVersion: ${networkingVersion(rng)}`,
    'kind: VirtualService',
    ...metadata(ctx, `${svc.name}-public`),
    'spec:',
    '  hosts:',
    `    - ${host}`,
    '  gateways:',
    ...gateways.map(g => `    - ${g}`),
    ...routes,
  ];
}

/**
 * The namespace's path-routing VirtualService for `<ns>.example.com`; from istio-ingress it must
 * use FQDNs and may only name subsets of DestinationRules exported to istio-ingress.
 */
export function edgeVsDoc(ctx: NsCtx, ns: AppNamespace, inIngress: boolean): Doc {
  const { rng } = ctx;
  const targets = ns.services.filter(s => s.protocol !== 'tcp').slice(0, 6);
  const routes: string[] = [];
  for (const svc of targets) {
    const subsetOk = gatewaySubsetOk(svc, inIngress ? INGRESS_NS : ns.name, false) && rng.chance(0.6);
    routes.push(
      `- name: ${svc.name}`,
      `  match: [{uri: {prefix: /${svc.name}/}}]`,
      '  rewrite:',
      '    uri: /',
      '  route:',
      '    - destination:',
      `        host: ${inIngress ? svc.fqdn : svc.name}`,
      `        port: {number: ${svc.port}}`,
      ...(subsetOk ? [`        subset: ${svc.versions[0]}`] : []),
    );
  }
  return [
    `apiVersion: ${networkingVersion(rng)}`,
    'kind: VirtualService',
    ...metadata(ctx, inIngress ? `${ns.name}-edge` : 'edge', ['  annotations:', `    owner: team-${ns.team}`]),
    'spec:',
    `  hosts: ["${edgeHost(ns)}"]`,
    '  gateways:',
    `    - ${inIngress ? 'public-gateway' : `${INGRESS_NS}/public-gateway`}`,
    '  http:',
    ...indent(4, routes),
  ];
}

/** The namespace's own route on the partner Gateway, accepted through `<ns>/*.<ns>.partners.example.org`. */
export function partnerVsDoc(ctx: NsCtx, ns: AppNamespace): Doc {
  const target = ns.services.find(s => s.protocol !== 'tcp') ?? ns.services[0]!;
  return [
    'apiVersion: networking.istio.io/v1',
    'kind: VirtualService',
    ...metadata(ctx, 'partners'),
    'spec:',
    `  hosts: [${partnerHost(ns)}]`,
    `  gateways: [${INGRESS_NS}/partner-gateway]`,
    '  http:',
    '    - route:',
    `        - destination: {host: ${target.name}, port: {number: ${target.port}}}`,
  ];
}

/**
 * Whether a VirtualService in `vsNs` bound to an ingress Gateway may name a subset of the service:
 * its DestinationRule must be visible both from the VirtualService's namespace and from the
 * gateway pods' namespace (istio-ingress), and from everywhere when the route is also bound to mesh.
 */
function gatewaySubsetOk(svc: Service, vsNs: string, alsoMesh: boolean): boolean {
  if (!svc.routing && !svc.drOnly) return false;
  if (alsoMesh) return exportsEverywhere(svc.drExport);
  return exportedTo(svc.drExport, svc.ns.name, vsNs) && exportedTo(svc.drExport, svc.ns.name, INGRESS_NS);
}

const slug = (host: string): string => `ext-${host.replace(/\./g, '-')}`;

export function externalDocs(ctx: NsCtx, ext: External): Doc[] {
  const { rng } = ctx;
  const docs: Doc[] = [
    [
      `apiVersion: ${networkingVersion(rng)}`,
      'kind: ServiceEntry',
      ...metadata(ctx, slug(ext.host)),
      'spec:',
      '  hosts:',
      `    - ${ext.host}`,
      '  location: MESH_EXTERNAL',
      '  resolution: DNS',
      '  ports:',
      ...ext.ports.flatMap(p => [
        `    - number: ${p.number}`,
        `      name: ${p.name}`,
        `      protocol: ${p.protocol}`,
      ]),
    ],
  ];
  const tlsOnly = ext.ports.length === 1;
  if (ext.withVs) {
    // Exported to "." only: several namespaces route the same vendor host, each for itself.
    const routes = tlsOnly
      ? [
          '  tls:',
          '    - match:',
          `        - {port: 443, sniHosts: [${ext.host}]}`,
          '      route:',
          `        - destination: {host: ${ext.host}, port: {number: 443}}`,
        ]
      : [
          '  http:',
          '    - timeout: 10s',
          '      retries: {attempts: 2, perTryTimeout: 4s, retryOn: "connect-failure,refused-stream"}',
          '      route:',
          '        - destination:',
          `            host: ${ext.host}`,
          '            port:',
          '              number: 80',
        ];
    docs.push([
      `apiVersion: ${networkingVersion(rng)}`,
      'kind: VirtualService',
      ...metadata(ctx, slug(ext.host)),
      'spec:',
      `  hosts: [${ext.host}]`,
      '  exportTo: ["."]',
      ...routes,
    ]);
  }
  if (ext.withDr) {
    docs.push([
      `apiVersion: ${networkingVersion(rng)}`,
      'kind: DestinationRule',
      ...metadata(ctx, slug(ext.host)),
      'spec:',
      `  host: ${ext.host}`,
      '  exportTo: ["."]',
      '  trafficPolicy:',
      '    connectionPool:',
      `      tcp: {maxConnections: ${rng.pick([20, 50, 100])}}`,
      ...(tlsOnly
        ? []
        : [
            '    portLevelSettings:',
            '      - port: {number: 80}',
            '        tls:',
            '          mode: SIMPLE  # originate TLS for plain-HTTP callers',
            `          sni: ${ext.host}`,
          ]),
    ]);
  }
  return docs;
}

/** Client-side traffic policy for another namespace's service: no subsets, so none are shadowed. */
export function clientDrDoc(ctx: NsCtx, target: Service): Doc {
  const { rng } = ctx;
  return [
    `apiVersion: ${networkingVersion(rng)}`,
    'kind: DestinationRule',
    ...metadata(ctx, `${target.name}-${target.ns.name}-client`),
    'spec:',
    `  host: ${target.fqdn}`,
    '  trafficPolicy:',
    '    connectionPool:',
    `      http: {http2MaxRequests: ${rng.pick([100, 500, 1000])}, idleTimeout: 30s}`,
    ...(rng.chance(0.5) ? ['    tls:', '      mode: ISTIO_MUTUAL'] : []),
  ];
}

/** A namespace-local override; both it and the owner's VirtualService are exported to "." only. */
export function overrideVsDoc(ctx: NsCtx, target: Service): Doc {
  return [
    `apiVersion: ${networkingVersion(ctx.rng)}`,
    'kind: VirtualService',
    ...metadata(ctx, `${target.name}-${target.ns.name}-local`),
    'spec:',
    '  hosts:',
    `    - ${target.fqdn}`,
    '  exportTo: ["."]',
    '  http:',
    '    - timeout: 2s',
    '      route:',
    `        - destination: {host: ${target.fqdn}}`,
  ];
}

/** Documents that another namespace's planted defect puts into this namespace. */
export function guestDoc(ctx: NsCtx, svc: Service): Doc {
  const { ledger } = ctx;
  const plant = svc.plant;
  if (plant?.rule === 'conflicting-virtual-service') {
    return [
      'apiVersion: networking.istio.io/v1',
      'kind: VirtualService',
      ...metadata(ctx, `${svc.name}-${svc.ns.name}-shadow`),
      'spec:',
      '  hosts:',
      `    - ${svc.fqdn}${ledger.mark(plant.rule, `host "${svc.fqdn}" of VirtualService ${ctx.ns}/${svc.name}-${svc.ns.name}-shadow is also claimed by VirtualService ${svc.ns.name}/${svc.name}`)}`,
      '  http:',
      '    - route:',
      `        - destination: {host: ${svc.fqdn}}`,
    ];
  }
  if (plant?.rule === 'mtls-conflict') {
    return [
      'apiVersion: networking.istio.io/v1',
      'kind: DestinationRule',
      ...metadata(ctx, `${svc.name}-${svc.ns.name}-origination`),
      'spec:',
      `  host: ${svc.fqdn}`,
      '  trafficPolicy:',
      '    tls:',
      `      mode: SIMPLE${ledger.mark(plant.rule, `tls mode "SIMPLE" for ${svc.fqdn}, whose namespace ${svc.ns.name} has a STRICT PeerAuthentication`)}`,
      `      sni: ${svc.fqdn}`,
    ];
  }
  throw new Error(`no guest document for ${svc.fqdn}`);
}

/** Planted documents that sit next to the service's own VirtualService and DestinationRule. */
export function siblingDocs(ctx: NsCtx, svc: Service): Doc[] {
  const { ledger, rng } = ctx;
  const plant = svc.plant;
  if (plant?.rule === 'conflicting-virtual-service' && plant.variant === 'same-ns') {
    const host = rng.chance(0.5) ? svc.fqdn : svc.name;
    return [
      [
        `apiVersion: ${networkingVersion(rng)}`,
        'kind: VirtualService',
        ...metadata(ctx, `${svc.name}-canary`),
        'spec:',
        '  hosts:',
        `    - ${host}${ledger.mark(plant.rule, `host "${host}" of VirtualService ${svc.ns.name}/${svc.name}-canary is also claimed by VirtualService ${svc.ns.name}/${svc.name}`)}`,
        '  http:',
        '    - route:',
        `        - destination: {host: ${svc.name}}`,
        '          weight: 100',
      ],
    ];
  }
  if (plant?.rule === 'duplicate-destination-rule') {
    const host = plant.fqdn ? svc.fqdn : svc.name;
    return [
      [
        `apiVersion: ${networkingVersion(rng)}`,
        'kind: DestinationRule',
        ...metadata(ctx, `${svc.name}-defaults`),
        'spec:',
        `  host: ${host}${ledger.mark(plant.rule, `host "${host}" of DestinationRule ${svc.ns.name}/${svc.name}-defaults is also the host of DestinationRule ${svc.ns.name}/${svc.name}`)}`,
        ...(svc.drExport ? [`  exportTo: [${svc.drExport.map(e => `"${e}"`).join(', ')}]`] : []),
        '  trafficPolicy:',
        '    outlierDetection: {consecutive5xxErrors: 5, interval: 30s}',
        ...subsetLines(rng, svc),
      ],
    ];
  }
  return [];
}
