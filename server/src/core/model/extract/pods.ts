import { podPath } from '../../annotations/sites';
import { embeddedDocument, hosts, isMapped, PROXY_CONFIG_ANNOTATION } from '../../embedded/documents';
import { asScalar, get, getPath, items, pairOf, str } from '../../parse/access';
import { isTemplatedString } from '../../parse/helm';
import { parseYamlFile } from '../../parse/parseFile';
import type { Span, YNode } from '../../parse/types';
import { parseDuration } from '../../rules/support/duration';
import type { ResourceFields } from '../types';
import type { PodSummary, Resource } from '../types';

/**
 * What a workload's pods tell Istio beyond their labels: the drain duration of their
 * `proxy.istio.io/config`, their termination grace period, and whether they are gateways (whose
 * proxies, unlike sidecars, route by the Host header). Only set when there is something to say.
 */
export function extractPods(kind: string, node: YNode, text: string | undefined): ResourceFields {
  const path = podPath(kind);
  if (!path) return NOTHING;
  const podRoot = path.length === 0 ? node : getPath(node, path);
  const specPair = pairOf(podRoot, 'spec');
  const spec = specPair?.value ?? undefined;
  const grace = asScalar(get(spec, 'terminationGracePeriodSeconds'));
  const graceSeconds = typeof grace?.value === 'number' ? grace.value : undefined;
  const metadata = get(podRoot, 'metadata');
  const drain = drainOf(kind, node, metadata, text);
  // The pod's own fields are looked at, not the file's text: a scan of the whole text for each
  // workload cost more than the few lookups it was meant to spare.
  const gateway = deployedAsGateway(metadata, spec);
  if (!drain && graceSeconds === undefined && !gateway) return NOTHING;
  const inject =
    str(get(metadata, 'labels', 'sidecar.istio.io/inject'))?.value ??
    str(get(metadata, 'annotations', 'sidecar.istio.io/inject'))?.value;
  const noSidecar = inject === 'false' ? (true as const) : undefined;
  const pods: PodSummary = {
    drain,
    graceSeconds,
    graceSpan: graceSeconds !== undefined ? grace?.span : undefined,
    specKeySpan: specPair?.key?.span,
    gateway,
    noSidecar,
  };
  return { pods };
}

function drainOf(
  kind: string,
  node: YNode,
  metadata: YNode | undefined,
  text: string | undefined,
): PodSummary['drain'] {
  // Most pods have no proxy configuration: their annotations say so without building the hosts list.
  if (!pairOf(get(metadata, 'annotations'), PROXY_CONFIG_ANNOTATION)) return undefined;
  const host = hosts(kind, node).find(h => h.kind === 'ProxyConfig');
  if (!host) return undefined;
  if (text !== undefined) {
    const doc = embeddedDocument(text, host.pair, host.kind, host.name);
    const value = str(get(doc?.root, 'terminationDrainDuration'));
    const ms = value ? parseDuration(value.value) : undefined;
    if (value && ms !== undefined) return { ms, text: value.value, span: mappedOrUndefined(value.span) };
    if (doc) return undefined;
  }
  // Without the file's text (or a map), the value is read without a place to point at.
  const raw = str(host.pair.value)?.value;
  if (raw === undefined || isTemplatedString(raw)) return undefined;
  const value = str(get(parseYamlFile('proxy-config.yaml', raw).docs[0]?.root, 'terminationDrainDuration'))?.value;
  const ms = value !== undefined ? parseDuration(value) : undefined;
  return value !== undefined && ms !== undefined ? { ms, text: value } : undefined;
}

function mappedOrUndefined(span: Span): Span | undefined {
  return isMapped(span) ? span : undefined;
}

/**
 * Gateways are told apart from sidecars by what Istio's gateway charts and the Gateway API
 * controller put on them: the `gateway` injection template, or a proxy container started as
 * `router`. (Labels naming a gateway are read from the pod labels where rules need them:
 * isGatewayWorkload.)
 */
function deployedAsGateway(metadata: YNode | undefined, spec: YNode | undefined): boolean {
  const templates = str(get(metadata, 'annotations', 'inject.istio.io/templates'))?.value;
  if (templates !== undefined && templates.split(',').some(t => t.trim() === 'gateway')) return true;
  for (const c of items(get(spec, 'containers'))) {
    if (str(get(c, 'name'))?.value !== 'istio-proxy') continue;
    if (items(get(c, 'args')).some(a => str(a)?.value === 'router')) return true;
  }
  return false;
}

/** Kubernetes' default `terminationGracePeriodSeconds`. */
export const DEFAULT_GRACE_SECONDS = 30;

/** Nothing to say about a workload's pods (most workloads): one shared empty object. */
const NOTHING: ResourceFields = Object.freeze({});

/**
 * A workload that is a gateway: deployed as one (the `gateway` injection template, `proxy router`)
 * or labelled as one (a label key or value naming a gateway: `istio: ingressgateway`,
 * `gateway.networking.k8s.io/gateway-name`).
 */
export function isGatewayWorkload(w: Resource): boolean {
  if (w.pods?.gateway) return true;
  for (const [k, v] of Object.entries(w.podLabels ?? {}))
    if (k.toLowerCase().includes('gateway') || v.toLowerCase().includes('gateway')) return true;
  return false;
}
