import { type Corpus, type Resource, get, items, str, stringMap, strings } from './load';

export const ROOT_NS = 'istio-system';
const SUFFIX = '.svc.cluster.local';
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod']);

export interface Workload {
  readonly res: Resource;
  /** Pod labels (the template's). */
  readonly labels: Record<string, string>;
  /** The workload object's own labels, to flag selectors whose outcome depends on which is used. */
  readonly metaLabels: Record<string, string>;
}

/** Lookups the rules share: services, hosts, workloads, and Istio resources by kind. */
export class MeshIndex {
  readonly services = new Set<string>();
  readonly serviceNamespaces = new Set<string>();
  readonly serviceEntryHosts = new Map<string, Set<string>>();
  readonly workloads = new Map<string, Workload[]>();
  readonly gateways = new Map<string, Resource>();
  readonly byKind = new Map<string, Resource[]>();

  constructor(corpus: Corpus) {
    for (const res of corpus.resources) {
      const list = this.byKind.get(res.kind) ?? [];
      list.push(res);
      this.byKind.set(res.kind, list);
      const spec = get(res.root, 'spec');
      if (res.kind === 'Service' && res.apiVersion === 'v1') {
        this.services.add(`${res.name}.${res.ns}${SUFFIX}`);
        this.serviceNamespaces.add(res.ns);
      } else if (res.kind === 'ServiceEntry') {
        for (const h of strings(get(spec, 'hosts')) ?? []) {
          const set = this.serviceEntryHosts.get(h) ?? new Set<string>();
          set.add(res.ns);
          this.serviceEntryHosts.set(h, set);
        }
      } else if (res.kind === 'Gateway') {
        this.gateways.set(`${res.ns}/${res.name}`, res);
      } else if (WORKLOAD_KINDS.has(res.kind)) {
        const template =
          res.kind === 'Pod'
            ? res.root
            : res.kind === 'CronJob'
              ? get(get(get(spec, 'jobTemplate'), 'spec'), 'template')
              : get(spec, 'template');
        const list2 = this.workloads.get(res.ns) ?? [];
        list2.push({
          res,
          labels: stringMap(get(get(template, 'metadata'), 'labels')) ?? {},
          metaLabels: stringMap(get(get(res.root, 'metadata'), 'labels')) ?? {},
        });
        this.workloads.set(res.ns, list2);
      }
    }
  }

  of(kind: string): Resource[] {
    return this.byKind.get(kind) ?? [];
  }

  /** Whether a host is known: a Service, or a ServiceEntry host (exact or wildcard). */
  knownHost(host: string): boolean {
    if (this.services.has(host) || this.serviceEntryHosts.has(host)) return true;
    for (const h of this.serviceEntryHosts.keys()) if (h.startsWith('*.') && host.endsWith(h.slice(1))) return true;
    return false;
  }
}

/** Short names resolve in the given namespace; anything with a dot is taken as written. */
export function resolveHost(host: string, ns: string): string {
  return host.includes('.') || host.startsWith('*') ? host : `${host}.${ns}${SUFFIX}`;
}

/** The namespace of a cluster-local FQDN. */
export function hostNamespace(host: string): string | undefined {
  if (!host.endsWith(SUFFIX)) return undefined;
  const parts = host.slice(0, -SUFFIX.length).split('.');
  return parts.length === 2 ? parts[1] : undefined;
}

export type Visibility = 'all' | Set<string>;

export function exportSet(res: Resource): Visibility {
  const list = strings(get(get(res.root, 'spec'), 'exportTo'));
  if (!list || list.length === 0 || list.includes('*')) return 'all';
  return new Set(list.map(e => (e === '.' ? res.ns : e)));
}

export function visibleTo(v: Visibility, ns: string): boolean {
  return v === 'all' || v.has(ns);
}

export function overlaps(a: Visibility, b: Visibility): boolean {
  if (a === 'all') return b === 'all' || b.size > 0;
  if (b === 'all') return a.size > 0;
  for (const x of a) if (b.has(x)) return true;
  return false;
}

export function matches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** Route destinations of a VirtualService: [host node, subset node | undefined, kind]. */
export function destinations(vs: Resource): Array<{ host: unknown; subset: unknown; mirror: boolean }> {
  const spec = get(vs.root, 'spec');
  const out: Array<{ host: unknown; subset: unknown; mirror: boolean }> = [];
  for (const section of ['http', 'tcp', 'tls']) {
    for (const route of items(get(spec, section))) {
      for (const r of items(get(route, 'route'))) {
        const d = get(r, 'destination');
        out.push({ host: get(d, 'host'), subset: get(d, 'subset'), mirror: false });
      }
      const mirror = get(route, 'mirror');
      if (mirror) out.push({ host: get(mirror, 'host'), subset: get(mirror, 'subset'), mirror: true });
      for (const m of items(get(route, 'mirrors'))) {
        const d = get(m, 'destination');
        out.push({ host: get(d, 'host'), subset: get(d, 'subset'), mirror: true });
      }
    }
  }
  return out.filter(d => str(d.host) !== undefined);
}
