import { summarizeDocument } from '../model/summarize';
import { asMap, asScalar, get, items, num, str, stringMap, type Str } from '../parse/access';
import { parseYamlFile } from '../parse/parseFile';
import type { ParsedDocument, Span, YNode } from '../parse/types';
import type { FeatureContext } from './types';
import type { OutlineKind, OutlineSymbol } from './outline';
import { gatewayApiChildren } from './gatewayApiSymbols';

export type { OutlineKind, OutlineSymbol } from './outline';

/**
 * The outline of a file: one entry per resource, `Kind namespace/name`, with what a reader looks
 * for inside it: VirtualService hosts, gateways and routes (with their destinations),
 * DestinationRule host and subsets, Gateway servers, ServiceEntry hosts and Service ports; Gateway
 * API listeners, route parentRefs, hostnames, rules and backends, ReferenceGrant from/to.
 */
export function documentSymbols(fc: FeatureContext, file: string, text: string): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  for (const doc of parseYamlFile(file, text).docs) {
    if (!doc.root) continue;
    const objects = summarizeDocument(file, doc, text);
    if (objects.length === 0) {
      const generic = genericSymbol(doc);
      if (generic) out.push(generic);
      continue;
    }
    for (const { resource: r, node } of objects) {
      const namespace = fc.index.resource(r.id)?.namespace ?? r.explicitNamespace;
      const name = r.name === undefined ? '(unnamed)' : namespace ? `${namespace}/${r.name}` : r.name;
      const span = r.itemIndex === undefined ? doc.span : node.span;
      out.push({
        name: `${r.kind || 'Document'} ${name}`,
        detail: r.apiVersion || undefined,
        kind: 'resource',
        span,
        selectionSpan: r.nameSpan ?? r.kindSpan ?? span,
        children: inside(span, gatewayApiChildren(r.group, r.kind, node) ?? childrenOf(r.kind, node)),
      });
    }
  }
  return out;
}

function childrenOf(kind: string, node: YNode): OutlineSymbol[] {
  const spec = get(node, 'spec');
  switch (kind) {
    case 'VirtualService':
      return [
        ...strings(get(spec, 'hosts'), 'host'),
        ...strings(get(spec, 'gateways'), 'gateway'),
        ...(['http', 'tcp', 'tls'] as const).flatMap(via =>
          items(get(spec, via)).map((route, i) => routeSymbol(via, i, route)),
        ),
      ];
    case 'DestinationRule': {
      const host = str(get(spec, 'host'));
      return [
        ...(host ? [leaf(host, 'host')] : []),
        ...items(get(spec, 'subsets')).flatMap(s => {
          const name = str(get(s, 'name'));
          if (!name) return [];
          const labels = Object.entries(stringMap(get(s, 'labels')))
            .map(([k, v]) => `${k}=${v}`)
            .join(', ');
          return [
            {
              name: name.value,
              detail: labels || undefined,
              kind: 'subset' as const,
              span: s.span,
              selectionSpan: name.span,
              children: [],
            },
          ];
        }),
      ];
    }
    case 'Gateway':
      return items(get(spec, 'servers')).map((server, i) => {
        const port = get(server, 'port');
        const protocol = str(get(port, 'protocol'))?.value ?? '';
        const number = num(get(port, 'number'));
        const hosts = strings(get(server, 'hosts'), 'host');
        return {
          name: `${protocol} ${number ?? '?'}`.trim(),
          detail: str(get(port, 'name'))?.value ?? `servers[${i}]`,
          kind: 'server' as const,
          span: server.span,
          selectionSpan: firstKeySpan(server),
          children: hosts,
        };
      });
    case 'ServiceEntry':
      return strings(get(spec, 'hosts'), 'host');
    case 'Service':
      return items(get(spec, 'ports')).map(p => {
        const name = str(get(p, 'name'))?.value;
        const port = num(get(p, 'port'));
        return {
          name: `${port ?? '?'}${name ? `/${name}` : ''}`,
          detail: str(get(p, 'protocol'))?.value,
          kind: 'port' as const,
          span: p.span,
          selectionSpan: firstKeySpan(p),
          children: [],
        };
      });
    default:
      return [];
  }
}

