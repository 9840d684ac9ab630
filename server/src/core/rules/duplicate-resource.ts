import { describeObject } from '../model/identity';
import { WORKLOAD_KINDS } from '../model/kinds';
import type { Resource } from '../model/types';
import { dirname, relativePath } from '../util/paths';
import type { CrossFileRule, RelatedInfo } from './types';

/**
 * One object (group, kind, namespace, name) defined more than once among files applied to one
 * cluster together. The cluster keeps one object per identity: whichever copy is applied last
 * replaces the others, so all but one definition silently do nothing, and which one wins depends
 * on apply order. Only copies known to be applied together are reported: in one file, in one
 * kustomize build, in one environment folder (`clusters/prod/…`) or one configured environment.
 * Loose files defining the same object elsewhere are taken for alternatives applied one at a
 * time (Istio's samples ship `virtual-service-all-v1.yaml`, `virtual-service-reviews-v3.yaml`, …
 * that way) and left alone.
 */
export const rule: CrossFileRule = {
  id: 'duplicate-resource',
  meta: {
    description:
      'One object (kind, namespace, name) is defined more than once among files applied to one cluster together; the last one applied wins.',
    defaultSeverity: 'info',
    crossFile: true,
    fixable: false,
    kinds: ['*', 'Service', 'ServiceAccount', 'Namespace', 'ConfigMap', ...WORKLOAD_KINDS],
    // Most objects are defined once: the engine skips them.
    onlyForCopies: true,
    messages: {
      applied:
        '{object} is also defined {where}. Applied together they are one object: the copy applied last replaces the others, so only one of these definitions takes effect. Keep one.',
      kustomize:
        '{object} is also defined {where}, in the same kustomize build ({build}): kustomize refuses to build it (may not add resource with an already registered id). Keep one.',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    const together = ctx.index.copiesOf(r).filter(o => appliedTogether(r, o));
    if (together.length === 0) return;
    // One finding per object, on its first definition (by file and position); the rest are related.
    if (together.some(o => order(o, r) < 0)) return;
    const others = [...together].sort(order);
    const sameBuild = others.filter(o => r.placement?.root !== undefined && o.placement?.root === r.placement.root);
    const kustomize = sameBuild.some(o => o.apiVersion === r.apiVersion);
    ctx.report({
      span: r.nameSpan ?? r.kindSpan ?? r.span,
      messageId: kustomize ? 'kustomize' : 'applied',
      data: {
        object: describeObject(r),
        where: describeWhere(r, others),
        build: r.placement?.root ? relativePath(dirname(r.file), dirname(r.placement.root)) : '',
      },
      related: others.map((o): RelatedInfo => ({
        file: o.file,
        span: o.nameSpan ?? o.kindSpan ?? o.span,
        message: `${describeObject(o)}, defined again`,
      })),
    });
  },
};

/**
 * Copies known to reach the cluster together: in one file, or with one placement group (the same
 * kustomize build, environment folder or configured environment).
 */
function appliedTogether(a: Resource, b: Resource): boolean {
  if (a.file === b.file) return true;
  const group = a.placement?.group;
  return group !== undefined && group === b.placement?.group;
}

function order(a: Resource, b: Resource): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.docIndex - b.docIndex || (a.itemIndex ?? -1) - (b.itemIndex ?? -1);
}

/** `later in this file`, `in ../mesh/routes.yaml`, `in a.yaml and b.yaml`. */
function describeWhere(r: Resource, others: readonly Resource[]): string {
  const names = [
    ...new Set(others.map(o => (o.file === r.file ? 'later in this file' : relativePath(dirname(r.file), o.file)))),
  ];
  const files = names.filter(n => n !== 'later in this file');
  const parts = names.includes('later in this file') ? ['later in this file'] : [];
  if (files.length > 0) parts.push(`in ${joinList(files)}`);
  return parts.join(' and ');
}

function joinList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
