import { get, items } from '../parse/access';
import type { YNode } from '../parse/types';
import {
  fqdnProblem,
  ipSubnetProblem,
  isDns1123Label,
  isHttpProtocol,
  isIPAddress,
  isKnownProtocol,
  isTlsProtocol,
  wildcardDomainProblem,
} from './names';
import { checkExportTo } from './exportTo';
import { checkSelectorLabels } from './selectors';
import { field, int, nonEmptySeq, seqItems, text, type KindValidator, type Rejections } from './types';
import { checkWorkload } from './workloadEntry';

/**
 * ValidateServiceEntry: hosts, addresses, ports, and what each resolution allows of endpoints and
 * addresses. (Port ranges are the schema's; weights of hosts are not a thing.)
 */
export const validateServiceEntry: KindValidator = (_object, spec, out) => {
  // No spec (the CRD requires one), workloadSelector with endpoints, a `*` host or label value, a
  // CIDR address without NONE/STATIC resolution, duplicate port names and numbers, endpoints with
  // NONE and several with DNS_ROUND_ROBIN are the CRD's to report (rule `schema`).
  if (!spec || out.isTemplated(spec)) return;
  checkSelectorLabels(get(spec, 'workloadSelector', 'labels'), out, { values: false });
  const endpoints = field(spec, 'endpoints');

  const resolutionText = text(get(spec, 'resolution'));
  const resolution = resolutionText?.value ?? 'NONE';
  if (get(spec, 'resolution') && !resolutionText) return; // templated or mistyped: the schema's

  const hosts = items(get(spec, 'hosts'))
    .map(h => text(h))
    .filter(h => h !== undefined);
  checkHosts(hosts, resolution, out);
  const addresses = items(get(spec, 'addresses'))
    .map(a => text(a))
    .filter(a => a !== undefined);
  for (const a of addresses) {
    const problem = ipSubnetProblem(a.value);
    if (problem) out.reject(a.span, problem);
  }

  checkExportTo(spec, out, true);
  const ports = checkPorts(spec, out);
  const endpointList = seqItems(endpoints?.value);
  switch (resolution) {
    case 'STATIC':
      for (const e of endpointList) checkWorkload(e, out, { allowFqdn: false, servicePorts: ports.names });
      break;
    case 'DNS':
    case 'DNS_ROUND_ROBIN':
      if (endpointList.length === 0) {
        const bad = hosts.find(h => h.value !== '*' && fqdnProblem(h.value) && !wildcardDomainProblem(h.value));
        if (bad)
          out.reject(
            bad.span,
            `with resolution ${resolution} and no endpoints, hosts must be FQDNs ("${bad.value}" is not): there is nothing to resolve`,
          );
      }
      for (const e of endpointList) checkWorkload(e, out, { allowFqdn: true, servicePorts: ports.names });
      break;
    case 'DYNAMIC_DNS':
      for (const h of hosts)
        if (!h.value.startsWith('*')) out.reject(h.span, 'with resolution DYNAMIC_DNS every host must be a wildcard');
      if (nonEmptySeq(get(spec, 'addresses')))
        out.reject(field(spec, 'addresses')!.keySpan, 'addresses cannot be set with resolution DYNAMIC_DNS');
      if (endpointList.length > 0)
        out.reject(endpoints!.keySpan, 'endpoints cannot be set with resolution DYNAMIC_DNS');
      for (const p of ports.protocols)
        if (!['http', 'tls', 'grpc', 'http2'].includes(p.value.toLowerCase()))
          out.reject(
            p.span,
            `resolution DYNAMIC_DNS supports only HTTP, TLS, GRPC and HTTP2 ports, not ${p.value || 'unset'}`,
          );
      break;
  }
  // Plain TCP cannot tell several hosts apart (no Host header, no SNI).
  if (resolution !== 'NONE' && hosts.length > 1) {
    const tcp = ports.protocols.find(p => !isHttpProtocol(p.value) && !isTlsProtocol(p.value));
    if (tcp)
      out.reject(
        tcp.span,
        `several hosts with a ${tcp.value || 'protocol-less'} port: only HTTP or TLS ports can tell hosts apart (unless resolution is NONE)`,
      );
  }
};

function checkHosts(
  hosts: { value: string; span: { start: number; end: number } }[],
  resolution: string,
  out: Rejections,
) {
  for (const h of hosts) {
    if (h.value !== '*') {
      const problem = wildcardDomainProblem(h.value);
      if (problem && !isIPAddress(h.value)) out.reject(h.span, problem);
      else if (problem) out.reject(h.span, `host "${h.value}" is an IP address: hosts are DNS names (use addresses)`);
    }
  }
  void resolution;
}

interface PortFacts {
  readonly names: ReadonlySet<string>;
  /** Each port's protocol as written ('' when unset), at the port (or its protocol). */
  readonly protocols: { value: string; span: { start: number; end: number } }[];
}

function checkPorts(spec: YNode, out: Rejections): PortFacts {
  const names = new Set<string>();
  const protocols: PortFacts['protocols'] = [];
  for (const port of items(get(spec, 'ports'))) {
    if (out.isTemplated(port)) continue;
    const name = text(get(port, 'name'));
    const number = int(get(port, 'number'));
    const protocol = text(get(port, 'protocol'));
    if (name) {
      if (!names.has(name.value) && name.value !== '' && !isDns1123Label(name.value))
        out.reject(name.span, `invalid port name "${name.value}" (must be a DNS-1123 label)`);
      names.add(name.value);
    }
    if (protocol && protocol.value !== '' && !isKnownProtocol(protocol.value))
      out.reject(protocol.span, `unsupported protocol "${protocol.value}"`);
    if (!get(port, 'protocol') || protocol)
      protocols.push({ value: protocol?.value ?? '', span: protocol?.span ?? name?.span ?? number?.span ?? port.span });
  }
  return { names, protocols };
}
