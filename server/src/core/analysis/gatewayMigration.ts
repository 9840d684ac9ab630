import type { Lookup } from '../index/lookup';
import { resourceIdOf } from '../index/placements';
import { resolveGatewayRef } from '../model/gatewayRef';
import { isIstioGroup } from '../model/kinds';
import type { Resource } from '../model/types';
import { migrateGateway } from '../migration/migrateGateway';
import { isMap, mapsOf, numberOf, toPlain } from '../migration/plain';
import { renderMigration } from '../migration/render';
import type { MigrationNote, MigrationSource } from '../migration/types';
import { get, getPath, pairOf } from '../parse/access';
import { offsetToLineCol } from '../parse/lineIndex';
import { parseYamlFile } from '../parse/parseFile';
import type { ParsedFile, YNode } from '../parse/types';
import { basename, dirname, joinPath, relativePath } from '../util/paths';
import type { Analyzer } from './analyzer';

export interface MigrationTarget {
  readonly file: string;
  /** Offset of the cursor: the Gateway or bound VirtualService there; else the file's first. */
  readonly offset?: number;
}

export interface PlannedNote {
  readonly severity: MigrationNote['severity'];
  readonly file: string;
  readonly line: number;
  readonly kind: string;
  readonly name: string;
  readonly field: string;
  readonly message: string;
}

export interface GatewayMigrationPlan {
  /** The new file, next to the Istio Gateway's. */
  readonly file: string;
  readonly text: string;
  readonly gateway: { readonly name: string; readonly namespace: string; readonly file: string };
  readonly virtualServices: readonly { readonly name: string; readonly namespace: string; readonly file: string }[];
  readonly resources: readonly { readonly kind: string; readonly name: string; readonly namespace?: string }[];
  readonly notes: readonly PlannedNote[];
}

export type GatewayMigrationOutcome = GatewayMigrationPlan | { readonly error: string };

/**
 * "Migrate Gateway to Gateway API": finds the Istio Gateway (at the cursor, or the one a
 * VirtualService there is bound to) and the VirtualServices bound to it, reads their current
 * text through `readText` (open editors first), and renders the Gateway API resources for a new
 * file next to the Gateway's. Nothing is written here; the sources stay as they are.
 */
