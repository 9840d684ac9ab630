import { resolveGatewayRef } from '../model/gatewayRef';
import { hostsOverlap } from '../model/hosts';
import { noteFor, type RouteScope } from './backends';
import { chunks, MAX_RULES, translateHttpRoutes } from './httpRoutes';
import { translateL4Routes, type L4Route } from './l4Routes';
import { listenerObject, translateListeners, type Listener } from './listeners';
import { isMap, listOf, mapsOf, otherKeys, textOf } from './plain';
import type {
  GeneratedResource,
  MigrationInput,
  MigrationNote,
  MigrationResult,
  MigrationSource,
  PlainMap,
} from './types';

export const GATEWAY_API_V1 = 'gateway.networking.k8s.io/v1';
/** TLSRoute and TCPRoute are in the experimental channel; Istio serves v1alpha2. */
export const GATEWAY_API_V1ALPHA2 = 'gateway.networking.k8s.io/v1alpha2';
export const REFERENCE_GRANT_VERSION = 'gateway.networking.k8s.io/v1beta1';

/**
 * Istio Gateway + the VirtualServices bound to it -> a Gateway API Gateway (class `istio`, in the
 * Istio Gateway's namespace: Istio deploys a gateway per Gateway API Gateway, in its namespace),
 * HTTPRoutes, TLSRoutes, TCPRoutes (in each VirtualService's namespace) and the ReferenceGrants
 * their cross-namespace backends need. Pure: the caller reads the sources and writes the result.
 */
export function migrateGateway(input: MigrationInput): MigrationResult {
  const { gateway } = input;
  const notes: MigrationNote[] = [];
  const note = (severity: MigrationNote['severity'], field: string, message: string) =>
    notes.push({ severity, source: gateway, field, message });
  const listeners = translateListeners(gateway, notes);
  noteGatewayPlacement(gateway, listeners, note);
  for (const key of otherKeys(gateway.spec, ['selector', 'servers']))
    note('warning', key, `"${key}" is not translated.`);

  const resources: GeneratedResource[] = [];
  const redirects = listeners.filter(l => l.httpsRedirect).map(l => redirectRoute(gateway, l));
  const routes: GeneratedResource[] = [];
  const crossing = new Map<string, Set<string>>(); // backend namespace -> `Kind/namespace` of routes
  const attaching = new Map<string, Set<string>>(); // listener name -> route namespaces
  const sorted = [...input.virtualServices].sort((a, b) =>
    `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`),
  );
  for (const vs of sorted) {
    const source = { ...vs, spec: routesForGateway(vs, gateway) };
    const scope: RouteScope = { source, workspace: input.workspace, notes, backendNamespaces: new Set() };
    noteOtherGateways(vs, gateway, scope);
    const generated = routesOf(scope, gateway, listeners);
    for (const r of generated) {
      routes.push(r.resource);
      for (const l of r.listeners) {
        const set = attaching.get(l.name) ?? new Set<string>();
        set.add(vs.namespace);
        attaching.set(l.name, set);
      }
      for (const ns of r.backendNamespaces) {
        const set = crossing.get(ns) ?? new Set<string>();
        set.add(`${r.resource.kind}/${vs.namespace}`);
        crossing.set(ns, set);
      }
    }
  }
  resources.push(gatewayResource(gateway, listeners, attaching, note), ...redirects, ...routes);
  for (const [ns, from] of [...crossing].sort(([a], [b]) => a.localeCompare(b)))
    resources.push(referenceGrant(gateway, ns, [...from].sort()));
  return { resources, notes };
}

type Note = (severity: MigrationNote['severity'], field: string, message: string) => void;

function noteGatewayPlacement(gateway: MigrationSource, listeners: readonly Listener[], note: Note): void {
  note(
    'info',
    'selector',
    `the new Gateway goes in namespace ${gateway.namespace}, the Istio Gateway's: for a Gateway API Gateway, Istio deploys the gateway itself there (Deployment and Service ${gateway.name}-istio) instead of using the pods the selector picked. Move DNS to the new Service's address, then delete the Istio Gateway and VirtualServices.`,
  );
  const secrets = [...new Set(listeners.flatMap(l => l.certificateRefs ?? []))];
  if (secrets.length > 0)
    note(
      'info',
      'servers',
      `certificateRefs name Secret${secrets.length > 1 ? 's' : ''} ${secrets.join(', ')} in namespace ${gateway.namespace}; Istio read credentialName from the gateway workload's namespace: if that was another one, copy the Secret.`,
    );
}

interface GeneratedRoute {
  readonly resource: GeneratedResource;
  readonly listeners: readonly Listener[];
  readonly backendNamespaces: ReadonlySet<string>;
}

