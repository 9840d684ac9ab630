import type { JsonSchema, SchemaFile } from './types';

/**
 * The mesh-wide configuration documents Istio reads from YAML that no CRD describes, with schemas
 * generated from istio/api's protos (schemas/mesh/): MeshConfig (IstioOperator `spec.meshConfig`,
 * the `istio` ConfigMap's `mesh`), ProxyConfig (`meshConfig.defaultConfig`, the
 * `proxy.istio.io/config` annotation) and MeshNetworks (the ConfigMap's `meshNetworks`).
 */
export type EmbeddedKind = 'MeshConfig' | 'ProxyConfig' | 'MeshNetworks';

/** Hands out a document's schema file when first asked (the host reads it from disk then). */
export type EmbeddedSchemaSource = (kind: EmbeddedKind) => SchemaFile | undefined;

export const NO_EMBEDDED_SCHEMAS: EmbeddedSchemaSource = () => undefined;

/**
 * The IstioOperator schema with `spec.meshConfig` described by the MeshConfig schema instead of
 * free-form, so completion, hover and validation reach into it like any other field. The MeshConfig
 * definitions join the IstioOperator's `$defs`; should a name clash, or the spec not have the
 * shape expected, the schema is returned unchanged (meshConfig stays free-form).
 */
export function withMeshConfig(operator: JsonSchema, mesh: SchemaFile | undefined): JsonSchema {
  if (!mesh) return operator;
  const { $defs: meshDefs = {}, $schema: _schema, ...meshRoot } = mesh.schema as JsonSchema & { $schema?: string };
  const defs = operator.$defs ?? {};
  const spec = specOf(operator);
  const current = spec?.properties?.['meshConfig'];
  if (!spec?.properties || !current) return operator;
  const names = ['MeshConfig', ...Object.keys(meshDefs)];
  if (names.some(n => Object.prototype.hasOwnProperty.call(defs, n))) return operator;
  const meshConfig: JsonSchema = {
    $ref: '#/$defs/MeshConfig',
    description: current.description,
    'x-istio-doc-url': current['x-istio-doc-url'],
  };
  const newSpec: JsonSchema = { ...spec, properties: { ...spec.properties, meshConfig } };
  const newDefs = { ...defs, ...meshDefs, MeshConfig: meshRoot };
  if (operator.properties?.['spec']?.$ref === undefined) {
    return { ...operator, properties: { ...operator.properties, spec: newSpec }, $defs: newDefs };
  }
  const specName = refName(operator.properties['spec'].$ref);
  return specName ? { ...operator, $defs: { ...newDefs, [specName]: newSpec } } : operator;
}

function specOf(operator: JsonSchema): JsonSchema | undefined {
  const spec = operator.properties?.['spec'];
  if (!spec) return undefined;
  if (spec.$ref === undefined) return spec;
  const name = refName(spec.$ref);
  return name ? operator.$defs?.[name] : undefined;
}

function refName(ref: string): string | undefined {
  return ref.startsWith('#/$defs/') ? decodeURIComponent(ref.slice('#/$defs/'.length)) : undefined;
}
