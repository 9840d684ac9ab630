import { asScalar, asSeq, get, items, num, str, strValue } from '../parse/access';
import type { YNode } from '../parse/types';
import { checkEmbeddedDeprecations, EMBEDDING_KINDS } from '../embedded/check';
import { compareReleases } from '../model/kinds';
import { ownPair, removePair, renameKey, replacePair } from './support/edits';
import { policyLevels } from './support/trafficPolicy';
import { replaceScalar } from './support/yamlEdit';
import type { Fix, LocalRule, LocalRuleContext, TextEdit } from './types';

/**
 * Fields Istio still accepts but has replaced. Some are silently ignored by current releases
 * (`consecutiveErrors` is no longer read by the cluster builder: Envoy's default of 5 consecutive
 * 5xx applies instead of the written threshold); the others work but are gone from the docs and
 * from v1 examples, and mixing them with their replacement is rejected.
 */
export const rule: LocalRule = {
  id: 'deprecated-field',
  meta: {
    description: 'A field Istio has replaced (or no longer reads) is used.',
    defaultSeverity: 'warning',
    crossFile: false,
    fixable: true,
    istioctl: 'IST0002',
    // Plus mesh configuration: IstioOperator meshConfig and documents embedded in strings (embedded/check.ts).
    kinds: ['VirtualService', 'DestinationRule', 'Sidecar', 'IstioOperator', ...EMBEDDING_KINDS],
    messages: {
      consecutiveErrors:
        "outlierDetection.consecutiveErrors is ignored by current Istio: Envoy's default (5 consecutive 5xx) applies instead of {value}. Use consecutive5xxErrors (or consecutiveGatewayErrors for 502/503/504 only).",
      leastConn: 'LEAST_CONN is deprecated: use LEAST_REQUEST (same Envoy algorithm).',
      minimumRingSize: 'consistentHash.minimumRingSize is deprecated: use consistentHash.ringHash.minimumRingSize.',
      mirrorPercent: 'mirrorPercent is deprecated: use mirrorPercentage: {value: N}.',
      delayPercent: 'fault.delay.percent is deprecated: use fault.delay.percentage: {value: N}.',
      allowOrigin:
        'corsPolicy.allowOrigin is deprecated (and ignored when allowOrigins is set): use allowOrigins with string matches.',
      egressProxy:
        'egressProxy is only accepted with outboundTrafficPolicy mode ALLOW_ANY: Istio rejects this Sidecar (mode is {mode}).',
      meshDeprecated: '{field}: {advice}',
    },
  },
  check(ctx) {
    checkEmbeddedDeprecations(ctx);
    const spec = get(ctx.node, 'spec');
    switch (ctx.resource.kind) {
      case 'VirtualService':
        return checkVirtualService(ctx, spec);
      case 'DestinationRule':
        return checkDestinationRule(ctx, spec);
      case 'Sidecar':
        return checkSidecar(ctx, spec);
    }
  },
};

/** LEAST_REQUEST and consistentHash.ringHash are certainly there in every release serving v1 APIs. */
const REPLACEMENTS_SINCE = '1.22';

function checkDestinationRule(ctx: LocalRuleContext, spec: YNode | undefined): void {
  const file = ctx.resource.file;
  const modernTarget =
    !ctx.settings.targetVersion || compareReleases(ctx.settings.targetVersion, REPLACEMENTS_SINCE) >= 0;
  for (const level of policyLevels(spec)) {
    const outlier = get(level.node, 'outlierDetection');
    const ce = ownPair(outlier, 'consecutiveErrors');
    if (ce) {
      const value = strValue(ce.pair.value) ?? '?';
      const has5xx = ownPair(outlier, 'consecutive5xxErrors');
      const fixes: Fix[] = has5xx
        ? [
            fix(
              'Remove consecutiveErrors (consecutive5xxErrors is set)',
              file,
              removePair(ctx.text, ce.map, ce.pair),
              true,
            ),
          ]
        : [
            fix('Rename to consecutive5xxErrors', file, renameKey(ce.pair, 'consecutive5xxErrors'), true),
            fix(
              'Rename to consecutiveGatewayErrors (502/503/504 only, the old meaning)',
              file,
              renameKey(ce.pair, 'consecutiveGatewayErrors'),
              false,
            ),
          ];
      ctx.report({ span: ce.key.span, messageId: 'consecutiveErrors', data: { value }, tags: ['deprecated'], fixes });
    }
    if (!modernTarget) continue;
    const lb = get(level.node, 'loadBalancer');
    const simple = asScalar(get(lb, 'simple'));
    if (simple && simple.value === 'LEAST_CONN') {
      ctx.report({
        span: simple.span,
        messageId: 'leastConn',
        tags: ['deprecated'],
        fixes: [fix('Replace with LEAST_REQUEST', file, replaceScalar(simple, 'LEAST_REQUEST'), true)],
      });
    }
    const hash = get(lb, 'consistentHash');
    const ring = ownPair(hash, 'minimumRingSize');
    if (ring) {
      const size = num(ring.pair.value);
      const algorithm = ownPair(hash, 'ringHash') ?? ownPair(hash, 'maglev');
      const edit = algorithm
        ? removePair(ctx.text, ring.map, ring.pair)
        : size !== undefined
          ? replacePair(ctx.text, ring.map, ring.pair, 'ringHash', {
              lines: [`  minimumRingSize: ${size}`],
              flow: `{minimumRingSize: ${size}}`,
            })
          : undefined;
      ctx.report({
        span: ring.key.span,
        messageId: 'minimumRingSize',
        tags: ['deprecated'],
        fixes: edit
          ? [fix(algorithm ? 'Remove minimumRingSize' : 'Move to ringHash.minimumRingSize', file, edit, true)]
          : [],
      });
    }
  }
}

