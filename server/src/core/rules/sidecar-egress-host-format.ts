import { asScalar, get, items, str } from '../parse/access';
import { parseServiceFqdn } from '../model/hosts';
import type { YScalar } from '../parse/types';
import { replaceScalar } from './support/yamlEdit';
import type { Fix, LocalRule } from './types';

/**
 * Sidecar egress hosts are `namespace/dnsName` (`*` and `.` as namespace wildcards, `~` for none),
 * and the dnsName must be fully qualified or `*`. Istio's validation
 * (ValidateNamespaceSlashWildcardHostname) rejects `reviews.prod.svc.cluster.local` ("host must be
 * of form namespace/dnsName") and `prod/reviews` ("short names (non FQDN) are not allowed"), unlike
 * VirtualService and DestinationRule hosts where both forms are fine.
 */
export const rule: LocalRule = {
  id: 'sidecar-egress-host-format',
  meta: {
    description: 'A Sidecar egress host is not of the form namespace/FQDN, which Istio rejects.',
    defaultSeverity: 'error',
    crossFile: false,
    fixable: true,
    kinds: ['Sidecar'],
    messages: {
      noNamespace:
        'Istio rejects "{host}": Sidecar egress hosts must be namespace/dnsName (for example "*/{host}" or "./{host}").',
      shortName:
        'Istio rejects "{host}": the host part must be a fully qualified name or *, not the short name "{name}".',
    },
  },
  check(ctx) {
    for (const egress of items(get(ctx.node, 'spec', 'egress'))) {
      for (const item of items(get(egress, 'hosts'))) {
        const scalar = asScalar(item);
        const value = str(scalar)?.value;
        if (!scalar || value === undefined) continue;
        const slash = value.indexOf('/');
        if (slash === -1) {
          ctx.report({
            span: scalar.span,
            messageId: 'noNamespace',
            data: { host: value },
            fixes: namespaceFixes(ctx.resource.file, scalar, value),
          });
          continue;
        }
        const ns = value.slice(0, slash);
        const name = value.slice(slash + 1);
        if (name === '*' || name.includes('.') || name === '') continue;
        const concreteNs = ns === '.' ? ctx.resource.explicitNamespace : ns === '*' || ns === '~' ? undefined : ns;
        const fixes: Fix[] = concreteNs
          ? [
              {
                title: `Use ${ns}/${name}.${concreteNs}.svc.cluster.local`,
                isPreferred: true,
                edits: [
                  {
                    file: ctx.resource.file,
                    edits: [replaceScalar(scalar, `${ns}/${name}.${concreteNs}.svc.cluster.local`)],
                  },
                ],
              },
            ]
          : [];
        ctx.report({ span: scalar.span, messageId: 'shortName', data: { host: value, name }, fixes });
      }
    }
  },
};

function namespaceFixes(file: string, scalar: YScalar, host: string): Fix[] {
  const svc = parseServiceFqdn(host);
  const options = [...(svc ? [`${svc.namespace}/${host}`] : []), `*/${host}`, `./${host}`];
  // A short name stays invalid after adding a namespace: only FQDNs and `*` get a fix.
  if (host !== '*' && !host.includes('.')) return [];
  return options.map((v, i) => ({
    title: `Use ${v}`,
    isPreferred: i === 0,
    edits: [{ file, edits: [replaceScalar(scalar, v)] }],
  }));
}
