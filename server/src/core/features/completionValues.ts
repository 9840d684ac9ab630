import { MESH_GATEWAY } from '../model/gatewayRef';
import { GATEWAY_KIND_KEY } from '../model/gatewayApi';
import { resolveHost } from '../model/hosts';
import type { Resource } from '../model/types';
import type { SchemaRegistry } from '../schema/registry';
import type { Completion, CompletionContext, CompletionResult } from './completionTypes';
import type { DocumentInfo } from './documentInfo';
import { acrossEnvironments, mergeCompletions } from './environments';
import { describeGateway, describeRuleMatch, describeSubset } from './referenceDocs';
import { clientNamespaces } from '../index/clientNamespaces';
import type { YamlCursor } from './yamlCursor';
import { unquote } from './yamlText';
import { fileRef } from './fileRefs';

/**
 * Completion values only the workspace knows: hosts, the subsets of the DestinationRule Istio
 * would apply, Gateways and workload labels. Everything is read from the index tables (never by
 * scanning files), and long lists are cut to MAX_ITEMS with `isIncomplete`, so a 60k-resource
 * workspace answers as fast as a small one.
 */

export type ReferenceKind = 'host' | 'subset' | 'gateway' | 'labelKey' | 'labelValue';

export interface Reference {
  readonly kind: ReferenceKind;
  /** For label values: the label key. */
  readonly labelKey?: string;
}

const MAX_ITEMS = 200;
const SERVICE_SUFFIX = '.svc.cluster.local';

/** Maps of workload labels that select pods: by the message holding them and the field name. */
const LABEL_MAPS: Readonly<Record<string, string>> = {
  'type.WorkloadSelector': 'matchLabels',
  'networking.WorkloadSelector': 'labels',
  'networking.Gateway': 'selector',
};

const GATEWAY_LISTS = new Set([
  'networking.VirtualService',
  'networking.HTTPMatchRequest',
  'networking.L4MatchAttributes',
  'networking.TLSMatchAttributes',
]);

/** Kinds whose selector in the mesh root namespace applies to workloads of every namespace. */
const MESH_WIDE_IN_ROOT = new Set([
  'AuthorizationPolicy',
  'PeerAuthentication',
  'RequestAuthentication',
  'Telemetry',
  'EnvoyFilter',
  'WasmPlugin',
  'ProxyConfig',
  'Sidecar',
]);

/** The workspace reference the value at `path` is, if any (`host`, `subset`, `gateways[]`, a selector label). */
export function referenceAt(
  schemas: SchemaRegistry,
  doc: DocumentInfo,
  path: readonly (string | number)[],
): Reference | undefined {
  if (!doc.kindInfo || path.length === 0) return undefined;
  const root = schemas.rootOf(doc.kindInfo);
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const field = path[path.length - 2];
    const holder = root.at(path.slice(0, -2))?.message;
    if (field === 'gateways' && holder && GATEWAY_LISTS.has(holder)) return { kind: 'gateway' };
    if (field === 'hosts' && holder === 'networking.VirtualService') return { kind: 'host' };
    return undefined;
  }
  const holder = root.at(path.slice(0, -1));
  const message = holder?.message;
  if (last === 'host' && (message === 'networking.Destination' || message === 'networking.DestinationRule'))
    return { kind: 'host' };
  if (last === 'subset' && message === 'networking.Destination') return { kind: 'subset' };
  if (message && LABEL_MAPS[message] === last) return { kind: 'labelKey' };
  const mapField = path[path.length - 2];
  const mapHolder = root.at(path.slice(0, -2))?.message;
  if (typeof mapField === 'string' && mapHolder && LABEL_MAPS[mapHolder] === mapField)
    return { kind: 'labelValue', labelKey: last };
  return undefined;
}

/**
 * Values for the cursor's value or list item, when it is a workspace reference: from the
 * document's environment, or from each environment a shared file is applied to.
 */
