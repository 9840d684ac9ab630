import type { Resource } from '../model/types';
import type { Span } from '../parse/types';
import { workspaceMesh } from './support/meshConfigs';
import type { CrossFileRule, Fix } from './types';

/**
 * A DENY rule on `paths` compares the path after the proxy's normalization. Istio's default
 * (BASE, RFC 3986: `/a/../b` is `/b`) neither merges slashes nor decodes `%2F`, so
 * `/admin//secret` or `/admin%2Fsecret` reaches the application (which usually treats them as
 * `/admin/secret`) without matching the rule. Safe: the mesh's `pathNormalization` set to
 * DECODE_AND_MERGE_SLASHES, or an ALLOW policy that lists the paths allowed (a variant then
 * matches nothing and is denied). With a MeshConfig in the workspace the finding is a warning;
 * without one, Istio's default is assumed and the finding is an info.
 */
export const rule: CrossFileRule = {
  id: 'deny-path-bypassable',
  meta: {
    description:
      "A DENY rule matches paths while the mesh's path normalization neither merges slashes nor decodes %2F, so path variants bypass it.",
    defaultSeverity: 'warning',
    crossFile: true,
    fixable: true,
    kinds: ['AuthorizationPolicy'],
    messages: {
      bypass:
        'This DENY rule can be bypassed: with path normalization {mode}{where}, Istio {what}, so {variant} reaches the same endpoint without matching {path}. Set meshConfig.pathNormalization.normalization to DECODE_AND_MERGE_SLASHES, or allow the paths you mean with an ALLOW policy instead.',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    const authz = r.authz;
    if (!authz || authz.action !== 'DENY' || authz.pathKeys.length === 0 || r.incomplete) return;
    const mesh = workspaceMesh(ctx.index);
    if (mesh.configs.some(m => m.incomplete || m.mesh?.incomplete)) return;
    // MeshConfigs of several places are alternatives: judged as if there were none (Istio's default, info).
    const meshes = mesh.known ? mesh.configs : [];
    const modes = meshes.map(m => normalizationOf(m));
    if (modes.length > 0 && modes.every(m => m === 'DECODE_AND_MERGE_SLASHES')) return;
    const weak = meshes.filter(m => normalizationOf(m) !== 'DECODE_AND_MERGE_SLASHES');
    const mode = weak.length > 0 ? normalizationOf(weak[0]) : 'BASE';
    for (const key of authz.pathKeys) {
      ctx.report({
        span: key.span,
        messageId: 'bypass',
        severity: meshes.length === 0 ? 'info' : undefined,
        data: {
          mode,
          where:
            weak.length > 0
              ? ` (${describe(weak[0])}${weak[0].mesh?.pathNormalization === undefined ? ', not set: the default' : ''})`
              : mesh.configs.length > 0
                ? " (Istio's default; the workspace's MeshConfigs are in several places, so none is taken as the mesh's)"
                : " (Istio's default; no MeshConfig in the workspace says otherwise)",
          what:
            mode === 'MERGE_SLASHES'
              ? 'merges slashes but does not decode %2F'
              : mode === 'NONE'
                ? 'does not normalize paths at all'
                : 'neither merges slashes nor decodes %2F',
          variant: variantOf(key.example, mode),
          path: key.example,
        },
        related: weak.map(m => ({
          file: m.file,
          span: m.mesh?.pathNormalizationSpan ?? m.nameSpan ?? m.span,
          message: `MeshConfig in ${describe(m)}: pathNormalization ${normalizationOf(m)}`,
        })),
        fixes: weak.length === 1 ? normalizationFix(weak[0]) : undefined,
      });
    }
  },
};

function normalizationOf(m: Resource): string {
  const mode = (m.mesh?.pathNormalization ?? 'BASE').trim().toUpperCase();
  return mode === 'DEFAULT' || mode === '' ? 'BASE' : mode;
}

function describe(m: Resource): string {
  return `${m.kind} ${m.namespace}/${m.name ?? '?'}`;
}

/** A spelling of `path` the normalization leaves alone but the application maps to the same resource. */
function variantOf(path: string, mode: string): string {
  const body = path.replace(/\*$/, '').replace(/^\*/, '');
  const inner = body.indexOf('/', 1);
  if (mode === 'MERGE_SLASHES')
    return inner > 0 ? `${body.slice(0, inner)}%2F${body.slice(inner + 1)}` : `/%2F${body.replace(/^\//, '')}`;
  return inner > 0
    ? `${body.slice(0, inner)}//${body.slice(inner + 1)}`
    : `/${body.startsWith('/') ? body : `/${body}`}`;
}

/** Rewrites an explicit `normalization` value of the one MeshConfig in the workspace. */
function normalizationFix(m: Resource): Fix[] | undefined {
  const span: Span | undefined = m.mesh?.pathNormalizationSpan;
  const current = m.mesh?.pathNormalization;
  if (!span || current === undefined) return undefined;
  return [
    {
      title: `Set pathNormalization to DECODE_AND_MERGE_SLASHES in ${describe(m)}`,
      compute: ({ readText }) => {
        const text = readText(m.file);
        const written = text?.slice(span.start, span.end);
        if (written === undefined) return undefined;
        const quote = written[0] === '"' || written[0] === "'" ? written[0] : '';
        if (written !== `${quote}${current}${quote}`) return undefined;
        return [{ file: m.file, edits: [{ span, newText: `${quote}DECODE_AND_MERGE_SLASHES${quote}` }] }];
      },
    },
  ];
}
