import { isServiceRef, parentKind } from '../index/references';
import type { Tables } from '../index/tables';
import { GATEWAY_API_GROUP, GATEWAY_CLASS_KIND_KEY, GATEWAY_KIND_KEY, ROUTE_KINDS } from '../model/gatewayApi';
import { WAYPOINT_GATEWAY_CLASS } from '../model/ambient';
import { isIstioGroup } from '../model/kinds';
import type { Resource } from '../model/types';
import type { Completion, CompletionContext, CompletionResult } from './completionTypes';
import { quoteIfNeeded, valueTextFor } from './completionValues';
import type { DocumentInfo } from './documentInfo';
import { describeListener } from './gatewayApiHover';
import type { PathStep } from './nodeAt';
import type { YamlCursor } from './yamlCursor';
import { unquote } from './yamlText';
import { fileRef } from './fileRefs';

/**
 * Completion values of Gateway API documents that only the workspace knows, read by path (so
 * they work whether or not a schema for the kind is loaded): parentRef names (Gateways; Services
 * for mesh routes), sectionNames and ports of the parent's listeners, route hostnames from the
 * parent listeners, backendRef Services and their ports, ReferenceGrant `from` namespaces and
 * `to` names, gatewayClassName, and policy targetRefs.
 */
export function gatewayApiValues(
  cc: CompletionContext,
  doc: DocumentInfo,
  cur: YamlCursor,
): CompletionResult | undefined {
  if (cur.slot === 'key' || !doc.group) return undefined;
  const path = cur.path;
  const sibling = (key: string) => {
    const v = cur.siblings.get(key);
    return v === undefined || v === '' ? undefined : unquote(v);
  };
  const list = new ItemList(cur);
  if (doc.group === GATEWAY_API_GROUP) {
    if (doc.kind && ROUTE_KINDS.includes(doc.kind)) {
      if (matches(path, ['spec', 'parentRefs', 0, 'name'])) parentNames(cc, doc, list, sibling);
      else if (matches(path, ['spec', 'parentRefs', 0, 'sectionName'])) listenerNames(cc, doc, list, sibling);
      else if (matches(path, ['spec', 'parentRefs', 0, 'port'])) parentPorts(cc, doc, list, sibling);
      else if (matches(path, ['spec', 'parentRefs', 0, 'namespace'])) gatewayNamespaces(cc, list, sibling('name'));
      else if (matches(path, ['spec', 'hostnames', 0])) hostnames(cc, doc, list);
      else if (isBackendRef(path, 'name')) services(cc, doc, list, sibling('namespace'), true);
      else if (isBackendRef(path, 'port'))
        servicePorts(cc, list, sibling('namespace') ?? doc.namespace, sibling('name'));
      else if (isBackendRef(path, 'namespace')) serviceNamespaces(cc, list, sibling('name'));
      else return undefined;
    } else if (doc.kind === 'ReferenceGrant') {
      if (matches(path, ['spec', 'from', 0, 'namespace'])) grantFromNamespaces(cc, doc, list);
      else if (matches(path, ['spec', 'from', 0, 'kind']))
        list.fixed(['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute', 'Gateway'], 'kind that refers');
      else if (matches(path, ['spec', 'from', 0, 'group']))
        list.fixed([GATEWAY_API_GROUP], 'group of routes and Gateways');
      else if (matches(path, ['spec', 'to', 0, 'kind'])) list.fixed(['Service', 'Secret'], 'kind referred to');
      else if (matches(path, ['spec', 'to', 0, 'group'])) list.fixed([''], 'the core group (Services, Secrets)');
      else if (matches(path, ['spec', 'to', 0, 'name']) && (sibling('kind') ?? 'Service') === 'Service')
        services(cc, { ...doc }, list, doc.namespace, false);
      else return undefined;
    } else if (doc.kind === 'Gateway' && matches(path, ['spec', 'gatewayClassName'])) {
      gatewayClasses(cc, list);
    } else if (doc.kind === 'BackendTLSPolicy' && matches(path, ['spec', 'targetRefs', 0, 'name'])) {
      services(cc, doc, list, doc.namespace, false);
    } else return undefined;
    return list.result();
  }
  if (isIstioGroup(doc.group) && matches(path, ['spec', 'targetRefs', 0, 'name'])) {
    const kind = sibling('kind');
    if (kind === 'Service') services(cc, doc, list, doc.namespace, false);
    else if (kind === 'Gateway') gatewaysIn(cc, list, doc.namespace);
    else if (kind === 'GatewayClass') gatewayClasses(cc, list);
    else return undefined;
    return list.result();
  }
  return undefined;
}

