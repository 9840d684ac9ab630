import type { DestinationRuleMatch } from '../index/lookup';
import type { Labels, Resource, SubsetDef } from '../model/types';
import { fileRef } from './fileRefs';

/**
 * Markdown describing what workspace references resolve to, for hover and completion: subsets,
 * Gateways and their servers, and which step of Istio's DestinationRule lookup found a rule.
 */

/**
 * A subset; `drs` are the DestinationRules of one name defining it alike (the same object in
 * several files, e.g. per environment): one block that lists the files.
 */
export function describeSubset(drs: Resource | readonly Resource[], subset: SubsetDef): string {
  const list = Array.isArray(drs) ? (drs as readonly Resource[]) : [drs as Resource];
  const dr = list[0];
  const files = [...new Map(list.map(r => [r.file, r])).values()].map(fileRef).join(', ');
  return `Subset \`${subset.name.value}\` of DestinationRule \`${dr.namespace}/${dr.name ?? ''}\`\n\nLabels: ${labelsText(subset.labels)}\n\nDefined in ${files}`;
}

export function labelsText(labels: Labels): string {
  const entries = Object.entries(labels);
  return entries.length === 0 ? '*(none: every endpoint)*' : entries.map(([k, v]) => `\`${k}: ${v}\``).join(', ');
}

/** Why a DestinationRule applies (or none does) to traffic from `clientNs` to `host`. */
export function describeRuleMatch(match: DestinationRuleMatch | undefined, host: string, clientNs: string): string {
  if (!match)
    return `No DestinationRule applies to \`${host}\` for clients in \`${clientNs}\`: Istio looked in the client's namespace, the service's namespace and the mesh root namespace.`;
  const names = match.rules.map(r => `\`${r.namespace}/${r.name ?? ''}\` (${fileRef(r)})`).join(', ');
  const via = match.matchedHost !== host ? ` through its wildcard host \`${match.matchedHost}\`` : '';
  const why =
    match.step === 'client'
      ? `found first, in the client's own namespace \`${match.namespace}\``
      : match.step === 'service'
        ? `found in the service's namespace \`${match.namespace}\` (nothing for this host in the client's namespace \`${clientNs}\`), exported to the client`
        : `found in the mesh root namespace \`${match.namespace}\` (nothing in the client's or the service's namespace)`;
  return `DestinationRule ${names} applies${via}: ${why}.`;
}

export function describeGateway(gw: Resource): string {
  const selector = gw.selector ? ` · selector ${labelsText(gw.selector.labels)}` : '';
  const servers = (gw.servers ?? []).map(s => {
    const port = `${s.port ?? '?'}${s.protocol ? `/${s.protocol}` : ''}${s.portName ? ` (${s.portName})` : ''}`;
    const tls = s.tlsMode ? ` · TLS ${s.tlsMode}` : '';
    return `- \`${port}\`${tls} · hosts ${s.hosts.map(h => `\`${h.value}\``).join(', ') || '*(none)*'}`;
  });
  return [
    `**Gateway** \`${gw.namespace}/${gw.name ?? ''}\`${selector}`,
    servers.length > 0 ? `Servers:\n${servers.join('\n')}` : 'No servers.',
    `Defined in ${fileRef(gw)}`,
  ].join('\n\n');
}
