import {
  type AppNamespace,
  type External,
  type Layout,
  type MeshPlan,
  type Protocol,
  type Service,
  fqdn,
  INGRESS_NS,
} from './model';
import { EXTERNAL_VENDORS, TEAMS, namespaceNames, serviceNames } from './names';
import { Rng } from './rng';
import { plantDefects } from './plant';
import { Visibility, exportsEverywhere } from './visibility';

export interface SizeSpec {
  readonly name: string;
  readonly services: number;
  readonly namespaces: number;
}

export const SIZES: Readonly<Record<string, SizeSpec>> = {
  small: { name: 'small', services: 100, namespaces: 5 },
  // About 1,000 files: the CLI's second bar (≤ 1 s).
  '1k': { name: '1k', services: 290, namespaces: 10 },
  medium: { name: 'medium', services: 1_000, namespaces: 25 },
  large: { name: 'large', services: 10_000, namespaces: 250 },
  // One team namespace of 200 services (plus the shared ingress and config): the mesh graph's large case.
  ns200: { name: 'ns200', services: 200, namespaces: 1 },
};

/** Builds the clean mesh first, then plants defects into it (see plant.ts). */
export function buildPlan(size: SizeSpec, seed: number): MeshPlan {
  const rng = new Rng(seed).fork(size.name);
  const names = namespaceNames(rng.fork('ns-names'), size.namespaces);
  const counts = splitCounts(rng.fork('ns-sizes'), size.services, size.namespaces);
  const namespaces = names.map((name, index) => makeNamespace(rng.fork(`ns:${name}`), name, index, counts[index]!));
  forceVariety(namespaces);

  const vis = new Visibility();
  for (const ns of namespaces) for (const svc of ns.services) vis.addOwnDr(svc);
  addCrossRoutes(rng.fork('cross'), namespaces, vis);
  addClientDrs(rng.fork('client-drs'), namespaces, vis);
  addOverrides(rng.fork('overrides'), namespaces);
  addPublicVs(rng.fork('public'), namespaces);

  const plan: MeshPlan = {
    size: size.name,
    seed,
    namespaces,
    configNamespaces: [],
    ingress: { partnerNamespaces: namespaces.filter(ns => ns.partner), orphanGateways: 0, conflicting: [] },
    charts: Math.max(1, Math.round(size.namespaces / 10)),
  };
  return plantDefects(rng.fork('plant'), plan, vis);
}

/** Services per namespace: uneven like real teams, but summing exactly to the requested total. */
function splitCounts(rng: Rng, total: number, parts: number): number[] {
  const weights = Array.from({ length: parts }, () => 0.5 + rng.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map(w => Math.max(3, Math.floor((w / sum) * total)));
  let diff = total - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % parts) {
    if (diff > 0) {
      counts[i]!++;
      diff--;
    } else if (counts[i]! > 3) {
      counts[i]!--;
      diff++;
    }
  }
  return counts;
}

function makeNamespace(rng: Rng, name: string, index: number, serviceCount: number): AppNamespace {
  const peerAuth = rng.weighted([
    ['STRICT', 0.4],
    ['PERMISSIVE', 0.3],
    ['none', 0.3],
  ] as const);
  const ns: AppNamespace = {
    name,
    index,
    team: rng.pick(TEAMS),
    kustomize: rng.chance(0.2)
      ? { env: rng.pick(['prod', 'production', 'staging']), listFiles: rng.chance(0.3) }
      : undefined,
    peerAuth,
    services: [],
    externals: makeExternals(rng),
    edge: rng.weighted([
      ['local', 0.5],
      ['ingress', 0.25],
      ['none', 0.25],
    ] as const),
    teamGateway: rng.chance(0.15),
    partner: rng.chance(0.1),
    clientDrs: [],
    overrideVs: [],
    plants: [],
    guests: [],
  };
  for (const svcName of serviceNames(rng, serviceCount)) ns.services.push(makeService(rng, ns, svcName));
  return ns;
}

function makeService(rng: Rng, ns: AppNamespace, name: string): Service {
  const protocol: Protocol = rng.weighted([
    ['http', 0.7],
    ['grpc', 0.2],
    ['tcp', 0.1],
  ] as const);
  const versionCount = rng.weighted([
    [1, 0.6],
    [2, 0.3],
    [3, 0.1],
  ] as const);
  const routing = rng.chance(0.82);
  const drOnly = !routing && rng.chance(0.3);
  const hasDr = routing || drOnly;
  const tcpPort = rng.pick([5432, 6379, 3306, 9092]);
  const svc: Service = {
    ns,
    name,
    fqdn: fqdn(name, ns.name),
    versions: Array.from({ length: versionCount }, (_, i) => `v${i + 1}`),
    protocol,
    port: protocol === 'tcp' ? tcpPort : protocol === 'grpc' ? 9090 : rng.pick([80, 8080]),
    targetPort: protocol === 'tcp' ? tcpPort : protocol === 'grpc' ? 9090 : 8080,
    layout: rng.weighted<Layout>([
      ['split', 0.355],
      ['combined', 0.33],
      ['single', 0.165],
      ['pair', 0.15],
    ]),
    stateful: protocol === 'tcp' && rng.chance(0.5),
    routing,
    drOnly,
    tlsDisable: hasDr && ns.peerAuth !== 'STRICT' && rng.chance(0.1),
    crossRoutes: [],
    authz: rng.chance(0.35),
    hpa: protocol !== 'tcp' && rng.chance(0.25),
    configMap: rng.chance(0.35),
    pdb: rng.chance(0.1),
    serviceAccount: rng.chance(0.3),
  };
  if (routing && rng.chance(0.15)) svc.vsExport = ['.'];
  if (hasDr) {
    svc.drExport = rng.weighted<string[] | undefined>([
      [undefined, 0.8],
      [['.'], 0.1],
      [['.', INGRESS_NS], 0.05],
      [['*'], 0.05],
    ]);
  }
  // A VirtualService is applied by every namespace it is exported to, and each of those resolves
  // its subsets through the DestinationRules it can see; a restricted DR needs a restricted VS.
  if (routing && !exportsEverywhere(svc.drExport)) svc.vsExport = ['.'];
  return svc;
}