export function planGatewayMigration(
  analyzer: Analyzer,
  target: MigrationTarget,
  readText: (file: string) => string | undefined,
  workspaceRoot?: string,
): GatewayMigrationOutcome {
  const lookup = analyzer.index.lookup();
  const gateway = findGateway(analyzer, lookup, target);
  if (typeof gateway === 'string') return { error: gateway };
  const parsed = new Map<string, ParsedFile | undefined>();
  const parse = (file: string) => {
    if (!parsed.has(file)) {
      const text = readText(file);
      parsed.set(file, text === undefined ? undefined : parseYamlFile(file, text));
    }
    return parsed.get(file);
  };
  const specNodes = new Map<string, YNode | undefined>(); // file:line -> the source's spec
  const source = (r: Resource): MigrationSource | string => {
    const file = parse(r.file);
    if (!file) return `${r.file} could not be read`;
    if (file.isHelm || r.incomplete) return `${r.kind} ${r.name} is a Helm template: migrate the rendered chart`;
    if (r.stale) return `${r.kind} ${r.name} has YAML errors`;
    const root = file.docs[r.docIndex]?.root ?? undefined;
    const node = r.itemIndex === undefined ? root : get(root, 'items', r.itemIndex);
    const spec = toPlain(get(node, 'spec'));
    if (!isMap(spec)) return `${r.kind} ${r.name} has no spec`;
    const line = offsetToLineCol(file.lineStarts, r.span.start).line;
    specNodes.set(`${r.file}:${line}`, get(node, 'spec'));
    return {
      kind: r.kind as MigrationSource['kind'],
      name: r.name ?? '',
      namespace: r.namespace,
      explicitNamespace: r.explicitNamespace,
      spec,
      file: r.file,
      line,
    };
  };
  const gatewaySource = source(gateway);
  if (typeof gatewaySource === 'string') return { error: gatewaySource };
  const seen = new Set<string>();
  const virtualServices: MigrationSource[] = [];
  const skipped: PlannedNote[] = [];
  const lineOf = (r: Resource) => {
    const starts = analyzer.index.file(r.file)?.lineStarts;
    return starts ? offsetToLineCol(starts, r.span.start).line : 0;
  };
  const identities = new Map<string, Resource>();
  const bound = [...lookup.virtualServicesBoundTo(gateway.namespace, gateway.name ?? '')].sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  for (const vs of bound) {
    const id = resourceIdOf(vs.id);
    if (seen.has(id)) continue;
    seen.add(id);
    // Copies of one VirtualService in several files are alternatives (apply one or the other):
    // two routes of one name would replace each other, so the first is migrated.
    const identity = `${vs.namespace}/${vs.name ?? ''}`;
    const first = identities.get(identity);
    if (first) {
      skipped.push({
        severity: 'warning',
        file: vs.file,
        line: lineOf(vs),
        kind: vs.kind,
        name: identity,
        field: '',
        message: `not migrated: the same VirtualService is also defined in ${basename(first.file)}, which was migrated.`,
      });
      continue;
    }
    identities.set(identity, vs);
    const s = source(vs);
    if (typeof s === 'string')
      skipped.push({
        severity: 'warning',
        file: vs.file,
        line: lineOf(vs),
        kind: vs.kind,
        name: vs.name ?? '',
        field: '',
        message: `not migrated: ${s}.`,
      });
    else virtualServices.push(s);
  }
  const result = migrateGateway({
    gateway: gatewaySource,
    virtualServices,
    workspace: {
      servicePorts: (namespace, name) => {
        const services = lookup.kubernetesServices(namespace, name);
        return services.length === 0
          ? undefined
          : services.flatMap(s => s.ports ?? []).flatMap(p => (p.port === undefined ? [] : [p.port]));
      },
      serviceEntryPorts: host => {
        const entries = lookup.servicesForHost(host).filter(r => r.kind === 'ServiceEntry' && isIstioGroup(r.group));
        const ports = entries.flatMap(e => {
          const file = parse(e.file);
          const root = file?.docs[e.docIndex]?.root ?? undefined;
          return mapsOf(toPlain(get(root, 'spec', 'ports'))).flatMap(p => numberOf(p.number) ?? []);
        });
        return ports.length > 0 ? [...new Set(ports)] : undefined;
      },
    },
  });
  const dir = dirname(gateway.file);
  let file = joinPath(dir, `${gateway.name}.gateway-api.yaml`);
  for (let n = 2; readText(file) !== undefined; n++) file = joinPath(dir, `${gateway.name}.gateway-api-${n}.yaml`);
  const relative = workspaceRoot ? relativePath(workspaceRoot, gateway.file) : basename(gateway.file);
  return {
    file,
    text: renderMigration(result, gatewaySource, relative),
    gateway: { name: gatewaySource.name, namespace: gatewaySource.namespace, file: gateway.file },
    virtualServices: virtualServices.map(v => ({ name: v.name, namespace: v.namespace, file: v.file })),
    resources: result.resources.map(r => ({ kind: r.kind, name: r.name, namespace: r.namespace })),
    notes: [
      ...skipped,
      ...result.notes.map(n => ({
        severity: n.severity,
        file: n.source.file,
        line:
          fieldLine(specNodes.get(`${n.source.file}:${n.source.line}`), n.field, parse(n.source.file)) ?? n.source.line,
        kind: n.source.kind,
        name: `${n.source.namespace}/${n.source.name}`,
        field: n.field,
        message: n.message,
      })),
    ],
  };
}

/** The Istio Gateway to migrate, or why there is none. */
function findGateway(analyzer: Analyzer, lookup: Lookup, target: MigrationTarget): Resource | string {
  const summary = analyzer.index.file(target.file);
  if (!summary) return 'the file is not indexed as an Istio file';
  const candidates = summary.resources.filter(
    r => isIstioGroup(r.group) && (r.kind === 'Gateway' || r.kind === 'VirtualService'),
  );
  const at =
    target.offset === undefined
      ? undefined
      : candidates.find(r => r.span.start <= target.offset! && target.offset! <= r.span.end);
  const ordered = at ? [at] : [...candidates.filter(r => r.kind === 'Gateway'), ...candidates];
  for (const r of ordered) {
    const placed = analyzer.index.instancesOf(r)[0] ?? r;
    if (r.kind === 'Gateway') return placed;
    for (const g of placed.gateways ?? []) {
      const ref = resolveGatewayRef(g.value, placed.namespace);
      const found = ref && lookup.gateway(ref.namespace, ref.name)[0];
      if (found) return found;
    }
  }
  return at
    ? `VirtualService ${at.name} is bound to no Istio Gateway of the workspace`
    : 'no Istio Gateway (or VirtualService bound to one) in this file';
}

/** The line of a note's field (`http[0].fault`) in the source's spec, when it is there. */
function fieldLine(spec: YNode | undefined, field: string, file: ParsedFile | undefined): number | undefined {
  if (!spec || !file || !field) return undefined;
  const path = field
    .split(/\.|\[(\d+)\]/)
    .filter(p => p !== undefined && p !== '')
    .map(p => (/^\d+$/.test(p) ? Number(p) : p));
  // The deepest node of the path that exists: a note about a missing field points at its parent.
  for (let n = path.length; n > 0; n--) {
    const last = path[n - 1];
    // A key's line rather than its value's (a block value starts on the next line).
    const node =
      typeof last === 'string'
        ? pairOf(getPath(spec, path.slice(0, n - 1)), last)?.key
        : getPath(spec, path.slice(0, n));
    if (node) return offsetToLineCol(file.lineStarts, node.span.start).line;
  }
  return undefined;
}
