import { PROFILES } from '../annotations/names.gen';
import { WORKLOAD_KINDS } from '../model/kinds';
import { asScalar, get, keyText } from '../parse/access';
import { isTemplatedString } from '../parse/helm';
import type { Span, YNode } from '../parse/types';
import { didYouMean } from '../rules/support/distance';
import { replaceScalar } from '../rules/support/yamlEdit';
import type { Fix, LocalRuleContext, TextEdit } from '../rules/types';
import type { SchemaNode } from '../schema/node';
import { validateResource } from '../schema/validate';
import { embeddedDocuments, isMapped, mayEmbed, PROXY_CONFIG_ANNOTATION, type EmbeddedDocument } from './documents';

/**
 * The `schema` and `deprecated-field` rules' share of the mesh configuration: documents embedded
 * in strings (the `proxy.istio.io/config` annotation, the `istio` ConfigMap's `mesh`) validated
 * against the schemas generated from Istio's protos, and an IstioOperator's `profile`. (Its
 * `spec.meshConfig` is part of the IstioOperator schema itself; see schema/embedded.ts.)
 */

/** Kinds the hooks below look at, besides the Istio kinds. */
export const EMBEDDING_KINDS: readonly string[] = [...WORKLOAD_KINDS, 'ConfigMap'];

/** For the `schema` rule: schema problems inside embedded documents, and the IstioOperator profile. */
export function checkEmbeddedSchemas(ctx: LocalRuleContext): void {
  const r = ctx.resource;
  if (r.kind === 'IstioOperator' && r.group === 'install.istio.io') checkProfile(ctx);
  if (!ctx.schemas || !mayEmbed(r.kind) || r.group === 'install.istio.io' || !mayHoldDocument(ctx)) return;
  for (const doc of embeddedDocuments(r.kind, ctx.node, ctx.text)) {
    const schema = ctx.schemas.embedded(doc.kind);
    if (!schema) continue;
    const firstError = doc.errors[0];
    if (firstError) {
      ctx.report({
        span: isMapped(firstError.span) ? firstError.span : doc.key.span,
        messageId: 'embeddedSyntax',
        data: { name: doc.name, problem: firstError.message.replace(/\s+at line \d+, column \d+:?[\s\S]*$/, '') },
      });
      continue;
    }
    const root = doc.root;
    if (!root || (root.kind === 'scalar' && root.value === null)) continue;
    if (root.kind !== 'map') {
      ctx.report({ span: doc.key.span, messageId: 'embeddedNotMap', data: { name: doc.name, kind: doc.kind } });
      continue;
    }
    validateResource(root, schema, 'v1alpha1', ctx.text, p => {
      if (!isMapped(p.span)) return;
      const fix = p.fix && mappedFix(ctx, doc, p.fix);
      ctx.report({ span: p.span, messageId: p.id, data: p.data, fixes: fix ? [fix] : undefined });
    });
  }
}

/**
 * A fix computed inside an embedded document applies to the file only where the document is the
 * file's text verbatim (a block scalar) and the edit stays on one line.
 */
function mappedFix(
  ctx: LocalRuleContext,
  doc: EmbeddedDocument,
  fix: { readonly title: string; readonly span: Span; readonly newText: string },
): Fix | undefined {
  if (!doc.text.verbatim || !isMapped(fix.span) || fix.newText.includes('\n')) return undefined;
  if (ctx.text.slice(fix.span.start, fix.span.end).includes('\n')) return undefined;
  const edit: TextEdit = { span: fix.span, newText: fix.newText };
  return { title: fix.title, isPreferred: true, edits: [{ file: ctx.resource.file, edits: [edit] }] };
}

/** `profile` must name one of istioctl's profiles, or a profile file. */
function checkProfile(ctx: LocalRuleContext): void {
  const node = asScalar(get(ctx.node, 'spec', 'profile'));
  if (!node || typeof node.value !== 'string' || isTemplatedString(node.value)) return;
  const value = node.value;
  if (PROFILES.includes(value) || value === '' || /[/\\]|\.ya?ml$/.test(value)) return;
  const best = PROFILES.find(p => p.toLowerCase() === value.toLowerCase()) ?? didYouMean(value, PROFILES);
  ctx.report({
    span: node.span,
    messageId: 'unknownProfile',
    data: { value, profiles: PROFILES.join(', '), hint: best ? ` Did you mean '${best}'?` : '' },
    fixes: best
      ? [
          {
            title: `Replace with ${best}`,
            isPreferred: true,
            edits: [{ file: ctx.resource.file, edits: [replaceScalar(node, best)] }],
          },
        ]
      : undefined,
  });
}

/**
 * For `deprecated-field`: fields the mesh schemas mark deprecated (proto options, `Deprecated:`
 * notes, Istio's legacy tracing settings), in embedded documents and in an IstioOperator's
 * `spec.meshConfig`. Reported on the key, with the schema's advice.
 */
export function checkEmbeddedDeprecations(ctx: LocalRuleContext): void {
  const schemas = ctx.schemas;
  const r = ctx.resource;
  if (!schemas) return;
  if (r.kind === 'IstioOperator' && r.group === 'install.istio.io') {
    const mesh = schemas.embedded('MeshConfig');
    const meshConfig = get(ctx.node, 'spec', 'meshConfig');
    if (mesh && meshConfig) walkDeprecated(ctx, meshConfig, mesh, 'meshConfig', 0);
    return;
  }
  if (!mayEmbed(r.kind) || !mayHoldDocument(ctx)) return;
  for (const doc of embeddedDocuments(r.kind, ctx.node, ctx.text)) {
    const schema = schemas.embedded(doc.kind);
    if (schema && doc.root && doc.errors.length === 0) walkDeprecated(ctx, doc.root, schema, doc.name, 0);
  }
}

function walkDeprecated(
  ctx: LocalRuleContext,
  node: YNode | null,
  schema: SchemaNode,
  path: string,
  depth: number,
): void {
  if (!node || depth > 50 || schema.freeForm) return;
  if (node.kind === 'seq') {
    const items = schema.items;
    if (items) for (const item of node.items) walkDeprecated(ctx, item, items, `${path}[]`, depth + 1);
    return;
  }
  if (node.kind !== 'map') return;
  for (const pair of node.items) {
    const key = keyText(pair);
    const keyNode = asScalar(pair.key);
    if (key === undefined || !keyNode) continue;
    const child = schema.property(key);
    if (!child) continue;
    if (child.deprecated && isMapped(keyNode.span)) {
      ctx.report({
        span: keyNode.span,
        messageId: 'meshDeprecated',
        data: { field: `${path}.${key}`, advice: child.deprecationMessage ?? `${key} is deprecated.` },
        tags: ['deprecated'],
      });
    }
    walkDeprecated(ctx, pair.value, child, `${path}.${key}`, depth + 1);
  }
}

/** Most workloads hold no embedded document: the file's text says so before any tree is walked. */
function mayHoldDocument(ctx: LocalRuleContext): boolean {
  if (ctx.resource.kind === 'ConfigMap') return true;
  // Asked for every workload of a file, by two rules: the answer for the last text is kept.
  if (ctx.text !== lastText) {
    lastText = ctx.text;
    lastAnswer = ctx.text.includes(PROXY_CONFIG_ANNOTATION);
  }
  return lastAnswer;
}

let lastText = '';
let lastAnswer = false;
