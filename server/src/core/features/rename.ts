import type { Lookup } from '../index/lookup';
import { resolveGatewayRef } from '../model/gatewayRef';
import { summarizeDocument } from '../model/summarize';
import type { Resource } from '../model/types';
import { parseYamlFile } from '../parse/parseFile';
import type { Span } from '../parse/types';
import type { FileEdit, TextEdit } from '../rules/types';
import { strOf, uniqueSites, type Site } from './sites';
import { symbolRefs, type SymbolRefs } from './symbolRefs';
import { targetAt } from './target';
import type { FeatureContext } from './types';
import { resourceIdOf } from '../index/placements';
import { inFileEnvironment } from './environments';

export type PrepareRenameResult = { readonly span: Span; readonly placeholder: string } | { readonly error: string };
export type RenameResult = { readonly edits: readonly FileEdit[] } | { readonly error: string };

/**
 * Subset, Gateway, listener and Service names as DNS-1123 labels (Istio validates subsets so; a
 * dot would make a Gateway reference parse as the legacy FQDN form, or a host a different one).
 */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

const NOT_RENAMEABLE =
  "Only a DestinationRule subset, a Gateway, a Gateway API listener or a Service can be renamed: put the cursor on a subset name, a route destination's subset, a Gateway's metadata.name, a VirtualService gateways entry, a parentRef, a sectionName, a backendRef or a Service's metadata.name.";

/** What the user calls the symbol: a Service by its name, not its host. */
function displayName(refs: SymbolRefs): string {
  return refs.kind === 'host' && refs.service ? refs.service.name : refs.name;
}

function what(refs: SymbolRefs): string {
  switch (refs.kind) {
    case 'subset':
      return 'subset';
    case 'listener':
      return 'listener';
    case 'host':
      return 'Service';
    default:
      return 'Gateway';
  }
}

/**
 * The range rename would change at the cursor, or why there is nothing to rename. For a
 * `ns/name` gateway reference the range is the name alone.
 */
export function prepareRename(fc: FeatureContext, file: string, offset: number): PrepareRenameResult {
  const found = renameTarget(fc, file, offset);
  if ('error' in found) return found;
  const text = fc.readText(file);
  const span = text === undefined ? undefined : nameSpan(text, found.site);
  if (!span) return { error: 'This name is written in a form (escapes, block scalar) that cannot be renamed safely.' };
  return { span, placeholder: displayName(found.refs) };
}

/**
 * Renames a subset (its entries in the DestinationRules and every route destination that uses it
 * through Istio's lookup), a Gateway (its metadata.name and every `gateways` entry, keeping the
 * `ns/` form each entry is written in, and for a Gateway API Gateway its parentRefs, waypoint labels
 * and targetRefs), a listener (its name and the sectionNames naming it) or a Service (its
 * metadata.name, the first label of the hosts that resolve to it, its backendRefs, parentRefs,
 * ReferenceGrant names and targetRefs), as one set of edits across files. Files are read at their
 * current text; an entry whose file changed since it was indexed fails the rename rather than
 * editing the wrong place.
 */
export function rename(fc: FeatureContext, file: string, offset: number, newName: string): RenameResult {
  const found = renameTarget(fc, file, offset);
  if ('error' in found) return found;
  const { refs } = found;
  if (!DNS_LABEL.test(newName)) {
    return {
      error: `"${newName}" is not a valid ${what(refs)} name: use lowercase letters, digits and '-', starting and ending with a letter or digit (at most 63 characters).`,
    };
  }
  if (newName === displayName(refs)) return { edits: [] };
  const clash = nameClash(inFileEnvironment(fc, file).index.lookup(), refs, newName);
  if (clash) return { error: clash };
  const byFile = new Map<string, Site[]>();
  for (const s of uniqueSites([...refs.declarations, ...refs.uses])) {
    const list = byFile.get(s.resource.file) ?? [];
    list.push(s);
    byFile.set(s.resource.file, list);
  }
  const edits: FileEdit[] = [];
  for (const [target, sites] of byFile) {
    const text = fc.readText(target);
    if (text === undefined) return { error: `Cannot read ${target}.` };
    const fresh = currentResources(target, text);
    const fileEdits: TextEdit[] = [];
    for (const s of sites) {
      const r = fresh.get(resourceIdOf(s.resource.id));
      const str = r && strOf(r, s.field, s.index);
      const span = str && str.value === s.str.value ? nameSpan(text, { ...s, str }) : undefined;
      if (!span) return { error: `${target} changed since it was indexed; try the rename again.` };
      fileEdits.push({ span, newText: newName });
    }
    edits.push({ file: target, edits: fileEdits.sort((a, b) => a.span.start - b.span.start) });
  }
  return { edits: edits.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)) };
}

