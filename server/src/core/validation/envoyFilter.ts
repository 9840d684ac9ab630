import { get, items } from '../parse/access';
import { regexProblem } from './regex';
import { checkSelectorLabels } from './selectors';
import { field, isNull, text, type KindValidator } from './types';

const LISTENER_CLASS = new Set(['LISTENER', 'FILTER_CHAIN', 'NETWORK_FILTER', 'HTTP_FILTER']);
const ROUTE_CLASS = new Set(['ROUTE_CONFIGURATION', 'VIRTUAL_HOST', 'HTTP_ROUTE']);
const HCM = new Set(['envoy.filters.network.http_connection_manager', 'envoy.http_connection_manager']);

/**
 * validateEnvoyFilter (pkg/config/validation/envoyfilter): each patch has applyTo, an operation
 * and (but for REMOVE) a value; the match fits the class of object patched; proxyVersion is RE2.
 * WAYPOINT patches are not checked by the webhook (their CEL rules are the schema's). The content
 * of `patch.value` (Envoy's types) is not checked here.
 */
export const validateEnvoyFilter: KindValidator = (_object, spec, out) => {
  checkSelectorLabels(get(spec, 'workloadSelector', 'labels'), out);
  for (const cp of items(get(spec, 'configPatches'))) {
    if (out.isTemplated(cp) || cp.kind !== 'map') continue;
    const match = get(cp, 'match');
    if (text(get(match, 'context'))?.value === 'WAYPOINT') continue;
    const applyTo = field(cp, 'applyTo');
    const patch = field(cp, 'patch');
    if (!applyTo || text(applyTo.value)?.value === 'INVALID') {
      out.reject(applyTo?.keySpan ?? cp.span, 'an EnvoyFilter patch needs applyTo');
      continue;
    }
    if (!patch || isNull(patch.value)) {
      out.reject(patch?.keySpan ?? applyTo.keySpan, 'an EnvoyFilter patch needs a patch');
      continue;
    }
    const operation = field(patch.value, 'operation');
    const op = text(operation?.value)?.value;
    if (!operation || op === 'INVALID') {
      out.reject(operation?.keySpan ?? patch.keySpan, 'an EnvoyFilter patch needs an operation');
      continue;
    }
    if (op && op !== 'REMOVE' && isNull(get(patch.value, 'value')) && !out.isTemplated(patch.value)) {
      out.reject(operation.keySpan, `patch operation ${op} needs a value (only REMOVE goes without)`);
      continue;
    }
    const version = text(get(match, 'proxy', 'proxyVersion'));
    if (version && version.value !== '' && version.value.length <= 1024) {
      const problem = regexProblem(version.value);
      if (problem) {
        out.reject(version.span, `invalid proxyVersion regex: ${problem}`);
        continue;
      }
    }
    const kind = text(applyTo.value)?.value ?? '';
    const objectTypes = ['listener', 'routeConfiguration', 'cluster'].filter(k => field(match, k));
    if (objectTypes.length === 0) continue;
    const matchKey = field(match, objectTypes[0])!.keySpan;
    if (LISTENER_CLASS.has(kind)) {
      if (objectTypes[0] !== 'listener') {
        out.reject(matchKey, `applyTo ${kind} (a listener class object) cannot have a ${objectTypes[0]} match`);
        continue;
      }
      const filter = get(match, 'listener', 'filterChain', 'filter');
      if (!filter || filter.kind !== 'map') continue;
      const name = text(get(filter, 'name'))?.value ?? '';
      const subFilter = field(filter, 'subFilter');
      if (name === '')
        out.reject(
          field(get(match, 'listener', 'filterChain'), 'filter')!.keySpan,
          'the filter match has no name to match on',
        );
      else if (subFilter && !isNull(subFilter.value)) {
        if (kind !== 'HTTP_FILTER')
          out.reject(subFilter.keySpan, 'a subFilter match can be used with applyTo HTTP_FILTER only');
        else if (!HCM.has(name))
          out.reject(
            subFilter.keySpan,
            'a subFilter match requires a filter match on envoy.filters.network.http_connection_manager',
          );
        else if (!text(get(subFilter.value, 'name'))?.value)
          out.reject(subFilter.keySpan, 'the subFilter match has no name to match on');
      }
    } else if (ROUTE_CLASS.has(kind) && objectTypes[0] !== 'routeConfiguration')
      out.reject(matchKey, `applyTo ${kind} (an HTTP route class object) cannot have a ${objectTypes[0]} match`);
    else if (kind === 'CLUSTER' && objectTypes[0] !== 'cluster')
      out.reject(matchKey, `applyTo CLUSTER cannot have a ${objectTypes[0]} match`);
  }
};
