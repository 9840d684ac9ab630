import type { Lookup } from '../index/lookup';
import { isServiceRef, parentKind, waypointKey } from '../index/references';
import { GATEWAY_API_GROUP, REFERENCE_GRANT_KIND_KEY } from '../model/gatewayApi';
import { resolveGatewayRef } from '../model/gatewayRef';
import { parseServiceFqdn, resolveHost } from '../model/hosts';
import type { Resource } from '../model/types';
import { site, type Site } from './sites';

/**
 * The cross-file meaning of Gateway API and ambient names, for definition, references, rename and
 * hover: which Gateway a parentRef, a VirtualService `gateways` entry, an `istio.io/use-waypoint`
 * label or a policy's targetRef names; which listener a sectionName names; which Service a
 * backendRef, a Service parentRef, a ReferenceGrant `to` or a targetRef names. Answered from the
 * index summaries and reverse tables, never by reading files.
 */

export interface ObjectName {
  readonly namespace: string;
  readonly name: string;
}

export interface ListenerName extends ObjectName {
  readonly listener: string;
}

/** Kinds whose `targetRefs` attach policies to Gateways and Services (always in their own namespace). */
const TARGETING_KINDS = ['AuthorizationPolicy', 'RequestAuthentication', 'Telemetry', 'WasmPlugin'];

// --- Gateway API Gateways -------------------------------------------------------------------

/** The Gateway API Gateway a site names or declares. VirtualService entries count when no Istio Gateway has that name. */
export function kubeGatewayOf(lookup: Lookup, s: Site): ObjectName | undefined {
  const r = s.resource;
  switch (s.field) {
    case 'name':
      return r.kind === 'Gateway' && r.group === GATEWAY_API_GROUP
        ? { namespace: r.namespace, name: s.str.value }
        : undefined;
    case 'parentRef': {
      const ref = r.parentRefs?.[s.index];
      if (!ref || parentKind(ref.group, ref.kind) !== 'Gateway') return undefined;
      return { namespace: ref.namespace?.value ?? r.namespace, name: ref.name.value };
    }
    case 'useWaypoint': {
      const key = waypointKey(r);
      if (!key) return undefined;
      const slash = key.indexOf('/');
      return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
    }
    case 'targetRef': {
      const ref = r.targetRefs?.[s.index];
      if (!ref || ref.group !== GATEWAY_API_GROUP || ref.kind !== 'Gateway') return undefined;
      return { namespace: r.namespace, name: ref.name.value };
    }
    case 'gateway':
    case 'matchGateway': {
      const ref = resolveGatewayRef(s.str.value, r.namespace);
      if (!ref || lookup.gateway(ref.namespace, ref.name).length > 0) return undefined;
      return lookup.kubeGateway(ref.namespace, ref.name).length > 0 ? ref : undefined;
    }
    default:
      return undefined;
  }
}

export function kubeGatewayDefinitions(lookup: Lookup, gw: ObjectName): Site[] {
  return lookup.kubeGateway(gw.namespace, gw.name).flatMap(r => site(r, 'name') ?? []);
}

/** parentRefs, VirtualService `gateways` entries, `istio.io/use-waypoint` labels and targetRefs naming the Gateway. */
export function kubeGatewayUses(lookup: Lookup, gw: ObjectName): Site[] {
  const out: Site[] = [];
  for (const route of lookup.routesWithParent('Gateway', gw.namespace, gw.name)) {
    (route.parentRefs ?? []).forEach((ref, i) => {
      if (parentKind(ref.group, ref.kind) !== 'Gateway' || ref.name.value !== gw.name) return;
      if ((ref.namespace?.value ?? route.namespace) === gw.namespace)
        out.push({ resource: route, field: 'parentRef', index: i, str: ref.name });
    });
  }
  if (lookup.gateway(gw.namespace, gw.name).length === 0) {
    for (const vs of lookup.virtualServicesBoundTo(gw.namespace, gw.name)) {
      const collect = (list: Resource['gateways'], field: 'gateway' | 'matchGateway') =>
        list?.forEach((str, index) => {
          const ref = resolveGatewayRef(str.value, vs.namespace);
          if (ref && ref.namespace === gw.namespace && ref.name === gw.name)
            out.push({ resource: vs, field, index, str });
        });
      collect(vs.gateways, 'gateway');
      collect(vs.matchGateways, 'matchGateway');
    }
  }
  for (const user of lookup.waypointUsers(gw.namespace, gw.name)) {
    const s = site(user, 'useWaypoint');
    if (s) out.push(s);
  }
  out.push(...targetRefUses(lookup, gw, GATEWAY_API_GROUP, 'Gateway'));
  return out;
}

// --- listeners ------------------------------------------------------------------------------

/** The listener a Gateway's listener name declares, or a parentRef's sectionName names. */
export function listenerOf(s: Site): ListenerName | undefined {
  const r = s.resource;
  if (s.field === 'listener' && r.name) return { namespace: r.namespace, name: r.name, listener: s.str.value };
  if (s.field !== 'sectionName') return undefined;
  const ref = r.parentRefs?.[s.index];
  if (!ref || parentKind(ref.group, ref.kind) !== 'Gateway') return undefined;
  return { namespace: ref.namespace?.value ?? r.namespace, name: ref.name.value, listener: s.str.value };
}

