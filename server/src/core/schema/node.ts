import type { CelRuleSpec, JsonSchema, JsonValue, OneOfGroup } from './types';

export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

/** One step of a YAML path: a map key or a sequence index. */
export type SchemaPathStep = string | number;

/**
 * One kind's schema file: resolves `#/$defs/…` references and hands out one SchemaNode per
 * schema object, created on first use (so recursive definitions cost nothing until walked).
 */
export class SchemaScope {
  readonly root: SchemaNode;
  private readonly nodes = new Map<JsonSchema, SchemaNode>();
  private readonly any: SchemaNode;

  constructor(private readonly schema: JsonSchema) {
    this.any = new SchemaNode(this, {}, undefined, true);
    this.root = this.node(schema);
  }

  node(json: JsonSchema): SchemaNode {
    let node = this.nodes.get(json);
    if (!node) {
      node =
        json.$ref !== undefined
          ? new SchemaNode(this, this.resolve(json.$ref), json, false)
          : new SchemaNode(this, json, undefined, false);
      this.nodes.set(json, node);
    }
    return node;
  }

  /** The node for values nothing is known about (free-form objects, `additionalProperties: true`). */
  get anything(): SchemaNode {
    return this.any;
  }

  private resolve(ref: string): JsonSchema {
    const name = ref.startsWith('#/$defs/')
      ? decodeURIComponent(ref.slice('#/$defs/'.length)).replace(/~1/g, '/').replace(/~0/g, '~')
      : undefined;
    const target =
      name !== undefined && this.schema.$defs && hasOwn(this.schema.$defs, name) ? this.schema.$defs[name] : undefined;
    // A dangling reference is a generator bug; treating it as free-form keeps the analysis quiet.
    return target && target.$ref === undefined ? target : {};
  }
}

/**
 * A schema as the analysis navigates it: structure from the definition (`$ref` resolved),
 * annotations from the use site first (a field's own description, deprecation and docs link
 * sit next to its `$ref`), then from the definition.
 */
export class SchemaNode {
  private enumSet?: ReadonlySet<JsonValue>;
  private regex?: RegExp | null;
  // Memoised: validation asks these for every YAML node of every resource in the workspace.
  private typeList?: readonly JsonType[];
  private oneOfGroups?: readonly OneOfGroup[];
  private rules?: readonly CelRuleSpec[];
  private children?: Map<string, SchemaNode | null>;

  /** Free-form: nothing below it is known or checked (`x-kubernetes-preserve-unknown-fields`). */
  readonly freeForm: boolean;
  /** API versions that have this field, when not all served versions do. */
  readonly versions: readonly string[] | undefined;

  constructor(
    private readonly scope: SchemaScope,
    /** The definition: structure and the message's own annotations. */
    readonly def: JsonSchema,
    /** The use site, when reached through `$ref`. */
    private readonly use: JsonSchema | undefined,
    /** True for the "anything goes" node of free-form values. */
    readonly isAnything: boolean,
  ) {
    this.freeForm =
      isAnything ||
      def['x-kubernetes-preserve-unknown-fields'] === true ||
      use?.['x-kubernetes-preserve-unknown-fields'] === true;
    this.versions = use?.['x-istio-versions'] ?? def['x-istio-versions'];
    // What validation reads of every YAML node, read out of the JSON once: each definition is
    // an object of its own shape, so reading it on every visit is a slow, megamorphic lookup.
    this.isIntOrString = def['x-kubernetes-int-or-string'] === true || use?.['x-kubernetes-int-or-string'] === true;
    this.sinceRelease = use?.['x-istio-since'] ?? def['x-istio-since'];
    this.enumSince = use?.['x-istio-enum-since'] ?? def['x-istio-enum-since'];
    this.format = def.format;
    this.pattern = def.pattern;
    this.minimum = def.minimum;
    this.maximum = def.maximum;
    this.minLength = def.minLength;
    this.maxLength = def.maxLength;
    this.minItems = def.minItems;
    this.maxItems = def.maxItems;
    this.minProperties = def.minProperties;
    this.maxProperties = def.maxProperties;
    this.required = def.required ?? NONE;
    this.enumValues = def.enum;
    this.props = def.properties;
  }

