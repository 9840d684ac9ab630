import { get, items } from '../parse/access';
import type { YNode } from '../parse/types';

/** Telemetry v1 dropped three v1alpha1 fields; a resource using them cannot simply be upgraded. */
export function usesUnpromotedTelemetryFields(spec: YNode | undefined): boolean {
  return unpromotedTelemetryField(spec) !== undefined;
}

/** The first v1alpha1-only Telemetry field the spec uses, as a path (for messages), if any. */
export function unpromotedTelemetryField(spec: YNode | undefined): string | undefined {
  if (items(get(spec, 'metrics')).some(m => get(m, 'reportingInterval') !== undefined))
    return 'metrics[].reportingInterval';
  if (items(get(spec, 'accessLogging')).some(a => get(a, 'filter') !== undefined)) return 'accessLogging[].filter';
  if (items(get(spec, 'tracing')).some(t => get(t, 'useRequestIdForTraceSampling') !== undefined))
    return 'tracing[].useRequestIdForTraceSampling';
  return undefined;
}
