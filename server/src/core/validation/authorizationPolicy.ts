import { get, items, keyText } from '../parse/access';
import type { YMap, YNode } from '../parse/types';
import {
  conditionProblem,
  ipProblem,
  pathTemplateProblem,
  portProblem,
  serviceAccountProblem,
  trustDomainProblem,
} from './authorizationValues';
import { checkTargetRefs } from './selectors';
import { field, isNull, nonEmptySeq, text, type KindValidator, type Rejections } from './types';

const SOURCE_LISTS = [
  'principals',
  'notPrincipals',
  'requestPrincipals',
  'notRequestPrincipals',
  'namespaces',
  'notNamespaces',
  'ipBlocks',
  'notIpBlocks',
  'remoteIpBlocks',
  'notRemoteIpBlocks',
  'serviceAccounts',
  'notServiceAccounts',
  'trustDomains',
  'notTrustDomains',
];
const OPERATION_LISTS = ['ports', 'notPorts', 'methods', 'notMethods', 'paths', 'notPaths', 'hosts', 'notHosts'];
/** What a CUSTOM policy cannot match on (ext_authz runs before the identity is known). */
const NOT_WITH_CUSTOM = [
  'namespaces',
  'notNamespaces',
  'serviceAccounts',
  'notServiceAccounts',
  'trustDomains',
  'notTrustDomains',
  'principals',
  'notPrincipals',
  'requestPrincipals',
  'notRequestPrincipals',
];
const VALUE_CHECKS: Readonly<Record<string, (v: string) => string | undefined>> = {
  ipBlocks: ipProblem,
  notIpBlocks: ipProblem,
  remoteIpBlocks: ipProblem,
  notRemoteIpBlocks: ipProblem,
  serviceAccounts: serviceAccountProblem,
  notServiceAccounts: serviceAccountProblem,
  trustDomains: trustDomainProblem,
  notTrustDomains: trustDomainProblem,
  ports: portProblem,
  notPorts: portProblem,
  paths: pathTemplateProblem,
  notPaths: pathTemplateProblem,
};

/** ValidateAuthorizationPolicy: action and provider, rules, sources, operations and conditions. */
export const validateAuthorizationPolicy: KindValidator = (_object, spec, out) => {
  checkTargetRefs(spec, out);
  if (!spec || out.isTemplated(spec)) return;
  const actionNode = text(get(spec, 'action'));
  const action = actionNode?.value ?? 'ALLOW';
  const rules = field(spec, 'rules');
  const provider = field(spec, 'provider');
  if ((action === 'CUSTOM' || action === 'DENY') && !rules && actionNode)
    out.reject(
      actionNode.span,
      `a ${action} policy without rules never triggers (add an empty rule {} to match every request)`,
    );
  if (action === 'CUSTOM' && rules && !text(get(provider?.value, 'name'))?.value)
    out.reject(provider?.keySpan ?? actionNode!.span, 'a CUSTOM policy needs provider.name');
  if (provider && action !== 'CUSTOM')
    out.reject(provider.keySpan, `provider may only be set with action CUSTOM, not ${action}`);
  for (const rule of items(rules?.value)) checkRule(rule, action === 'CUSTOM', out);
};

function checkRule(rule: YNode, custom: boolean, out: Rejections): void {
  if (out.isTemplated(rule)) return;
  const from = field(rule, 'from');
  if (from && from.value?.kind === 'seq' && from.value.items.length === 0)
    out.reject(from.keySpan, '`from` must not be empty');
  for (const f of items(from?.value)) {
    const source = field(f, 'source');
    if (!source || isNull(source.value)) {
      out.reject(source?.keySpan ?? f.span, '`from` needs a source');
      continue;
    }
    checkLists(source.value!, SOURCE_LISTS, 'from.source', out);
    checkCombinations(source.value!, custom, out);
  }
  const to = field(rule, 'to');
  if (to && to.value?.kind === 'seq' && to.value.items.length === 0) out.reject(to.keySpan, '`to` must not be empty');
  for (const t of items(to?.value)) {
    const operation = field(t, 'operation');
    if (!operation || isNull(operation.value)) {
      out.reject(operation?.keySpan ?? t.span, '`to` needs an operation');
      continue;
    }
    checkLists(operation.value!, OPERATION_LISTS, 'to.operation', out);
  }
  for (const condition of items(get(rule, 'when'))) {
    const key = text(get(condition, 'key'));
    if (!key || key.value === '') continue; // a missing or empty key is the CRD schema's
    const values = items(get(condition, 'values'))
      .map(v => text(v))
      .filter(v => v !== undefined);
    const notValues = items(get(condition, 'notValues'))
      .map(v => text(v))
      .filter(v => v !== undefined);
    if (!nonEmptySeq(get(condition, 'values')) && !nonEmptySeq(get(condition, 'notValues'))) {
      if (!out.isTemplated(condition))
        out.reject(key.span, `at least one of values or notValues must be set for key ${key.value}`);
      continue;
    }
    // A key Istio does not take is reported once; values of a known key each where they are.
    const keyProblem = conditionProblem(key.value, []);
    if (keyProblem) out.reject(key.span, `invalid condition: ${keyProblem.why}`);
    else
      for (const list of [values, notValues]) {
        const empty = list.find(v => v.value === '');
        const problem = empty
          ? { span: empty.span, why: 'an empty value is not allowed' }
          : conditionProblem(key.value, list);
        if (problem) out.reject(problem.span ?? key.span, `invalid condition on ${key.value}: ${problem.why}`);
      }
    if (
      custom &&
      (['source.namespace', 'source.serviceAccount', 'source.trustDomain', 'source.principal'].includes(key.value) ||
        key.value.startsWith('request.auth.'))
    )
      out.reject(key.span, `${key.value} is not supported with action CUSTOM`);
  }
}

/** A source or operation says something; its values are non-empty and well formed. */
function checkLists(node: YNode, lists: readonly string[], where: string, out: Rejections): void {
  if (out.isTemplated(node)) return;
  // A source or operation names one or two of its many lists: only those written are looked up
  // (all of them when a merge key may bring in others).
  const written = node.kind === 'map' ? writtenKeys(node, lists) : lists;
  if (node.kind === 'map' && !written.some(k => nonEmptySeq(get(node, k))))
    out.reject(node.span, `${where} must not be empty`);
  for (const key of lists) {
    if (written !== lists && !written.includes(key)) continue;
    const check = VALUE_CHECKS[key];
    for (const item of items(get(node, key))) {
      const v = text(item);
      if (!v) continue;
      const problem = v.value === '' ? `an empty value is not allowed in ${key}` : check?.(v.value);
      if (problem) out.reject(v.span, problem);
    }
  }
}

/** The keys of `lists` that `map` writes, in its order; `lists` itself when the map merges others in. */
function writtenKeys(map: YMap, lists: readonly string[]): readonly string[] {
  let written: string[] | undefined;
  for (const pair of map.items) {
    const key = keyText(pair);
    if (key === '<<') return lists;
    if (key !== undefined && lists.includes(key)) (written ??= []).push(key);
  }
  return written ?? NONE;
}

const NONE: readonly string[] = [];

function checkCombinations(source: YNode, custom: boolean, out: Rejections): void {
  // serviceAccounts with principals or namespaces is the CRD's CEL rule to report (rule `schema`).
  if (custom)
    for (const key of NOT_WITH_CUSTOM) {
      const f = field(source, key);
      if (f && nonEmptySeq(f.value)) out.reject(f.keySpan, `from.source.${key} is not supported with action CUSTOM`);
    }
}
