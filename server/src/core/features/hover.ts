import type { Lookup } from '../index/lookup';
import { MESH_GATEWAY } from '../model/gatewayRef';
import type { Resource, SubsetDef } from '../model/types';
import { asMap, get, str } from '../parse/access';
import { parseYamlFile } from '../parse/parseFile';
import type { Span } from '../parse/types';
import { clientNamespaces } from '../index/clientNamespaces';
import type { SchemaNode } from '../schema/node';
import type { CompletionContext } from './completionTypes';
import { nodeAt, type PathStep } from './nodeAt';
import { acrossEnvironments, mergeHovers } from './environments';
import { describeGateway, describeRuleMatch, describeSubset, labelsText } from './referenceDocs';
import { enumValueDoc, fieldDoc, kindDoc } from './schemaDocs';
import { destinationHost, gatewayOf, hostDefinitions, hostOf, subsetDefinitions, type Site } from './sites';
import { targetAt } from './target';
import { gatewayApiHover } from './gatewayApiHover';
import { embeddedHover } from './embeddedFeatures';
import { istioNameHover } from './istioNames';
import { fileRef } from './fileRefs';

export interface HoverResult {
  /** Markdown. */
  readonly contents: string;
  readonly span: Span;
}

/**
 * Hover in an Istio document. On a key: the field's type, description, allowed values, default,
 * deprecation, version gates and reference link, from the schema. On a value that names something
 * in the workspace: what it resolves to (a host's Service or ServiceEntry and the DestinationRule
 * Istio applies to it, and which step of the lookup found it; a subset's labels; a Gateway's
 * servers). On other values: the value's own documentation (enum values, kinds) and its field's.
 */
export function hover(hc: CompletionContext, file: string, text: string, offset: number): HoverResult | undefined {
  // Inside a document written in a string (proxy.istio.io/config, the istio ConfigMap's mesh).
  const embedded = embeddedHover(hc, file, text, offset);
  if (embedded) return embedded;
  const at = nodeAt(parseYamlFile(file, text), offset);
  if (!at?.scalar) return undefined;
  const object = at.itemIndex === undefined ? at.doc.root : get(at.doc.root, 'items', at.itemIndex);
  const apiVersion = str(get(object, 'apiVersion'))?.value;
  const kind = str(get(object, 'kind'))?.value;
  // Istio's annotation and label names, also on Kubernetes kinds.
  const named = istioNameHover(at, kind, at.scalar.span);
  if (named) return named;
  if (!apiVersion || !kind || !asMap(object)) return undefined;
  const schema = hc.schemas.resource(apiVersion, kind);
  const span = at.scalar.span;
  if (!schema) {
    // Without a schema (a Gateway API kind whose schema is not loaded, a Kubernetes object with an
    // istio.io/use-waypoint label), only what workspace references resolve to is known.
    const reference = at.onKey ? undefined : referenceHover(hc, file, offset);
    return reference ? { span, contents: reference } : undefined;
  }
  const path = at.path;
  const last = path[path.length - 1];
  if (at.onKey) {
    const node = schema.root.at(path);
    if (!node || typeof last !== 'string') return undefined;
    const parent = schema.root.at(path.slice(0, -1));
    return {
      span,
      contents: fieldDoc(last, node, {
        required: parent?.required.includes(last),
        version: schema.version,
        parent: parent?.title,
      }),
    };
  }
  if (path.length === 1 && (last === 'kind' || last === 'apiVersion'))
    return { span, contents: kindDoc(schema.info, schema.version) };
  // What a name resolves to depends on the environment: a shared file is described in each.
  const reference = mergeHovers(acrossEnvironments(hc, file, fc => referenceHover(fc, file, offset)));
  if (reference) return { span, contents: reference };
  const node = schema.root.at(path);
  const field = fieldOf(schema.root, path);
  if (!node || !field) return undefined;
  const value = at.scalar.value;
  const parts: string[] = [];
  if (typeof value === 'string' && node.enumValues?.includes(value)) parts.push(enumValueDoc(node, value), '---');
  parts.push(fieldDoc(field.name, field.node, { version: schema.version, parent: field.parent?.title }));
  return { span, contents: parts.join('\n\n') };
}

