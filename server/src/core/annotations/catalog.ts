import { ANNOTATIONS, LABELS } from './names.gen';
import type { IstioName } from './types';

/**
 * Istio's annotations and labels (names.gen.ts, generated from istio/api) as the analysis asks
 * about them: is a name Istio's, does it go on this kind, what replaces a deprecated one.
 */

export type NameKind = 'annotation' | 'label';

const byName = {
  annotation: new Map(ANNOTATIONS.map(a => [a.name, a])),
  label: new Map(LABELS.map(l => [l.name, l])),
};

export function istioName(kind: NameKind, name: string): IstioName | undefined {
  return byName[kind].get(name);
}

export function istioNames(kind: NameKind): readonly IstioName[] {
  return kind === 'annotation' ? ANNOTATIONS : LABELS;
}

/**
 * Names Istio owns: its domain `istio.io` and every subdomain (`sidecar.istio.io/…`), as istioctl's
 * annotation analyzer decides. Names of other owners are never judged.
 */
export function isIstioDomain(name: string): boolean {
  const slash = name.indexOf('/');
  if (slash <= 0) return false;
  const domain = name.slice(0, slash);
  return domain === 'istio.io' || domain.endsWith('.istio.io');
}

/**
 * Set by Istio's own controllers on the objects they create or mutate: `kubectl get -o yaml`
 * output carries them, so they are never reported (istioctl's AlwaysIgnoredAnnotations, plus the
 * hidden labels the injector and the installer add).
 */
export function isWrittenByIstio(kind: NameKind, name: string): boolean {
  if (kind === 'annotation') return WRITTEN_BY_ISTIO_ANNOTATIONS.has(name);
  return istioName('label', name)?.hidden === true;
}

const WRITTEN_BY_ISTIO_ANNOTATIONS = new Set([
  'sidecar.istio.io/status',
  'gateway.istio.io/controller-version',
  'istio.io/rev',
]);

/** Whether an entry goes on objects of `kind` (`Pod` for a workload's pod template). */
export function goesOn(entry: IstioName, kind: string): boolean {
  return entry.resources.includes('Any') || entry.resources.includes(kind);
}

/** What to write instead of a deprecated annotation or label. */
export interface Replacement {
  /** The new name, when the value carries over unchanged (a rename the quick-fix can make). */
  readonly rename?: string;
  /** What to do, in a sentence (shown after "deprecated:"). */
  readonly advice: string;
}

/**
 * Replacements of the deprecated names, from their descriptions in istio/api and the ProxyConfig
 * fields that took over (proxy.proto). A name missing here is deprecated without a successor.
 */
const REPLACEMENTS: Readonly<Record<string, Replacement>> = {
  'annotation:sidecar.istio.io/inject': {
    advice: 'use the label sidecar.istio.io/inject (on the pod template), which Istio prefers when both are set',
  },
  'annotation:traffic.sidecar.istio.io/kubevirtInterfaces': {
    rename: 'istio.io/reroute-virtual-interfaces',
    advice: 'use istio.io/reroute-virtual-interfaces (same value)',
  },
  'annotation:sidecar.istio.io/discoveryAddress': {
    advice: 'set discoveryAddress in the proxy.istio.io/config annotation (or the mesh defaultConfig)',
  },
  'annotation:sidecar.istio.io/statsInclusionPrefixes': {
    advice: 'set proxyStatsMatcher.inclusionPrefixes in the proxy.istio.io/config annotation',
  },
  'annotation:sidecar.istio.io/statsInclusionSuffixes': {
    advice: 'set proxyStatsMatcher.inclusionSuffixes in the proxy.istio.io/config annotation',
  },
  'annotation:sidecar.istio.io/statsInclusionRegexps': {
    advice: 'set proxyStatsMatcher.inclusionRegexps in the proxy.istio.io/config annotation',
  },
  'annotation:sidecar.istio.io/statsCompression': {
    advice: 'set statsCompression in the proxy.istio.io/config annotation',
  },
  'annotation:sidecar.istio.io/extraStatTags': {
    advice: 'istio.stats is a native Envoy filter now and needs no list of extra tags: remove it',
  },
};

export function replacementOf(kind: NameKind, name: string): Replacement | undefined {
  return REPLACEMENTS[`${kind}:${name}`];
}

/** The istio.io reference page of annotations or labels, with the anchor Istio uses for a name. */
export function referenceUrl(kind: NameKind, entry: IstioName): string {
  const page = kind === 'annotation' ? 'annotations' : 'labels';
  return `https://istio.io/latest/docs/reference/config/${page}/#${entry.anchor ?? anchorOf(entry.name)}`;
}

/**
 * istio.io anchors are the Go variable names istio/api generates: the domain's labels before
 * `istio.io` in reverse order, then the path's words (`readiness.status.sidecar.istio.io/periodSeconds`
 * → `SidecarStatusReadinessPeriodSeconds`, `istio.io/rev` → `IoIstioRev`).
 */
function anchorOf(name: string): string {
  const slash = name.indexOf('/');
  const domain = name.slice(0, slash);
  const labels =
    domain === 'istio.io'
      ? ['io', 'istio']
      : domain
          .replace(/\.istio\.io$/, '')
          .split('.')
          .reverse();
  return [...labels, ...name.slice(slash + 1).split(/[./-]/)]
    .filter(part => part !== '')
    .map(part => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/** Markdown for hover and completion: description, where it goes, status, deprecation, reference. */
export function nameDoc(kind: NameKind, entry: IstioName, options: { heading?: boolean } = {}): string {
  const parts: string[] = [];
  if (options.heading !== false) parts.push(`**${entry.name}** · Istio ${kind}`);
  if (entry.description) parts.push(absoluteLinks(entry.description));
  const on = entry.resources.includes('Any') ? 'any resource' : entry.resources.join(', ');
  parts.push(`Goes on: ${on}${entry.status ? ` · ${entry.status}` : ''}`);
  if (entry.deprecated) {
    const r = replacementOf(kind, entry.name);
    parts.push(`**Deprecated**${r ? `: ${r.advice}.` : '.'}`);
  }
  if (entry.hidden) parts.push('Set by Istio itself, not meant to be written by hand.');
  parts.push(`[Istio reference](${referenceUrl(kind, entry)})`);
  return parts.join('\n\n');
}

/** Istio's descriptions link to site-relative paths (`/docs/…`): make them work outside istio.io. */
function absoluteLinks(markdown: string): string {
  return markdown.replace(/\]\((\/docs\/[^)]*)\)/g, '](https://istio.io/latest$1)');
}
