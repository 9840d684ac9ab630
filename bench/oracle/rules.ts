import { type Resource, get, items, keyNode, lineOf, str, stringMap, strings } from './load';
import {
  type MeshIndex,
  ROOT_NS,
  type Visibility,
  destinations,
  exportSet,
  hostNamespace,
  matches,
  overlaps,
  resolveHost,
  visibleTo,
} from './meshIndex';

export interface Finding {
  readonly rule: string;
  readonly file: string;
  readonly line: number;
}

/**
 * Recomputes every planted rule over the whole corpus, following the rule semantics of issue #4.
 * `warnings` collects places where a reasonable analyzer could read the semantics differently;
 * a clean corpus has none, so that the expected findings do not depend on those readings.
 */
export function runRules(index: MeshIndex): { findings: Finding[]; warnings: string[] } {
  const findings: Finding[] = [];
  const warnings: string[] = [];
  const report = (rule: string, res: Resource, node: unknown): void => {
    findings.push({ rule, file: res.file, line: lineOf(res, node) });
  };
  const ctx: RuleCtx = { index, report, warn: m => warnings.push(m) };
  subsetNotFound(ctx);
  destinationRuleIgnored(ctx);
  gatewayRules(ctx);
  hostNotFound(ctx);
  duplicateDestinationRule(ctx);
  conflictingVirtualService(ctx);
  multipleSidecars(ctx);
  mtlsConflict(ctx);
  selectorMatchesNothing(ctx);
  return { findings, warnings };
}

interface RuleCtx {
  readonly index: MeshIndex;
  report(rule: string, res: Resource, node: unknown): void;
  warn(message: string): void;
}

const drHost = (dr: Resource): string | undefined => {
  const h = str(get(get(dr.root, 'spec'), 'host'));
  return h === undefined ? undefined : resolveHost(h, dr.ns);
};

function subsetNames(dr: Resource): Set<string> {
  return new Set(
    items(get(get(dr.root, 'spec'), 'subsets'))
      .map(s => str(get(s, 'name')))
      .filter((s): s is string => !!s),
  );
}

function subsetNotFound({ index, report, warn }: RuleCtx): void {
  const drs = index.of('DestinationRule');
  const byNs = new Map<string, Resource[]>();
  for (const dr of drs) byNs.set(dr.ns, [...(byNs.get(dr.ns) ?? []), dr]);
  /** The DestinationRule a client in `client` uses for `host`, per level: exact beats wildcard. */
  const lookup = (client: string, host: string): { dr?: Resource; exactLater?: Resource } => {
    const levels = [client, hostNamespace(host), ROOT_NS].filter((n, i, a): n is string => !!n && a.indexOf(n) === i);
    let chosen: Resource | undefined;
    for (const level of levels) {
      const visible = (byNs.get(level) ?? []).filter(dr => visibleTo(exportSet(dr), client));
      const exact = visible.filter(dr => drHost(dr) === host);
      const wild = visible.filter(dr => {
        const h = drHost(dr);
        return h === '*' || (h?.startsWith('*.') && host.endsWith(h.slice(1)));
      });
      if (!chosen && exact.length > 0) {
        if (exact.length > 1 && new Set(exact.map(d => [...subsetNames(d)].sort().join())).size > 1) {
          warn(`${client} -> ${host}: duplicate DestinationRules define different subsets`);
        }
        return { dr: exact[0] };
      }
      if (!chosen && wild.length > 0) chosen = wild[0];
      else if (chosen && exact.length > 0) return { dr: chosen, exactLater: exact[0] };
    }
    return { dr: chosen };
  };
  const defines = (client: string, host: string, subset: string, file: string): boolean => {
    const { dr, exactLater } = lookup(client, host);
    const defined = dr ? subsetNames(dr).has(subset) : false;
    if (exactLater && subsetNames(exactLater).has(subset) !== defined) {
      warn(`${file}: subset ${subset} of ${host} depends on whether a wildcard DR shadows a later exact one`);
    }
    return defined;
  };
  for (const vs of index.of('VirtualService')) {
    const clients = consumers(index, vs);
    for (const d of destinations(vs)) {
      const subset = str(d.subset);
      if (subset === undefined) continue;
      const host = resolveHost(str(d.host)!, vs.ns);
      // The client is the VirtualService's namespace; an analyzer may instead take every namespace
      // that applies the VirtualService. The corpus must not depend on the choice.
      const own = defines(vs.ns, host, subset, vs.file);
      const everyClient = [...clients].every(c => defines(c, host, subset, vs.file));
      if (own !== everyClient)
        warn(
          `${vs.file}: subset ${subset} of ${host} resolves differently for the namespaces applying the VirtualService`,
        );
      if (!own) report('subset-not-found', vs, d.subset);
    }
  }
}

