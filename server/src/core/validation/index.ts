import { validateAuthorizationPolicy } from './authorizationPolicy';
import { validateDestinationRule } from './destinationRule';
import { validateEnvoyFilter } from './envoyFilter';
import { validateGateway } from './gateway';
import { validateRequestAuthentication } from './requestAuthentication';
import { validateServiceEntry } from './serviceEntry';
import { validateSidecar } from './sidecar';
import { validateTelemetry } from './telemetry';
import type { KindValidator } from './types';
import { validateVirtualService } from './virtualService';
import { validateWasmPlugin } from './wasmPlugin';
import { validateWorkloadEntry } from './workloadEntry';
import { validateWorkloadGroup } from './workloadGroup';

export type { KindValidator, Rejections } from './types';

/**
 * Istio's webhook checks by kind (Istio's own kinds; kindKey of the Gateway API's differ). A check
 * the CRD's CEL rules state is left to rule `schema` (one error per defect): PeerAuthentication and
 * ProxyConfig have no check left here.
 */
export const VALIDATORS: Readonly<Record<string, KindValidator>> = {
  AuthorizationPolicy: validateAuthorizationPolicy,
  DestinationRule: validateDestinationRule,
  EnvoyFilter: validateEnvoyFilter,
  Gateway: validateGateway,
  RequestAuthentication: validateRequestAuthentication,
  ServiceEntry: validateServiceEntry,
  Sidecar: validateSidecar,
  Telemetry: validateTelemetry,
  VirtualService: validateVirtualService,
  WasmPlugin: validateWasmPlugin,
  WorkloadEntry: validateWorkloadEntry,
  WorkloadGroup: validateWorkloadGroup,
};
