import { get, items } from '../parse/access';
import type { YNode } from '../parse/types';
import {
  isDns1123Label,
  isHttpProtocol,
  isIPAddress,
  isKnownProtocol,
  isPartialWildcard,
  isTlsProtocol,
  wildcardDomainProblem,
} from './names';
import { field, int, kindSpan, nonEmptySeq, text, type KindValidator, type Rejections } from './types';
import { unixAddressProblem, UNIX_PREFIX } from './workloadEntry';

/**
 * ValidateGateway: at least one server; each server's hosts, port and bind; port names unique
 * across servers; a plain-text server carries no TLS settings but httpsRedirect. (TLS servers
 * without certificates: rule gateway-tls-without-certificate; port ranges: the schema.)
 */
export const validateGateway: KindValidator = (object, spec, out) => {
  const name = text(get(object, 'metadata', 'name'));
  if (name && name.value !== '' && !isDns1123Label(name.value))
    out.reject(name.span, `invalid gateway name "${name.value}": it must be a DNS-1123 label (no dots)`);
  const servers = field(spec, 'servers');
  if (!nonEmptySeq(servers?.value)) {
    if (!out.isTemplated(servers?.value ?? spec))
      out.reject(
        servers?.keySpan ?? field(object, 'spec')?.keySpan ?? kindSpan(object),
        'a Gateway must have at least one server',
      );
    return;
  }
  const portNames = new Set<string>();
  for (const server of items(servers!.value)) {
    if (out.isTemplated(server)) continue;
    checkServer(server, out);
    const portName = text(get(server, 'port', 'name'));
    if (portName && portName.value !== '') {
      if (portNames.has(portName.value))
        out.reject(portName.span, `port names in servers must be unique: duplicate name "${portName.value}"`);
      portNames.add(portName.value);
    }
  }
};

function checkServer(server: YNode, out: Rejections): void {
  const hosts = field(server, 'hosts');
  if (hosts && !nonEmptySeq(hosts.value) && !out.isTemplated(hosts.value))
    out.reject(hosts.keySpan, 'a server must contain at least one host');
  for (const h of items(hosts?.value)) {
    const host = text(h);
    if (!host) continue;
    const problem = gatewayHostProblem(host.value);
    if (problem) out.reject(host.span, problem);
  }
  const port = field(server, 'port');
  const bind = text(get(server, 'bind'));
  const protocol = text(get(port?.value, 'protocol'));
  if (protocol && !isKnownProtocol(protocol.value))
    out.reject(
      protocol.span,
      `invalid protocol "${protocol.value}": supported protocols are HTTP, HTTPS, HTTP2, GRPC, GRPC-WEB, TLS, TCP, MONGO, REDIS, MYSQL`,
    );
  const targetPort = int(get(port?.value, 'targetPort'));
  if (targetPort && targetPort.value > 0) out.reject(targetPort.span, 'targetPort has no impact on Gateways');
  const portName = field(port?.value, 'name');
  if (port && portName && text(portName.value)?.value === '') out.reject(portName.keySpan, 'the port name must be set');
  if (bind && bind.value.startsWith(UNIX_PREFIX)) {
    const problem = unixAddressProblem(bind.value.slice(UNIX_PREFIX.length));
    if (problem) out.reject(bind.span, problem);
    const number = int(get(port?.value, 'number'));
    if (number && number.value !== 0)
      out.reject(number.span, 'the port number must be 0 for a unix domain socket bind');
  } else {
    // validateServerPort: 0 is accepted only with a unix:// bind.
    const number = int(get(port?.value, 'number'));
    if (number && number.value === 0)
      out.reject(number.span, 'a port number 0 needs a unix domain socket bind (unix://…)');
    if (bind && bind.value !== '' && !isIPAddress(bind.value))
      out.reject(bind.span, `bind "${bind.value}" is not a valid IP address`);
  }
  checkTlsOptions(field(server, 'tls')?.value, out);
  // A plain-text HTTP server may only carry httpsRedirect.
  const tls = field(server, 'tls');
  if (
    protocol &&
    isKnownProtocol(protocol.value) &&
    !isTlsProtocol(protocol.value) &&
    tls &&
    !out.isTemplated(tls.value)
  ) {
    if (!isHttpProtocol(protocol.value))
      out.reject(tls.keySpan, `a ${protocol.value} server cannot have TLS settings (only HTTPS and TLS ports)`);
    else {
      // gateway.IsPassThroughServer: mode unset (PASSTHROUGH) or a passthrough mode, and no files.
      const mode = text(get(tls.value, 'mode'))?.value ?? 'PASSTHROUGH';
      const files = ['caCertificates', 'privateKey', 'serverCertificate'].some(k => text(get(tls.value, k))?.value);
      if ((mode !== 'PASSTHROUGH' && mode !== 'AUTO_PASSTHROUGH') || files)
        out.reject(tls.keySpan, 'a plain-text HTTP server cannot have TLS settings (only tls.httpsRedirect)');
    }
  }
}