/**
 * Namespaces whose proxies apply a VirtualService: those with workloads it is exported to (mesh),
 * and for each Gateway, its namespace and the namespaces of the pods it selects.
 */
function consumers(index: MeshIndex, vs: Resource): Set<string> {
  const out = new Set([vs.ns]);
  const spec = get(vs.root, 'spec');
  const refs = strings(get(spec, 'gateways'));
  for (const ref of !refs || refs.length === 0 ? ['mesh'] : refs) {
    if (ref === 'mesh') {
      const vis = exportSet(vs);
      for (const [ns, list] of index.workloads) if (list.length > 0 && visibleTo(vis, ns)) out.add(ns);
      continue;
    }
    const gw = index.gateways.get(ref.includes('/') ? ref : `${vs.ns}/${ref}`);
    if (!gw) continue;
    out.add(gw.ns);
    const selector = stringMap(get(get(gw.root, 'spec'), 'selector')) ?? {};
    for (const [ns, list] of index.workloads) if (list.some(w => matches(selector, w.labels))) out.add(ns);
  }
  return out;
}

function destinationRuleIgnored({ index, report }: RuleCtx): void {
  for (const dr of index.of('DestinationRule')) {
    const host = drHost(dr);
    if (!host || dr.ns === ROOT_NS || (index.workloads.get(dr.ns)?.length ?? 0) > 0) continue;
    const owners =
      hostNamespace(host) !== undefined ? [hostNamespace(host)!] : [...(index.serviceEntryHosts.get(host) ?? [])];
    if (owners.includes(dr.ns)) continue;
    report('destination-rule-ignored', dr, get(get(dr.root, 'spec'), 'host'));
  }
}

function gatewayRules({ index, report, warn }: RuleCtx): void {
  for (const vs of index.of('VirtualService')) {
    const spec = get(vs.root, 'spec');
    for (const g of items(get(spec, 'gateways'))) {
      const ref = str(g);
      if (!ref || ref === 'mesh') continue;
      const key = ref.includes('/') ? ref : `${vs.ns}/${ref}`;
      const gw = index.gateways.get(key);
      if (!gw) {
        report('gateway-not-found', vs, g);
        continue;
      }
      for (const h of items(get(spec, 'hosts'))) {
        const host = str(h);
        if (host && !gatewayAccepts(gw, vs.ns, host, warn)) report('gateway-host-mismatch', vs, h);
      }
    }
  }
}

function gatewayAccepts(gw: Resource, vsNs: string, host: string, warn: (m: string) => void): boolean {
  for (const server of items(get(get(gw.root, 'spec'), 'servers'))) {
    for (const entry of strings(get(server, 'hosts')) ?? []) {
      const [ns, h] = entry.includes('/') ? (entry.split('/', 2) as [string, string]) : ['*', entry];
      const nsOk = ns === '*' || (ns === '.' ? vsNs === gw.ns : ns === vsNs);
      if (!nsOk) continue;
      if (h === '*' || h === host) return true;
      if (h.startsWith('*.') && host.endsWith(h.slice(1))) {
        if (host.slice(0, -h.length + 1).includes('.')) warn(`${gw.name}: "${h}" matches multi-label "${host}"`);
        return true;
      }
    }
  }
  return false;
}

function hostNotFound({ index, report, warn }: RuleCtx): void {
  for (const vs of index.of('VirtualService')) {
    for (const d of destinations(vs)) {
      const host = resolveHost(str(d.host)!, vs.ns);
      if (index.knownHost(host)) continue;
      const ns = hostNamespace(host);
      if (ns === undefined) warn(`${vs.file}: external destination ${host} has no ServiceEntry`);
      else if (index.serviceNamespaces.has(ns)) {
        if (d.mirror) warn(`${vs.file}: unknown mirror host ${host}`);
        else report('host-not-found', vs, d.host);
      }
    }
  }
}

function duplicateDestinationRule({ index, report }: RuleCtx): void {
  const groups = new Map<string, Resource[]>();
  for (const dr of index.of('DestinationRule')) {
    if (get(get(dr.root, 'spec'), 'workloadSelector')) continue;
    const key = `${dr.ns}|${drHost(dr)}`;
    groups.set(key, [...(groups.get(key) ?? []), dr]);
  }
  for (const group of groups.values()) {
    if (group.length > 1)
      for (const dr of group) report('duplicate-destination-rule', dr, get(get(dr.root, 'spec'), 'host'));
  }
}

