import * as protobuf from 'protobufjs';

/**
 * JSON Schemas (2019-09, in the format of schemas/README.md) for proto messages, read the way
 * Istio reads YAML into them: protomarshal.ApplyYAML converts YAML to JSON and decodes it with
 * jsonpb, which accepts a field's JSON name and its proto name, integers as numbers or strings,
 * durations in Go syntax, and enum values by name.
 */

export interface Schema {
  [key: string]: unknown;
}

export interface ConvertOptions {
  /** istio.io reference page of a proto file (by its path relative to the proto root). */
  readonly pageOf: (file: string) => string | undefined;
}

const GO_DURATION = '^-?(0|([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(h|m|s|ms|us|µs|ns))+$';

/** Builds the schema of `root` with every message it reaches in `$defs`. */
export function messageSchema(root: protobuf.Type, options: ConvertOptions): Schema {
  const defs = new Map<string, Schema>();
  const names = new DefNames();
  const queue: protobuf.Type[] = [root];
  const seen = new Set<protobuf.Type>();
  // First pass: every reachable message, so that names can be chosen knowing all clashes.
  while (queue.length > 0) {
    const type = queue.pop()!;
    if (seen.has(type)) continue;
    seen.add(type);
    names.add(type);
    for (const field of type.fieldsArray) {
      field.resolve();
      const target = field.resolvedType;
      if (target instanceof protobuf.Type && !wellKnown(target)) queue.push(target);
    }
  }
  for (const type of seen) defs.set(names.of(type), messageDef(type, names, options));
  const rootName = names.of(root);
  const rootDef = defs.get(rootName)!;
  defs.delete(rootName);
  return {
    $schema: 'https://json-schema.org/draft/2019-09/schema',
    ...rootDef,
    $defs: Object.fromEntries([...defs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}

/** Definition names: the name inside the package (`MeshConfig.ExtensionProvider`), qualified on a clash. */
class DefNames {
  private readonly types: protobuf.Type[] = [];
  private chosen?: Map<protobuf.Type, string>;

  add(type: protobuf.Type): void {
    this.types.push(type);
  }

  of(type: protobuf.Type): string {
    if (!this.chosen) {
      const short = new Map<string, protobuf.Type[]>();
      for (const t of this.types) short.set(localName(t), [...(short.get(localName(t)) ?? []), t]);
      this.chosen = new Map();
      for (const [name, list] of short)
        for (const t of list) this.chosen.set(t, list.length > 1 ? t.fullName.replace(/^\./, '') : name);
    }
    return this.chosen.get(type)!;
  }
}

function localName(type: protobuf.Type): string {
  const parts: string[] = [];
  let at: protobuf.ReflectionObject | null = type;
  while (at instanceof protobuf.Type) {
    parts.unshift(at.name);
    at = at.parent;
  }
  return parts.join('.');
}

function packageOf(type: protobuf.ReflectionObject): string {
  let at: protobuf.ReflectionObject | null = type;
  while (at && at instanceof protobuf.Type) at = at.parent;
  return at ? at.fullName.replace(/^\./, '') : '';
}

function messageDef(type: protobuf.Type, names: DefNames, options: ConvertOptions): Schema {
  const doc = parseComment(type.comment);
  const page = type.filename ? options.pageOf(type.filename) : undefined;
  const anchor = localName(type).replace(/\./g, '-');
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const field of type.fieldsArray) {
    const jsonName = jsonNameOf(field);
    const schema = fieldSchema(field, names);
    const fieldDoc = parseComment(field.comment);
    Object.assign(schema, describe(fieldDoc));
    if (page) schema['x-istio-doc-url'] = `${page}#${anchor}-${field.name}`;
    if (fieldDoc.hidden) schema['x-istio-hidden'] = true;
    if (field.options?.['deprecated'] === true || fieldDoc.deprecated !== undefined) {
      schema.deprecated = true;
      schema.deprecationMessage = fieldDoc.deprecated || `${jsonName} is deprecated.`;
    }
    if (fieldDoc.required || isRequiredByOption(field)) required.push(jsonName);
    properties[jsonName] = schema;
    // jsonpb also accepts the proto field name: valid, with the JSON name's structure; its docs
    // stay with the JSON name (hover follows the alias), and completion offers the JSON name only.
    if (field.name !== jsonName) properties[field.name] = { ...structureOf(schema), 'x-istio-alias-of': jsonName };
  }
  const oneofs = type.oneofsArray
    .filter(o => !(o.fieldsArray.length === 1 && o.fieldsArray[0].options?.['proto3_optional'] === true))
    .filter(o => !o.name.startsWith('_'))
    .map(o => ({ fields: o.fieldsArray.map(jsonNameOf), required: false }));
  const def: Schema = {
    title: localName(type),
    ...describe(doc),
    type: 'object',
    'x-istio-message': `${packageOf(type)}.${localName(type)}`,
    properties,
    additionalProperties: false,
  };
  if (page) def['x-istio-doc-url'] = `${page}#${anchor}`;
  if (required.length > 0) def.required = required;
  if (oneofs.length > 0) def['x-istio-oneof'] = oneofs;
  return def;
}

/** A field schema without its documentation. */
function structureOf(schema: Schema): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema))
    if (key !== 'description' && key !== 'markdownDescription' && key !== 'x-istio-doc-url') out[key] = value;
  return out;
}

