import * as fs from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { type JsonSchema, type JsonValue } from './jsonSchema';

/**
 * Istio's current CRDs (`third_party/istio/manifests/charts/base/files/crd-all.gen.yaml`, vendored
 * from istio/istio master) as the authority over what the API accepts today: the fields and enum
 * values added since the declarations were cut, and the CEL rules (`x-kubernetes-validations`)
 * the API server evaluates. The declarations keep what the CRDs lose (full doc comments, proto
 * oneofs, messages); this pass adds what the declarations lack.
 */

/** The release the CRD file is newer than: fields it adds are marked as arriving after it. */
export const CRD_FIELDS_SINCE = '1.30';

export const CRD_FILE = ['third_party', 'istio', 'manifests', 'charts', 'base', 'files', 'crd-all.gen.yaml'];

/** An OpenAPI v3 node of a CRD, as `kubectl` reads it. */
export interface CrdSchema {
  type?: string;
  description?: string;
  enum?: JsonValue[];
  format?: string;
  pattern?: string;
  properties?: Record<string, CrdSchema>;
  additionalProperties?: boolean | CrdSchema;
  items?: CrdSchema;
  required?: string[];
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  'x-kubernetes-validations'?: { rule: string; message?: string; messageExpression?: string; fieldPath?: string }[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
}

export interface CrdKind {
  group: string;
  kind: string;
  versions: string[];
  /** `spec` of the newest served version (served versions of Istio kinds share one schema). */
  spec: CrdSchema | undefined;
  /** Top-level fields the CRD requires (`spec` for ServiceEntry, WorkloadEntry …). */
  required: string[];
}

/** `group/Kind` → the kind's CRD. */
export function loadCrds(file: string): Map<string, CrdKind> {
  const out = new Map<string, CrdKind>();
  for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
    const crd = doc.toJS() as {
      spec?: {
        group: string;
        names: { kind: string };
        versions: { name: string; served?: boolean; schema?: { openAPIV3Schema?: CrdSchema } }[];
      };
    } | null;
    if (!crd?.spec) continue;
    const served = crd.spec.versions.filter(v => v.served !== false);
    const root = served[0]?.schema?.openAPIV3Schema;
    const spec = root?.properties?.['spec'];
    out.set(`${crd.spec.group}/${crd.spec.names.kind}`, {
      group: crd.spec.group,
      kind: crd.spec.names.kind,
      versions: served.map(v => v.name),
      spec,
      required: root?.required ?? [],
    });
  }
  return out;
}

export interface CrdMergeStats {
  addedFields: string[];
  addedEnumValues: string[];
  rules: number;
}

/**
 * Walks the CRD beside the declared schema (before `$defs` are extracted, so paths are concrete):
 * copies each CEL rule onto the node it is attached to, adds the fields and enum values the
 * declarations lack (marked `x-istio-since`), and leaves everything the declarations say alone.
 */
export function mergeCrd(target: JsonSchema, crd: CrdSchema, path: string, stats: CrdMergeStats): void {
  const rules = crd['x-kubernetes-validations'];
  if (rules && rules.length > 0) {
    target['x-kubernetes-validations'] = rules.map(celRule);
    stats.rules += rules.length;
  }
  copyListType(target, crd);
  if (crd.enum && target.enum) {
    const added = crd.enum.filter(v => !target.enum!.includes(v));
    if (added.length > 0) {
      target.enum = [...target.enum, ...added];
      const since = (target['x-istio-enum-since'] as Record<string, string> | undefined) ?? {};
      for (const v of added) since[String(v)] = CRD_FIELDS_SINCE;
      target['x-istio-enum-since'] = since;
      stats.addedEnumValues.push(...added.map(v => `${path}=${String(v)}`));
    }
  }
  if (crd.properties && target.properties && !target['x-kubernetes-preserve-unknown-fields']) {
    for (const [name, child] of Object.entries(crd.properties)) {
      const existing = target.properties[name];
      if (existing) {
        mergeCrd(existing, child, `${path}.${name}`, stats);
        continue;
      }
      target.properties[name] = { ...fromCrd(child), 'x-istio-since': CRD_FIELDS_SINCE };
      stats.addedFields.push(`${path}.${name}`);
      stats.rules += countRules(child);
    }
  }
  if (crd.items && target.items) mergeCrd(target.items, crd.items, `${path}[]`, stats);
  if (typeof crd.additionalProperties === 'object' && typeof target.additionalProperties === 'object')
    mergeCrd(target.additionalProperties, crd.additionalProperties, `${path}{}`, stats);
}

/** A CRD node the declarations do not have, in the generator's dialect. */
export function fromCrd(crd: CrdSchema): JsonSchema {
  const out: JsonSchema = {};
  if (crd.description) out.description = crd.description;
  if (crd.type) out.type = crd.type;
  if (crd.enum) out.enum = [...crd.enum];
  for (const key of ['minimum', 'maximum', 'minItems', 'maxItems', 'minLength', 'maxLength'] as const)
    if (crd[key] !== undefined) out[key] = crd[key];
  if (crd.pattern) out.pattern = crd.pattern;
  if (crd.required && crd.required.length > 0) out.required = [...crd.required];
  if (crd['x-kubernetes-preserve-unknown-fields']) out['x-kubernetes-preserve-unknown-fields'] = true;
  if (crd['x-kubernetes-int-or-string']) out['x-kubernetes-int-or-string'] = true;
  if (crd.properties)
    out.properties = Object.fromEntries(Object.entries(crd.properties).map(([k, v]) => [k, fromCrd(v)]));
  if (crd.items) out.items = fromCrd(crd.items);
  if (typeof crd.additionalProperties === 'object') out.additionalProperties = fromCrd(crd.additionalProperties);
  else if (crd.additionalProperties === true) out.additionalProperties = true;
  const rules = crd['x-kubernetes-validations'];
  if (rules && rules.length > 0) out['x-kubernetes-validations'] = rules.map(celRule);
  copyListType(out, crd);
  return out;
}

/** `x-kubernetes-list-type: map|set`: the API server rejects duplicate items ("Duplicate value"). */
function copyListType(target: JsonSchema, crd: CrdSchema): void {
  const type = crd['x-kubernetes-list-type'];
  if (type !== 'map' && type !== 'set') return;
  target['x-kubernetes-list-type'] = type;
  if (crd['x-kubernetes-list-map-keys']) target['x-kubernetes-list-map-keys'] = [...crd['x-kubernetes-list-map-keys']];
}

function celRule(r: { rule: string; message?: string; messageExpression?: string; fieldPath?: string }): JsonValue {
  const out: Record<string, JsonValue> = { rule: r.rule };
  if (r.message) out['message'] = r.message;
  if (r.messageExpression) out['messageExpression'] = r.messageExpression;
  if (r.fieldPath) out['fieldPath'] = r.fieldPath;
  return out;
}

function countRules(crd: CrdSchema): number {
  let n = crd['x-kubernetes-validations']?.length ?? 0;
  for (const child of Object.values(crd.properties ?? {})) n += countRules(child);
  if (crd.items) n += countRules(crd.items);
  if (typeof crd.additionalProperties === 'object') n += countRules(crd.additionalProperties);
  return n;
}
