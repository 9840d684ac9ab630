import { embeddedDocument, hosts, isMapped } from '../../embedded/documents';
import { asMap, get, items, str, strings } from '../../parse/access';
import { isTemplatedString } from '../../parse/helm';
import { parseYamlFile } from '../../parse/parseFile';
import type { Span, YNode } from '../../parse/types';
import { parseDuration } from '../../rules/support/duration';
import type { MeshExportDefaults, MeshSummary, ResourceFields } from '../types';

/**
 * MeshConfig from an IstioOperator (`spec.meshConfig`) or from the `istio` ConfigMap, whose
 * `data.mesh` is itself a YAML document: the root namespace and the exportTo defaults (for the
 * index) and the settings cross-file rules read (extension providers, path normalization, default
 * drain duration). With the file's text, spans inside the ConfigMap's document are mapped to the file.
 */
export function extractMeshConfig(kind: string, node: YNode, text?: string): ResourceFields {
  if (kind === 'IstioOperator') {
    const meshConfig = get(node, 'spec', 'meshConfig');
    const root = str(get(meshConfig, 'rootNamespace'));
    return withDefaults(
      {
        ...(root ? { meshRootNamespace: root.value } : {}),
        ...(asMap(meshConfig) ? { mesh: meshSummary(meshConfig) } : {}),
      },
      exportDefaults(meshConfig),
    );
  }
  if (kind !== 'ConfigMap') return {};
  const host = hosts(kind, node).find(h => h.kind === 'MeshConfig');
  const mesh = str(host?.pair.value)?.value;
  if (!host || mesh === undefined) return {};
  if (isTemplatedString(mesh)) return { mesh: { incomplete: true } };
  const doc = text !== undefined ? embeddedDocument(text, host.pair, host.kind, host.name) : undefined;
  const parsed = doc ? undefined : parseYamlFile('mesh.yaml', mesh);
  const errors = doc ? doc.errors.length > 0 : !!parsed?.fatal || !!parsed?.docs.some(d => d.errors.length > 0);
  const root = doc ? doc.root : (parsed?.docs[0]?.root ?? null);
  // A malformed mesh config is the schema rule's concern; the root namespace stays the default.
  if (errors || (root !== null && !asMap(root))) return { mesh: { incomplete: true } };
  const rootNamespace = str(get(root, 'rootNamespace'))?.value;
  return withDefaults(
    { ...(rootNamespace ? { meshRootNamespace: rootNamespace } : {}), mesh: meshSummary(root ?? undefined) },
    exportDefaults(root ?? undefined),
  );
}

function meshSummary(meshConfig: YNode | undefined): MeshSummary {
  const names: string[] = [];
  let namesKnown = true;
  for (const provider of items(get(meshConfig, 'extensionProviders'))) {
    const name = str(get(provider, 'name'))?.value;
    if (name === undefined || isTemplatedString(name)) namesKnown = false;
    else names.push(name);
  }
  const normalization = str(get(meshConfig, 'pathNormalization', 'normalization'));
  const drain = str(get(meshConfig, 'defaultConfig', 'terminationDrainDuration'));
  const drainMs = drain !== undefined ? parseDuration(drain.value) : undefined;
  return {
    extensionProviders: namesKnown ? names : undefined,
    pathNormalization: normalization?.value,
    pathNormalizationSpan: placed(normalization?.span),
    drainMs,
    drainText: drainMs !== undefined ? drain?.value : undefined,
    drainSpan: drainMs !== undefined ? placed(drain?.span) : undefined,
  };
}

function exportDefaults(meshConfig: YNode | undefined): MeshExportDefaults {
  const list = (key: string) => listOf(strings(get(meshConfig, key)).map(s => s.value));
  return {
    service: list('defaultServiceExportTo'),
    virtualService: list('defaultVirtualServiceExportTo'),
    destinationRule: list('defaultDestinationRuleExportTo'),
  };
}

function placed(span: Span | undefined): Span | undefined {
  return span && isMapped(span) ? span : undefined;
}

function withDefaults(fields: ResourceFields, defaults: MeshExportDefaults): ResourceFields {
  const set = Object.entries(defaults).filter(([, v]) => v !== undefined);
  return set.length > 0 ? { ...fields, meshExportTo: Object.fromEntries(set) as MeshExportDefaults } : fields;
}

function listOf(values: readonly string[]): string[] | undefined {
  const list = values.map(v => v.trim()).filter(v => v !== '');
  return list.length > 0 ? list : undefined;
}
