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
import { field, int, kindSpan, nonEmptySeq, seqItems, text, type KindValidator, type Rejections } from './types';
import { checkWorkload } from './workloadEntry';

/**
 * ValidateServiceEntry: hosts, addresses, ports, and what each resolution allows of endpoints and
 * addresses. (Port ranges are the schema's; weights of hosts are not a thing.)
 */
export const validateServiceEntry: KindValidator = (object, spec, out) => {
  if (!spec) {
    out.reject(kindSpan(object), 'a ServiceEntry must have at least one host (it has no spec)');
    return;
  }
  if (out.isTemplated(spec)) return;
  const selector = field(spec, 'workloadSelector');
  checkSelectorLabels(get(selector?.value, 'labels'), out);
  const endpoints = field(spec, 'endpoints');
  if (selector && endpoints) out.reject(endpoints.keySpan, 'only one of workloadSelector or endpoints can be set');

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
  let cidr: { span: { start: number; end: number } } | undefined;
  for (const a of addresses) {
    const problem = ipSubnetProblem(a.value);
    if (problem) out.reject(a.span, problem);
    else if (a.value.includes('/')) cidr ??= a;
  }
  if (cidr && resolution !== 'NONE' && resolution !== 'STATIC')
    out.reject(cidr.span, `CIDR addresses are allowed only for NONE/STATIC resolution types, not ${resolution}`);

  checkExportTo(spec, out, true);
  const ports = checkPorts(spec, out);
  const endpointList = seqItems(endpoints?.value);
  switch (resolution) {
    case 'NONE':
      if (endpointList.length > 0)
        out.reject(endpoints!.keySpan, 'resolution NONE cannot set endpoints (no endpoints should be provided)');
      break;
    case 'STATIC':
      for (const e of endpointList) checkWorkload(e, out, { allowFqdn: false, servicePorts: ports.names });
      break;
    case 'DNS':
    case 'DNS_ROUND_ROBIN':
      if (endpointList.length === 0) {
        const bad = hosts.find(h => fqdnProblem(h.value) && !wildcardDomainProblem(h.value));
        if (bad)
          out.reject(
            bad.span,
            `with resolution ${resolution} and no endpoints, hosts must be FQDNs ("${bad.value}" is not): there is nothing to resolve`,
          );
      }
      if (resolution === 'DNS_ROUND_ROBIN' && endpointList.length > 1)
        out.reject(endpoints!.keySpan, 'resolution DNS_ROUND_ROBIN cannot have multiple endpoints (0 or 1)');
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
    if (h.value === '*') out.reject(h.span, 'a ServiceEntry host cannot be the wildcard "*"');
    else {
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
  const numbers = new Set<number>();
  const protocols: PortFacts['protocols'] = [];
  for (const port of items(get(spec, 'ports'))) {
    if (out.isTemplated(port)) continue;
    const name = text(get(port, 'name'));
    const number = int(get(port, 'number'));
    const protocol = text(get(port, 'protocol'));
    if (name) {
      if (names.has(name.value)) out.reject(name.span, `port name "${name.value}" is already defined`);
      else if (name.value !== '' && !isDns1123Label(name.value))
        out.reject(name.span, `invalid port name "${name.value}" (must be a DNS-1123 label)`);
      names.add(name.value);
    }
    if (number) {
      if (numbers.has(number.value)) out.reject(number.span, `port number ${number.value} cannot be duplicated`);
      numbers.add(number.value);
    }
    if (protocol && protocol.value !== '' && !isKnownProtocol(protocol.value))
      out.reject(protocol.span, `unsupported protocol "${protocol.value}"`);
    if (!get(port, 'protocol') || protocol)
      protocols.push({ value: protocol?.value ?? '', span: protocol?.span ?? name?.span ?? number?.span ?? port.span });
  }
  return { names, protocols };
}