function routesOf(scope: RouteScope, gateway: MigrationSource, listeners: readonly Listener[]): GeneratedRoute[] {
  const vs = scope.source;
  const out: GeneratedRoute[] = [];
  const http = listeners.filter(l => (l.protocol === 'HTTP' || l.protocol === 'HTTPS') && !l.httpsRedirect);
  const passthrough = listeners.filter(l => l.protocol === 'TLS' && l.tlsMode === 'Passthrough');
  const tcp = listeners.filter(l => l.protocol === 'TCP' || (l.protocol === 'TLS' && l.tlsMode === 'Terminate'));
  const hosts = listOf(vs.spec.hosts)
    .map(textOf)
    .filter((h): h is string => !!h)
    .map(h => h.toLowerCase());
  const counts = {
    http: mapsOf(vs.spec.http).length,
    tls: mapsOf(vs.spec.tls).length,
    tcp: mapsOf(vs.spec.tcp).length,
  };
  const kinds = Object.values(counts).filter(n => n > 0).length;

  if (counts.http > 0) {
    const rules = translateHttpRoutes(scope);
    const hostnames = hosts.includes('*')
      ? []
      : hosts.filter(h => http.some(l => !l.hostname || hostsOverlap(h, l.hostname)));
    const attached = http.filter(
      l => hostnames.length === 0 || !l.hostname || hostnames.some(h => hostsOverlap(h, l.hostname!)),
    );
    if (attached.length === 0)
      noteFor(
        scope,
        'warning',
        'http',
        `${gateway.name} has no HTTP listener for these routes: no HTTPRoute was generated.`,
      );
    else if (hostnames.length === 0 && hosts.length > 0 && !hosts.includes('*'))
      noteFor(
        scope,
        'warning',
        'hosts',
        `no host of the VirtualService is served by ${gateway.name}'s HTTP listeners (Istio binds none of them): no HTTPRoute was generated.`,
      );
    else if (rules.length > 0) {
      // Name the listeners when the Gateway has others the route must not attach to (https redirects).
      const sections = listeners.some(l => l.httpsRedirect) ? attached : [];
      const spec: PlainMap = { parentRefs: parentRefs(gateway, vs, sections) };
      if (hostnames.length > 0) spec.hostnames = hostnames;
      // A route holds at most 16 rules: more go to further routes (precedence does not depend on the route).
      const name = kinds > 1 ? `${vs.name}-http` : vs.name;
      chunks(rules, MAX_RULES).forEach((group, i) =>
        out.push(
          routeOf(
            'HTTPRoute',
            GATEWAY_API_V1,
            i === 0 ? name : `${name}-${i + 1}`,
            vs,
            { ...spec, rules: group },
            attached,
            scope,
          ),
        ),
      );
    }
  }
  for (const via of ['tls', 'tcp'] as const) {
    if (counts[via] === 0) continue;
    const candidates = via === 'tls' ? passthrough : tcp;
    const l4 = translateL4Routes(scope, via);
    l4.forEach((r, i) => {
      const attached = l4Listeners(r, candidates, hosts);
      if (attached.length === 0) {
        noteFor(
          scope,
          'warning',
          `${via}[${i}]`,
          `${gateway.name} has no ${via === 'tls' ? 'TLS passthrough' : 'TCP'} listener for this route: nothing was generated.`,
        );
        return;
      }
      const kind = via === 'tls' ? 'TLSRoute' : 'TCPRoute';
      const name = kinds > 1 || l4.length > 1 ? `${vs.name}-${via}${l4.length > 1 ? `-${i + 1}` : ''}` : vs.name;
      const sections = r.port !== undefined || listeners.some(l => l.httpsRedirect) ? attached : [];
      const spec: PlainMap = { parentRefs: parentRefs(gateway, vs, sections) };
      if (via === 'tls') {
        const names = r.hostnames.length > 0 ? r.hostnames : hosts.filter(h => h !== '*');
        if (names.length > 0) spec.hostnames = [...names];
      }
      spec.rules = [{ backendRefs: [...r.backendRefs] }];
      out.push(routeOf(kind, GATEWAY_API_V1ALPHA2, name, vs, spec, attached, scope));
    });
  }
  return out;
}

function l4Listeners(r: L4Route, candidates: readonly Listener[], hosts: readonly string[]): Listener[] {
  const byPort = r.port === undefined ? candidates : candidates.filter(l => l.port === r.port);
  const names = r.hostnames.length > 0 ? r.hostnames : hosts;
  return byPort.filter(l => !l.hostname || names.length === 0 || names.some(h => hostsOverlap(h, l.hostname!)));
}

function routeOf(
  kind: string,
  apiVersion: string,
  name: string,
  vs: MigrationSource,
  spec: PlainMap,
  listeners: readonly Listener[],
  scope: RouteScope,
): GeneratedRoute {
  const object: PlainMap = { apiVersion, kind, metadata: metadata(name, vs.explicitNamespace), spec };
  return {
    resource: { kind, name, namespace: vs.explicitNamespace, object },
    listeners,
    backendNamespaces: new Set(scope.backendNamespaces),
  };
}

function parentRefs(gateway: MigrationSource, route: MigrationSource, sections: readonly Listener[]): PlainMap[] {
  const base: PlainMap = { name: gateway.name };
  if (gateway.namespace !== route.namespace) base.namespace = gateway.namespace;
  return sections.length === 0 ? [base] : sections.map(l => ({ ...base, sectionName: l.name }));
}

