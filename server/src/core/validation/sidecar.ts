import { get, items } from '../parse/access';
import type { YNode } from '../parse/types';
import { isDns1123Label, isIPAddress, isKnownProtocol, isTlsProtocol } from './names';
import { checkSelectorLabels } from './selectors';
import { field, int, kindSpan, text, type KindValidator, type Rejections } from './types';
import { unixAddressProblem, UNIX_PREFIX } from './workloadEntry';

/**
 * ValidateSidecar: something to configure; listener ports (names, protocols, binds, unique
 * numbers, no targetPort); one catch-all egress listener, last; ingress TLS limits; defaultEndpoint
 * forms; the outbound traffic policy's egress proxy. (Egress host formats: rule sidecar-egress-host-format.)
 */
export const validateSidecar: KindValidator = (object, spec, out) => {
  if (spec && out.isTemplated(spec)) return;
  checkSelectorLabels(get(spec, 'workloadSelector', 'labels'), out);
  if (!['egress', 'ingress', 'outboundTrafficPolicy', 'inboundConnectionPool'].some(k => field(spec, k))) {
    out.reject(
      field(object, 'spec')?.keySpan ?? kindSpan(object),
      'a Sidecar needs egress, ingress, outboundTrafficPolicy or inboundConnectionPool (empty configuration)',
    );
    return;
  }
  const ingressPorts = new Set<number>();
  for (const ingress of items(get(spec, 'ingress'))) {
    const port = get(ingress, 'port');
    checkListenerPort(port, text(get(ingress, 'bind')), ingressPorts, out);
    // The schema lets 0 through for egress unix:// listeners; an ingress port is 1-65535 (ValidatePort).
    const number = int(get(port, 'number'));
    if (number && number.value === 0)
      out.reject(number.span, 'an ingress port number must be between 1 and 65535, not 0');
    const endpoint = text(get(ingress, 'defaultEndpoint'));
    if (endpoint && endpoint.value !== '') {
      const problem = defaultEndpointProblem(endpoint.value);
      if (problem) out.reject(endpoint.span, problem);
    }
    const tls = field(ingress, 'tls');
    if (tls && tls.value?.kind === 'map') {
      for (const [key, why] of [
        ['subjectAltNames', 'subjectAltNames is not supported in Sidecar ingress tls'],
        ['httpsRedirect', 'httpsRedirect is not supported in Sidecar ingress tls'],
        ['credentialName', 'credentialName is not supported in Sidecar ingress tls'],
        ['credentialNames', 'credentialNames is not supported in Sidecar ingress tls'],
        ['tlsCertificates', 'tlsCertificates is not supported in Sidecar ingress tls'],
      ] as const) {
        const f = field(tls.value, key);
        const v = f?.value;
        const set =
          v &&
          (v.kind === 'seq'
            ? v.items.length > 0
            : v.kind === 'scalar'
              ? v.value !== '' && v.value !== false && v.value !== null
              : true);
        if (f && set) out.reject(f.keySpan, why);
      }
      const mode = text(get(tls.value, 'mode'));
      if (mode && (mode.value === 'ISTIO_MUTUAL' || mode.value === 'AUTO_PASSTHROUGH'))
        out.reject(mode.span, `tls mode ${mode.value} cannot be set in Sidecar ingress tls`);
      const protocol = text(get(port, 'protocol'));
      if (protocol && isKnownProtocol(protocol.value) && !isTlsProtocol(protocol.value))
        out.reject(tls.keySpan, `a ${protocol.value} listener cannot have TLS settings (only HTTPS and TLS ports)`);
    }
  }
  const egressPorts = new Set<number>();
  const egress = items(get(spec, 'egress'));
  let catchAll = false;
  egress.forEach((listener, index) => {
    const port = field(listener, 'port');
    if (!port) {
      if (catchAll) out.reject(listener.span, 'a Sidecar can have only one egress listener without port');
      else if (index !== egress.length - 1)
        out.reject(listener.span, 'the egress listener without port (catch-all) must be the last one');
      else catchAll = true;
      return;
    }
    const bind = text(get(listener, 'bind'));
    const number = int(get(port.value, 'number'));
    if (number && number.value === 0) {
      if (!bind?.value.startsWith(UNIX_PREFIX))
        out.reject(number.span, 'a port number 0 needs a unix domain socket bind (unix://…)');
      const problem = bind?.value.startsWith(UNIX_PREFIX) && unixAddressProblem(bind.value.slice(UNIX_PREFIX.length));
      if (problem) out.reject(bind!.span, problem);
      checkListenerPort(port.value, undefined, undefined, out);
      return;
    }
    checkListenerPort(port.value, bind, egressPorts, out);
  });
  const policy = get(spec, 'outboundTrafficPolicy');
  const mode = text(get(policy, 'mode'));
  if (mode?.value === 'ALLOW_ANY_DYNAMIC_DNS')
    out.reject(mode.span, 'ALLOW_ANY_DYNAMIC_DNS is only supported in MeshConfig, not in a Sidecar');
  const egressProxy = field(policy, 'egressProxy');
  if (egressProxy && (mode?.value ?? 'REGISTRY_ONLY') !== 'ALLOW_ANY' && !(get(policy, 'mode') && !mode))
    out.reject(egressProxy.keySpan, 'egressProxy can only be set with outboundTrafficPolicy mode ALLOW_ANY');
};

function checkListenerPort(
  port: YNode | undefined,
  bind: { value: string; span: { start: number; end: number } } | undefined,
  seen: Set<number> | undefined,
  out: Rejections,
): void {
  const name = text(get(port, 'name'));
  if (name && name.value !== '' && !isDns1123Label(name.value))
    out.reject(name.span, `invalid port name "${name.value}" (must be a DNS-1123 label)`);
  const protocol = text(get(port, 'protocol'));
  if (protocol && protocol.value !== '' && !isKnownProtocol(protocol.value))
    out.reject(protocol.span, `unsupported protocol "${protocol.value}"`);
  const targetPort = int(get(port, 'targetPort'));
  if (targetPort && targetPort.value > 0) out.reject(targetPort.span, 'targetPort has no impact on Sidecars');
  if (bind && bind.value !== '' && !isIPAddress(bind.value))
    out.reject(bind.span, `bind "${bind.value}" is not a valid IP address`);
  const number = int(get(port, 'number'));
  if (number && seen) {
    if (seen.has(number.value))
      out.reject(number.span, `ports on IP bound listeners must be unique (${number.value} is repeated)`);
    seen.add(number.value);
  }
}

/** A Sidecar ingress defaultEndpoint: 127.0.0.1:port, 0.0.0.0:port, [::1]:port, [::]:port, :port or unix://path. */
export function defaultEndpointProblem(endpoint: string): string | undefined {
  if (endpoint.startsWith(UNIX_PREFIX)) return unixAddressProblem(endpoint.slice(UNIX_PREFIX.length));
  const m = /^(\[([^\]]*)\]|([^:[\]]*)):([^:]*)$/.exec(endpoint);
  const form =
    'defaultEndpoint must be of form 127.0.0.1:<port>, 0.0.0.0:<port>, [::1]:<port>, [::]:<port> or unix://<path>';
  if (!m) return form;
  const host = m[2] ?? m[3] ?? '';
  if (!['', '127.0.0.1', '0.0.0.0', '::1', '::'].includes(host)) return form;
  const port = m[4];
  if (!/^[0-9]+$/.test(port)) return `the defaultEndpoint port "${port}" is not a number`;
  if (Number(port) < 1 || Number(port) > 65535) return `the defaultEndpoint port ${port} must be between 1 and 65535`;
  return undefined;
}