function checkVirtualService(ctx: LocalRuleContext, spec: YNode | undefined): void {
  const file = ctx.resource.file;
  for (const route of items(get(spec, 'http'))) {
    // Integer percents that became `{value: …}` percentages: same fix, different places.
    checkPercent(ctx, file, route, 'mirrorPercent', 'mirrorPercentage', 'mirrorPercent');
    checkPercent(ctx, file, get(route, 'fault', 'delay'), 'percent', 'percentage', 'delayPercent');
    const cors = get(route, 'corsPolicy');
    const ao = ownPair(cors, 'allowOrigin');
    if (ao) {
      const hasNew = ownPair(cors, 'allowOrigins');
      const origins = items(ao.pair.value).map(i => str(i)?.value);
      let edit: TextEdit | undefined;
      if (hasNew) edit = removePair(ctx.text, ao.map, ao.pair);
      else if (origins.length > 0 && origins.every((o): o is string => o !== undefined)) {
        const matches = origins.map(originMatch);
        const seq = asSeq(ao.pair.value);
        const dashIndent =
          seq && !seq.flow && seq.items[0] ? dashOffset(ctx.text, ao.key.span.start, seq.items[0].span.start) : 0;
        const pad = ' '.repeat(dashIndent);
        edit = replacePair(ctx.text, ao.map, ao.pair, 'allowOrigins', {
          lines: matches.map(m => `${pad}- ${m}`),
          flow: `[${matches.map(m => `{${m}}`).join(', ')}]`,
        });
      }
      ctx.report({
        span: ao.key.span,
        messageId: 'allowOrigin',
        tags: ['deprecated'],
        fixes: edit
          ? [fix(hasNew ? 'Remove allowOrigin (allowOrigins is set)' : 'Convert to allowOrigins', file, edit, true)]
          : [],
      });
    }
  }
}

function checkPercent(
  ctx: LocalRuleContext,
  file: string,
  parent: YNode | undefined,
  old: string,
  replacement: string,
  messageId: string,
): void {
  const found = ownPair(parent, old);
  if (!found) return;
  ctx.report({
    span: found.key.span,
    messageId,
    tags: ['deprecated'],
    fixes: percentFixes(ctx, file, found, replacement, !!ownPair(parent, replacement)),
  });
}

function checkSidecar(ctx: LocalRuleContext, spec: YNode | undefined): void {
  const policy = get(spec, 'outboundTrafficPolicy');
  const proxy = ownPair(policy, 'egressProxy');
  if (!proxy) return;
  const mode = str(get(policy, 'mode'))?.value;
  if (mode === 'ALLOW_ANY') return;
  ctx.report({
    span: proxy.key.span,
    messageId: 'egressProxy',
    data: { mode: mode ?? 'REGISTRY_ONLY (the default when outboundTrafficPolicy is written)' },
    fixes: [fix('Remove egressProxy', ctx.resource.file, removePair(ctx.text, proxy.map, proxy.pair), false)],
  });
}

/** `percent: N` -> `percentage: {value: N}` (or just drop it when the new field is already there). */
function percentFixes(
  ctx: LocalRuleContext,
  file: string,
  old: NonNullable<ReturnType<typeof ownPair>>,
  newKey: string,
  hasNew: boolean,
): Fix[] {
  if (hasNew)
    return [fix(`Remove ${keyOf(old)} (${newKey} is set)`, file, removePair(ctx.text, old.map, old.pair), true)];
  const value = num(old.pair.value);
  if (value === undefined) return [];
  return [
    fix(
      `Convert to ${newKey}: {value: ${value}}`,
      file,
      replacePair(ctx.text, old.map, old.pair, newKey, { lines: [`  value: ${value}`], flow: `{value: ${value}}` }),
      true,
    ),
  ];
}

function keyOf(p: NonNullable<ReturnType<typeof ownPair>>): string {
  return String(p.key.value);
}

/** allowOrigin entries were exact origins, with `*` meaning any origin. */
function originMatch(origin: string): string {
  if (origin === '*') return 'regex: ".*"';
  return `exact: ${/^[\w.:/-]+$/.test(origin) ? origin : JSON.stringify(origin)}`;
}

/** Indentation of the list's dashes relative to the key, to keep the user's list style. */
function dashOffset(text: string, keyStart: number, firstItemStart: number): number {
  const dash = text.lastIndexOf('-', firstItemStart - 1);
  const keyLine = text.lastIndexOf('\n', keyStart - 1) + 1;
  const dashLine = text.lastIndexOf('\n', dash - 1) + 1;
  return Math.max(0, dash - dashLine - (keyStart - keyLine));
}

function fix(title: string, file: string, edit: TextEdit | undefined, isPreferred: boolean): Fix {
  return { title, isPreferred, edits: edit ? [{ file, edits: [edit] }] : [] };
}
