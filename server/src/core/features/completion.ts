import { gatewayApiValues } from './gatewayApiCompletion';
import { istioKind } from '../model/kinds';
import type { SchemaNode } from '../schema/node';
import type { KindInfo, SchemaRegistry } from '../schema/registry';
import { enumValueDoc, fieldDoc, kindDoc, typeLabel } from './schemaDocs';
import { referenceAt, valueTextFor, workspaceKeys, workspaceValues } from './completionValues';
import { documentInfo, type DocumentInfo } from './documentInfo';
import { yamlCursor, type YamlCursor } from './yamlCursor';
import type { Completion, CompletionContext, CompletionResult } from './completionTypes';
import { embeddedCompletion } from './embeddedFeatures';
import { istioNameCompletion } from './istioNames';
import { atDocumentStart, documentStartItems } from './documentStart';

export type { Completion, CompletionContext, CompletionKind, CompletionResult } from './completionTypes';

/**
 * Completion in an Istio document, from the schema of its apiVersion and kind and from the
 * workspace index (hosts, subsets, gateways, workload labels). The YAML around the cursor is read
 * from lines and indentation (yamlCursor.ts), so it works while the document does not parse.
 * Documents of other APIs get nothing. `trigger` is the character that triggered the request: a
 * space only asks for values (a space typed while indenting a new line must not open a list).
 */
export function completion(
  cc: CompletionContext,
  file: string,
  text: string,
  offset: number,
  trigger?: string,
): CompletionResult | undefined {
  // Inside a document written in a string (proxy.istio.io/config, the istio ConfigMap's mesh).
  const embedded = embeddedCompletion(cc, file, text, offset, trigger);
  if (embedded) return embedded;
  const cur = yamlCursor(text, offset);
  if (!cur) return undefined;
  // Istio's annotation and label names, also on Kubernetes kinds.
  const named = istioNameCompletion(text, cur, trigger);
  if (named) return named;
  if (trigger === ' ' && cur.slot === 'key') return undefined;
  const doc = documentInfo(cc, file, text, cur.doc, offset);
  const root = cur.path.length === 1 && !cur.flow ? cur.path[0] : undefined;
  if (cur.slot === 'value' && root === 'apiVersion') return done(apiVersionItems(cc.schemas, doc, cur, text));
  if (cur.slot === 'value' && root === 'kind') return done(kindItems(cc.schemas, doc, cur, text));
  // Where a new resource starts (a blank file, after `---`): its first keys and the templates.
  if (atDocumentStart(text, cur)) return done(documentStartItems(cur, cc.snippets ?? []));
  // Gateway API references are found by path, whether or not the kind's schema is loaded.
  const gatewayApi = gatewayApiValues(cc, doc, cur);
  if (gatewayApi) return gatewayApi;
  const schema = schemaOf(cc.schemas, doc, cur);
  if (!schema) return undefined;
  const ctx: ItemContext = { cc, cur, doc, version: schema.version, generic: schema.generic };
  if (cur.slot === 'key') return keySlot(ctx, schema.root);
  const node = schema.root.at(cur.path);
  if (!node) return undefined;
  if (cur.slot === 'item' && node.isObject && !node.freeForm) return keysOf(ctx, node, cur.path, false);
  return valueItems(ctx, node, cur.path);
}

interface ItemContext {
  readonly cc: CompletionContext;
  readonly cur: YamlCursor;
  readonly doc: DocumentInfo;
  readonly version: string;
  /** The document's group is known but not its kind: only top-level keys are offered. */
  readonly generic: boolean;
}

/** The metadata fields people write; the rest is filled in by the API server. */
const COMMON_METADATA = new Set(['name', 'namespace', 'labels', 'annotations']);

function done(items: Completion[] | undefined, isIncomplete = false): CompletionResult | undefined {
  return items ? { items, isIncomplete } : undefined;
}

/**
 * The schema for the document: its kind at its version (the preferred one when the apiVersion is
 * missing or not served). A document of an Istio group whose kind is not written yet gets the
 * group's top-level keys only.
 */