export function workspaceValues(
  cc: CompletionContext,
  doc: DocumentInfo,
  cur: YamlCursor,
  path: readonly (string | number)[] = cur.path,
): CompletionResult | undefined {
  return mergeCompletions(acrossEnvironments(cc, doc.resource?.file, c => valuesIn(c, doc, cur, path)));
}

function valuesIn(
  cc: CompletionContext,
  doc: DocumentInfo,
  cur: YamlCursor,
  path: readonly (string | number)[],
): CompletionResult | undefined {
  const ref = referenceAt(cc.schemas, doc, path);
  if (!ref) return undefined;
  switch (ref.kind) {
    case 'host':
      return hostItems(cc, doc, cur);
    case 'subset':
      return subsetItems(cc, doc, cur);
    case 'gateway':
      return gatewayItems(cc, doc, cur);
    case 'labelValue':
      return labelValueItems(cc, doc, cur, ref.labelKey ?? '');
    default:
      return undefined;
  }
}

/** `key: value` labels of the workloads a selector map at `path` can select (per environment, as values). */
export function workspaceKeys(
  cc: CompletionContext,
  doc: DocumentInfo,
  path: readonly (string | number)[],
  cur: YamlCursor,
): CompletionResult | undefined {
  return mergeCompletions(acrossEnvironments(cc, doc.resource?.file, c => keysIn(c, doc, path, cur)));
}

function keysIn(
  cc: CompletionContext,
  doc: DocumentInfo,
  path: readonly (string | number)[],
  cur: YamlCursor,
): CompletionResult | undefined {
  if (referenceAt(cc.schemas, doc, path)?.kind !== 'labelKey') return undefined;
  const all = sortedPairs(workloadLabels(cc, doc));
  const pairs: LabelPair[] = [];
  let more = false;
  for (const p of all) {
    if (cur.siblings.has(p.key)) continue;
    if (pairs.length >= MAX_ITEMS) {
      more = true;
      break;
    }
    pairs.push(p);
  }
  const items = pairs.map((p, i): Completion => {
    const value = quoteIfNeeded(p.value);
    const label = `${p.key}: ${p.value}`;
    return {
      label,
      kind: 'label',
      detail: `${p.count} workload${p.count === 1 ? '' : 's'} in ${scopeOf(cc, doc)}`,
      documentation: `Pod label of ${p.count} workload${p.count === 1 ? '' : 's'} in ${scopeOf(cc, doc)}.`,
      sortText: `0${String(i).padStart(4, '0')}`,
      filterText: label,
      edit: {
        span: cur.replace,
        newText: cur.flow ? `${p.key}: ${value}` : `${cur.needsSpace ? ' ' : ''}${p.key}: ${value}`,
      },
      snippet: false,
    };
  });
  return { items, isIncomplete: more };
}

interface LabelPair {
  readonly key: string;
  readonly value: string;
  readonly count: number;
}

const SORTED_PAIRS = new WeakMap<LabelCounts, readonly LabelPair[]>();

/** Label pairs, most used first; ties keep the index order (by namespace and resource id), so it is stable. */
function sortedPairs(labels: LabelCounts): readonly LabelPair[] {
  let pairs = SORTED_PAIRS.get(labels);
  if (!pairs) {
    const list: LabelPair[] = [];
    for (const [key, values] of labels) for (const [value, count] of values) list.push({ key, value, count });
    pairs = list.sort((a, b) => b.count - a.count);
    SORTED_PAIRS.set(labels, pairs);
  }
  return pairs;
}

// --- hosts ---------------------------------------------------------------------------------

