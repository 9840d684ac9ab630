// The subset of JSON Schema (2019-09) plus the `x-` extensions the generator emits. Kept as one
// open interface so overlays, which are arbitrary JSON, can be merged without casts everywhere.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface OneOfGroup {
  /** Sibling field names of which at most one (or, with `required`, exactly one) may be set. */
  fields: string[];
  required: boolean;
  /** Why the fields exclude each other, for rules that want to say more than "one of". */
  message?: string;
}

export interface JsonSchema {
  $schema?: string;
  $id?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  title?: string;
  description?: string;
  markdownDescription?: string;
  type?: string | string[];
  enum?: JsonValue[];
  const?: JsonValue;
  format?: string;
  pattern?: string;
  default?: JsonValue;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  not?: JsonSchema;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  deprecated?: boolean;
  deprecationMessage?: string;
  'x-istio-oneof'?: OneOfGroup[];
  [extension: `x-${string}`]: unknown;
}

export function isObjectSchema(schema: JsonSchema): boolean {
  return schema.type === 'object' || schema.properties !== undefined;
}

/** Deep structural equality of JSON values; key order is irrelevant. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter(k => ra[k] !== undefined);
  const kb = Object.keys(rb).filter(k => rb[k] !== undefined);
  return ka.length === kb.length && ka.every(k => jsonEqual(ra[k], rb[k]));
}

export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