function schemaOf(
  schemas: SchemaRegistry,
  doc: DocumentInfo,
  cur: YamlCursor,
): { root: SchemaNode; version: string; generic: boolean } | undefined {
  const info = doc.kindInfo;
  if (info) {
    const version = doc.version && info.versions.includes(doc.version) ? doc.version : info.preferredVersion;
    return { root: schemas.rootOf(info), version, generic: false };
  }
  if (doc.group && schemas.hasGroup(doc.group) && cur.path.length === 0) {
    const any = schemas.kindsIn(doc.group)[0];
    return any ? { root: schemas.rootOf(any), version: any.preferredVersion, generic: true } : undefined;
  }
  return undefined;
}

function keySlot(ctx: ItemContext, root: SchemaNode): CompletionResult | undefined {
  const { cur } = ctx;
  const node = root.at(cur.path);
  if (!node || node.freeForm) return undefined;
  // A blank line under a list key (or at its `- ` column): new items, written with their dash.
  if (cur.under !== undefined && node.isArray) {
    const items = node.items;
    if (!items || !items.isObject)
      return done(valueItems(ctx, items ?? node, [...cur.path, 0])?.items.map(i => withDash(i, cur)));
    return keysOf(ctx, items, [...cur.path, 0], true);
  }
  if (!node.isObject) return undefined;
  return keysOf(ctx, node, cur.path, false);
}

function keysOf(
  ctx: ItemContext,
  node: SchemaNode,
  path: readonly (string | number)[],
  dash: boolean,
): CompletionResult | undefined {
  const { cur } = ctx;
  const items: Completion[] = [];
  const required = new Set(node.required);
  const atRoot = path.length === 0;
  for (const name of node.propertyNames) {
    if (cur.siblings.has(name)) continue;
    // `status` is written by the control plane; a document whose kind is not known yet has no spec to offer.
    if (atRoot && (name === 'status' || (ctx.generic && name === 'spec'))) continue;
    const child = node.property(name);
    if (!child || !child.servedIn(ctx.version)) continue;
    // A proto field name jsonpb also accepts (MeshConfig): valid, but its JSON name is the one offered.
    if (child.def['x-istio-alias-of']) continue;
    const isRequired = required.has(name) || (atRoot && name !== 'apiVersion' && name !== 'kind');
    const rank = child.deprecated
      ? 3
      : isRequired
        ? 0
        : node.title === 'ObjectMeta' && !COMMON_METADATA.has(name)
          ? 2
          : 1;
    items.push({
      label: name,
      kind: 'property',
      detail: `${typeLabel(child)}${isRequired ? ' (required)' : ''}`,
      documentation: fieldDoc(name, child, { required: isRequired, version: ctx.version, noHeading: true }),
      sortText: `${rank}${name}`,
      filterText: name,
      ...keyInsert(name, child, cur, dash, hasValueChoices(ctx, child, [...path, name])),
      deprecated: child.deprecated || undefined,
    });
  }
  const extra = workspaceKeys(ctx.cc, ctx.doc, path, cur);
  if (extra) {
    items.push(...extra.items.map(i => (dash ? withDash(i, cur) : i)));
    return { items, isIncomplete: extra.isIncomplete };
  }
  return { items, isIncomplete: false };
}

function hasValueChoices(ctx: ItemContext, node: SchemaNode, path: readonly (string | number)[]): boolean {
  if (node.enumValues || node.types.includes('boolean')) return true;
  return referenceAt(ctx.cc.schemas, ctx.doc, path) !== undefined;
}