  /** `def.properties`, read once: every key of every validated map is looked up here. */
  private readonly props: JsonSchema['properties'];

  private readonly isIntOrString: boolean;
  private readonly sinceRelease: string | undefined;
  private readonly enumSince: Readonly<Record<string, string>> | undefined;
  private additionalNode?: SchemaNode | boolean;
  private itemsNode?: SchemaNode | null;
  readonly format: string | undefined;
  readonly pattern: string | undefined;
  readonly minimum: number | undefined;
  readonly maximum: number | undefined;
  readonly minLength: number | undefined;
  readonly maxLength: number | undefined;
  readonly minItems: number | undefined;
  readonly maxItems: number | undefined;
  readonly minProperties: number | undefined;
  readonly maxProperties: number | undefined;
  readonly required: readonly string[];
  readonly enumValues: readonly JsonValue[] | undefined;

  get types(): readonly JsonType[] {
    if (!this.typeList) {
      const t = this.use?.type ?? this.def.type;
      if (t === undefined)
        this.typeList =
          this.def.properties || this.def.additionalProperties !== undefined
            ? ['object']
            : this.def.items
              ? ['array']
              : [];
      else this.typeList = (typeof t === 'string' ? [t] : t) as readonly JsonType[];
    }
    return this.typeList;
  }

  get isObject(): boolean {
    return this.types.includes('object');
  }

  get isArray(): boolean {
    return this.types.includes('array');
  }

  get intOrString(): boolean {
    return this.isIntOrString;
  }

  get title(): string | undefined {
    return this.def.title;
  }

  /** The proto message (`networking.Destination`) this object is, if it is one. */
  get message(): string | undefined {
    return this.def['x-istio-message'];
  }

  get description(): string | undefined {
    return this.use?.description ?? this.def.description;
  }

  /** Markdown description when the source had Markdown, else the plain description. */
  get markdownDescription(): string | undefined {
    if (this.use?.description !== undefined) return this.use.markdownDescription ?? this.use.description;
    return this.def.markdownDescription ?? this.def.description;
  }

  get docUrl(): string | undefined {
    return this.use?.['x-istio-doc-url'] ?? this.def['x-istio-doc-url'];
  }

  get deprecated(): boolean {
    return this.use?.deprecated === true || this.def.deprecated === true;
  }

  get deprecationMessage(): string | undefined {
    return this.use?.deprecationMessage ?? this.def.deprecationMessage;
  }

  /** Path of the replacement of a deprecated field, relative to the object holding it. */
  get replacement(): string | undefined {
    return this.use?.['x-istio-replacement'] ?? this.def['x-istio-replacement'];
  }

  get defaultValue(): JsonValue | undefined {
    return this.use?.default ?? this.def.default;
  }

  get examples(): readonly JsonValue[] | undefined {
    return this.def.examples;
  }

  get releaseChannel(): string | undefined {
    return this.use?.['x-istio-release-channel'] ?? this.def['x-istio-release-channel'];
  }

  /** CEL rules attached here: the use site's (a field's) and the message's own. */
  get celRules(): readonly CelRuleSpec[] {
    return (this.rules ??= this.mergedCelRules());
  }

  private mergedCelRules(): readonly CelRuleSpec[] {
    const own = this.use?.['x-kubernetes-validations'];
    const shared = this.def['x-kubernetes-validations'];
    if (!own) return shared ?? NO_RULES;
    return shared ? [...own, ...shared] : own;
  }

  /** `x-kubernetes-list-type` keys: `[]` for a set, the item keys for a map list, undefined otherwise. */
  get listKeys(): readonly string[] | undefined {
    const type = this.use?.['x-kubernetes-list-type'] ?? this.def['x-kubernetes-list-type'];
    if (type === 'set') return NONE;
    if (type !== 'map') return undefined;
    return this.use?.['x-kubernetes-list-map-keys'] ?? this.def['x-kubernetes-list-map-keys'];
  }

  /** The Istio release that added this field, when newer than the oldest one supported. */
  get since(): string | undefined {
    return this.sinceRelease;
  }

  /** The Istio release that added an enum value, when later than the field itself. */
  valueSince(value: string): string | undefined {
    return this.enumSince?.[value];
  }

  servedIn(version: string): boolean {
    const versions = this.versions;
    return !versions || versions.includes(version);
  }