function fieldSchema(field: protobuf.Field, names: DefNames): Schema {
  if (field instanceof protobuf.MapField) {
    return { type: 'object', additionalProperties: valueSchema(field.type, field.resolvedType, names) };
  }
  const item = valueSchema(field.type, field.resolvedType, names);
  return field.repeated ? { type: 'array', items: item } : item;
}

function valueSchema(typeName: string, resolved: protobuf.Type | protobuf.Enum | null, names: DefNames): Schema {
  if (resolved instanceof protobuf.Enum) return enumSchema(resolved);
  if (resolved instanceof protobuf.Type) {
    const known = wellKnown(resolved);
    return known ?? { $ref: `#/$defs/${encodeURIComponent(names.of(resolved))}` };
  }
  return scalarSchema(typeName);
}

/** Scalars as jsonpb reads them: 64-bit and 32-bit integers also from strings, floats too. */
function scalarSchema(type: string): Schema {
  switch (type) {
    case 'string':
    case 'bytes':
      return { type: 'string' };
    case 'bool':
      return { type: 'boolean' };
    case 'double':
    case 'float':
      return { type: ['number', 'string'], pattern: '^-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?$' };
    case 'uint32':
    case 'uint64':
    case 'fixed32':
    case 'fixed64':
      return { type: ['integer', 'string'], pattern: '^[0-9]+$', minimum: 0 };
    default:
      return { type: ['integer', 'string'], pattern: '^-?[0-9]+$' };
  }
}

function enumSchema(e: protobuf.Enum): Schema {
  const values = Object.keys(e.values);
  const descriptions: Record<string, string> = {};
  for (const v of values) {
    const doc = parseComment(e.comments[v] ?? null);
    if (doc.text) descriptions[v] = doc.text;
  }
  const out: Schema = { type: 'string', enum: values };
  if (Object.keys(descriptions).length > 0) out['x-enum-descriptions'] = descriptions;
  return out;
}

/** google.protobuf types have JSON forms of their own. */
function wellKnown(type: protobuf.Type): Schema | undefined {
  const name = type.fullName.replace(/^\./, '');
  switch (name) {
    case 'google.protobuf.Duration':
      return { type: 'string', format: 'duration', pattern: GO_DURATION };
    case 'google.protobuf.BoolValue':
      return { type: 'boolean' };
    case 'google.protobuf.StringValue':
    case 'google.protobuf.BytesValue':
    case 'google.protobuf.Timestamp':
      return { type: 'string' };
    case 'google.protobuf.DoubleValue':
    case 'google.protobuf.FloatValue':
      return scalarSchema('double');
    case 'google.protobuf.UInt32Value':
    case 'google.protobuf.UInt64Value':
      return scalarSchema('uint32');
    case 'google.protobuf.Int32Value':
    case 'google.protobuf.Int64Value':
      return scalarSchema('int32');
    case 'google.protobuf.Struct':
      return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    case 'google.protobuf.Value':
    case 'google.protobuf.Any':
    case 'google.protobuf.ListValue':
      return { 'x-kubernetes-preserve-unknown-fields': true };
    default:
      return name.startsWith('google.protobuf.') ? { 'x-kubernetes-preserve-unknown-fields': true } : undefined;
  }
}

/** protoc's JSON name: `json_name` when set, else lowerCamelCase of the field name. */
function jsonNameOf(field: protobuf.Field): string {
  const explicit = field.options?.['json_name'];
  if (typeof explicit === 'string') return explicit;
  return field.name.replace(/_([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}

function isRequiredByOption(field: protobuf.Field): boolean {
  const behavior = field.options?.['(google.api.field_behavior)'];
  return behavior === 'REQUIRED' || (Array.isArray(behavior) && behavior.includes('REQUIRED'));
}

interface ParsedComment {
  readonly text: string;
  readonly hidden: boolean;
  readonly required: boolean;
  /** The deprecation note, when the comment has one ('' for a bare "Deprecated."). */
  readonly deprecated?: string;
}

/** Istio's proto comments: Markdown, with `$hide_from_docs` markers and `REQUIRED.`/`Deprecated:` notes. */
export function parseComment(comment: string | null): ParsedComment {
  const lines = (comment ?? '').split('\n');
  const hidden = lines.some(l => l.trim() === '$hide_from_docs');
  const text = lines
    .filter(l => !l.trim().startsWith('$hide_from_docs'))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const required = /^REQUIRED\b/.test(text);
  const note = /(?:^|\n|\.\s+)(?:Note: )?(Deprecated[:.,]|DEPRECATED[:.])\s*([^\n]*)/.exec(text);
  const deprecated = note ? `Deprecated: ${note[2].trim()}`.replace(/:\s*$/, '.') : undefined;
  return { text, hidden, required, deprecated };
}

function describe(doc: ParsedComment): Schema {
  if (!doc.text) return {};
  const plain = doc.text
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/\[([^\]]*)\]\(([^)]*)\)/g, '$1')
    .replace(/`/g, '');
  const markdown = doc.text
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '`$1`')
    .replace(/\]\((\/docs\/[^)]*)\)/g, '](https://istio.io/latest$1)');
  return plain === markdown ? { description: plain } : { description: plain, markdownDescription: markdown };
}