/**
 * The spec as far as it concerns this gateway: routes whose matches name other gateways
 * (`match[].gateways`) do not apply here and are left out (the VirtualService keeps serving them).
 */
function routesForGateway(vs: MigrationSource, gateway: MigrationSource): PlainMap {
  const spec: PlainMap = { ...vs.spec };
  const here = (g: string) => {
    const ref = resolveGatewayRef(g, vs.namespace);
    return !!ref && ref.namespace === gateway.namespace && ref.name === gateway.name;
  };
  for (const via of ['http', 'tls', 'tcp']) {
    if (!Array.isArray(spec[via])) continue;
    // Left out as nulls, so notes keep pointing at the source's indices.
    spec[via] = listOf(spec[via]).map(route => {
      if (!isMap(route)) return null;
      const matches = listOf(route.match);
      if (!matches.some(m => isMap(m) && m.gateways !== undefined)) return route;
      const kept = matches.map(m =>
        isMap(m) &&
        (m.gateways === undefined ||
          listOf(m.gateways)
            .map(textOf)
            .some(g => !!g && here(g)))
          ? Object.fromEntries(Object.entries(m).filter(([k]) => k !== 'gateways'))
          : null,
      );
      return kept.some(isMap) ? { ...route, match: kept } : null;
    });
  }
  return spec;
}

function noteOtherGateways(vs: MigrationSource, gateway: MigrationSource, scope: RouteScope): void {
  const others = listOf(vs.spec.gateways)
    .map(textOf)
    .filter((g): g is string => !!g)
    .filter(g => {
      const ref = resolveGatewayRef(g, vs.namespace);
      return !ref || ref.namespace !== gateway.namespace || ref.name !== gateway.name;
    });
  if (others.length > 0)
    noteFor(
      scope,
      'info',
      'gateways',
      `the VirtualService also applies to ${others.join(', ')}: it stays in place for ${others.length > 1 ? 'them' : 'it'}.`,
    );
}

function gatewayResource(
  gateway: MigrationSource,
  listeners: readonly Listener[],
  attaching: ReadonlyMap<string, ReadonlySet<string>>,
  note: Note,
): GeneratedResource {
  const objects = listeners.map(l => {
    const from = [...(attaching.get(l.name) ?? [])];
    const foreign = from.filter(ns => ns !== gateway.namespace);
    let allowed: PlainMap | undefined;
    if (foreign.length > 0) {
      // Istio admitted VirtualServices from the namespaces the server's hosts name (`*`: any).
      const named = l.routeNamespaces.filter(ns => ns !== '*');
      allowed =
        named.length === l.routeNamespaces.length
          ? {
              namespaces: {
                from: 'Selector',
                selector: {
                  matchExpressions: [
                    { key: 'kubernetes.io/metadata.name', operator: 'In', values: [...new Set(named)].sort() },
                  ],
                },
              },
            }
          : { namespaces: { from: 'All' } };
    }
    return listenerObject(l, allowed);
  });
  if (listeners.length === 0) note('warning', 'servers', 'no server could be translated: the Gateway has no listener.');
  const object: PlainMap = {
    apiVersion: GATEWAY_API_V1,
    kind: 'Gateway',
    metadata: metadata(gateway.name, gateway.explicitNamespace),
    spec: { gatewayClassName: 'istio', listeners: objects },
  };
  return { kind: 'Gateway', name: gateway.name, namespace: gateway.explicitNamespace, object };
}

/** `tls.httpsRedirect`: Istio answers every request on the server with a 301 to https. */
function redirectRoute(gateway: MigrationSource, l: Listener): GeneratedResource {
  const name = `${gateway.name}-${l.name}-redirect`;
  const spec: PlainMap = { parentRefs: [{ name: gateway.name, sectionName: l.name }] };
  if (l.hostname) spec.hostnames = [l.hostname];
  spec.rules = [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }];
  const object: PlainMap = {
    apiVersion: GATEWAY_API_V1,
    kind: 'HTTPRoute',
    metadata: metadata(name, gateway.explicitNamespace),
    spec,
  };
  return { kind: 'HTTPRoute', name, namespace: gateway.explicitNamespace, object };
}

function referenceGrant(gateway: MigrationSource, namespace: string, from: readonly string[]): GeneratedResource {
  const name = `${gateway.name}-routes`;
  const object: PlainMap = {
    apiVersion: REFERENCE_GRANT_VERSION,
    kind: 'ReferenceGrant',
    metadata: { name, namespace },
    spec: {
      from: from.map(f => {
        const [kind, ns] = f.split('/');
        return { group: 'gateway.networking.k8s.io', kind, namespace: ns };
      }),
      to: [{ group: '', kind: 'Service' }],
    },
  };
  return { kind: 'ReferenceGrant', name, namespace, object };
}

function metadata(name: string, namespace: string | undefined): PlainMap {
  return namespace ? { name, namespace } : { name };
}
