import { asScalar, get } from '../parse/access';
import { compareReleases, istioKind } from '../model/kinds';
import { usesUnpromotedTelemetryFields } from '../model/telemetryFields';
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
