import { asMap, asScalar, get, items, keyText, str } from '../parse/access';
import type { Span, YNode } from '../parse/types';
import { ownPair } from './support/edits';
import type { LocalRule } from './types';

const TCP_SOURCE_FIELDS = [
  'principals',
  'notPrincipals',
  'namespaces',
  'notNamespaces',
  'ipBlocks',
  'notIpBlocks',
  'remoteIpBlocks',
  'notRemoteIpBlocks',
  'serviceAccounts',
  'notServiceAccounts',
];
const HTTP_SOURCE_FIELDS = ['requestPrincipals', 'notRequestPrincipals'];
const HTTP_OPERATION_FIELDS = ['methods', 'notMethods', 'paths', 'notPaths', 'hosts', 'notHosts'];
const TCP_OPERATION_FIELDS = ['ports', 'notPorts'];

/**
 * On TCP traffic the HTTP-only parts of a rule cannot be evaluated. For ALLOW rules Istio drops
 * the rule (it matches nothing); for DENY rules it drops the HTTP conditions — so the rule matches
 * every connection and denies all traffic to TCP ports the policy covers. Istio's own validation
 * warns with the same condition ("will deny all traffic to TCP ports under its scope … it is
 * recommended to explicitly specify the port").
 */
export const rule: LocalRule = {
  id: 'deny-http-fields-without-port',
  meta: {
    description:
      'A DENY AuthorizationPolicy rule uses only HTTP attributes without ports, so it denies all traffic on TCP ports.',
    defaultSeverity: 'warning',
    crossFile: false,
    fixable: false,
    kinds: ['AuthorizationPolicy'],
    messages: {
      to: 'This DENY rule matches on {field} but sets no ports: on TCP (non-HTTP) ports of the selected workloads, {field} cannot be checked and the rule denies every connection. Add to.operation.ports with the HTTP ports.',
      from: 'This DENY rule only matches on {field} (JWT), which TCP traffic does not carry: on TCP ports the rule denies every connection. Add a to.operation.ports condition.',
    },
  },
  check(ctx) {
    const spec = get(ctx.node, 'spec');
    if (str(get(spec, 'action'))?.value !== 'DENY') return;
    for (const r of items(get(spec, 'rules'))) {
      // A template may write the ports this rule seems to lack.
      if (ctx.isTemplated(r)) continue;
      const sources = items(get(r, 'from'))
        .map(f => get(f, 'source'))
        .filter((s): s is YNode => s !== undefined);
      const operations = items(get(r, 'to'))
        .map(t => get(t, 'operation'))
        .filter((o): o is YNode => o !== undefined);
      const tcpInFrom = sources.some(s => TCP_SOURCE_FIELDS.some(f => get(s, f) !== undefined));
      const tcpInTo = operations.some(o => TCP_OPERATION_FIELDS.some(f => get(o, f) !== undefined));
      if (operations.length > 0 && !tcpInTo) {
        const at = firstKey(operations, HTTP_OPERATION_FIELDS) ?? keySpanOf(r, 'to');
        if (at) ctx.report({ span: at.span, messageId: 'to', data: { field: at.name } });
      } else if (operations.length === 0 && sources.length > 0 && !tcpInFrom) {
        const at = firstKey(sources, HTTP_SOURCE_FIELDS) ?? keySpanOf(r, 'from');
        if (at) ctx.report({ span: at.span, messageId: 'from', data: { field: at.name } });
      }
    }
  },
};

function firstKey(maps: readonly YNode[], fields: readonly string[]): { span: Span; name: string } | undefined {
  for (const m of maps) {
    for (const pair of asMap(m)?.items ?? []) {
      const name = keyText(pair);
      const key = asScalar(pair.key);
      if (name && key && fields.includes(name)) return { span: key.span, name };
    }
  }
  return undefined;
}

function keySpanOf(node: YNode, key: string): { span: Span; name: string } | undefined {
  const p = ownPair(node, key);
  return p ? { span: p.key.span, name: key } : undefined;
}
