import { asScalar, get, items, num, str, strings, stringMap } from '../../parse/access';
import type { YNode } from '../../parse/types';
import { GATEWAY_API_GROUP, HOSTNAME_ROUTE_KINDS, ROUTE_KINDS } from '../gatewayApi';
import type {
  BackendRef,
  GrantFrom,
  GrantTo,
  LabelExpression,
  LabelSelectorSummary,
  ListenerSummary,
  ObjectRef,
  ParentRef,
} from '../gatewayApiTypes';
import type { ResourceFields } from '../types';
import { gatewayApiMatchText } from './matchText';

/** Summary fields of gateway.networking.k8s.io kinds, with the CRDs' defaults applied. */
export function extractGatewayApi(kind: string, node: YNode): ResourceFields {
  const spec = get(node, 'spec');
  if (ROUTE_KINDS.includes(kind)) {
    return {
      parentRefs: parentRefs(spec),
      hostnames: HOSTNAME_ROUTE_KINDS.has(kind) ? strings(get(spec, 'hostnames')) : undefined,
      backendRefs: backendRefs(spec),
      ruleMatches: items(get(spec, 'rules')).map(rule =>
        items(get(rule, 'matches')).flatMap(m => gatewayApiMatchText(m) ?? []),
      ),
    };
  }
  switch (kind) {
    case 'Gateway':
      return { gatewayClassName: str(get(spec, 'gatewayClassName')), listeners: listeners(spec) };
    case 'GatewayClass':
      return { controllerName: str(get(spec, 'controllerName'))?.value };
    case 'ReferenceGrant':
      return { grantFrom: grantFrom(spec), grantTo: grantTo(spec) };
    case 'BackendTLSPolicy':
      return { targetRefs: objectRefs(get(spec, 'targetRefs'), GATEWAY_API_GROUP, '') };
    default:
      return {};
  }
}

function parentRefs(spec: YNode | undefined): ParentRef[] {
  const out: ParentRef[] = [];
  for (const ref of items(get(spec, 'parentRefs'))) {
    const name = str(get(ref, 'name'));
    if (!name) continue;
    const portNode = get(ref, 'port');
    const port = num(portNode);
    out.push({
      group: str(get(ref, 'group'))?.value ?? GATEWAY_API_GROUP,
      kind: str(get(ref, 'kind'))?.value ?? 'Gateway',
      name,
      namespace: str(get(ref, 'namespace')),
      sectionName: str(get(ref, 'sectionName')),
      port,
      portSpan: port === undefined ? undefined : asScalar(portNode)?.span,
      span: ref.span,
    });
  }
  return out;
}

function backendRefs(spec: YNode | undefined): BackendRef[] {
  const out: BackendRef[] = [];
  const add = (ref: YNode | undefined, ruleIndex: number, mirror: boolean) => {
    const name = str(get(ref, 'name'));
    if (!ref || !name) return;
    const portNode = get(ref, 'port');
    const port = num(portNode);
    out.push({
      group: str(get(ref, 'group'))?.value ?? '',
      kind: str(get(ref, 'kind'))?.value ?? 'Service',
      name,
      namespace: str(get(ref, 'namespace')),
      port,
      portSpan: port === undefined ? undefined : asScalar(portNode)?.span,
      weight: num(get(ref, 'weight')),
      ruleIndex,
      mirror,
      span: ref.span,
    });
  };
  const mirrors = (filters: YNode | undefined, ruleIndex: number) => {
    for (const f of items(filters)) add(get(f, 'requestMirror', 'backendRef'), ruleIndex, true);
  };
  items(get(spec, 'rules')).forEach((rule, i) => {
    for (const ref of items(get(rule, 'backendRefs'))) {
      add(ref, i, false);
      mirrors(get(ref, 'filters'), i);
    }
    mirrors(get(rule, 'filters'), i);
  });
  return out;
}

function listeners(spec: YNode | undefined): ListenerSummary[] {
  return items(get(spec, 'listeners')).map(l => {
    const portNode = get(l, 'port');
    const port = num(portNode);
    const tls = get(l, 'tls');
    const namespaces = get(l, 'allowedRoutes', 'namespaces');
    const kinds = get(l, 'allowedRoutes', 'kinds');
    return {
      name: str(get(l, 'name')),
      port,
      portSpan: port === undefined ? undefined : asScalar(portNode)?.span,
      protocol: str(get(l, 'protocol'))?.value,
      hostname: str(get(l, 'hostname')),
      tlsMode: tls ? (str(get(tls, 'mode'))?.value ?? 'Terminate') : undefined,
      allowedFrom: str(get(namespaces, 'from'))?.value ?? 'Same',
      allowedSelector: get(namespaces, 'selector') ? labelSelector(get(namespaces, 'selector')) : undefined,
      allowedKinds: kinds
        ? items(kinds).flatMap(k => {
            const kind = str(get(k, 'kind'))?.value;
            return kind ? [{ group: str(get(k, 'group'))?.value ?? GATEWAY_API_GROUP, kind }] : [];
          })
        : undefined,
      certificateRefs: tls ? objectRefs(get(tls, 'certificateRefs'), '', 'Secret') : undefined,
      span: l.span,
    };
  });
}

/** `matchLabels` and `matchExpressions` of a Kubernetes LabelSelector. */
export function labelSelector(node: YNode | undefined): LabelSelectorSummary {
  const matchExpressions: LabelExpression[] = [];
  for (const e of items(get(node, 'matchExpressions'))) {
    const key = str(get(e, 'key'))?.value;
    const operator = str(get(e, 'operator'))?.value;
    if (key !== undefined && operator !== undefined)
      matchExpressions.push({ key, operator, values: strings(get(e, 'values')).map(v => v.value) });
  }
  return { matchLabels: stringMap(get(node, 'matchLabels')), matchExpressions };
}

/** References with defaults for group and kind (certificateRefs, targetRefs). */
export function objectRefs(node: YNode | undefined, defaultGroup: string, defaultKind: string): ObjectRef[] {
  return items(node).flatMap(ref => objectRef(ref, defaultGroup, defaultKind) ?? []);
}

export function objectRef(ref: YNode | undefined, defaultGroup: string, defaultKind: string): ObjectRef | undefined {
  const name = str(get(ref, 'name'));
  if (!ref || !name) return undefined;
  return {
    group: str(get(ref, 'group'))?.value ?? defaultGroup,
    kind: str(get(ref, 'kind'))?.value ?? defaultKind,
    name,
    namespace: str(get(ref, 'namespace')),
    sectionName: str(get(ref, 'sectionName')),
    span: ref.span,
  };
}

function grantFrom(spec: YNode | undefined): GrantFrom[] {
  const out: GrantFrom[] = [];
  for (const f of items(get(spec, 'from'))) {
    const namespace = str(get(f, 'namespace'));
    const kind = str(get(f, 'kind'))?.value;
    if (!namespace || !kind) continue;
    out.push({ group: str(get(f, 'group'))?.value ?? '', kind, namespace, span: f.span });
  }
  return out;
}

function grantTo(spec: YNode | undefined): GrantTo[] {
  const out: GrantTo[] = [];
  for (const t of items(get(spec, 'to'))) {
    const kind = str(get(t, 'kind'))?.value;
    if (!kind) continue;
    out.push({ group: str(get(t, 'group'))?.value ?? '', kind, name: str(get(t, 'name')), span: t.span });
  }
  return out;
}
