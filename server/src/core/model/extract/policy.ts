import { entries, get, str } from '../../parse/access';
import type { YNode } from '../../parse/types';
import type { PortMtlsRef, ResourceFields } from '../types';
import { selectorAt } from './selectors';

/** Summary fields of security, telemetry and extensions kinds. */
export function extractPolicy(kind: string, node: YNode): ResourceFields {
  const spec = get(node, 'spec');
  switch (kind) {
    case 'PeerAuthentication':
      return {
        selector: selectorAt(spec, 'selector', 'matchLabels'),
        mtlsMode: str(get(spec, 'mtls', 'mode')),
        portMtls: portLevelMtls(spec),
      };
    case 'AuthorizationPolicy':
    case 'RequestAuthentication':
    case 'Telemetry':
    case 'WasmPlugin':
      return { selector: selectorAt(spec, 'selector', 'matchLabels') };
    default:
      return {};
  }
}

function portLevelMtls(spec: YNode | undefined): PortMtlsRef[] | undefined {
  const out: PortMtlsRef[] = [];
  for (const { key, pair } of entries(get(spec, 'portLevelMtls'))) {
    const mode = str(get(pair.value, 'mode'));
    if (mode) out.push({ port: key.value, mode });
  }
  return out.length ? out : undefined;
}