  hasEnumValue(value: JsonValue): boolean {
    if (!this.enumValues) return true;
    this.enumSet ??= new Set(this.enumValues);
    return this.enumSet.has(value);
  }

  enumDescription(value: string): string | undefined {
    const d = this.def['x-enum-descriptions'];
    return d && hasOwn(d, value) ? d[value] : undefined;
  }

  deprecatedValue(value: string): { readonly replacement?: string; readonly message?: string } | undefined {
    const d = this.def['x-istio-deprecated-values'];
    return d && hasOwn(d, value) ? d[value] : undefined;
  }

  /** The pattern as a RegExp; undefined when there is none or JavaScript cannot read it. */
  get patternRegExp(): RegExp | undefined {
    if (this.regex === undefined) {
      try {
        this.regex = this.def.pattern !== undefined ? new RegExp(this.def.pattern, 'u') : null;
      } catch {
        this.regex = null;
      }
    }
    return this.regex ?? undefined;
  }

  /** One-of groups of the message, plus those its use site adds. */
  get oneOf(): readonly OneOfGroup[] {
    return (this.oneOfGroups ??= this.mergedOneOf());
  }

  private mergedOneOf(): readonly OneOfGroup[] {
    const own = this.def['x-istio-oneof'] ?? NONE_ONEOF;
    const extra = this.use?.['x-istio-oneof'];
    if (!extra) return own;
    // A use site often restates a message's group as required: one group, the stricter reading.
    const merged = own.map(g => {
      const same = extra.find(e => sameFields(e.fields, g.fields));
      return same ? { fields: g.fields, required: g.required || same.required, message: same.message ?? g.message } : g;
    });
    return [...merged, ...extra.filter(e => !own.some(g => sameFields(e.fields, g.fields)))];
  }

  /** Declared property names, in schema order (alphabetical). */
  get propertyNames(): readonly string[] {
    return this.def.properties ? Object.keys(this.def.properties) : NONE;
  }

  /** A declared property (not a map value). */
  property(name: string): SchemaNode | undefined {
    const props = this.props;
    if (!props) return undefined;
    this.children ??= new Map();
    let child = this.children.get(name);
    if (child === undefined) {
      child = hasOwn(props, name) ? this.scope.node(props[name]) : null;
      this.children.set(name, child);
    }
    return child ?? undefined;
  }

  /**
   * What keys not declared in `properties` may hold: a schema (maps such as labels), true
   * (anything) or false (closed object; Istio's CRDs prune unknown fields).
   */
  /** The node for values nothing is known about, in this node's scope. */
  get anything(): SchemaNode {
    return this.scope.anything;
  }

  get additional(): SchemaNode | boolean {
    return (this.additionalNode ??= this.additionalOf());
  }

  private additionalOf(): SchemaNode | boolean {
    if (this.freeForm) return true;
    const a = this.def.additionalProperties;
    if (a === undefined) return true;
    if (typeof a === 'boolean') return a;
    return this.scope.node(a);
  }

  get items(): SchemaNode | undefined {
    if (this.itemsNode === undefined)
      this.itemsNode = this.freeForm ? this.scope.anything : this.def.items ? this.scope.node(this.def.items) : null;
    return this.itemsNode ?? undefined;
  }

  /** The schema of a key's value or a sequence item; `anything` inside free-form values. */
  child(step: SchemaPathStep): SchemaNode | undefined {
    if (this.freeForm) return this.scope.anything;
    if (typeof step === 'number') return this.items;
    const own = this.property(step);
    if (own) return own;
    const extra = this.additional;
    if (extra === true) return this.scope.anything;
    return extra === false ? undefined : extra;
  }

  /** Follows a YAML path from this node; undefined as soon as a step is not in the schema. */
  at(path: readonly SchemaPathStep[]): SchemaNode | undefined {
    if (path.length === 0) return this;
    let node = this.child(path[0]);
    for (let i = 1; node && i < path.length; i++) node = node.child(path[i]);
    return node;
  }
}

const NONE: readonly string[] = [];
const NO_RULES: readonly CelRuleSpec[] = [];
const NONE_ONEOF: readonly OneOfGroup[] = [];

function sameFields(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every(f => b.includes(f));
}

function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}