const MAX_ITEMS = 200;

/** A path with 0 standing for any list index. */
function matches(path: readonly PathStep[], pattern: readonly PathStep[]): boolean {
  return (
    path.length === pattern.length && pattern.every((p, i) => (p === 0 ? typeof path[i] === 'number' : p === path[i]))
  );
}

/** `rules[].backendRefs[].x`, and a RequestMirror filter's `backendRef.x` (on a rule or a backend). */
function isBackendRef(path: readonly PathStep[], field: string): boolean {
  return (
    matches(path, ['spec', 'rules', 0, 'backendRefs', 0, field]) ||
    matches(path, ['spec', 'rules', 0, 'filters', 0, 'requestMirror', 'backendRef', field]) ||
    matches(path, ['spec', 'rules', 0, 'backendRefs', 0, 'filters', 0, 'requestMirror', 'backendRef', field])
  );
}

/** Collects completions, filtered by the typed prefix and capped. */
class ItemList {
  private readonly items: Completion[] = [];
  private readonly seen = new Set<string>();
  private more = false;

  constructor(private readonly cur: YamlCursor) {}

  add(
    label: string,
    detail: string,
    documentation: string,
    rank: number,
    extra?: { key: string; value: string }[],
  ): void {
    const prefix = this.cur.prefix.toLowerCase();
    if (prefix && !label.toLowerCase().includes(prefix)) return;
    const key = `${label}|${(extra ?? []).map(e => e.value).join('|')}`;
    if (this.seen.has(key)) return;
    if (this.items.length >= MAX_ITEMS) {
      this.more = true;
      return;
    }
    this.seen.add(key);
    this.items.push({
      label:
        extra && extra.length > 0 ? `${label} (${extra.map(e => `${e.key}: ${e.value || '""'}`).join(', ')})` : label,
      kind: 'reference',
      detail,
      documentation,
      sortText: `${rank}${String(this.items.length).padStart(4, '0')}`,
      filterText: label,
      edit: { span: this.cur.replace, newText: this.textFor(label, extra ?? []) },
      snippet: false,
    });
  }

  fixed(values: readonly string[], detail: string): void {
    values.forEach(v => this.add(v === '' ? '""' : v, detail, `\`${v === '' ? '""' : v}\``, 0));
  }

  /** The value, and sibling keys it needs (`namespace:` for another namespace's Gateway) on the next lines or after a comma. */
  private textFor(value: string, extra: readonly { key: string; value: string }[]): string {
    const first = valueTextFor(value, this.cur);
    if (extra.length === 0 || this.cur.quote) return first;
    const rest = extra.map(e => `${e.key}: ${e.value === '' ? '""' : quoteIfNeeded(e.value)}`);
    if (this.cur.flow) return `${first}, ${rest.join(', ')}`;
    return [first, ...rest.map(r => `${' '.repeat(this.cur.column)}${r}`)].join('\n');
  }

  result(): CompletionResult {
    return { items: this.items, isIncomplete: this.more };
  }
}

// --- parentRefs -----------------------------------------------------------------------------

function parentNames(
  cc: CompletionContext,
  doc: DocumentInfo,
  list: ItemList,
  sibling: (key: string) => string | undefined,
): void {
  const kind = sibling('kind');
  const namespace = sibling('namespace');
  if (kind === 'Service') {
    services(cc, doc, list, namespace ?? doc.namespace, false);
    return;
  }
  if (kind !== undefined && kind !== 'Gateway') return;
  if (namespace) {
    gatewaysIn(cc, list, namespace);
    return;
  }
  const tables = cc.index.tables;
  for (const gw of tables.byKindNs.get(`${GATEWAY_KIND_KEY}|${doc.namespace}`))
    if (gw.name) list.add(gw.name, `Gateway ${gw.namespace}/${gw.name}`, gatewayDoc(gw), 0);
  for (const gw of tables.byKind.get(GATEWAY_KIND_KEY))
    if (gw.name && gw.namespace !== doc.namespace)
      list.add(gw.name, `Gateway ${gw.namespace}/${gw.name}`, gatewayDoc(gw), 1, [
        { key: 'namespace', value: gw.namespace },
      ]);
  // A mesh route (GAMMA) attaches to a Service of its namespace.
  if (kind === undefined && sibling('group') === undefined)
    for (const svc of tables.byKindNs.get(`Service|${doc.namespace}`))
      if (svc.name)
        list.add(svc.name, `Service ${svc.namespace}/${svc.name} (mesh route)`, serviceDoc(svc), 2, [
          { key: 'group', value: '' },
          { key: 'kind', value: 'Service' },
        ]);
}