function hostItems(cc: CompletionContext, doc: DocumentInfo, cur: YamlCursor): CompletionResult {
  const tables = cc.index.tables;
  const ns = doc.namespace;
  const prefix = cur.prefix.toLowerCase();
  const seen = new Set<string>();
  const items: Completion[] = [];
  let more = false;
  // Host keys of the tables are lower case already (resolveHost); only Service names need lowering.
  const matches = (label: string) => !prefix || label.includes(prefix);
  /** Adds a host (details computed for listed items only); false once the list is full. */
  const add = (
    label: string,
    resolved: string,
    describe: () => { rank: number; detail: string; documentation: string },
  ): boolean => {
    if (!matches(label) || seen.has(resolved)) return true;
    if (items.length >= MAX_ITEMS) {
      more = true;
      return false;
    }
    seen.add(resolved);
    const { rank, detail, documentation } = describe();
    items.push({
      label,
      kind: 'reference',
      detail,
      documentation,
      sortText: `${rank}${label}`,
      filterText: label,
      edit: { span: cur.replace, newText: valueTextFor(label, cur) },
      snippet: false,
    });
    return true;
  };
  // Host keys of the index tables are plain strings: walking 15k of them is cheap, dereferencing
  // 15k resources is not, so providers are looked up only for the hosts listed.
  const provided = (host: string, fallbackRank: number) => () => {
    const r = tables.services.get(host)[0] ?? tables.serviceWildcards.get(host)[0];
    const rank = r?.kind === 'Service' ? 3 : r ? 1 : fallbackRank;
    return {
      rank,
      detail: r ? `${r.kind} ${r.namespace}/${r.name ?? ''}` : 'host',
      documentation: r ? serviceDoc(r) : `\`${host}\``,
    };
  };
  const fill = (): void => {
    for (const s of tables.byKindNs.get(`Service|${ns}`)) {
      if (
        s.name &&
        !add(s.name.toLowerCase(), resolveHost(s.name, ns), () => ({
          rank: 0,
          detail: `Service ${ns}/${s.name}`,
          documentation: serviceDoc(s),
        }))
      )
        return;
    }
    for (const host of tables.serviceWildcards.keys()) if (!add(host, host, provided(host, 1))) return;
    for (const host of tables.services.keys()) if (!add(host, host, provided(host, 1))) return;
    for (const host of tables.drsByHost.keys()) {
      if (host.endsWith(SERVICE_SUFFIX)) continue;
      const describe = () => {
        const dr = tables.drsByHost.get(host)[0];
        return {
          rank: 2,
          detail: `DestinationRule ${dr?.namespace}/${dr?.name ?? ''}`,
          documentation: `Host of the DestinationRule \`${dr?.namespace}/${dr?.name ?? ''}\` (${dr ? fileRef(dr) : ''}).`,
        };
      };
      if (!add(host, host, describe)) return;
    }
  };
  fill();
  return { items, isIncomplete: more };
}

function serviceDoc(r: Resource): string {
  const ports = (r.ports ?? []).map(p => `${p.port ?? '?'}${p.name ? ` (${p.name.value})` : ''}`).join(', ');
  const hosts =
    r.kind === 'ServiceEntry'
      ? `\n\nHosts: ${(r.hosts ?? []).map(h => `\`${h.value}\``).join(', ')}${r.location ? ` · ${r.location}` : ''}`
      : '';
  return `**${r.kind}** \`${r.namespace}/${r.name ?? ''}\`${ports ? ` · ports ${ports}` : ''}${hosts}\n\nDefined in ${fileRef(r)}`;
}

// --- subsets -------------------------------------------------------------------------------

