import { checkEmbeddedSchemas, EMBEDDING_KINDS } from '../embedded/check';
import { asScalar, get } from '../parse/access';
import type { ResourceSchema, SchemaRegistry } from '../schema/registry';
import { closestValue } from '../schema/suggest';
import { validateResource, type SchemaProblemId } from '../schema/validate';
import { replaceScalar } from './support/yamlEdit';
import type { Fix, LocalRule, LocalRuleContext } from './types';

/**
 * The resource against Istio's own API schema (schemas/generated, from the CRDs plus overlays):
 * what `kubectl apply` or Istio's validation webhook would reject, found while typing. Unknown
 * kinds of an Istio group are reported once, on `kind`, and nothing else is said about them.
 */
export const rule: LocalRule = {
  id: 'schema',
  meta: {
    description: "A field, value or kind that Istio's API schema does not accept.",
    defaultSeverity: 'error',
    crossFile: false,
    fixable: true,
    istioctl: 'IST0106',
    // Istio kinds, plus the Kubernetes kinds holding mesh configuration in a string (embedded/check.ts).
    kinds: ['*', ...EMBEDDING_KINDS],
    messages: {
      unknownKind: '{group} has no kind {kind}.{hint}',
      unservedVersion: '{kind} is not served as {apiVersion}: use one of {versions}.',
      missingKind: 'This {group} resource has no kind.',
      unknownField: "Unknown field '{field}' in {parent}.{hint}",
      notInVersion: "'{field}' is not part of {version}: it exists in {versions} only.",
      type: '{field} must be {expected}, not {actual}.',
      durationUnit: '{field} is a duration and needs a unit: {fixed}, not {value}.',
      enum: "'{value}' is not a valid {field}: use one of {allowed}.",
      required: '{parent} is missing the required field{s} {fields}.',
      requiredEmpty: '{field} is required and must have a value.',
      oneOfConflict: '{field} cannot be set together with {first} (only one of {fields}).{why}',
      oneOfMissing: 'One of {fields} must be set.{why}',
      duration: "'{value}' is not a duration: write a number with a unit, e.g. 5s, 100ms, 1m30s.",
      pattern: "'{value}' is not a valid {field} (must match {pattern}).",
      range: '{field} must be {limit}, not {value}.',
      length: '{field} must be {limit} long (it has {length}).',
      itemCount: '{field} must have {limit} (it has {count}).',
      propertyCount: '{field} must have {limit} (it has {count}).',
      duplicateKey: "Duplicate key '{key}': only one of them takes effect.",
      cel: "{field}: {message} (a validation rule of Istio's CRD: the API server rejects the resource).",
      duplicateItem:
        'Duplicate value in {field}: two items have the same {keys} ({value}); the API server rejects the list.',
      nullItem: '{field} items must be {expected}, not null: the API server rejects an empty list item.',
      newerField:
        "'{field}' was added in Istio {since}: the target release {target} (istio.targetVersion) does not know it and would reject the resource.",
      newerValue:
        "'{value}' for {field} was added in Istio {since}: the target release {target} (istio.targetVersion) does not accept it.",
      embeddedSyntax: '{name} is not valid YAML, so Istio cannot read it: {problem}',
      embeddedNotMap: '{name} must be a YAML map of {kind} fields.',
      unknownProfile:
        "Unknown installation profile '{value}': istioctl knows {profiles}, or a path to a profile file.{hint}",
    } satisfies Record<
      | SchemaProblemId
      | 'unknownKind'
      | 'unservedVersion'
      | 'missingKind'
      | 'embeddedSyntax'
      | 'embeddedNotMap'
      | 'unknownProfile',
      string
    >,
  },
  check(ctx) {
    checkEmbeddedSchemas(ctx);
    const schemas = ctx.schemas;
    const r = ctx.resource;
    if (!schemas || !schemas.hasGroup(r.group)) return;
    if (!r.kind) {
      if (r.apiVersionSpan && !get(ctx.node, 'kind'))
        ctx.report({ span: r.apiVersionSpan, messageId: 'missingKind', data: { group: r.group } });
      return;
    }
    const resource = schemas.resource(r.apiVersion, r.kind);
    if (!resource) {
      reportUnknownKind(ctx, schemas);
      return;
    }
    if (!resource.served) reportUnservedVersion(ctx, resource);
    validateResource(
      ctx.node,
      resource.root,
      resource.version,
      ctx.text,
      p => {
        const fixes: Fix[] | undefined = p.fix
          ? [
              {
                title: p.fix.title,
                isPreferred: true,
                edits: [{ file: r.file, edits: [{ span: p.fix.span, newText: p.fix.newText }] }],
              },
            ]
          : undefined;
        ctx.report({ span: p.span, messageId: p.id, data: p.data, fixes, severity: p.severity });
      },
      { targetVersion: ctx.settings.targetVersion },
    );
  },
};

function reportUnknownKind(ctx: LocalRuleContext, schemas: SchemaRegistry): void {
  const r = ctx.resource;
  const kindNode = asScalar(get(ctx.node, 'kind'));
  if (!kindNode || !r.kindSpan) return;
  const inGroup = schemas.kindsIn(r.group).map(k => k.kind);
  const elsewhere = schemas.kinds.find(k => k.kind === r.kind);
  const fixes: Fix[] = [];
  let hint = ` Its kinds: ${inGroup.join(', ')}.`;
  if (elsewhere) {
    hint = ` ${r.kind} is in ${elsewhere.group}.`;
    const apiVersion = asScalar(get(ctx.node, 'apiVersion'));
    if (apiVersion) {
      const target = `${elsewhere.group}/${elsewhere.preferredVersion}`;
      fixes.push({
        title: `Set apiVersion to ${target}`,
        isPreferred: true,
        edits: [{ file: r.file, edits: [replaceScalar(apiVersion, target)] }],
      });
    }
  } else {
    const best = closestValue(r.kind, inGroup);
    if (best) {
      hint = ` Did you mean ${best}?`;
      fixes.push({
        title: `Replace with ${best}`,
        isPreferred: true,
        edits: [{ file: r.file, edits: [replaceScalar(kindNode, best)] }],
      });
    }
  }
  ctx.report({ span: r.kindSpan, messageId: 'unknownKind', data: { group: r.group, kind: r.kind, hint }, fixes });
}

function reportUnservedVersion(ctx: LocalRuleContext, resource: ResourceSchema): void {
  const r = ctx.resource;
  const node = asScalar(get(ctx.node, 'apiVersion'));
  if (!node || !r.apiVersionSpan) return;
  const { info } = resource;
  const target = `${info.group}/${info.preferredVersion}`;
  ctx.report({
    span: r.apiVersionSpan,
    messageId: 'unservedVersion',
    data: {
      kind: info.kind,
      apiVersion: r.apiVersion,
      versions: info.versions.map(v => `${info.group}/${v}`).join(', '),
    },
    fixes: [
      {
        title: `Set apiVersion to ${target}`,
        isPreferred: true,
        edits: [{ file: r.file, edits: [replaceScalar(node, target)] }],
      },
    ],
  });
}