/** The field a value belongs to (for a list item, the list's field). */
function fieldOf(
  root: SchemaNode,
  path: readonly PathStep[],
): { name: string; node: SchemaNode; parent?: SchemaNode } | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const step = path[i];
    if (typeof step !== 'string') continue;
    const node = root.at(path.slice(0, i + 1));
    return node ? { name: step, node, parent: root.at(path.slice(0, i)) } : undefined;
  }
  return undefined;
}

function referenceHover(hc: CompletionContext, file: string, offset: number): string | undefined {
  const target = targetAt(hc, file, offset);
  if (target?.kind !== 'site') return undefined;
  const s = target.site;
  const lookup = hc.index.lookup();
  const gatewayApi = gatewayApiHover(lookup, s);
  if (gatewayApi) return gatewayApi;
  switch (s.field) {
    case 'destHost':
    case 'drHost':
      return hostHover(lookup, s);
    case 'host':
      return s.resource.kind === 'VirtualService' ? hostHover(lookup, s) : undefined;
    case 'destSubset':
      return subsetHover(lookup, s);
    case 'gateway':
    case 'matchGateway':
      return gatewayHover(lookup, s);
    default:
      return undefined;
  }
}

function hostHover(lookup: Lookup, s: Site): string {
  const host = hostOf(s) ?? s.str.value;
  const parts = [`**${s.str.value}**${host !== s.str.value ? ` → \`${host}\`` : ''}`];
  const defs = hostDefinitions(lookup, host);
  if (defs.length === 0) parts.push('No Service or ServiceEntry in the workspace defines this host.');
  else parts.push(`Defined by ${defs.map(d => definedBy(d.resource)).join('; ')}`);
  if (s.field !== 'drHost') {
    for (const ns of clientsOf(lookup, s.resource, host)) {
      parts.push(describeRuleMatch(lookup.destinationRulesFor(host, ns), host, ns));
    }
  }
  return parts.join('\n\n');
}

function definedBy(r: Resource): string {
  return `${r.kind} \`${r.name ?? ''}\` in namespace \`${r.namespace}\` (${fileRef(r)})`;
}

/** Namespaces whose proxies send the VirtualService's traffic: its own for `mesh`, its Gateways'. */
function clientsOf(lookup: Lookup, vs: Resource, host: string): string[] {
  if (vs.kind !== 'VirtualService') return [vs.namespace];
  const clients = clientNamespaces(vs, host, lookup);
  return clients.length > 0 ? clients : [vs.namespace];
}

function subsetHover(lookup: Lookup, s: Site): string {
  const host = destinationHost(s) ?? s.str.value;
  const defs = subsetDefinitions(lookup, s);
  const parts = [`**subset ${s.str.value}** of \`${host}\``];
  if (defs.length === 0) parts.push(`No DestinationRule that applies to this route defines subset \`${s.str.value}\`.`);
  // Same-named DestinationRules defining the subset alike make one block listing their files.
  const groups = new Map<string, { subset: SubsetDef; drs: Resource[] }>();
  for (const d of defs) {
    const subset = d.resource.subsets?.[d.index];
    if (!subset) continue;
    const key = `${d.resource.namespace}/${d.resource.name ?? ''}\0${labelsText(subset.labels)}`;
    const group = groups.get(key);
    if (group) group.drs.push(d.resource);
    else groups.set(key, { subset, drs: [d.resource] });
  }
  for (const { subset, drs } of groups.values()) parts.push(describeSubset(drs, subset));
  for (const ns of clientsOf(lookup, s.resource, host))
    parts.push(describeRuleMatch(lookup.destinationRulesFor(host, ns), host, ns));
  return parts.join('\n\n');
}

function gatewayHover(lookup: Lookup, s: Site): string {
  if (s.str.value === MESH_GATEWAY)
    return '**mesh** — the sidecars of every workload in the mesh (the default when `gateways` is omitted).';
  const gw = gatewayOf(s);
  if (!gw) return `\`${s.str.value}\` does not name a Gateway.`;
  const found = lookup.gateway(gw.namespace, gw.name);
  if (found.length === 0) return `No Gateway \`${gw.namespace}/${gw.name}\` in the workspace.`;
  return found.map(describeGateway).join('\n\n---\n\n');
}
