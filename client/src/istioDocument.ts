/**
 * Whether a YAML text holds at least one resource of ours: an `apiVersion` in an `*.istio.io`
 * group or in the Gateway API (`gateway.networking.k8s.io`), which Istio implements and this
 * extension analyses like Istio's own kinds. The client uses it to keep completion and hover
 * requests for other YAML (Compose files, CI pipelines, plain Kubernetes manifests) from ever
 * reaching the server, and to set the `istio.isIstioDocument` context key for menus.
 */
export function hasIstioResource(text: string): boolean {
  return ISTIO_API_VERSION.test(text);
}

/**
 * Documents the server's completion and hover may answer for: Istio and Gateway API ones, and
 * ones that do not yet say what they are — blank, or with an apiVersion still being typed (`apiVersion: ` or
 * `apiVersion: netw`), so that a new file can be completed into an Istio resource. A document
 * whose apiVersion is complete and not Istio's (`apps/v1`, `v1`) never reaches the server.
 */
export function isIstioText(text: string): boolean {
  return text.trim() === '' || hasIstioResource(text) || !COMPLETE_API_VERSION.test(text);
}

const COMPLETE_API_VERSION =
  /^[ \t]*(?:-[ \t]+)?["']?apiVersion["']?[ \t]*:[ \t]*["']?(?:[a-z0-9.-]+\/[a-z0-9]+|v1)["']?[ \t]*(?:#.*)?$/m;

const ISTIO_API_VERSION =
  /^[ \t]*(?:-[ \t]+)?["']?apiVersion["']?[ \t]*:[ \t]*["']?(?:[a-z0-9.-]*\.istio\.io|gateway\.networking\.k8s\.io)\//m;

/**
 * Documents where Istio settings live outside Istio resources: the annotations and labels of the
 * Kubernetes kinds Istio reads them from (workloads and their pod templates, Services, Namespaces…),
 * the `proxy.istio.io/config` annotation and the mesh ConfigMap. The server answers there only in
 * `metadata.annotations`/`labels`, inside those documents, and in MeshConfig: elsewhere in such a
 * file it says nothing, as for any other YAML.
 */
export function mayHoldIstioSettings(text: string): boolean {
  if (text.includes('istio.io/') || /^[ \t]*["']?mesh["']?[ \t]*:/m.test(text)) return true;
  return SETTINGS_KIND.test(text) && NAMES_KEY.test(text);
}

/** For completion and hover: Istio documents, and others that may hold Istio settings. */
export function wantsIstioFeatures(text: string): boolean {
  return isIstioText(text) || mayHoldIstioSettings(text);
}

const SETTINGS_KIND =
  /^[ \t]*(?:-[ \t]+)?kind[ \t]*:[ \t]*["']?(?:Pod|Deployment|StatefulSet|DaemonSet|ReplicaSet|ReplicationController|Job|CronJob|Rollout|Service|Namespace|ServiceAccount|ServiceEntry|WorkloadEntry|Gateway|GatewayClass|Ingress)["']?[ \t]*(?:#.*)?$/m;

const NAMES_KEY = /^[ \t]*(?:-[ \t]+)?(?:annotations|labels)[ \t]*:/m;