function gatewaysIn(cc: CompletionContext, list: ItemList, namespace: string): void {
  for (const gw of cc.index.tables.byKindNs.get(`${GATEWAY_KIND_KEY}|${namespace}`))
    if (gw.name) list.add(gw.name, `Gateway ${gw.namespace}/${gw.name}`, gatewayDoc(gw), 0);
}

/** The Gateways a parentRef entry names through its `name` and `namespace` siblings. */
function parentGateways(
  cc: CompletionContext,
  doc: DocumentInfo,
  sibling: (key: string) => string | undefined,
): Resource[] {
  const name = sibling('name');
  if (!name) return [];
  return [...cc.index.tables.kubeGateways.get(`${sibling('namespace') ?? doc.namespace}/${name}`)];
}

function listenerNames(
  cc: CompletionContext,
  doc: DocumentInfo,
  list: ItemList,
  sibling: (key: string) => string | undefined,
): void {
  for (const gw of parentGateways(cc, doc, sibling))
    for (const l of gw.listeners ?? [])
      if (l.name)
        list.add(
          l.name.value,
          `${l.protocol ?? '?'} ${l.port ?? '?'}${l.hostname ? ` ${l.hostname.value}` : ''}`,
          describeListener(l, gw.namespace),
          0,
        );
}

function parentPorts(
  cc: CompletionContext,
  doc: DocumentInfo,
  list: ItemList,
  sibling: (key: string) => string | undefined,
): void {
  if (sibling('kind') === 'Service') {
    servicePorts(cc, list, sibling('namespace') ?? doc.namespace, sibling('name'));
    return;
  }
  const section = sibling('sectionName');
  for (const gw of parentGateways(cc, doc, sibling))
    for (const l of gw.listeners ?? [])
      if (l.port !== undefined && (!section || l.name?.value === section))
        list.add(
          String(l.port),
          `listener ${l.name?.value ?? '?'} (${l.protocol ?? '?'})`,
          describeListener(l, gw.namespace),
          0,
        );
}

function gatewayNamespaces(cc: CompletionContext, list: ItemList, name: string | undefined): void {
  const tables = cc.index.tables;
  const gateways = name ? tables.kubeGatewaysByName.get(name) : tables.byKind.get(GATEWAY_KIND_KEY);
  for (const gw of gateways) list.add(gw.namespace, `Gateway ${gw.namespace}/${gw.name ?? ''}`, gatewayDoc(gw), 0);
}

/** Hostnames of the listeners the route's Gateway parents have (wildcards as written). */
function hostnames(cc: CompletionContext, doc: DocumentInfo, list: ItemList): void {
  const route = doc.resource;
  for (const ref of route?.parentRefs ?? []) {
    if (parentKind(ref.group, ref.kind) !== 'Gateway') continue;
    for (const gw of cc.index.tables.kubeGateways.get(`${ref.namespace?.value ?? doc.namespace}/${ref.name.value}`))
      for (const l of gw.listeners ?? [])
        if (l.hostname && (!ref.sectionName || l.name?.value === ref.sectionName.value))
          list.add(
            l.hostname.value,
            `listener ${l.name?.value ?? '?'} of Gateway ${gw.namespace}/${gw.name ?? ''}`,
            describeListener(l, gw.namespace),
            0,
          );
  }
}

// --- Services -------------------------------------------------------------------------------