export function listenerDefinitions(lookup: Lookup, l: ListenerName): Site[] {
  const out: Site[] = [];
  for (const gw of lookup.kubeGateway(l.namespace, l.name))
    (gw.listeners ?? []).forEach((listener, i) => {
      if (listener.name?.value === l.listener)
        out.push({ resource: gw, field: 'listener', index: i, str: listener.name });
    });
  return out;
}

/** Route parentRefs whose sectionName names the listener. */
export function listenerUses(lookup: Lookup, l: ListenerName): Site[] {
  const out: Site[] = [];
  for (const route of lookup.routesWithParent('Gateway', l.namespace, l.name)) {
    (route.parentRefs ?? []).forEach((ref, i) => {
      if (
        ref.sectionName?.value === l.listener &&
        parentKind(ref.group, ref.kind) === 'Gateway' &&
        ref.name.value === l.name &&
        (ref.namespace?.value ?? route.namespace) === l.namespace
      )
        out.push({ resource: route, field: 'sectionName', index: i, str: ref.sectionName });
    });
  }
  return out;
}

// --- Services -------------------------------------------------------------------------------

/** The Kubernetes Service a backendRef, a Service parentRef, a ReferenceGrant `to` or a targetRef names. */
export function serviceRefOf(s: Site): ObjectName | undefined {
  const r = s.resource;
  switch (s.field) {
    case 'backendRef': {
      const ref = r.backendRefs?.[s.index];
      return ref && isServiceRef(ref.group, ref.kind)
        ? { namespace: ref.namespace?.value ?? r.namespace, name: ref.name.value }
        : undefined;
    }
    case 'parentRef': {
      const ref = r.parentRefs?.[s.index];
      return ref && parentKind(ref.group, ref.kind) === 'Service'
        ? { namespace: ref.namespace?.value ?? r.namespace, name: ref.name.value }
        : undefined;
    }
    case 'grantTo': {
      const to = r.grantTo?.[s.index];
      return to && isServiceRef(to.group, to.kind) ? { namespace: r.namespace, name: s.str.value } : undefined;
    }
    case 'targetRef': {
      const ref = r.targetRefs?.[s.index];
      return ref && isServiceRef(ref.group, ref.kind) ? { namespace: r.namespace, name: ref.name.value } : undefined;
    }
    default:
      return undefined;
  }
}

/** The host of a Service reference, as host sites resolve (`name.ns.svc.cluster.local`). */
export function serviceHost(svc: ObjectName): string {
  return resolveHost(svc.name, svc.namespace);
}

/** backendRefs, Service parentRefs, ReferenceGrant `to` names and targetRefs naming the Service of `host`. */
export function serviceRefUses(lookup: Lookup, host: string): Site[] {
  const svc = parseServiceFqdn(host);
  if (!svc) return [];
  const out: Site[] = [];
  for (const route of lookup.routesWithBackend(svc.namespace, svc.name))
    (route.backendRefs ?? []).forEach((ref, i) => {
      if (isServiceRef(ref.group, ref.kind) && sameObject(ref.namespace?.value ?? route.namespace, ref.name.value, svc))
        out.push({ resource: route, field: 'backendRef', index: i, str: ref.name });
    });
  for (const route of lookup.routesWithParent('Service', svc.namespace, svc.name))
    (route.parentRefs ?? []).forEach((ref, i) => {
      if (
        parentKind(ref.group, ref.kind) === 'Service' &&
        sameObject(ref.namespace?.value ?? route.namespace, ref.name.value, svc)
      )
        out.push({ resource: route, field: 'parentRef', index: i, str: ref.name });
    });
  for (const grant of lookup.ofKind(REFERENCE_GRANT_KIND_KEY, svc.namespace))
    (grant.grantTo ?? []).forEach((to, i) => {
      if (to.name && isServiceRef(to.group, to.kind) && to.name.value === svc.name)
        out.push({ resource: grant, field: 'grantTo', index: i, str: to.name });
    });
  out.push(...targetRefUses(lookup, svc, '', 'Service'));
  return out;
}

function targetRefUses(lookup: Lookup, target: ObjectName, group: string, kind: string): Site[] {
  const out: Site[] = [];
  for (const policyKind of [...TARGETING_KINDS, `${GATEWAY_API_GROUP}/BackendTLSPolicy`])
    for (const policy of lookup.ofKind(policyKind, target.namespace))
      (policy.targetRefs ?? []).forEach((ref, i) => {
        if (ref.group === group && ref.kind === kind && ref.name.value === target.name)
          out.push({ resource: policy, field: 'targetRef', index: i, str: ref.name });
      });
  return out;
}

function sameObject(namespace: string, name: string, target: ObjectName): boolean {
  return namespace === target.namespace && name === target.name;
}
