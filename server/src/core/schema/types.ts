/**
 * The JSON Schema files of `schemas/generated/` as plain data (see schemas/README.md for the
 * format). The host reads them from disk; core only ever sees these shapes.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface OneOfGroup {
  /** Sibling fields of which at most one (or, with `required`, exactly one) may be set. */
  readonly fields: readonly string[];
  readonly required: boolean;
  readonly message?: string;
}

/** The keywords the generator emits (JSON Schema 2019-09 plus the project's `x-` extensions). */
export interface JsonSchema {
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, JsonSchema>>;
  readonly title?: string;
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly JsonValue[];
  readonly format?: string;
  readonly pattern?: string;
  readonly default?: JsonValue;
  readonly examples?: readonly JsonValue[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly deprecated?: boolean;
  readonly deprecationMessage?: string;
  readonly 'x-istio-oneof'?: readonly OneOfGroup[];
  readonly 'x-istio-doc-url'?: string;
  readonly 'x-istio-message'?: string;
  readonly 'x-istio-replacement'?: string;
  readonly 'x-istio-deprecated-values'?: Readonly<
    Record<string, { readonly replacement?: string; readonly message?: string }>
  >;
  readonly 'x-enum-descriptions'?: Readonly<Record<string, string>>;
  readonly 'x-istio-versions'?: readonly string[];
  readonly 'x-istio-release-channel'?: string;
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
  /** Generated from protos (schemas/mesh): a field Istio's docs hide (`$hide_from_docs`), valid all the same. */
  readonly 'x-istio-hidden'?: boolean;
  /** Generated from protos: the proto field name jsonpb also accepts, as an alias of this JSON name. */
  readonly 'x-istio-alias-of'?: string;
  readonly 'x-kubernetes-int-or-string'?: boolean;
  /** The CRD's CEL rules on this node, evaluated by the `schema` rule (core/schema/cel). */
  readonly 'x-kubernetes-validations'?: readonly CelRuleSpec[];
  /** `map` or `set`: the API server rejects two items with the same keys (`set`: the same value). */
  readonly 'x-kubernetes-list-type'?: string;
  readonly 'x-kubernetes-list-map-keys'?: readonly string[];
  /** Istio release that added this field (absent: every release the project supports has it). */
  readonly 'x-istio-since'?: string;
  /** Enum values added in a later Istio release than the field: `{ VALUE: "1.30" }`. */
  readonly 'x-istio-enum-since'?: Readonly<Record<string, string>>;
}

/** One `x-kubernetes-validations` entry of a CRD. */
export interface CelRuleSpec {
  readonly rule: string;
  readonly message?: string;
  readonly messageExpression?: string;
  readonly fieldPath?: string;
}

/** One `schemas/generated/<group>/<Kind>.json` file. */
export interface SchemaFile {
  readonly group: string;
  readonly kind: string;
  /** Served versions, oldest first. */
  readonly versions: readonly string[];
  readonly preferredVersion: string;
  readonly source?: string;
  readonly schema: JsonSchema;
}
