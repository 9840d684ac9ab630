import type { Resource } from '../model/types';
import { dirname, relativePath } from '../util/paths';
import type { CrossFileRule } from './types';

/**
 * Since Istio 1.24 there is no in-cluster operator, and `istioctl install` no longer installs the
 * IstioOperator CRD: an IstioOperator is only the input of `istioctl install -f` (and
 * `istioctl manifest generate`). One that is part of what gets applied to the cluster — listed by
 * a kustomization, or in a file of other manifests applied with `kubectl apply -f` — either fails
 * to apply ("no matches for kind IstioOperator") or is a dead object nothing reads.
 */
export const rule: CrossFileRule = {
  id: 'istio-operator-resource',
  meta: {
    description:
      'An IstioOperator is applied to the cluster with other manifests, although only istioctl install -f reads it (no in-cluster operator since Istio 1.24).',
    defaultSeverity: 'info',
    crossFile: true,
    fixable: false,
    kinds: ['IstioOperator'],
    messages: {
      kustomization:
        'This IstioOperator is listed by {kustomization}, so it is applied to the cluster, where nothing reads it: the in-cluster operator is gone since Istio 1.24 (and without its CRD the apply fails). Keep it out of the kustomization and install with istioctl install -f.',
      manifests:
        'This IstioOperator shares its file with other manifests ({others}), so `kubectl apply -f` sends it to the cluster, where nothing reads it: the in-cluster operator is gone since Istio 1.24 (and without its CRD the apply fails). Keep it in a file of its own and install with istioctl install -f.',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    if (r.group !== 'install.istio.io' || !r.kindSpan) return;
    const kustomization = ctx.index.kustomizationListing(r.file);
    if (kustomization) {
      ctx.report({
        span: r.kindSpan,
        messageId: 'kustomization',
        data: { kustomization: relative(kustomization, r.file) },
      });
      return;
    }
    // Documents of one file are applied together; files of a directory may be applied one by one
    // (Istio's samples are), so only a shared file is certain.
    const others = ctx.index.resourcesInFile(r.file).filter(o => o.kind !== 'IstioOperator' && o.kind !== '');
    if (others.length === 0) return;
    ctx.report({ span: r.kindSpan, messageId: 'manifests', data: { others: describe(others, r.file) } });
  },
};

function describe(others: readonly Resource[], file: string): string {
  const names = others
    .slice(0, 2)
    .map(o => `${o.kind} ${o.name ?? '?'}${o.file === file ? '' : ` in ${basename(o.file)}`}`);
  return others.length > 2 ? `${names.join(', ')} and ${others.length - 2} more` : names.join(', ');
}

function basename(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

function relative(kustomization: string, file: string): string {
  return relativePath(dirname(file), kustomization);
}
