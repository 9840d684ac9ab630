import { parseDuration } from '../rules/support/duration';
import type { NameKind } from './catalog';

/**
 * The value formats Istio checks or parses, per annotation and label. `rejected` formats are the
 * ones the sidecar injector validates before injecting (istio/istio pkg/kube/inject/validate.go):
 * a pod with a bad value is refused by the webhook. The others Istio parses and, when the value
 * does not parse, ignores with a log line at most: the setting silently does not apply.
 */
export interface ValueFormat {
  /** What the value must be, for the message ("a comma-separated list of ports"). */
  readonly expected: string;
  /** The problem with `value`, or undefined when it is fine. */
  check(value: string): string | undefined;
  readonly rejected: boolean;
  /** The allowed value a wrong one obviously means (`True` for `true`), for the quick-fix. */
  suggest?(value: string): string | undefined;
  /** The values to offer, when Istio takes a fixed set. */
  readonly values?: readonly string[];
}

export function valueFormat(kind: NameKind, name: string): ValueFormat | undefined {
  return (kind === 'annotation' ? ANNOTATION_FORMATS : LABEL_FORMATS)[name];
}

const bool = (rejected: boolean): ValueFormat => ({
  expected: 'a boolean (true or false)',
  rejected,
  values: ['true', 'false'],
  check: v => (GO_BOOLS.has(v) ? undefined : `'${v}' is not a boolean`),
});

/** strconv.ParseBool. */
const GO_BOOLS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);

const exactly = (values: readonly string[], rejected: boolean): ValueFormat => ({
  expected: `one of ${values.join(', ')}`,
  rejected,
  values,
  check: v => (values.includes(v) ? undefined : `'${v}' is not one of ${values.join(', ')}`),
  suggest: v => values.find(a => a.toLowerCase() === v.trim().toLowerCase()),
});

const uint32: ValueFormat = {
  expected: 'a whole number of at least 0',
  rejected: true,
  check: v => (/^[0-9]+$/.test(v) && Number(v) <= 0xffffffff ? undefined : `'${v}' is not a whole number`),
};

const port: ValueFormat = {
  expected: 'a port number (0 to 65535)',
  rejected: true,
  check: v => portProblem(v),
};

const portList = (wildcard: boolean, rejected: boolean): ValueFormat => ({
  expected: `a comma-separated list of port numbers${wildcard ? " (or '*')" : ''}`,
  rejected,
  check: v => {
    if (wildcard && v === '*') return undefined;
    if (v.trim() === '') return undefined;
    for (const p of v.trim().split(',')) {
      const problem = portProblem(p);
      if (problem) return problem;
    }
    return undefined;
  },
});

const cidrList = (wildcard: boolean): ValueFormat => ({
  expected: `a comma-separated list of CIDR ranges without spaces${wildcard ? " (or '*')" : ''}`,
  rejected: true,
  check: v => {
    if ((wildcard && v === '*') || v === '') return undefined;
    // validateCIDRList splits on ',' and does not trim: a space after a comma makes the range invalid.
    for (const cidr of v.split(',')) if (!isCidr(cidr)) return `'${cidr}' is not a CIDR range (like 10.0.0.0/8)`;
    return undefined;
  },
});

const interfaces: ValueFormat = {
  expected: 'a comma-separated list of network interface names',
  rejected: true,
  check: v => {
    if (v === '') return undefined;
    for (const raw of v.split(',')) {
      const name = raw.trim();
      if (name === '') return 'an interface name is empty';
      if (name.length > 15) return `interface name '${name}' is longer than 15 characters`;
      if (!/^[a-zA-Z][a-zA-Z0-9_.-]*$/.test(name)) return `interface name '${name}' contains invalid characters`;
    }
    return undefined;
  },
};

const quantity: ValueFormat = {
  expected: 'a Kubernetes quantity (like 100m, 0.5, 128Mi, 1Gi)',
  rejected: true,
  check: v => (QUANTITY.test(v) ? undefined : `'${v}' is not a Kubernetes quantity`),
};

/** resource.ParseQuantity: a decimal number with a binary (Ki…Ei) or decimal (n…E) suffix, or an exponent. */
const QUANTITY = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;

const duration: ValueFormat = {
  expected: 'a duration (like 5s, 1m30s)',
  rejected: false,
  check: v => (parseDuration(v) !== undefined ? undefined : `'${v}' is not a duration`),
};

const positiveInt: ValueFormat = {
  expected: 'a whole number',
  rejected: false,
  check: v => (/^[0-9]+$/.test(v) ? undefined : `'${v}' is not a whole number`),
};

