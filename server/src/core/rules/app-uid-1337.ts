import { podPath } from '../annotations/sites';
import { WORKLOAD_KINDS } from '../model/kinds';
import { asScalar, get, getPath, items, str } from '../parse/access';
import type { YNode, YScalar } from '../parse/types';
import type { LocalRule, LocalRuleContext } from './types';
import { textMentions } from '../util/textMentions';

/**
 * istioctl's IST0144: an application container running as UID 1337, the sidecar proxy's. The
 * iptables rules that capture a pod's traffic exempt that UID (so the proxy's own traffic is not
 * captured again): everything the application sends leaves the pod directly, without mTLS,
 * routing or authorization. Istio's control plane (objects labelled `istio` or `release: istio`),
 * the proxy container itself and pods that opt out of injection are left alone.
 */
export const rule: LocalRule = {
  id: 'app-uid-1337',
  meta: {
    description:
      "An application container runs as UID 1337, the sidecar proxy's, so its outbound traffic bypasses the sidecar.",
    defaultSeverity: 'warning',
    crossFile: false,
    fixable: false,
    istioctl: 'IST0144',
    kinds: [...WORKLOAD_KINDS],
    messages: {
      container:
        "Container '{container}' runs as UID 1337, which is reserved for the sidecar proxy: the traffic capture exempts that user, so everything this container sends bypasses the sidecar (no mTLS, routing or policy). Run it as another user.",
      pod: 'The pod runs as UID 1337, which is reserved for the sidecar proxy: the traffic capture exempts that user, so everything {containers} send{s} bypasses the sidecar (no mTLS, routing or policy). Run the application as another user.',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    if (!textMentions(ctx.text, '1337')) return;
    if ('istio' in r.labels || r.labels['release'] === 'istio') return;
    const path = podPath(r.kind);
    if (!path) return;
    const pod = path.length === 0 ? ctx.node : getPath(ctx.node, path);
    if (optsOut(get(pod, 'metadata'))) return;
    const spec = get(pod, 'spec');
    const appContainers = items(get(spec, 'containers')).filter(c => {
      const name = str(get(c, 'name'))?.value;
      return name !== 'istio-proxy' && name !== 'istio-operator';
    });
    const podUid = uid(get(spec, 'securityContext'));
    if (podUid) {
      // Containers that set their own user are not affected by the pod's.
      const inheriting = appContainers.filter(c => !hasOwnUser(c));
      if (inheriting.length > 0) report(ctx, podUid, inheriting);
    }
    for (const c of appContainers) {
      const own = uid(get(c, 'securityContext'));
      if (own)
        ctx.report({ span: own.span, messageId: 'container', data: { container: str(get(c, 'name'))?.value ?? '?' } });
    }
  },
};

/** The `runAsUser: 1337` of a security context. */
function uid(securityContext: YNode | undefined): YScalar | undefined {
  const value = asScalar(get(securityContext, 'runAsUser'));
  return value && (value.value === 1337 || value.value === '1337') ? value : undefined;
}

function hasOwnUser(container: YNode): boolean {
  return asScalar(get(container, 'securityContext', 'runAsUser')) !== undefined;
}

function report(ctx: LocalRuleContext, podUid: YScalar, inheriting: YNode[]): void {
  const names = inheriting.map(c => `'${str(get(c, 'name'))?.value ?? '?'}'`);
  ctx.report({
    span: podUid.span,
    messageId: 'pod',
    data: {
      containers: `its container${names.length > 1 ? 's' : ''} ${names.join(', ')}`,
      s: names.length > 1 ? '' : 's',
    },
  });
}

/** The pod opts out of sidecar injection (label, or the older annotation). */
function optsOut(metadata: YNode | undefined): boolean {
  const label = str(get(metadata, 'labels', 'sidecar.istio.io/inject'))?.value;
  const annotation = str(get(metadata, 'annotations', 'sidecar.istio.io/inject'))?.value;
  return (label ?? annotation) === 'false';
}
