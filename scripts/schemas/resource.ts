import * as path from 'node:path';
import { type KindEntry } from './catalog';
import { schemaFromDeclaration } from './declarations';
import { type JsonSchema } from './jsonSchema';

export const SCHEMA_DIALECT = 'https://json-schema.org/draft/2019-09/schema';

/**
 * The resource around a kind's `spec`: `apiVersion` (every served version), `kind`, `metadata`
 * and a free-form `status` (written by Istio, often present in `kubectl get -o yaml` output).
 */
export function resourceSchema(entry: KindEntry, spec: JsonSchema | undefined, specDoc: JsonSchema): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    apiVersion: {
      description: `APIVersion defines the versioned schema of this representation of an object. Served versions of ${entry.kind}: ${entry.versions.map(v => v.version).join(', ')}.`,
      type: 'string',
      enum: entry.versions.map(v => `${entry.group}/${v.version}`),
    },
    kind: {
      description: 'Kind is a string value representing the REST resource this object represents.',
      type: 'string',
      enum: [entry.kind],
    },
    metadata: { description: 'Standard Kubernetes object metadata.', $ref: '#/$defs/ObjectMeta' },
    status: {
      description: 'Written by the Istio control plane; ignored when the resource is applied.',
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
    },
  };
  if (spec) properties['spec'] = spec;
  return {
    $schema: SCHEMA_DIALECT,
    title: entry.kind,
    ...(specDoc.description ? { description: specDoc.description } : {}),
    ...(specDoc.markdownDescription ? { markdownDescription: specDoc.markdownDescription } : {}),
    type: 'object',
    required: ['apiVersion', 'kind'],
    properties,
  };
}

/**
 * `metadata`, from the Kubernetes declarations the Istio package itself depends on. All of
 * ObjectMeta is kept (not just name/namespace/labels/annotations/generateName) so manifests
 * exported from a cluster, with `uid`, `resourceVersion` or `managedFields`, raise no errors.
 */
export function objectMetaSchema(apimachineryDir: string): JsonSchema {
  const dir = path.join(apimachineryDir, 'apis', 'meta', 'v1');
  const resolve = (name: string): JsonSchema | undefined => {
    if (name.endsWith('MetaV1Time')) return { type: 'string', format: 'date-time' };
    if (name.endsWith('MetaV1ManagedFieldsEntry'))
      return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    if (name.endsWith('MetaV1OwnerReference'))
      return schemaFromDeclaration(path.join(dir, 'OwnerReference.d.ts'), 'OwnerReference', resolve);
    return undefined;
  };
  const meta = schemaFromDeclaration(path.join(dir, 'ObjectMeta.d.ts'), 'ObjectMeta', resolve);
  return {
    title: 'ObjectMeta',
    ...meta,
    'x-istio-doc-url': 'https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/object-meta/',
  };
}