const jsonOf = (what: 'array' | 'object'): ValueFormat => ({
  expected: `a JSON ${what}`,
  rejected: false,
  check: v => {
    try {
      const parsed: unknown = JSON.parse(v);
      const ok = what === 'array' ? Array.isArray(parsed) : !!parsed && typeof parsed === 'object';
      return ok ? undefined : `the value is JSON but not a JSON ${what}`;
    } catch {
      return `the value is not valid JSON`;
    }
  },
});

const ANNOTATION_FORMATS: Readonly<Record<string, ValueFormat>> = {
  'sidecar.istio.io/interceptionMode': exactly(['REDIRECT', 'TPROXY', 'NONE'], true),
  'status.sidecar.istio.io/port': port,
  'readiness.status.sidecar.istio.io/initialDelaySeconds': uint32,
  'readiness.status.sidecar.istio.io/periodSeconds': uint32,
  'readiness.status.sidecar.istio.io/failureThreshold': uint32,
  'traffic.sidecar.istio.io/includeOutboundIPRanges': cidrList(true),
  'traffic.sidecar.istio.io/excludeOutboundIPRanges': cidrList(false),
  'traffic.sidecar.istio.io/includeInboundPorts': portList(true, true),
  'traffic.sidecar.istio.io/excludeInboundPorts': portList(false, true),
  'traffic.sidecar.istio.io/excludeOutboundPorts': portList(false, true),
  'traffic.sidecar.istio.io/includeOutboundPorts': portList(false, false),
  'traffic.sidecar.istio.io/excludeInterfaces': interfaces,
  'traffic.sidecar.istio.io/kubevirtInterfaces': interfaces,
  'istio.io/reroute-virtual-interfaces': interfaces,
  'prometheus.istio.io/merge-metrics': bool(true),
  'sidecar.istio.io/proxyCPU': quantity,
  'sidecar.istio.io/proxyMemory': quantity,
  'sidecar.istio.io/proxyCPULimit': quantity,
  'sidecar.istio.io/proxyMemoryLimit': quantity,
  'sidecar.istio.io/rewriteAppHTTPProbers': bool(false),
  'sidecar.istio.io/nativeSidecar': bool(false),
  'sidecar.istio.io/inject': exactly(['true', 'false'], false),
  'istio.io/dry-run': bool(false),
  'sidecar.istio.io/statsFlushInterval': duration,
  'sidecar.istio.io/statsEvictionInterval': duration,
  'sidecar.istio.io/statsHistogramBins': positiveInt,
  'sidecar.istio.io/userVolume': jsonOf('array'),
  'sidecar.istio.io/userVolumeMount': jsonOf('array'),
  'sidecar.istio.io/statsHistogramBuckets': jsonOf('object'),
  'sidecar.istio.io/logLevel': exactly(['trace', 'debug', 'info', 'warning', 'error', 'critical', 'off'], false),
};

const LABEL_FORMATS: Readonly<Record<string, ValueFormat>> = {
  // injectRequired accepts exactly these two; anything else falls back to the namespace policy.
  'sidecar.istio.io/inject': exactly(['true', 'false'], false),
  'istio.io/dataplane-mode': exactly(['ambient', 'none'], false),
  'networking.istio.io/enable-autoallocate-ip': exactly(['true', 'false'], false),
};

function portProblem(raw: string): string | undefined {
  const p = raw.trim();
  if (!/^[0-9]+$/.test(p) || Number(p) > 65535) return `'${raw}' is not a port number`;
  return undefined;
}

/** netip.ParsePrefix: an IPv4 or IPv6 address (no zone), `/`, a prefix length within the address size. */
export function isCidr(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash === -1) return false;
  const addr = text.slice(0, slash);
  const bits = text.slice(slash + 1);
  if (!/^(?:0|[1-9][0-9]{0,2})$/.test(bits)) return false;
  if (isIPv4(addr)) return Number(bits) <= 32;
  if (isIPv6(addr)) return Number(bits) <= 128;
  return false;
}

function isIPv4(addr: string): boolean {
  const parts = addr.split('.');
  return parts.length === 4 && parts.every(p => /^(?:0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

function isIPv6(addr: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(addr) || addr.includes(':::')) return false;
  const double = addr.split('::');
  if (double.length > 2) return false;
  let groups = addr === '::' ? [] : addr.split(':').filter(g => g !== '');
  // An embedded IPv4 tail counts as two groups.
  const last = groups[groups.length - 1];
  if (last?.includes('.')) {
    if (!isIPv4(last)) return false;
    groups = [...groups.slice(0, -1), '0', '0'];
  }
  if (!groups.every(g => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return double.length === 2 ? groups.length < 8 : groups.length === 8;
}