/** What accepting a key inserts: `key: `, or `key:` and the start of its object or list below. */
function keyInsert(
  name: string,
  node: SchemaNode,
  cur: YamlCursor,
  dash: boolean,
  retrigger: boolean,
): Pick<Completion, 'edit' | 'snippet' | 'retrigger'> {
  const lead = `${cur.needsSpace ? ' ' : ''}${dash ? '- ' : ''}`;
  const span = cur.replace;
  if (cur.colonAfter) return { edit: { span, newText: `${lead}${name}` }, snippet: false };
  const isMap = node.isObject && node.propertyNames.length === 0;
  if (cur.flow) {
    if (node.isArray) return { edit: { span, newText: `${name}: [$1]` }, snippet: true };
    if (node.isObject) return { edit: { span, newText: `${name}: {$1}` }, snippet: true };
    return { edit: { span, newText: `${lead}${name}: ` }, snippet: false, retrigger: retrigger || undefined };
  }
  const keyCol = cur.column + (dash ? 2 : 0);
  if (node.isObject && !node.freeForm) {
    const stops = { n: 0 };
    const body = isMap ? [] : requiredLines(node, keyCol + 2, stops, 0, cur.seqStyle);
    const lines = body.length > 0 ? body : [`${pad(keyCol + 2)}$0`];
    return { edit: { span, newText: `${lead}${name}:\n${lines.join('\n')}` }, snippet: true };
  }
  if (node.isArray && !node.freeForm) {
    const seqCol = cur.seqStyle === 'compact' ? keyCol : keyCol + 2;
    const items = node.items;
    const stops = { n: 0 };
    const body = items && items.isObject ? requiredLines(items, seqCol + 2, stops, 0, cur.seqStyle) : [];
    const first = body.length > 0 ? `${pad(seqCol)}- ${body[0].trimStart()}` : `${pad(seqCol)}- $0`;
    return { edit: { span, newText: [`${lead}${name}:`, first, ...body.slice(1)].join('\n') }, snippet: true };
  }
  return { edit: { span, newText: `${lead}${name}: ` }, snippet: false, retrigger: retrigger || undefined };
}

/** Lines (absolute indentation) writing the required fields of an object, with tab stops. */
function requiredLines(
  node: SchemaNode,
  col: number,
  stops: { n: number },
  depth: number,
  seqStyle: 'compact' | 'indented',
): string[] {
  if (depth > 3) return [];
  const out: string[] = [];
  for (const name of node.required) {
    const child = node.property(name);
    if (!child) continue;
    if (child.isArray) {
      const seqCol = seqStyle === 'compact' ? col : col + 2;
      const items = child.items;
      const inner = items && items.isObject ? requiredLines(items, seqCol + 2, stops, depth + 1, seqStyle) : [];
      out.push(`${pad(col)}${name}:`);
      out.push(
        inner.length > 0 ? `${pad(seqCol)}- ${inner[0].trimStart()}` : `${pad(seqCol)}- $${++stops.n}`,
        ...inner.slice(1),
      );
    } else if (child.isObject && !child.freeForm) {
      const inner = child.propertyNames.length > 0 ? requiredLines(child, col + 2, stops, depth + 1, seqStyle) : [];
      out.push(`${pad(col)}${name}:`, ...(inner.length > 0 ? inner : [`${pad(col + 2)}$${++stops.n}`]));
    } else {
      out.push(`${pad(col)}${name}: ${scalarStop(child, ++stops.n)}`);
    }
  }
  return out;
}

function scalarStop(node: SchemaNode, n: number): string {
  const values = node.enumValues?.filter(v => typeof v === 'string' && /^[\w.-]+$/.test(v) && !node.deprecatedValue(v));
  if (values && values.length > 0) return `\${${n}|${values.join(',')}|}`;
  if (node.types.includes('boolean')) return `\${${n}|true,false|}`;
  return `$${n}`;
}

function valueItems(
  ctx: ItemContext,
  node: SchemaNode,
  path: readonly (string | number)[],
): CompletionResult | undefined {
  const { cur } = ctx;
  const fromIndex = workspaceValues(ctx.cc, ctx.doc, cur, path);
  if (fromIndex) return fromIndex;
  const items: Completion[] = [];
  const values = node.enumValues ?? (node.types.includes('boolean') ? [true, false] : undefined);
  if (!values) return undefined;
  values.forEach((v, i) => {
    const s = String(v);
    const dep = typeof v === 'string' ? node.deprecatedValue(v) : undefined;
    // `UNSPECIFIED`/`*_UNSPECIFIED` is proto's zero value: never what one means to write, so last and not preselected.
    const unspecified = /(^|_)UNSPECIFIED$/.test(s);
    const isDefault = node.defaultValue === v && !unspecified;
    items.push({
      label: s,
      kind: 'enum',
      detail: isDefault
        ? 'default'
        : dep
          ? `deprecated${dep.replacement ? `: use ${dep.replacement}` : ''}`
          : undefined,
      documentation: enumValueDoc(node, s),
      sortText: `${unspecified ? 3 : dep ? 2 : isDefault ? 0 : 1}${String(i).padStart(3, '0')}`,
      filterText: s,
      edit: { span: cur.replace, newText: valueTextFor(s, cur) },
      snippet: false,
      deprecated: dep ? true : undefined,
    });
  });
  return { items, isIncomplete: false };
}

