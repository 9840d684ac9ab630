import { entries } from '../parse/access';
import { isTemplatedString } from '../parse/helm';
import { checkWorkloadSelector } from './selectors';
import { field, nonEmptyMap, type KindValidator } from './types';

/**
 * ValidatePeerAuthentication: port-level mTLS needs a workload selector with labels (a mesh- or
 * namespace-wide policy has no ports to speak of), and its keys are port numbers 1..65535 (a key
 * that is no number fails the conversion to map<uint32, …> before validation).
 */
export const validatePeerAuthentication: KindValidator = (_object, spec, out) => {
  checkWorkloadSelector(spec, out);
  const ports = field(spec, 'portLevelMtls');
  if (!ports || out.isTemplated(ports.value)) return;
  const labels = field(field(spec, 'selector')?.value, 'matchLabels')?.value;
  if (nonEmptyMap(ports.value) && !nonEmptyMap(labels) && !out.isTemplated(field(spec, 'selector')?.value))
    out.reject(
      ports.keySpan,
      'portLevelMtls requires a selector with matchLabels: a mesh- or namespace-wide policy cannot have port level mTLS',
    );
  for (const { key } of entries(ports.value)) {
    if (isTemplatedString(key.value)) continue;
    if (!/^[0-9]+$/.test(key.value)) out.reject(key.span, `portLevelMtls key "${key.value}" is not a port number`);
    else if (Number(key.value) < 1 || Number(key.value) > 65535)
      out.reject(key.span, `port ${key.value} in portLevelMtls must be between 1 and 65535`);
  }
};
