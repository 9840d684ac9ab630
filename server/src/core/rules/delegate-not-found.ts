import { asMap, asScalar, get, items } from '../parse/access';
import type { DelegateRef, Resource } from '../model/types';
import { didYouMean } from './support/distance';
import { replaceValueFix, resourceNode } from './support/resourceEdit';
import { addMapEntry } from './support/yamlEdit';
import type { CrossFileRule, CrossFileRuleContext, Fix } from './types';

/**
 * An HTTP route delegating to a VirtualService Istio cannot use: none by that name and
 * namespace, one that has hosts (delegates must have none), or one not exported to the root
 * VirtualService's namespace. Istio skips the route, so its requests fall through to later
 * routes or get 404s.
 */
export const rule: CrossFileRule = {
  id: 'delegate-not-found',
  meta: {
    description:
      'An HTTP route delegates to a VirtualService that does not exist, has hosts, or is not exported to the delegating namespace.',
    defaultSeverity: 'error',
    crossFile: true,
    fixable: true,
    kinds: ['VirtualService'],
    messages: {
      missing: 'Delegate VirtualService {ref} does not exist, so Istio skips this route.{hint}',
      hasHosts:
        'VirtualService {ref} has hosts, so it is not a delegate: Istio only delegates to VirtualServices without hosts and skips this route.',
      notExported:
        'Delegate VirtualService {ref} is not exported to namespace {namespace} (exportTo: {exportTo}), so Istio skips this route.',
    },
  },
  check(ctx) {
    for (const d of ctx.resource.delegates ?? []) checkDelegate(ctx, d);
  },
};

function checkDelegate(ctx: CrossFileRuleContext, d: DelegateRef): void {
  const vs = ctx.resource;
  const { index } = ctx;
  const namespace = d.namespace?.value.trim() || vs.namespace;
  const name = d.name.value.trim();
  const ref = `${namespace}/${name}`;
  const inNamespace = index.ofKind('VirtualService', namespace);
  const target = inNamespace.find(t => t.name === name);
  if (target) {
    const related = [{ file: target.file, span: target.nameSpan ?? target.span, message: `VirtualService ${ref}` }];
    if (target.hosts && target.hosts.length > 0) {
      ctx.report({ span: d.name.span, messageId: 'hasHosts', data: { ref }, related });
    } else if (!index.isVisible(target, vs.namespace)) {
      ctx.report({
        span: d.name.span,
        messageId: 'notExported',
        data: {
          ref,
          namespace: vs.namespace,
          exportTo: target.exportTo?.length
            ? target.exportTo.join(', ')
            : `${(index.exportTo(target) ?? []).join(', ')}, the MeshConfig default`,
        },
        related,
      });
    }
    return;
  }
  if (index.hasIncomplete('VirtualService', namespace)) return;
  const isDelegate = (t: Resource) => !t.hosts || t.hosts.length === 0;
  const sameName = index
    .ofKindAnywhere('VirtualService')
    .filter(t => t.name === name && t.namespace !== namespace && isDelegate(t));
  const suggestion = didYouMean(
    name,
    inNamespace
      .filter(isDelegate)
      .map(t => t.name ?? '')
      .filter(Boolean),
  );
  // Nothing known about the target namespace and no near miss: the delegate is likely managed elsewhere.
  if (sameName.length === 0 && !suggestion && inNamespace.length === 0) return;
  const fixes: Fix[] = [];
  if (suggestion)
    fixes.push(replaceValueFix(vs.file, d.name, suggestion, `Change delegate name to ${suggestion}`, true));
  for (const t of sameName.slice(0, 3))
    fixes.push(setDelegateNamespaceFix(vs, d, t.namespace, !suggestion && sameName.length === 1));
  const hint = suggestion
    ? ` Did you mean ${suggestion}?`
    : sameName.length > 0
      ? ` A delegate VirtualService ${name} exists in namespace ${[...new Set(sameName.map(t => t.namespace))].join(', ')}.`
      : '';
  ctx.report({
    span: d.name.span,
    messageId: 'missing',
    data: { ref, hint },
    related: [...sameName, ...inNamespace.filter(t => t.name === suggestion)].slice(0, 3).map(t => ({
      file: t.file,
      span: t.nameSpan ?? t.span,
      message: `VirtualService ${t.namespace}/${t.name ?? '?'}`,
    })),
    fixes,
  });
}

/** Writes `delegate.namespace`, replacing the value or adding the key next to `name`. */
function setDelegateNamespaceFix(vs: Resource, d: DelegateRef, namespace: string, isPreferred: boolean): Fix {
  if (d.namespace)
    return replaceValueFix(vs.file, d.namespace, namespace, `Set delegate namespace to ${namespace}`, isPreferred);
  return {
    title: `Set delegate namespace to ${namespace}`,
    isPreferred,
    compute: ({ readText }) => {
      const text = readText(vs.file);
      if (text === undefined) return undefined;
      for (const route of items(get(resourceNode(text, vs), 'spec', 'http'))) {
        const delegate = asMap(get(route, 'delegate'));
        const written = asScalar(get(delegate, 'name'));
        if (!delegate || !written || written.span.start !== d.name.span.start) continue;
        return [{ file: vs.file, edits: [addMapEntry(text, delegate, 'namespace', { inline: namespace })] }];
      }
      return undefined;
    },
  };
}
