import { entries, get } from '../parse/access';
import { isTemplatedString } from '../parse/helm';
import type { YNode } from '../parse/types';
import { fqdnProblem, isIPAddress, labelProblem } from './names';
import { field, text, type KindValidator, type Rejections } from './types';

export const UNIX_PREFIX = 'unix://';

/** ValidateUnixAddress: an abstract socket (`@name`) or an absolute path to a file. */
export function unixAddressProblem(path: string): string | undefined {
  if (path === '') return 'the unix address must not be empty';
  if (path.startsWith('@')) return undefined;
  if (!path.startsWith('/')) return `UDS path "${path}" must be an absolute path or an abstract socket (@name)`;
  if (path.endsWith('/')) return `UDS path "${path}" may not be a directory`;
  return undefined;
}

/**
 * validateWorkloadEntry, for a WorkloadEntry (FQDN addresses allowed) and for the endpoints of a
 * ServiceEntry (`servicePorts` names the entry's ports; `allowFqdn` false for STATIC resolution).
 */
export function checkWorkload(
  entry: YNode | undefined,
  out: Rejections,
  options: { allowFqdn: boolean; servicePorts?: ReadonlySet<string> },
): void {
  const addr = text(get(entry, 'address'));
  const ports = field(entry, 'ports');
  // UDS paths (empty, relative, a directory) and a UDS with ports are the CRD's CEL rules (rule `schema`).
  if (addr && !addr.value.startsWith(UNIX_PREFIX) && addr.value !== '' && !isIPAddress(addr.value)) {
    if (!options.allowFqdn) out.reject(addr.span, `endpoint address "${addr.value}" is not a valid IP address`);
    else if (fqdnProblem(addr.value))
      out.reject(addr.span, `endpoint address "${addr.value}" is not a valid FQDN or IP address`);
  }
  for (const { key } of entries(ports?.value)) {
    if (isTemplatedString(key.value)) continue;
    if (options.servicePorts && !options.servicePorts.has(key.value))
      out.reject(key.span, `endpoint port "${key.value}" is not defined by the ServiceEntry's ports`);
    // Port names that are no DNS-1123 label are the CRD's CEL rule to report (rule `schema`).
  }
  for (const { key, pair } of entries(get(entry, 'labels'))) {
    const value = text(pair.value);
    if (isTemplatedString(key.value) || (!value && pair.value)) continue;
    const problem = labelProblem(key.value, value?.value ?? '');
    if (problem) out.reject(problem.inValue && value ? value.span : key.span, problem.why);
  }
}

/** ValidateWorkloadEntry (no spec, or neither address nor network, is the CRD's to report). */
export const validateWorkloadEntry: KindValidator = (_object, spec, out) => {
  checkWorkload(spec, out, { allowFqdn: true });
  const address = field(spec, 'address');
  const network = field(spec, 'network');
  // The CEL rule is `has(self.address) || has(self.network)`: the webhook also wants one non-empty.
  if (!address && !network) return;
  if (text(address?.value)?.value || text(network?.value)?.value) return;
  if (out.isTemplated(spec) || out.isTemplated(address?.value) || out.isTemplated(network?.value)) return;
  out.reject((address ?? network)!.keySpan, 'an address is required (unless a network is set)');
};