function makeExternals(rng: Rng): External[] {
  const count = rng.weighted([
    [0, 0.3],
    [1, 0.35],
    [2, 0.25],
    [3, 0.1],
  ] as const);
  return rng
    .shuffle(EXTERNAL_VENDORS)
    .slice(0, count)
    .map(host => ({
      host,
      ports: rng.chance(0.3)
        ? [{ number: 443, name: 'tls', protocol: 'TLS' }]
        : [
            { number: 443, name: 'https', protocol: 'HTTPS' },
            { number: 80, name: 'http', protocol: 'HTTP' },
          ],
      withVs: rng.chance(0.4),
      withDr: rng.chance(0.5),
    }));
}

/**
 * Small corpora could otherwise miss a feature entirely (no kustomize namespace, no STRICT one);
 * these fixed choices keep every rule's planting preconditions satisfiable.
 */
function forceVariety(namespaces: AppNamespace[]): void {
  const set = <K extends keyof AppNamespace>(ns: AppNamespace | undefined, key: K, value: AppNamespace[K]): void => {
    if (ns) (ns as { -readonly [P in keyof AppNamespace]: AppNamespace[P] })[key] = value;
  };
  if (!namespaces.some(ns => ns.kustomize)) set(namespaces[1], 'kustomize', { env: 'prod', listFiles: false });
  if (!namespaces.some(ns => ns.peerAuth === 'STRICT')) set(namespaces[0], 'peerAuth', 'STRICT');
  if (!namespaces.some(ns => ns.peerAuth !== 'STRICT')) set(namespaces[2], 'peerAuth', 'PERMISSIVE');
  if (!namespaces.some(ns => ns.partner)) set(namespaces[3], 'partner', true);
  if (!namespaces.some(ns => ns.teamGateway)) set(namespaces[4], 'teamGateway', true);
  if (!namespaces.some(ns => ns.edge === 'ingress')) set(namespaces[2], 'edge', 'ingress');
  if (!namespaces.some(ns => ns.edge === 'local')) set(namespaces[0], 'edge', 'local');
}

/** Clean cross-namespace routes by subset, only to DestinationRules exported to the caller. */
function addCrossRoutes(rng: Rng, namespaces: AppNamespace[], vis: Visibility): void {
  const targets = namespaces.flatMap(ns => ns.services.filter(s => s.routing && s.protocol !== 'tcp'));
  for (const ns of namespaces) {
    for (const svc of ns.services) {
      if (!svc.routing || svc.protocol === 'tcp' || !rng.chance(0.1)) continue;
      const target = rng.pick(targets);
      if (target.ns === ns || !vis.ownDrVisible(target, ns.name) || vis.hasClientDr(ns.name, target)) continue;
      if (svc.crossRoutes.includes(target)) continue;
      svc.crossRoutes.push(target);
      vis.addSubsetRef(ns.name, target);
    }
  }
}

/**
 * Client-side DestinationRules (traffic policy, no subsets), only for services without a
 * DestinationRule of their own: nothing routes to those by subset, so the client-side rule shadows
 * no subsets for any namespace that applies a VirtualService, whichever namespaces count as clients.
 */
function addClientDrs(rng: Rng, namespaces: AppNamespace[], vis: Visibility): void {
  const all = namespaces.flatMap(ns => ns.services.filter(s => !s.routing && !s.drOnly));
  if (all.length === 0) return;
  for (const ns of namespaces) {
    if (!rng.chance(0.3)) continue;
    const want = rng.int(1, 2);
    for (let tries = 0; ns.clientDrs.length < want && tries < 10; tries++) {
      const target = rng.pick(all);
      if (target.ns === ns || vis.hasSubsetRef(ns.name, target) || vis.hasClientDr(ns.name, target)) continue;
      ns.clientDrs.push(target);
      vis.addClientDr(ns.name, target);
    }
  }
}

/**
 * Namespace-local VirtualService overrides: both the owner's VirtualService and the override are
 * exported to "." only, so the two never meet and must not be reported as conflicting.
 */
function addOverrides(rng: Rng, namespaces: AppNamespace[]): void {
  if (namespaces.length < 2) return;
  for (const ns of namespaces) {
    for (const svc of ns.services) {
      if (!svc.routing || svc.protocol === 'tcp' || svc.vsExport?.[0] !== '.' || !rng.chance(0.25)) continue;
      const other = rng.pick(namespaces);
      if (other !== ns) other.overrideVs.push(svc);
    }
  }
}

function addPublicVs(rng: Rng, namespaces: AppNamespace[]): void {
  for (const ns of namespaces) {
    for (const svc of ns.services) {
      if (svc.protocol === 'tcp' || !rng.chance(0.1)) continue;
      svc.publicVs = rng.weighted<NonNullable<Service['publicVs']>>([
        ['public', 0.45],
        ['public-mesh', 0.15],
        ['internal', 0.2],
        ['passthrough', 0.08],
        ['team', ns.teamGateway ? 0.3 : 0],
      ]);
    }
  }
}
