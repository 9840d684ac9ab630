import { asMap, entries, get, items, mapHasTemplates, str, stringMap } from '../parse/access';
import { hidesTemplatedContent } from '../parse/helm';
import type { ParsedDocument, YNode } from '../parse/types';
import { isGatewayApiGroup } from './gatewayApi';
import { isIstioGroup, splitApiVersion, WORKLOAD_KINDS } from './kinds';
import type { Resource, ResourceFields } from './types';
import { extractNetworking } from './extract/networking';
import { extractPolicy } from './extract/policy';
import { extractKubernetes } from './extract/kubernetes';
import { extractKustomization, isKustomizationFile } from './extract/kustomization';
import { extractMeshConfig } from './extract/meshConfig';
import { extractAmbient } from './extract/ambient';
import { extractGatewayApi } from './extract/gatewayApi';
import { extractPods } from './extract/pods';
import { extractIstioPolicies } from './extract/istioPolicies';

export type { ResourceFields } from './types';

const KUBERNETES_KINDS = new Set(['Service', 'Namespace', 'ServiceAccount', ...WORKLOAD_KINDS]);
const SUPPRESS_ANNOTATION = 'galley.istio.io/analyze-suppress';

/**
 * Summarises every object a document holds that matters to Istio semantics: Istio and Gateway API resources,
 * the Kubernetes kinds selectors and hosts refer to, kustomizations and mesh configuration.
 * `kind: List` documents contribute one resource per item.
 */
export function summarizeDocument(file: string, doc: ParsedDocument, text?: string): SummarizedObject[] {
  const root = asMap(doc.root);
  if (!root) return [];
  const out: SummarizedObject[] = [];
  const kind = str(get(root, 'kind'))?.value;
  if (kind && kind.endsWith('List') && get(root, 'items')) {
    items(get(root, 'items')).forEach((item, i) => {
      const resource = summarizeObject(file, doc, item, i, text);
      if (resource) out.push({ resource, node: item });
    });
    return out;
  }
  const resource = summarizeObject(file, doc, root, undefined, text);
  if (resource) out.push({ resource, node: root });
  return out;
}

/** A summary together with the YAML node it was taken from (for single-resource rules). */
export interface SummarizedObject {
  readonly resource: Resource;
  readonly node: YNode;
}

function summarizeObject(
  file: string,
  doc: ParsedDocument,
  node: YNode,
  itemIndex: number | undefined,
  /** The file's text: places within strings (embedded documents) are mapped with it. */
  text: string | undefined,
): Resource | undefined {
  const apiVersionStr = str(get(node, 'apiVersion'));
  const kindStr = str(get(node, 'kind'));
  const apiVersion = apiVersionStr?.value ?? '';
  const kind = kindStr?.value ?? '';
  const { group, version } = splitApiVersion(apiVersion);
  const fields: ResourceFields = {};
  if (isKustomizationFile(file, kind) && itemIndex === undefined) {
    fields.kustomization = extractKustomization(node);
  } else if (isIstioGroup(group)) {
    Object.assign(
      fields,
      extractNetworking(kind, node),
      extractPolicy(kind, node),
      extractMeshConfig(kind, node),
      extractAmbient(kind, node),
      extractIstioPolicies(kind, node),
    );
  } else if (isGatewayApiGroup(group)) {
    Object.assign(fields, extractGatewayApi(kind, node));
  } else if (group === '' || group === 'apps' || group === 'batch' || group === 'argoproj.io') {
    if (KUBERNETES_KINDS.has(kind))
      Object.assign(fields, extractKubernetes(kind, node), extractAmbient(kind, node), extractPods(kind, node, text));
    else if (kind === 'ConfigMap') Object.assign(fields, extractMeshConfig(kind, node, text));
    else return undefined;
    // Of ConfigMaps, only the mesh's (`istio`, `istio-<revision>` with `mesh`) matter to Istio.
    if (
      kind === 'ConfigMap' &&
      fields.mesh === undefined &&
      fields.meshRootNamespace === undefined &&
      !fields.meshExportTo
    )
      return undefined;
  } else {
    return undefined;
  }

  const metadata = get(node, 'metadata');
  const name = str(get(metadata, 'name'));
  const namespace = str(get(metadata, 'namespace'));
  const annotations = stringMap(get(metadata, 'annotations'));
  // Nearly no object has the annotation: no split of an empty string for each of the others.
  const suppressText = annotations[SUPPRESS_ANNOTATION];
  const suppress =
    suppressText === undefined
      ? []
      : suppressText
          .split(',')
          .map(s => s.trim())
          .filter(Boolean);
  const id = resourceId(file, doc.index, itemIndex);
  const nodeSpan = asMap(node)?.span ?? doc.span;
  return {
    id,
    file,
    docIndex: doc.index,
    itemIndex,
    span: itemIndex === undefined ? doc.span : nodeSpan,
    apiVersion,
    group,
    version,
    kind: kind || (fields.kustomization ? 'Kustomization' : ''),
    apiVersionSpan: apiVersionStr?.span,
    kindSpan: kindStr?.span,
    name: name?.value,
    nameSpan: name?.span,
    explicitNamespace: namespace?.value,
    namespaceSpan: namespace?.span,
    namespace: namespace?.value ?? '',
    labels: stringMap(get(metadata, 'labels')),
    suppress,
    incomplete: doc.templated && hasTemplatedIdentity(node, text),
    ...fields,
  };
}

/** `<file>#<document>` or `<file>#<document>.<list item>`. */
export function resourceId(file: string, docIndex: number, itemIndex: number | undefined): string {
  return itemIndex === undefined ? `${file}#${docIndex}` : `${file}#${docIndex}.${itemIndex}`;
}

/**
 * A resource is only trusted for absence checks when nothing that identifies it is templated:
 * its name and namespace, and anything in spec (which could hide a host, subset or selector),
 * including lines that are template actions only (`{{- include … | nindent 2 }}`), which leave no
 * mark in the tree. Without the file's text, only the marks of inline actions are seen.
 */
function hasTemplatedIdentity(node: YNode, text: string | undefined): boolean {
  if (mapHasTemplates(get(node, 'metadata'))) return true;
  const spec = get(node, 'spec');
  return text === undefined ? containsTemplate(spec, 0) : hidesTemplatedContent(text, spec);
}

function containsTemplate(node: YNode | undefined, depth: number): boolean {
  if (!node || depth > 64) return false;
  if (node.kind === 'scalar') return typeof node.value === 'string' && node.value.includes('\uE000');
  if (node.kind === 'seq') return node.items.some(i => containsTemplate(i ?? undefined, depth + 1));
  if (node.kind === 'map') {
    if (node.items.length === 0) return false;
    return entries(node).some(
      e => e.key.value.includes('\uE000') || containsTemplate(e.pair.value ?? undefined, depth + 1),
    );
  }
  return false;
}
