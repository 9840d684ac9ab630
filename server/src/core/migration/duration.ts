const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };

/**
 * An Istio (protobuf/Go) duration such as `1.5s` or `1m30s` in the Gateway API's stricter format
 * (`^([0-9]{1,5}(h|m|s|ms)){1,4}$`): whole seconds when it is, else milliseconds. Undefined when
 * it does not parse or is not a whole number of milliseconds.
 */
export function toGatewayDuration(text: string): string | undefined {
  const parts = [...text.trim().matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)];
  if (parts.length === 0 || parts.map(p => p[0]).join('') !== text.trim()) return undefined;
  const ms = parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]], 0);
  const rounded = Math.round(ms);
  if (Math.abs(ms - rounded) > 1e-9) return undefined;
  if (rounded % 1000 === 0 && rounded / 1000 < 100_000) return `${rounded / 1000}s`;
  return rounded < 100_000 ? `${rounded}ms` : undefined;
}
