import { asScalar, get, items } from '../parse/access';
import type { YNode } from '../parse/types';
import { compareReleases, istioKind } from '../model/kinds';
import { replaceScalar } from './support/yamlEdit';
import type { LocalRule } from './types';

/**
 * v1alpha3/v1beta1 where v1 is served. The old versions keep working, but new fields and docs
 * target v1, and the served set shrinks over releases; the upgrade is only an apiVersion change
 * because served versions share one schema.
 */
export const rule: LocalRule = {
  id: 'deprecated-api-version',
  meta: {
    description: 'An Istio resource uses v1alpha3/v1beta1 where the v1 API is served.',
    defaultSeverity: 'warning',
    crossFile: false,
    fixable: true,
    kinds: ['*'],
    messages: {
      deprecated: '{apiVersion} is superseded: use {group}/v1 (served since Istio {since}).',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    const info = istioKind(r.group, r.kind);
    if (!info?.v1Since || r.version === 'v1' || !info.versions.includes(r.version)) return;
    if (ctx.settings.targetVersion && compareReleases(ctx.settings.targetVersion, info.v1Since) < 0) return;
    if (r.kind === 'Telemetry' && usesUnpromotedTelemetryFields(get(ctx.node, 'spec'))) return;
    const scalar = asScalar(get(ctx.node, 'apiVersion'));
    if (!scalar) return;
    ctx.report({
      span: scalar.span,
      messageId: 'deprecated',
      data: { apiVersion: r.apiVersion, group: r.group, since: info.v1Since },
      tags: ['deprecated'],
      fixes: [
        {
          title: `Set apiVersion to ${r.group}/v1`,
          isPreferred: true,
          edits: [{ file: r.file, edits: [replaceScalar(scalar, `${r.group}/v1`)] }],
        },
      ],
    });
  },
};

/** Telemetry v1 dropped three v1alpha1 fields; a resource using them cannot simply be upgraded. */
export function usesUnpromotedTelemetryFields(spec: YNode | undefined): boolean {
  return unpromotedTelemetryField(spec) !== undefined;
}

/** The first v1alpha1-only Telemetry field the spec uses, as a path (for messages), if any. */
export function unpromotedTelemetryField(spec: YNode | undefined): string | undefined {
  if (items(get(spec, 'metrics')).some(m => get(m, 'reportingInterval') !== undefined))
    return 'metrics[].reportingInterval';
  if (items(get(spec, 'accessLogging')).some(a => get(a, 'filter') !== undefined)) return 'accessLogging[].filter';
  if (items(get(spec, 'tracing')).some(t => get(t, 'useRequestIdForTraceSampling') !== undefined))
    return 'tracing[].useRequestIdForTraceSampling';
  return undefined;
}
