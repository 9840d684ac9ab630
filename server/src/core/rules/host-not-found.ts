import { CLUSTER_DOMAIN } from '../model/hosts';
import type { Resource } from '../model/types';
import { didYouMean } from './support/distance';
import { missingHost } from './support/missingHost';
import { replaceValueFix } from './support/resourceEdit';
import type { CrossFileRule, Fix, RelatedInfo } from './types';

/**
 * A route to a host nothing defines: Envoy has no cluster for it and the route answers 503. Only
 * judged for cluster hosts (`name.ns.svc.cluster.local`, short names, `name.ns`) and only when the
 * workspace defines Services in that namespace, so a repository holding only Istio config stays
 * quiet about services it cannot see.
 */
export const rule: CrossFileRule = {
  id: 'host-not-found',
  meta: {
    description:
      'A route destination host matches no Service or ServiceEntry in the workspace, although the workspace defines Services in its namespace.',
    defaultSeverity: 'info',
    crossFile: true,
    fixable: true,
    istioctl: 'IST0101',
    kinds: ['VirtualService'],
    messages: {
      missing:
        'No Service or ServiceEntry in the workspace defines {host}, although the workspace defines Services in namespace {namespace}.{hint}',
      literal:
        '"{written}" is taken literally (Istio does not expand name.namespace), so it matches no Service or ServiceEntry. The Service\'s name is {fqdn}.',
      notExported:
        '{definedBy} defines {host} but is not exported to namespace {namespace} (exportTo: {exportTo}), so proxies there do not know the host and this route answers 503.',
    },
  },
  check(ctx) {
    const vs = ctx.resource;
    const { index } = ctx;
    for (const d of vs.destinations ?? []) {
      const missing = missingHost(index, d.host.value, vs.namespace);
      if (!missing) continue;
      const { target, host } = missing;
      if (missing.kind === 'hidden') {
        const first = missing.services[0];
        ctx.report({
          span: d.host.span,
          messageId: 'notExported',
          data: {
            definedBy: `${first.kind} ${first.namespace}/${first.name ?? '?'}`,
            host,
            namespace: vs.namespace,
            exportTo: (index.exportTo(first) ?? []).join(', '),
          },
          related: missing.services.map(related),
        });
        continue;
      }
      if (missing.kind === 'literal') {
        ctx.report({
          span: d.host.span,
          messageId: 'literal',
          data: { written: d.host.value, fqdn: target.fqdn },
          related: missing.services.map(related),
          fixes: [
            replaceValueFix(vs.file, d.host, target.fqdn, `Change host to ${target.fqdn}`, missing.services.length > 0),
          ],
        });
        continue;
      }
      const written = d.host.value.trim().toLowerCase();
      const inNamespace = missing.services;
      const elsewhere = index.servicesNamed(target.name).filter(s => s.namespace !== target.namespace);
      const typo = didYouMean(target.name, [...new Set(inNamespace.map(s => s.name!.toLowerCase()))]);
      const fixes: Fix[] = [];
      const hints: string[] = [];
      if (typo) {
        const replacement = written.includes('.') ? fqdn(typo, target.namespace) : typo;
        hints.push(` Did you mean ${replacement}?`);
        fixes.push(replaceValueFix(vs.file, d.host, replacement, `Change host to ${replacement}`, true));
      }
      const namespaces = [...new Set(elsewhere.map(s => s.namespace))].sort();
      if (namespaces.length > 0) {
        const why = written.includes('.') ? '' : "; short names resolve in the VirtualService's namespace";
        hints.push(` A Service named ${target.name} exists in namespace ${namespaces.join(', ')}${why}.`);
        for (const ns of namespaces.slice(0, 3)) {
          const name = fqdn(target.name, ns);
          fixes.push(
            replaceValueFix(vs.file, d.host, name, `Change host to ${name}`, !typo && namespaces.length === 1),
          );
        }
      }
      ctx.report({
        span: d.host.span,
        messageId: 'missing',
        data: { host, namespace: target.namespace, hint: hints.join('') },
        related: [...elsewhere, ...inNamespace.filter(s => s.name!.toLowerCase() === typo)].slice(0, 3).map(related),
        fixes,
      });
    }
  },
};

function fqdn(name: string, namespace: string): string {
  return `${name}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}

function related(s: Resource): RelatedInfo {
  return { file: s.file, span: s.nameSpan ?? s.span, message: `${s.kind} ${s.namespace}/${s.name ?? '?'}` };
}
