import type { Labels, Resource } from '../model/types';
import { didYouMean, editDistance } from './support/distance';
import type { CrossFileRule } from './types';

/**
 * A workload selector that no workload of the workspace carries: the resource applies to
 * nothing (a policy that protects nothing, a Sidecar or EnvoyFilter that changes nothing). Only
 * judged where the workspace shows the workloads that could match: the namespace has workloads
 * in the workspace (for mesh-wide selectors, workloads that use one of the selector's keys).
 */
export const rule: CrossFileRule = {
  id: 'selector-matches-nothing',
  meta: {
    description:
      'A selector or workloadSelector matches no workload labels in its namespace, although the workspace has workloads there.',
    defaultSeverity: 'info',
    crossFile: true,
    fixable: false,
    istioctl: 'IST0127, IST0101',
    kinds: [
      'Sidecar',
      'DestinationRule',
      'ServiceEntry',
      'EnvoyFilter',
      'ProxyConfig',
      'Gateway',
      'PeerAuthentication',
      'AuthorizationPolicy',
      'RequestAuthentication',
      'Telemetry',
      'WasmPlugin',
    ],
    messages: {
      namespace:
        'No workload in namespace {namespace} has the labels {labels}, so this {kind} applies to nothing.{hint}',
      mesh: 'No workload in the workspace has the labels {labels}, so this {kind} applies to nothing.{hint}',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    const selector = r.selector;
    if (!selector || selector.templated || r.incomplete) return;
    const keys = Object.keys(selector.labels);
    // An empty selector selects every workload.
    if (keys.length === 0) return;
    const { index } = ctx;
    // Gateway selectors pick gateway pods in any namespace; root-namespace policies apply mesh-wide.
    const meshWide = r.kind === 'Gateway' || r.namespace === index.rootNamespace;
    const local = index.workloads(r.namespace);
    // A workload written without labels gets them from elsewhere (kustomize `labels`/`commonLabels`,
    // a generator, an operator): it could be the one the selector means, so nothing can be judged.
    if (local.some(w => Object.keys(w.podLabels ?? {}).length === 0)) return;
    const wanted = Object.entries(selector.labels);
    const matches = (w: Resource) => !!w.podLabels && wanted.every(([k, v]) => w.podLabels![k] === v);
    if (meshWide) {
      // Gateway pods and mesh-wide targets are often installed outside the workspace: judge only
      // when workloads of the resource's own namespace use the selector's keys (a gateway
      // Deployment next to its Gateway, say).
      if (!local.some(w => keys.some(k => k in (w.podLabels ?? {})))) return;
      // A match must carry the first label: only those workloads are looked at (and only a change
      // to one of them re-checks this resource).
      const [firstKey, firstValue] = wanted[0];
      if (local.some(matches) || index.workloadsWithLabel(firstKey, firstValue).some(matches)) return;
    } else if (local.length === 0 || local.some(matches)) {
      return;
    }
    // A templated workload of the namespace could carry the labels.
    if (index.hasIncompleteWorkloads(r.namespace)) return;
    // The closest workload is looked for next to the resource, where the informative ones are.
    const near = closest(selector.labels, local);
    ctx.report({
      span: selector.keySpan,
      messageId: meshWide ? 'mesh' : 'namespace',
      data: {
        namespace: r.namespace,
        labels: formatLabels(selector.labels),
        kind: r.kind,
        hint: near
          ? ` Closest: ${near.workload.kind} ${near.workload.namespace}/${near.workload.name ?? '?'} has ${near.differences}.`
          : '',
      },
      related: near
        ? [
            {
              file: near.workload.file,
              span: near.workload.nameSpan ?? near.workload.span,
              message: `${near.workload.kind} ${near.workload.namespace}/${near.workload.name ?? '?'}: ${formatLabels(near.workload.podLabels ?? {})}`,
            },
          ]
        : undefined,
    });
  },
};

/**
 * The workload most like the selector: fewest differing labels, then the closest values. Only
 * offered when it is plausibly the intended one (a label in common, or a value that looks like a
 * typo of the selector's).
 */
function closest(
  selector: Labels,
  workloads: readonly Resource[],
): { workload: Resource; differences: string } | undefined {
  const keys = Object.keys(selector);
  let best: { workload: Resource; misses: string[]; distance: number; plausible: boolean } | undefined;
  for (const w of workloads) {
    const labels = w.podLabels ?? {};
    if (!keys.some(k => k in labels)) continue;
    const differing = keys.filter(k => labels[k] !== selector[k]);
    const misses = differing.map(k => (k in labels ? `${k}: ${labels[k]}` : `no ${k} label`));
    const distance = differing.reduce((sum, k) => sum + editDistance(selector[k], labels[k] ?? ''), 0);
    const plausible =
      differing.length < keys.length ||
      differing.some(k => k in labels && didYouMean(selector[k], [labels[k]]) !== undefined);
    // Ties go to the smallest id: candidate order is not stable across edits.
    const order = best
      ? misses.length - best.misses.length || distance - best.distance || (w.id < best.workload.id ? -1 : 1)
      : -1;
    if (order < 0) best = { workload: w, misses, distance, plausible };
  }
  return best?.plausible ? { workload: best.workload, differences: best.misses.join(', ') } : undefined;
}

function formatLabels(labels: Labels): string {
  return `{${Object.entries(labels)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ')}}`;
}
