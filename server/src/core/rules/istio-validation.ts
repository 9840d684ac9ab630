import { asScalar, get, pairOf } from '../parse/access';
import { VALIDATORS } from '../validation';
import type { LocalRule } from './types';

/**
 * The checks of Istio's validating webhook (istio/istio pkg/config/validation; what `istioctl
 * validate` and `istioctl analyze` report as IST0106 SchemaValidationError) that no CRD schema or
 * CEL rule expresses: ServiceEntry resolution/endpoint/address combinations, host and header
 * formats, RE2 regexes, duplicate ports, UDS paths, WasmPlugin URLs, Telemetry tag overrides, … The
 * checks live in core/validation, one module per kind; what the CRD schema already reports (port
 * ranges, required fields, string lengths, patterns) and what other rules report (weights, TLS
 * certificates of gateways) is left to them.
 */
export const rule: LocalRule = {
  id: 'istio-validation',
  meta: {
    description: "Configuration Istio's validating webhook rejects (checks no CRD schema expresses).",
    defaultSeverity: 'error',
    crossFile: false,
    fixable: false,
    istioctl: 'IST0106',
    kinds: Object.keys(VALIDATORS),
    messages: {
      rejected: 'Istio would reject this {kind}: {why}.',
    },
  },
  check(ctx) {
    const kind = ctx.resource.kind;
    const validate = VALIDATORS[kind];
    if (!validate) return;
    // `spec: ~` is no spec at all for Istio (the CRD schema reports the null itself).
    const specPair = pairOf(ctx.node, 'spec');
    const spec = get(ctx.node, 'spec');
    const empty = !spec || asScalar(spec)?.value === null;
    // A spec a template writes (`spec:` then `{{ toYaml .Values.spec | indent 2 }}`, or no spec
    // key in a templated object) is not there to judge.
    if (empty && (ctx.isTemplated(ctx.node) || (specPair && actionFollows(ctx.text, specPair.span.end)))) return;
    validate(ctx.node, empty ? undefined : spec, {
      reject: (span, why) => ctx.report({ span, messageId: 'rejected', data: { kind, why } }),
      // An empty value followed by an action-only line, at any indentation, is filled by the template.
      isTemplated: node =>
        ctx.isTemplated(node) || (!!node && asScalar(node)?.value === null && actionFollows(ctx.text, node.span.end)),
    });
  },
};

/** True when the first non-blank, non-comment line after `offset` holds only template actions. */
function actionFollows(text: string, offset: number): boolean {
  let lineEnd = text.indexOf('\n', offset);
  while (lineEnd !== -1) {
    const start = lineEnd + 1;
    lineEnd = text.indexOf('\n', start);
    const line = text.slice(start, lineEnd === -1 ? text.length : lineEnd).trim();
    if (line === '' || line.startsWith('#')) continue;
    return line.startsWith('{{') && line.replace(/\{\{[\s\S]*?\}\}/g, '').trim() === '';
  }
  return false;
}