function subsetItems(cc: CompletionContext, doc: DocumentInfo, cur: YamlCursor): CompletionResult | undefined {
  const written = cur.siblings.get('host');
  if (!written) return undefined;
  const host = resolveHost(unquote(written), doc.namespace);
  const lookup = cc.index.lookup();
  // Istio looks the DestinationRule up from each client's namespace: the VirtualService's own for
  // the mesh (first), its Gateways' namespaces, and namespaces that route through it.
  const vs = doc.resource?.kind === 'VirtualService' ? doc.resource : undefined;
  const clients = vs ? clientNamespaces(vs, host, lookup) : [];
  const namespaces = [doc.namespace, ...clients.filter(ns => ns !== doc.namespace)];
  if (vs && !clients.includes(doc.namespace) && clients.length > 0) namespaces.shift();
  const items: Completion[] = [];
  namespaces.forEach((ns, rank) => {
    const match = lookup.destinationRulesFor(host, ns);
    for (const dr of match?.rules ?? []) {
      for (const s of dr.subsets ?? []) {
        if (items.some(i => i.label === s.name.value)) continue;
        items.push({
          label: s.name.value,
          kind: 'reference',
          detail: `DestinationRule ${dr.namespace}/${dr.name ?? ''}${ns === doc.namespace ? '' : ` (clients in ${ns})`}`,
          documentation: `${describeSubset(dr, s)}\n\n${describeRuleMatch(match, host, ns)}`,
          sortText: `${Math.min(rank, 1)}${String(items.length).padStart(3, '0')}`,
          filterText: s.name.value,
          edit: { span: cur.replace, newText: valueTextFor(s.name.value, cur) },
          snippet: false,
        });
      }
    }
  });
  return { items, isIncomplete: false };
}

// --- gateways ------------------------------------------------------------------------------

function gatewayItems(cc: CompletionContext, doc: DocumentInfo, cur: YamlCursor): CompletionResult {
  const prefix = cur.prefix.toLowerCase();
  const items: Completion[] = [
    {
      label: MESH_GATEWAY,
      kind: 'reference',
      detail: 'the sidecars of the mesh',
      documentation:
        '`mesh` binds the routes to every sidecar in the mesh (the default when `gateways` is omitted). List it next to Gateways to apply the routes both at the gateways and inside the mesh.',
      sortText: '0mesh',
      filterText: MESH_GATEWAY,
      edit: { span: cur.replace, newText: valueTextFor(MESH_GATEWAY, cur) },
      snippet: false,
    },
  ];
  let more = false;
  // Gateway API Gateways may be named too: istioctl analyze accepts them.
  const gateways = [...cc.index.tables.byKind.get('Gateway'), ...cc.index.tables.byKind.get(GATEWAY_KIND_KEY)];
  for (const gw of gateways) {
    if (!gw.name) continue;
    const label = `${gw.namespace}/${gw.name}`;
    if (prefix && !label.toLowerCase().includes(prefix)) continue;
    if (items.length > MAX_ITEMS) {
      more = true;
      break;
    }
    items.push({
      label,
      kind: 'reference',
      detail: `Gateway${gw.listeners ? ' (gateway.networking.k8s.io)' : ''}${gw.namespace === doc.namespace ? ' (this namespace)' : ''}`,
      documentation: gw.listeners ? `Gateway API Gateway \`${label}\` (${fileRef(gw)})` : describeGateway(gw),
      sortText: `${gw.namespace === doc.namespace ? 1 : 2}${label}`,
      filterText: label,
      edit: { span: cur.replace, newText: valueTextFor(label, cur) },
      snippet: false,
    });
  }
  return { items, isIncomplete: more };
}

// --- labels --------------------------------------------------------------------------------

function labelValueItems(cc: CompletionContext, doc: DocumentInfo, cur: YamlCursor, key: string): CompletionResult {
  const values = workloadLabels(cc, doc).get(key) ?? new Map<string, number>();
  const sorted = [...values].sort((a, b) => b[1] - a[1]);
  const items = sorted.slice(0, MAX_ITEMS).map(([value, count], i): Completion => ({
    label: value,
    kind: 'label',
    detail: `${count} workload${count === 1 ? '' : 's'}`,
    documentation: `Value of the pod label \`${key}\` on ${count} workload${count === 1 ? '' : 's'} in ${scopeOf(cc, doc)}.`,
    sortText: `0${String(i).padStart(4, '0')}`,
    filterText: value,
    edit: { span: cur.replace, newText: valueTextFor(value, cur) },
    snippet: false,
  }));
  return { items, isIncomplete: sorted.length > MAX_ITEMS };
}

