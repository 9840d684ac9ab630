import { podPath } from '../annotations/sites';
import { DEFAULT_GRACE_SECONDS } from '../model/extract/pods';
import { WORKLOAD_KINDS } from '../model/kinds';
import type { Resource } from '../model/types';
import { asMap, getPath } from '../parse/access';
import type { Span } from '../parse/types';
import { formatDuration } from './support/duration';
import { workspaceMesh } from './support/meshConfigs';
import { resourceNode } from './support/resourceEdit';
import { addMapEntry } from './support/yamlEdit';
import type { CrossFileRule, CrossFileRuleContext, Fix } from './types';

/**
 * On shutdown the sidecar drains for `terminationDrainDuration` (ProxyConfig: the pod's
 * `proxy.istio.io/config`, else the mesh's `defaultConfig`; Istio's default 5s) while Kubernetes
 * kills the pod `terminationGracePeriodSeconds` (default 30) after asking it to stop. A drain
 * that is not shorter than the grace period never finishes: connections still open are cut,
 * and every rolling deploy shows 503s. Judged where both numbers are known: a pod's own drain
 * against its grace period, the mesh default against a grace period a pod writes, and the mesh
 * default against Kubernetes' default (on the MeshConfig).
 */
export const rule: CrossFileRule = {
  id: 'drain-longer-than-grace-period',
  meta: {
    description:
      "The sidecar's terminationDrainDuration is not shorter than the pod's terminationGracePeriodSeconds, so shutdowns cut connections mid-drain.",
    defaultSeverity: 'warning',
    crossFile: true,
    fixable: true,
    kinds: [...WORKLOAD_KINDS, 'IstioOperator', 'ConfigMap'],
    messages: {
      pod: "terminationDrainDuration {drain} is not shorter than the pod's terminationGracePeriodSeconds ({grace}s{graceDefault}): Kubernetes kills the pod before the sidecar has drained, cutting open connections on every rollout. Give the pod a longer grace period, or drain for less.",
      meshDefault:
        "The mesh's default terminationDrainDuration {drain} ({mesh}) is not shorter than this pod's terminationGracePeriodSeconds ({grace}s): Kubernetes kills the pod before the sidecar has drained. Raise the grace period, or set a shorter terminationDrainDuration in the pod's proxy.istio.io/config.",
      mesh: "defaultConfig.terminationDrainDuration {drain} is not shorter than Kubernetes' default terminationGracePeriodSeconds (30s): pods that keep the default are killed before their sidecar has drained. Drain for less than 30s, or give the pods longer grace periods.",
    },
  },
  check(ctx) {
    const r = ctx.resource;
    if (r.incomplete) return;
    if (r.mesh) {
      const { drainMs, drainSpan, drainText } = r.mesh;
      if (drainMs !== undefined && drainSpan && drainMs >= DEFAULT_GRACE_SECONDS * 1000)
        ctx.report({ span: drainSpan, messageId: 'mesh', data: { drain: drainText ?? formatDuration(drainMs) } });
      return;
    }
    const pods = r.pods;
    if (!pods || pods.noSidecar) return;
    const grace = pods.graceSeconds ?? DEFAULT_GRACE_SECONDS;
    if (pods.drain) {
      if (pods.drain.ms < grace * 1000 || !pods.drain.span) return;
      ctx.report({
        span: pods.drain.span,
        messageId: 'pod',
        data: {
          drain: pods.drain.text,
          grace,
          graceDefault: pods.graceSeconds === undefined ? ", Kubernetes' default" : '',
        },
        related: pods.graceSpan
          ? [{ file: r.file, span: pods.graceSpan, message: `terminationGracePeriodSeconds: ${grace}` }]
          : undefined,
        fixes: [graceFix(r, Math.ceil(pods.drain.ms / 1000) + 5, pods.graceSpan)],
      });
      return;
    }
    // The mesh default applies: judged only against a grace period the pod writes (the default
    // one is reported once, on the MeshConfig).
    if (pods.graceSeconds === undefined || !pods.graceSpan) return;
    const mesh = meshDrain(ctx);
    if (!mesh || mesh.ms < grace * 1000) return;
    ctx.report({
      span: pods.graceSpan,
      messageId: 'meshDefault',
      data: { drain: mesh.text, grace, mesh: describe(mesh.resource) },
      related: mesh.resource.mesh?.drainSpan
        ? [
            {
              file: mesh.resource.file,
              span: mesh.resource.mesh.drainSpan,
              message: `defaultConfig.terminationDrainDuration: ${mesh.text}`,
            },
          ]
        : undefined,
      fixes: [graceFix(r, Math.ceil(mesh.ms / 1000) + 5, pods.graceSpan)],
    });
  },
};

/** The shortest default drain the workspace's MeshConfigs set (none when one of them cannot be read). */
function meshDrain(ctx: CrossFileRuleContext): { ms: number; text: string; resource: Resource } | undefined {
  const mesh = workspaceMesh(ctx.index);
  if (!mesh.known) return undefined;
  let best: { ms: number; text: string; resource: Resource } | undefined;
  for (const m of mesh.configs) {
    const ms = m.mesh?.drainMs;
    if (ms === undefined) return undefined; // this MeshConfig keeps Istio's 5s
    if (!best || ms < best.ms) best = { ms, text: m.mesh?.drainText ?? formatDuration(ms), resource: m };
  }
  return best;
}

function describe(r: Resource): string {
  return `${r.kind} ${r.namespace}/${r.name ?? '?'}`;
}

/** Sets the pod's grace period to `seconds`: replaces the written value, or adds the field to the pod spec. */
function graceFix(r: Resource, seconds: number, graceSpan: Span | undefined): Fix {
  return {
    title: `Set terminationGracePeriodSeconds to ${seconds}`,
    isPreferred: true,
    compute: ({ readText }) => {
      const text = readText(r.file);
      if (text === undefined) return undefined;
      if (graceSpan) {
        const current = text.slice(graceSpan.start, graceSpan.end);
        if (!/^\d+$/.test(current)) return undefined;
        return [{ file: r.file, edits: [{ span: graceSpan, newText: String(seconds) }] }];
      }
      const path = podPath(r.kind);
      if (!path) return undefined;
      const spec = asMap(getPath(resourceNode(text, r), [...path, 'spec']));
      if (!spec || spec.items.length === 0) return undefined;
      return [
        {
          file: r.file,
          edits: [addMapEntry(text, spec, 'terminationGracePeriodSeconds', { inline: String(seconds) })],
        },
      ];
    },
  };
}
