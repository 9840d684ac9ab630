import { GATEWAY_API_GROUP, ROUTE_KINDS } from '../model/gatewayApi';
import { asMap, get, items, num, str, type Str } from '../parse/access';
import type { Span, YNode } from '../parse/types';
import type { OutlineSymbol } from './outline';

/**
 * Outline entries inside Gateway API resources: a Gateway's listeners (protocol, port, hostname),
 * a route's parentRefs, hostnames and rules with their backends and weights, a ReferenceGrant's
 * `from` and `to`. Undefined for other kinds.
 */
export function gatewayApiChildren(group: string, kind: string, node: YNode): OutlineSymbol[] | undefined {
  if (group !== GATEWAY_API_GROUP) return undefined;
  const spec = get(node, 'spec');
  if (ROUTE_KINDS.includes(kind)) return routeChildren(spec);
  switch (kind) {
    case 'Gateway':
      return items(get(spec, 'listeners')).map((l, i) => {
        const name = str(get(l, 'name'));
        const hostname = str(get(l, 'hostname'))?.value;
        const protocol = str(get(l, 'protocol'))?.value ?? '?';
        return {
          name: name?.value ?? `listeners[${i}]`,
          detail: `${protocol} ${num(get(l, 'port')) ?? '?'}${hostname ? ` ${hostname}` : ''}`,
          kind: 'server' as const,
          span: l.span,
          selectionSpan: name?.span ?? firstKeySpan(l),
          children: [],
        };
      });
    case 'ReferenceGrant':
      return [
        ...items(get(spec, 'from')).map(f => entry(f, 'from', str(get(f, 'kind')), str(get(f, 'namespace'))?.value)),
        ...items(get(spec, 'to')).map(t => entry(t, 'to', str(get(t, 'kind')), str(get(t, 'name'))?.value)),
      ];
    default:
      return [];
  }
}

function routeChildren(spec: YNode | undefined): OutlineSymbol[] {
  const parents = items(get(spec, 'parentRefs')).flatMap(ref => {
    const name = str(get(ref, 'name'));
    if (!name) return [];
    const ns = str(get(ref, 'namespace'))?.value;
    const section = str(get(ref, 'sectionName'))?.value;
    return [
      {
        name: ns ? `${ns}/${name.value}` : name.value,
        detail: [str(get(ref, 'kind'))?.value ?? 'Gateway', section].filter(Boolean).join(' '),
        kind: 'gateway' as const,
        span: ref.span,
        selectionSpan: name.span,
        children: [],
      },
    ];
  });
  const hostnames = items(get(spec, 'hostnames')).flatMap(h => {
    const s = str(h);
    return s ? [leaf(s)] : [];
  });
  const rules = items(get(spec, 'rules')).map((rule, i) => {
    const name = str(get(rule, 'name'));
    const backends = items(get(rule, 'backendRefs')).flatMap(b => {
      const backend = str(get(b, 'name'));
      if (!backend) return [];
      const weight = num(get(b, 'weight'));
      const port = num(get(b, 'port'));
      return [
        {
          name: `${backend.value}${port === undefined ? '' : `:${port}`}`,
          detail: weight === undefined ? undefined : `weight ${weight}`,
          kind: 'destination' as const,
          span: b.span,
          selectionSpan: backend.span,
          children: [],
        },
      ];
    });
    return {
      name: name?.value ?? `rules[${i}]`,
      detail: matchSummary(rule),
      kind: 'route' as const,
      span: rule.span,
      selectionSpan: name?.span ?? firstKeySpan(rule),
      children: backends,
    };
  });
  return [...parents, ...hostnames, ...rules];
}

/** A short description of a rule's first match, e.g. `path PathPrefix /api`. */
function matchSummary(rule: YNode): string | undefined {
  const match = items(get(rule, 'matches'))[0];
  if (!match) return undefined;
  const path = get(match, 'path');
  if (path) return `path ${str(get(path, 'type'))?.value ?? 'PathPrefix'} ${str(get(path, 'value'))?.value ?? '/'}`;
  const method = str(get(match, 'method', 'method'))?.value ?? str(get(match, 'method'))?.value;
  if (method) return `method ${method}`;
  return 'match';
}

function entry(node: YNode, side: 'from' | 'to', kind: Str | undefined, detail: string | undefined): OutlineSymbol {
  return {
    name: `${side} ${kind?.value ?? '?'}`,
    detail,
    kind: 'host',
    span: node.span,
    selectionSpan: kind?.span ?? firstKeySpan(node),
    children: [],
  };
}

function leaf(s: Str): OutlineSymbol {
  return { name: s.value, kind: 'host', span: s.span, selectionSpan: s.span, children: [] };
}

function firstKeySpan(node: YNode): Span {
  const key = asMap(node)?.items[0]?.key;
  return key ? key.span : node.span;
}