type LabelCounts = Map<string, Map<string, number>>;

/** Label key -> value -> number of workloads, for the workloads the document's selector can match. */
function workloadLabels(cc: CompletionContext, doc: DocumentInfo): LabelCounts {
  const tables = cc.index.tables;
  if (!selectsAnywhere(cc, doc)) return namespaceLabels(tables, doc.namespace);
  const parts = [...tables.workloads.keys()].sort().map(ns => namespaceLabels(tables, ns));
  const cache = cacheOf(tables);
  if (cache.all && cache.all.parts.length === parts.length && cache.all.parts.every((p, i) => p === parts[i]))
    return cache.all.labels;
  const labels: LabelCounts = new Map();
  for (const part of parts) {
    for (const [k, values] of part) {
      let into = labels.get(k);
      if (!into) labels.set(k, (into = new Map()));
      for (const [v, n] of values) into.set(v, (into.get(v) ?? 0) + n);
    }
  }
  cache.all = { parts, labels };
  return labels;
}

/**
 * Per index and namespace, the label counts of its workloads, reused while the namespace's
 * workload list holds the same resources (summaries are replaced, never mutated, when a file
 * changes): reading the labels of thousands of workloads on every keystroke would not fit the
 * request budget, comparing the list's references does.
 */
interface LabelCache {
  readonly byNamespace: Map<string, { readonly list: readonly Resource[]; readonly labels: LabelCounts }>;
  all?: { readonly parts: readonly LabelCounts[]; readonly labels: LabelCounts };
}

const LABEL_CACHES = new WeakMap<object, LabelCache>();

function cacheOf(tables: object): LabelCache {
  let cache = LABEL_CACHES.get(tables);
  if (!cache) LABEL_CACHES.set(tables, (cache = { byNamespace: new Map() }));
  return cache;
}

function namespaceLabels(tables: CompletionContext['index']['tables'], ns: string): LabelCounts {
  const list = tables.workloads.get(ns);
  const cache = cacheOf(tables);
  const cached = cache.byNamespace.get(ns);
  if (cached && cached.list.length === list.length && cached.list.every((r, i) => r === list[i])) return cached.labels;
  const labels: LabelCounts = new Map();
  for (const w of list) {
    const pod = w.podLabels;
    if (!pod) continue;
    for (const k in pod) {
      const v = pod[k];
      let values = labels.get(k);
      if (!values) labels.set(k, (values = new Map()));
      values.set(v, (values.get(v) ?? 0) + 1);
    }
  }
  cache.byNamespace.set(ns, { list: list.slice(), labels });
  return labels;
}

function selectsAnywhere(cc: CompletionContext, doc: DocumentInfo): boolean {
  return (
    doc.kind === 'Gateway' ||
    (!!doc.kind && MESH_WIDE_IN_ROOT.has(doc.kind) && doc.namespace === cc.index.rootNamespace)
  );
}

function scopeOf(cc: CompletionContext, doc: DocumentInfo): string {
  return selectsAnywhere(cc, doc) ? 'the workspace' : `namespace ${doc.namespace}`;
}

/** A scalar as it can be written at the cursor: a leading space after `:`, quotes where YAML needs them. */
export function valueTextFor(value: string, cur: YamlCursor): string {
  if (cur.quote) return value;
  return `${cur.needsSpace ? ' ' : ''}${quoteIfNeeded(value)}`;
}

/** Quotes what YAML would read as something else (`*.example.com` is an alias, `1.0` a number). */
export function quoteIfNeeded(value: string): string {
  return value === '' ||
    /^[*&!|>%@`'"{[\]},#?:-]/.test(value) ||
    /: |\s#|[,[\]{}]/.test(value) ||
    /^(true|false|null|~|yes|no|on|off|[-+]?[\d.]+)$/i.test(value)
    ? JSON.stringify(value)
    : value;
}
