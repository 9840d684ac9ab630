import { asMap, get, getPath } from '../parse/access';
import { isTemplatedString } from '../parse/helm';
import type { YMap, YNode, YPair, YScalar } from '../parse/types';
import { WORKLOAD_KINDS } from '../model/kinds';
import { isIstioDomain, type NameKind } from './catalog';

/** One `annotations:` or `labels:` map of an object, with the kind its names must go on. */
export interface NameSite {
  readonly which: NameKind;
  readonly map: YMap;
  /** The object's kind, or `Pod` for the pod template of a workload. */
  readonly kind: string;
  /** The map is in a workload's pod template (`spec.template.metadata`). */
  readonly template: boolean;
  /** The path of the `metadata` holding the map, from the object's root. */
  readonly metadataPath: readonly string[];
}

/**
 * Kinds whose annotations and labels the annotation rules judge: every Istio kind (`*`), the
 * workloads (their own metadata and their pod template) and the Kubernetes kinds Istio reads
 * names from. Other kinds are not summarised, so nothing is said about them.
 */
export const ANNOTATED_KINDS: readonly string[] = ['*', ...WORKLOAD_KINDS, 'Service', 'Namespace', 'ServiceAccount'];

/** The Kubernetes kinds of ANNOTATED_KINDS, for rules with nothing to say about Istio resources. */
export const KUBERNETES_ANNOTATED_KINDS: readonly string[] = ANNOTATED_KINDS.filter(k => k !== '*');

/** The metadata path of a workload's pod template; undefined for kinds without one (and for Pods). */
export function podTemplateMetadataPath(kind: string): readonly string[] | undefined {
  if (kind === 'CronJob') return CRONJOB_TEMPLATE_METADATA;
  if (WORKLOAD_KINDS.has(kind) && kind !== 'Pod') return TEMPLATE_METADATA;
  return undefined;
}

/**
 * The path of a workload's pod: empty for a Pod (the object itself), its pod template for the
 * other workload kinds; undefined for kinds without pods.
 */
export function podPath(kind: string): readonly string[] | undefined {
  if (kind === 'Pod') return POD;
  if (kind === 'CronJob') return CRONJOB_TEMPLATE;
  if (WORKLOAD_KINDS.has(kind)) return TEMPLATE;
  return undefined;
}

// Shared, frozen: asked for every workload by the summary and several rules.
const POD: readonly string[] = Object.freeze([]);
const CRONJOB_TEMPLATE: readonly string[] = Object.freeze(['spec', 'jobTemplate', 'spec', 'template']);
const TEMPLATE: readonly string[] = Object.freeze(['spec', 'template']);
const CRONJOB_TEMPLATE_METADATA: readonly string[] = Object.freeze([...CRONJOB_TEMPLATE, 'metadata']);
const TEMPLATE_METADATA: readonly string[] = Object.freeze([...TEMPLATE, 'metadata']);

/**
 * The annotation and label maps of an object and of its pod template, as written. Several rules
 * ask for the same object's sites: they are found once per tree.
 */
export function nameSites(kind: string, node: YNode): readonly NameSite[] {
  // Rules run one object after another: remembering the last object is enough (and, unlike a
  // WeakMap over every object, costs the garbage collector nothing).
  if (node !== lastSitesNode) {
    lastSitesNode = node;
    lastSites = findSites(kind, node);
  }
  return lastSites;
}

let lastSitesNode: YNode | undefined;
let lastSites: readonly NameSite[] = [];

function findSites(kind: string, node: YNode): NameSite[] {
  const out: NameSite[] = [];
  addSites(out, node, METADATA, kind, false);
  const template = podTemplateMetadataPath(kind);
  if (template) addSites(out, node, template, 'Pod', true);
  return out;
}

const METADATA: readonly string[] = Object.freeze(['metadata']);

function addSites(
  out: NameSite[],
  node: YNode,
  metadataPath: readonly string[],
  namesKind: string,
  template: boolean,
): void {
  const metadata = getPath(node, metadataPath);
  if (!metadata) return;
  const annotations = asMap(get(metadata, 'annotations'));
  if (annotations) out.push({ which: 'annotation', map: annotations, kind: namesKind, template, metadataPath });
  const labels = asMap(get(metadata, 'labels'));
  if (labels) out.push({ which: 'label', map: labels, kind: namesKind, template, metadataPath });
}

/**
 * Where a names map at `path` (from a document's root) belongs: the kind its names go on, or
 * undefined when the path is not an annotations or labels map of this kind. For completion and
 * hover, which know a path and a kind but have no tree.
 */
export function siteAt(
  kind: string,
  path: readonly (string | number)[],
): { which: NameKind; kind: string; template: boolean } | undefined {
  const last = path[path.length - 1];
  const which = last === 'annotations' ? 'annotation' : last === 'labels' ? 'label' : undefined;
  if (!which) return undefined;
  const metadata = path.slice(0, -1);
  if (same(metadata, ['metadata'])) return { which, kind, template: false };
  const template = podTemplateMetadataPath(kind);
  if (template && same(metadata, template)) return { which, kind: 'Pod', template: true };
  return undefined;
}

function same(a: readonly (string | number)[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/** One name of a site as written: its key scalar and its value node. */
export interface SiteEntry {
  readonly name: string;
  readonly key: YScalar;
  readonly pair: YPair;
}

/** An entry in Istio's domains, with its site. */
export interface IstioEntry {
  readonly site: NameSite;
  readonly entry: SiteEntry;
}

/**
 * The entries in Istio's domains (`istio.io`, `*.istio.io`) of an object's sites, read once per
 * tree: the annotation rules all start from them, and most objects have none.
 */
export function istioEntries(kind: string, node: YNode): readonly IstioEntry[] {
  let list = node === lastEntriesNode ? lastEntries : undefined;
  if (!list) {
    const found: IstioEntry[] = [];
    for (const site of nameSites(kind, node)) {
      for (const pair of site.map.items) {
        const key = pair.key;
        if (key?.kind !== 'scalar' || typeof key.value !== 'string') continue;
        // A cheap test first: most names are not Istio's.
        if (!key.value.includes('istio.io/') || !isIstioDomain(key.value) || isTemplatedString(key.value)) continue;
        found.push({ site, entry: { name: key.value, key, pair } });
      }
    }
    list = found.length > 0 ? found : NO_ENTRIES;
    lastEntriesNode = node;
    lastEntries = list;
  }
  return list;
}

let lastEntriesNode: YNode | undefined;
let lastEntries: readonly IstioEntry[] = [];

const NO_ENTRIES: readonly IstioEntry[] = [];

/**
 * Whether a file's text mentions Istio's domains at all (no Istio name can be in it otherwise).
 * Asked for every object of the file by several rules: the answer for the last text is kept.
 */
export function mentionsIstioNames(text: string): boolean {
  if (text !== lastText) {
    lastText = text;
    lastAnswer = text.includes('istio.io/');
  }
  return lastAnswer;
}

let lastText = '';
let lastAnswer = false;