function renameTarget(
  fc: FeatureContext,
  file: string,
  offset: number,
): { site: Site; refs: SymbolRefs } | { error: string } {
  const target = targetAt(fc, file, offset);
  if (target?.kind !== 'site') {
    const broken = fc.index.file(file)?.resources.some(r => r.stale && r.span.start <= offset && offset <= r.span.end);
    return { error: broken ? 'This document has YAML errors: fix them before renaming.' : NOT_RENAMEABLE };
  }
  const s = target.site;
  const refs = symbolRefs(inFileEnvironment(fc, file).index.lookup(), s);
  if (!refs) return { error: NOT_RENAMEABLE };
  // A host is renamed as its Service: only when Kubernetes Services alone define it.
  if (refs.kind === 'host' && (!refs.service || refs.declarations.some(d => d.resource.kind !== 'Service')))
    return { error: NOT_RENAMEABLE };
  if (refs.declarations.length === 0) {
    const missing =
      refs.kind === 'subset'
        ? `No DestinationRule that applies here defines subset "${refs.name}"`
        : refs.kind === 'listener'
          ? `Gateway ${refs.listener.namespace}/${refs.listener.name} has no listener "${refs.listener.listener}" in the workspace`
          : refs.kind === 'host'
            ? `Service ${refs.service?.namespace ?? '?'}/${refs.service?.name ?? '?'} is not in the workspace`
            : `Gateway ${refs.gateway.namespace}/${refs.gateway.name} is not in the workspace`;
    return { error: `${missing}, so there is nothing to rename consistently.` };
  }
  if ([...refs.declarations, ...refs.uses].some(d => d.resource.incomplete)) {
    return {
      error: `"${refs.name}" is used in Helm-templated resources whose other references cannot be seen; rename it by hand.`,
    };
  }
  return { site: s, refs };
}

/** A subset already defined in one of the rules, or a Gateway of that name in the namespace. */
function nameClash(lookup: Lookup, refs: SymbolRefs, newName: string): string | undefined {
  if (refs.kind === 'subset') {
    for (const d of refs.declarations) {
      if (d.resource.subsets?.some(s => s.name.value === newName))
        return `DestinationRule ${d.resource.namespace}/${d.resource.name ?? '?'} already defines subset "${newName}".`;
    }
  } else if (refs.kind === 'gateway' && lookup.gateway(refs.gateway.namespace, newName).length > 0) {
    return `A Gateway named ${refs.gateway.namespace}/${newName} already exists.`;
  } else if (refs.kind === 'kubeGateway' && lookup.kubeGateway(refs.gateway.namespace, newName).length > 0) {
    return `A Gateway named ${refs.gateway.namespace}/${newName} already exists.`;
  } else if (refs.kind === 'listener') {
    for (const d of refs.declarations)
      if (d.resource.listeners?.some(l => l.name?.value === newName))
        return `Gateway ${d.resource.namespace}/${d.resource.name ?? '?'} already has a listener named "${newName}".`;
  } else if (refs.kind === 'host' && refs.service) {
    if (lookup.kubernetesServices(refs.service.namespace, newName).length > 0)
      return `A Service named ${refs.service.namespace}/${newName} already exists.`;
  }
  return undefined;
}

/**
 * The span of the name inside a written value: without quotes, and for a gateway reference
 * without its `ns/` prefix or legacy `.ns…` suffix. Undefined when the source text does not
 * spell the value plainly (escape sequences, block scalars).
 */
function nameSpan(text: string, s: Site): Span | undefined {
  const { value, span } = s.str;
  let start = span.start;
  const raw = text.slice(span.start, span.end);
  if (raw !== value) {
    const quote = raw[0];
    if ((quote !== '"' && quote !== "'") || raw[raw.length - 1] !== quote || raw.slice(1, -1) !== value)
      return undefined;
    start += 1;
  }
  if (s.field === 'gateway' || s.field === 'matchGateway') {
    const ref = resolveGatewayRef(value, s.resource.namespace);
    if (!ref) return undefined;
    return { start: start + ref.nameOffset, end: start + ref.nameOffset + ref.name.length };
  }
  // A host renamed as its Service: the name is the first label (`reviews` or `reviews.ns.svc…`).
  if (s.field === 'destHost' || s.field === 'drHost' || (s.field === 'host' && s.resource.kind !== 'ServiceEntry')) {
    const dot = value.indexOf('.');
    return { start, end: start + (dot === -1 ? value.length : dot) };
  }
  return { start, end: start + value.length };
}

/** Summaries of the file's current text by id (namespaces are not needed to place names). */
function currentResources(file: string, text: string): Map<string, Resource> {
  const out = new Map<string, Resource>();
  for (const doc of parseYamlFile(file, text).docs)
    for (const o of summarizeDocument(file, doc, text)) out.set(o.resource.id, o.resource);
  return out;
}