function conflictingVirtualService({ index, report }: RuleCtx): void {
  const claims = new Map<string, Array<{ vs: Resource; node: unknown; vis: Visibility }>>();
  for (const vs of index.of('VirtualService')) {
    const spec = get(vs.root, 'spec');
    const refs = strings(get(spec, 'gateways'));
    const gateways =
      !refs || refs.length === 0 ? ['mesh'] : refs.map(r => (r === 'mesh' || r.includes('/') ? r : `${vs.ns}/${r}`));
    const vis = exportSet(vs);
    for (const h of items(get(spec, 'hosts'))) {
      const host = str(h);
      if (!host) continue;
      for (const gw of new Set(gateways)) {
        const key = `${gw}|${resolveHost(host, vs.ns)}`;
        claims.set(key, [...(claims.get(key) ?? []), { vs, node: h, vis }]);
      }
    }
  }
  const reported = new Set<unknown>();
  for (const group of claims.values()) {
    for (const a of group) {
      if (reported.has(a.node)) continue;
      if (group.some(b => b.vs !== a.vs && overlaps(a.vis, b.vis))) {
        reported.add(a.node);
        report('conflicting-virtual-service', a.vs, a.node);
      }
    }
  }
}

function multipleSidecars({ index, report }: RuleCtx): void {
  const byNs = new Map<string, Resource[]>();
  for (const sc of index.of('Sidecar')) {
    if (get(get(sc.root, 'spec'), 'workloadSelector')) continue;
    byNs.set(sc.ns, [...(byNs.get(sc.ns) ?? []), sc]);
  }
  for (const list of byNs.values()) {
    if (list.length > 1)
      for (const sc of list) report('multiple-namespace-sidecars', sc, get(get(sc.root, 'metadata'), 'name'));
  }
}

function mtlsConflict({ index, report, warn }: RuleCtx): void {
  const strict = (ns: string, withSelectors: boolean): boolean =>
    index.of('PeerAuthentication').some(pa => {
      const spec = get(pa.root, 'spec');
      if (pa.ns !== ns || (!withSelectors && get(spec, 'selector'))) return false;
      return str(get(get(spec, 'mtls'), 'mode')) === 'STRICT';
    });
  const meshStrict = strict(ROOT_NS, false);
  for (const dr of index.of('DestinationRule')) {
    const host = drHost(dr);
    if (!host || !index.services.has(host)) continue;
    const tp = get(get(dr.root, 'spec'), 'trafficPolicy');
    const modes = [
      get(get(tp, 'tls'), 'mode'),
      ...items(get(tp, 'portLevelSettings')).map(p => get(get(p, 'tls'), 'mode')),
    ];
    const ns = hostNamespace(host)!;
    const isStrict = meshStrict || strict(ns, false);
    for (const mode of modes) {
      const m = str(mode);
      if (m !== 'DISABLE' && m !== 'SIMPLE') continue;
      if (isStrict) report('mtls-conflict', dr, mode);
      else if (strict(ns, true))
        warn(`${dr.file}: ${m} for ${host} where only a workload-level PeerAuthentication is STRICT`);
    }
  }
}

function selectorMatchesNothing({ index, report, warn }: RuleCtx): void {
  const all = [...index.workloads.values()].flat();
  const check = (
    res: Resource,
    parent: unknown,
    key: string,
    selector: Record<string, string> | undefined,
    anyNs: boolean,
  ): void => {
    if (!selector) return;
    const pool = anyNs ? all : (index.workloads.get(res.ns) ?? []);
    if (pool.length === 0) return;
    const byPod = pool.some(w => matches(selector, w.labels));
    const byMeta = pool.some(w => matches(selector, w.metaLabels));
    const byDeployment = pool.some(w => w.res.kind === 'Deployment' && matches(selector, w.labels));
    if (byPod !== byMeta || byPod !== byDeployment)
      warn(`${res.file}: selector outcome depends on which labels/kinds count`);
    if (!byPod) report('selector-matches-nothing', res, keyNode(parent, key));
  };
  for (const kind of ['AuthorizationPolicy', 'PeerAuthentication', 'RequestAuthentication', 'Telemetry']) {
    for (const res of index.of(kind)) {
      const sel = get(get(res.root, 'spec'), 'selector');
      check(res, sel, 'matchLabels', stringMap(get(sel, 'matchLabels')), false);
    }
  }
  for (const res of index.of('Sidecar')) {
    const ws = get(get(res.root, 'spec'), 'workloadSelector');
    check(res, ws, 'labels', stringMap(get(ws, 'labels')), false);
  }
  for (const res of index.of('Gateway')) {
    const spec = get(res.root, 'spec');
    check(res, spec, 'selector', stringMap(get(spec, 'selector')), true);
  }
}