/** agent.ValidateNamespaceSlashWildcardHostname for a Gateway server host: `[namespace/]dnsName`. */
export function gatewayHostProblem(hostname: string): string | undefined {
  const slash = hostname.indexOf('/');
  let host = hostname;
  if (slash !== -1) {
    const ns = hostname.slice(0, slash);
    host = hostname.slice(slash + 1);
    if (ns === '' || host === '') return `host "${hostname}": the namespace and the DNS name cannot be empty`;
    if (ns !== '*' && ns !== '.' && !isDns1123Label(ns)) return `host "${hostname}": invalid namespace "${ns}"`;
  }
  if (host !== '*' && !host.includes('.')) return `host "${hostname}": short names (not FQDN) are not allowed`;
  const problem = wildcardDomainProblem(host);
  if (problem && !isIPAddress(host)) return problem;
  if (isPartialWildcard(host)) return `host "${hostname}": partial wildcard "${host}" is not allowed`;
  return undefined;
}

/**
 * validateTLSOptions beyond certificates being present (rule gateway-tls-without-certificate):
 * ISTIO_MUTUAL takes no certificate of its own, one certificate source at most, CRLs only with
 * file certificates and client verification.
 */
function checkTlsOptions(tls: YNode | undefined, out: Rejections): void {
  if (!tls || tls.kind !== 'map' || out.isTemplated(tls)) return;
  const set = (k: string) => {
    const v = get(tls, k);
    return !!v && (v.kind === 'seq' ? v.items.length > 0 : v.kind === 'map' || !!text(v)?.value);
  };
  const mode = text(get(tls, 'mode'));
  if (mode?.value === 'ISTIO_MUTUAL')
    for (const k of [
      'serverCertificate',
      'privateKey',
      'caCertificates',
      'tlsCertificates',
      'credentialName',
      'credentialNames',
    ])
      if (set(k)) out.reject(field(tls, k)!.keySpan, `ISTIO_MUTUAL TLS cannot have its own ${k}`);
  const sources = [
    set('serverCertificate') && set('privateKey'),
    set('credentialName'),
    set('credentialNames'),
    set('tlsCertificates'),
  ].filter(Boolean).length;
  if (sources > 1)
    out.reject(
      field(tls, 'mode')?.keySpan ?? tls.span,
      'only one of credentialName, credentialNames, serverCertificate/privateKey and tlsCertificates may be set',
    );
  const crl = field(tls, 'caCrl');
  if (crl && text(crl.value)?.value) {
    if (set('credentialName'))
      out.reject(crl.keySpan, 'caCrl is not supported with credentialName (put the CRL in the credential)');
    if (mode?.value === 'SIMPLE') out.reject(crl.keySpan, 'caCrl is not supported with SIMPLE TLS');
  }
}