/** Services of `namespace` (the document's by default); with `elsewhere`, other namespaces' too, adding `namespace:`. */
function services(
  cc: CompletionContext,
  doc: DocumentInfo,
  list: ItemList,
  namespace: string | undefined,
  elsewhere: boolean,
): void {
  const tables = cc.index.tables;
  const ns = namespace ?? doc.namespace;
  for (const svc of tables.byKindNs.get(`Service|${ns}`))
    if (svc.name && svc.group === '') list.add(svc.name, `Service ${svc.namespace}/${svc.name}`, serviceDoc(svc), 0);
  if (!elsewhere || namespace !== undefined) return;
  for (const svc of tables.byKind.get('Service'))
    if (svc.name && svc.group === '' && svc.namespace !== ns)
      list.add(svc.name, `Service ${svc.namespace}/${svc.name}`, serviceDoc(svc), 1, [
        { key: 'namespace', value: svc.namespace },
      ]);
}

function servicePorts(cc: CompletionContext, list: ItemList, namespace: string, name: string | undefined): void {
  if (!name) return;
  for (const svc of cc.index.tables.byKindNs.get(`Service|${namespace}`)) {
    if (svc.name !== name) continue;
    for (const p of svc.ports ?? [])
      if (p.port !== undefined)
        list.add(
          String(p.port),
          `port of Service ${namespace}/${name}${p.name ? ` (${p.name.value})` : ''}`,
          serviceDoc(svc),
          0,
        );
  }
}

function serviceNamespaces(cc: CompletionContext, list: ItemList, name: string | undefined): void {
  const tables = cc.index.tables;
  const found = name ? tables.servicesByName.get(name.toLowerCase()) : tables.byKind.get('Service');
  for (const svc of found) list.add(svc.namespace, `Service ${svc.namespace}/${svc.name ?? ''}`, serviceDoc(svc), 0);
}

// --- ReferenceGrant, classes ----------------------------------------------------------------

/** Namespaces whose routes send to Services of this namespace first, then every namespace with routes. */
function grantFromNamespaces(cc: CompletionContext, doc: DocumentInfo, list: ItemList): void {
  const tables: Tables = cc.index.tables;
  const prefix = `${doc.namespace}/`;
  for (const [key, routes] of tables.routesByBackend.entries()) {
    if (!key.startsWith(prefix)) continue;
    for (const route of routes)
      if (
        route.namespace !== doc.namespace &&
        route.backendRefs?.some(b => b.namespace?.value === doc.namespace && isServiceRef(b.group, b.kind))
      )
        list.add(
          route.namespace,
          `${route.kind} ${route.namespace}/${route.name ?? ''} uses ${key}`,
          `Routes in \`${route.namespace}\` send to Services of \`${doc.namespace}\`.`,
          0,
        );
  }
  for (const kind of ROUTE_KINDS)
    for (const route of tables.byKind.get(`${GATEWAY_API_GROUP}/${kind}`))
      if (route.namespace !== doc.namespace)
        list.add(route.namespace, `namespace with ${kind}s`, `\`${route.namespace}\``, 1);
}

function gatewayClasses(cc: CompletionContext, list: ItemList): void {
  for (const c of cc.index.tables.byKind.get(GATEWAY_CLASS_KIND_KEY))
    if (c.name)
      list.add(
        c.name,
        `GatewayClass${c.controllerName ? ` (${c.controllerName})` : ''}`,
        `Defined in ${fileRef(c)}`,
        0,
      );
  list.add(
    'istio',
    "Istio's GatewayClass for ingress gateways",
    'Installed by Istio: a Gateway of this class gets a deployed gateway.',
    1,
  );
  list.add(
    WAYPOINT_GATEWAY_CLASS,
    "Istio's GatewayClass for ambient waypoints",
    'Installed by Istio with ambient mode: a Gateway of this class is a waypoint.',
    1,
  );
}

function gatewayDoc(gw: Resource): string {
  const listeners = (gw.listeners ?? []).map(l => `- ${describeListener(l, gw.namespace)}`).join('\n');
  return `**Gateway** \`${gw.namespace}/${gw.name ?? ''}\`${listeners ? `\n\n${listeners}` : ''}\n\nDefined in ${fileRef(gw)}`;
}

function serviceDoc(r: Resource): string {
  const ports = (r.ports ?? []).map(p => `${p.port ?? '?'}${p.name ? ` (${p.name.value})` : ''}`).join(', ');
  return `**Service** \`${r.namespace}/${r.name ?? ''}\`${ports ? ` · ports ${ports}` : ''}\n\nDefined in ${fileRef(r)}`;
}
