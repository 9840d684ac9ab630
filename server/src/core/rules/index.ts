import type { CrossFileRule, LocalRule, Rule } from './types';
import { rule as subsetNotFound } from './subset-not-found';
import { rule as destinationRuleIgnored } from './destination-rule-ignored';
import { rule as gatewayNotFound } from './gateway-not-found';
import { rule as gatewayHostMismatch } from './gateway-host-mismatch';
import { rule as routeProtocolMismatch } from './route-protocol-mismatch';
import { rule as hostNotFound } from './host-not-found';
import { rule as duplicateDestinationRule } from './duplicate-destination-rule';
import { rule as conflictingVirtualService } from './conflicting-virtual-service';
import { rule as multipleNamespaceSidecars } from './multiple-namespace-sidecars';
import { rule as mtlsConflict } from './mtls-conflict';
import { rule as selectorMatchesNothing } from './selector-matches-nothing';
import { rule as destinationPortNotFound } from './destination-port-not-found';
import { rule as destinationPortRequired } from './destination-port-required';
import { rule as conflictingGateways } from './conflicting-gateways';
import { rule as delegateNotFound } from './delegate-not-found';
import { rule as duplicateResource } from './duplicate-resource';
import { rule as deprecatedApiVersion } from './deprecated-api-version';
import { rule as deprecatedField } from './deprecated-field';
import { rule as faultWithRetry } from './fault-with-retry';
import { rule as timeoutShorterThanRetries } from './timeout-shorter-than-retries';
import { rule as retriable4xx } from './retriable-4xx';
import { rule as localityWithoutOutlierDetection } from './locality-without-outlier-detection';
import { rule as fullEjection } from './full-ejection';
import { rule as tlsOriginationWithoutSan } from './tls-origination-without-san';
import { rule as redundantIstioMutual } from './redundant-istio-mutual';
import { rule as allowAllRule } from './allow-all-rule';
import { rule as denyAllRule } from './deny-all-rule';
import { rule as denyHttpFieldsWithoutPort } from './deny-http-fields-without-port';
import { rule as allowWithNotPaths } from './allow-with-not-paths';
import { rule as weights } from './weights';
import { rule as unreachableRoute } from './unreachable-route';
import { rule as portNameProtocol } from './port-name-protocol';
import { rule as conflictingHttpActions } from './conflicting-http-actions';
import { rule as portLevelPolicyNotInherited } from './port-level-policy-not-inherited';
import { rule as gatewayTlsWithoutCertificate } from './gateway-tls-without-certificate';
import { rule as sidecarEgressHostFormat } from './sidecar-egress-host-format';
import { rule as principalFormat } from './principal-format';
import { rule as schema } from './schema';
import { rule as yaml11Scalar } from './yaml11-scalar';
import { rule as istioValidation } from './istio-validation';
import { rule as routeParentNotFound } from './route-parent-not-found';
import { rule as routeNotAllowed } from './route-not-allowed';
import { rule as routeHostnameMismatch } from './route-hostname-mismatch';
import { rule as backendNotFound } from './backend-not-found';
import { rule as missingReferenceGrant } from './missing-reference-grant';
import { rule as waypointNotFound } from './waypoint-not-found';
import { rule as l7PolicyWithoutWaypoint } from './l7-policy-without-waypoint';
import { rule as unknownAnnotation } from './unknown-annotation';
import { rule as misplacedAnnotation } from './misplaced-annotation';
import { rule as deprecatedAnnotation } from './deprecated-annotation';
import { rule as invalidAnnotation } from './invalid-annotation';
import { rule as appUid1337 } from './app-uid-1337';
import { rule as drainLongerThanGracePeriod } from './drain-longer-than-grace-period';
import { rule as telemetryProviderNotFound } from './telemetry-provider-not-found';
import { rule as denyPathBypassable } from './deny-path-bypassable';
import { rule as hostsOnSidecarPolicy } from './hosts-on-sidecar-policy';
import { rule as rulesOrNotAnd } from './rules-or-not-and';
import { rule as identityWithoutStrictMtls } from './identity-without-strict-mtls';
import { rule as istioOperatorResource } from './istio-operator-resource';

/** Rules that read the workspace index (re-run when what they read changes). */
const CROSS_FILE_RULES: readonly Rule[] = [
  subsetNotFound,
  destinationRuleIgnored,
  gatewayNotFound,
  gatewayHostMismatch,
  routeProtocolMismatch,
  hostNotFound,
  duplicateDestinationRule,
  conflictingVirtualService,
  multipleNamespaceSidecars,
  mtlsConflict,
  selectorMatchesNothing,
  destinationPortNotFound,
  destinationPortRequired,
  conflictingGateways,
  delegateNotFound,
  duplicateResource,
  routeParentNotFound,
  routeNotAllowed,
  routeHostnameMismatch,
  backendNotFound,
  missingReferenceGrant,
  waypointNotFound,
  l7PolicyWithoutWaypoint,
  drainLongerThanGracePeriod,
  telemetryProviderNotFound,
  denyPathBypassable,
  hostsOnSidecarPolicy,
  identityWithoutStrictMtls,
  istioOperatorResource,
];

/** Rules that look at one resource's YAML alone. */
const SINGLE_RESOURCE_RULES: readonly Rule[] = [
  deprecatedApiVersion,
  deprecatedField,
  faultWithRetry,
  timeoutShorterThanRetries,
  retriable4xx,
  localityWithoutOutlierDetection,
  fullEjection,
  tlsOriginationWithoutSan,
  redundantIstioMutual,
  allowAllRule,
  denyAllRule,
  denyHttpFieldsWithoutPort,
  allowWithNotPaths,
  weights,
  unreachableRoute,
  portNameProtocol,
  conflictingHttpActions,
  portLevelPolicyNotInherited,
  gatewayTlsWithoutCertificate,
  sidecarEgressHostFormat,
  principalFormat,
  unknownAnnotation,
  misplacedAnnotation,
  deprecatedAnnotation,
  invalidAnnotation,
  appUid1337,
  rulesOrNotAnd,
  schema,
  yaml11Scalar,
  istioValidation,
];

/** Every rule, in the order findings are listed. Rule ids are public: never rename one. */
export const ALL_RULES: readonly Rule[] = [...CROSS_FILE_RULES, ...SINGLE_RESOURCE_RULES];

export function localRules(rules: readonly Rule[]): LocalRule[] {
  return rules.filter((r): r is LocalRule => !r.meta.crossFile);
}

export function crossFileRules(rules: readonly Rule[]): CrossFileRule[] {
  return rules.filter((r): r is CrossFileRule => r.meta.crossFile);
}

export function ruleById(id: string, rules: readonly Rule[] = ALL_RULES): Rule | undefined {
  return rules.find(r => r.id === id);
}