function routeSymbol(via: 'http' | 'tcp' | 'tls', index: number, route: YNode): OutlineSymbol {
  const name = str(get(route, 'name'));
  const destinations: OutlineSymbol[] = [];
  const addDestination = (node: YNode | undefined, detail: string | undefined) => {
    const dest = asMap(node);
    const host = str(get(dest, 'host'));
    if (!dest || !host) return;
    const subset = str(get(dest, 'subset'))?.value;
    destinations.push({
      name: subset ? `${host.value} (${subset})` : host.value,
      detail,
      kind: 'destination',
      span: dest.span,
      selectionSpan: host.span,
      children: [],
    });
  };
  for (const r of items(get(route, 'route'))) {
    const weight = num(get(r, 'weight'));
    addDestination(get(r, 'destination'), weight === undefined ? undefined : `weight ${weight}`);
  }
  if (via === 'http') {
    addDestination(get(route, 'mirror'), 'mirror');
    for (const m of items(get(route, 'mirrors'))) addDestination(get(m, 'destination'), 'mirror');
  }
  return {
    name: name?.value ?? `${via}[${index}]`,
    detail: matchSummary(route),
    kind: 'route',
    span: route.span,
    selectionSpan: name?.span ?? firstKeySpan(route),
    children: destinations,
  };
}

/** A short description of a route's first match, e.g. `uri prefix /api`. */
function matchSummary(route: YNode): string | undefined {
  const match = items(get(route, 'match'))[0];
  if (!match) return undefined;
  for (const field of ['uri', 'authority', 'scheme', 'method']) {
    const m = asMap(get(match, field));
    const entry = m?.items[0];
    const how = entry && asScalar(entry.key)?.value;
    const value = entry && str(entry.value)?.value;
    if (how && value !== undefined) return `${field} ${String(how)} ${value}`;
  }
  const port = num(get(match, 'port'));
  if (port !== undefined) return `port ${port}`;
  const sni = str(items(get(match, 'sniHosts'))[0])?.value;
  return sni ? `sni ${sni}` : 'match';
}

function strings(node: YNode | undefined, kind: OutlineKind): OutlineSymbol[] {
  return items(node).flatMap(n => {
    const s = str(n);
    return s ? [leaf(s, kind)] : [];
  });
}

function leaf(s: Str, kind: OutlineKind): OutlineSymbol {
  return { name: s.value, kind, span: s.span, selectionSpan: s.span, children: [] };
}

/** Editors require children inside their parent; an alias can point outside it. */
function inside(parent: Span, children: readonly OutlineSymbol[]): OutlineSymbol[] {
  return children
    .filter(
      c =>
        parent.start <= c.span.start &&
        c.span.end <= parent.end &&
        c.span.start <= c.selectionSpan.start &&
        c.selectionSpan.end <= c.span.end,
    )
    .map(c => (c.children.length > 0 ? { ...c, children: inside(c.span, c.children) } : c));
}

function firstKeySpan(node: YNode): Span {
  const key = asMap(node)?.items[0]?.key;
  return key ? key.span : node.span;
}

/** A document the model does not summarise (a ConfigMap, a CRD we do not know): `Kind name`. */
function genericSymbol(doc: ParsedDocument): OutlineSymbol | undefined {
  const kind = str(get(doc.root, 'kind'));
  if (!kind) return undefined;
  const name = str(get(doc.root, 'metadata', 'name'));
  const namespace = str(get(doc.root, 'metadata', 'namespace'))?.value;
  const label = name ? (namespace ? `${namespace}/${name.value}` : name.value) : '(unnamed)';
  return {
    name: `${kind.value} ${label}`,
    kind: 'resource',
    span: doc.span,
    selectionSpan: name?.span ?? kind.span,
    children: [],
  };
}