function withDash(item: Completion, cur: YamlCursor): Completion {
  const lead = cur.needsSpace ? ' ' : '';
  const text = item.edit.newText.startsWith(' ') ? item.edit.newText.slice(1) : item.edit.newText;
  return { ...item, edit: { span: item.edit.span, newText: `${lead}- ${text}` } };
}

// --- apiVersion and kind -------------------------------------------------------------------

function apiVersionItems(
  schemas: SchemaRegistry,
  doc: DocumentInfo,
  cur: YamlCursor,
  text: string,
): Completion[] | undefined {
  const kinds = doc.kind ? schemas.kinds.filter(k => k.kind === doc.kind) : schemas.kinds;
  if (doc.kind && kinds.length === 0) return undefined;
  const candidates = new Map<string, { deprecated: boolean; kinds: KindInfo[] }>();
  for (const k of kinds) {
    for (const v of k.versions) {
      const apiVersion = `${k.group}/${v}`;
      const entry = candidates.get(apiVersion) ?? { deprecated: true, kinds: [] };
      // Without a kind, a version is deprecated only when no kind of the group prefers it.
      if (v === k.preferredVersion) entry.deprecated = false;
      entry.kinds.push(k);
      candidates.set(apiVersion, entry);
    }
  }
  const alone = text.slice(cur.doc.start, cur.doc.end).trim().split('\n').length === 1;
  if (
    !doc.kind &&
    !alone &&
    !looksIstio(text) &&
    ![...candidates.keys()].some(a => cur.prefix.length > 0 && a.startsWith(cur.prefix))
  )
    return undefined;
  return [...candidates].map(([apiVersion, { deprecated, kinds: served }]) => {
    const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
    const since = doc.kind ? istioKind(served[0].group, served[0].kind)?.v1Since : undefined;
    const rank = deprecated ? 3 : version === 'v1' ? 0 : /beta/.test(version) ? 1 : 2;
    return {
      label: apiVersion,
      kind: 'apiVersion' as const,
      detail: deprecated
        ? `deprecated: ${served[0].kind} prefers ${served[0].group}/${served[0].preferredVersion}`
        : doc.kind
          ? `${doc.kind}${since && version === 'v1' ? ` (Istio ${since}+)` : ''}`
          : served
              .filter(k => k.versions.includes(version))
              .map(k => k.kind)
              .join(', '),
      documentation: doc.kind ? kindDoc(served[0], version) : `Kinds: ${served.map(k => k.kind).join(', ')}`,
      sortText: `${rank}${apiVersion}`,
      filterText: apiVersion,
      edit: { span: cur.replace, newText: valueTextFor(apiVersion, cur) },
      snippet: false,
      deprecated: deprecated || undefined,
    };
  });
}

function kindItems(
  schemas: SchemaRegistry,
  doc: DocumentInfo,
  cur: YamlCursor,
  text: string,
): Completion[] | undefined {
  let kinds: KindInfo[];
  if (doc.group) {
    if (!schemas.hasGroup(doc.group)) return undefined;
    kinds = schemas.kindsIn(doc.group).filter(k => !doc.version || k.versions.includes(doc.version));
  } else {
    kinds = [...schemas.kinds];
    if (!looksIstio(text) && !kinds.some(k => cur.prefix.length > 0 && k.kind.startsWith(cur.prefix))) return undefined;
  }
  return kinds.map(k => {
    const deprecated = !!doc.version && doc.version !== k.preferredVersion;
    return {
      label: k.kind,
      kind: 'kind' as const,
      detail: deprecated ? `${k.group}/${doc.version} is superseded by ${k.preferredVersion}` : k.group,
      documentation: kindDoc(k, doc.version),
      sortText: `${deprecated ? 1 : 0}${k.kind}`,
      filterText: k.kind,
      edit: { span: cur.replace, newText: valueTextFor(k.kind, cur) },
      snippet: false,
      deprecated: deprecated || undefined,
    };
  });
}

/** The text names an Istio or Gateway API group: apiVersion and kind lists are for it. */
function looksIstio(text: string): boolean {
  return text.includes('.istio.io/') || text.includes('gateway.networking.k8s.io/');
}

function pad(n: number): string {
  return ' '.repeat(Math.max(0, n));
}
