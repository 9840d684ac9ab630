import { type JsonSchema } from './jsonSchema';

/**
 * Consistency checks on a finished resource schema. Overlays are hand-written and refer to
 * fields and enum values by name; these catch a typo or an upstream rename at generation time
 * instead of leaving a rule that can never fire.
 */
export function checkResource(resource: JsonSchema, label: string): void {
  const problems: string[] = [];
  const definitions = resource.$defs ?? {};
  const deref = (node: JsonSchema): JsonSchema => {
    const name = node.$ref?.startsWith('#/$defs/') ? node.$ref.slice('#/$defs/'.length) : undefined;
    return name !== undefined ? (definitions[name] ?? node) : node;
  };
  const visit = (node: JsonSchema, where: string): void => {
    const target = deref(node);
    const fields = new Set(Object.keys(target.properties ?? {}));
    for (const group of node['x-istio-oneof'] ?? []) {
      for (const field of group.fields)
        if (!fields.has(field)) problems.push(`${where}: x-istio-oneof names unknown field ${field}`);
    }
    for (const field of node.required ?? [])
      if (!fields.has(field)) problems.push(`${where}: required names unknown field ${field}`);
    checkEnumExtensions(node, where, problems);
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      const replacement = child['x-istio-replacement'];
      if (typeof replacement === 'string' && !resolves(node, replacement.split('.'), deref)) {
        problems.push(`${where}.${name}: x-istio-replacement ${replacement} does not exist`);
      }
      visit(child, `${where}.${name}`);
    }
    if (node.items) visit(node.items, `${where}[]`);
    if (typeof node.additionalProperties === 'object') visit(node.additionalProperties, `${where}{}`);
  };
  visit(resource, label);
  for (const [name, definition] of Object.entries(definitions)) visit(definition, `${label}#${name}`);
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

function checkEnumExtensions(node: JsonSchema, where: string, problems: string[]): void {
  const values = node.enum ?? node.items?.enum;
  const described = node['x-enum-descriptions'];
  const deprecated = node['x-istio-deprecated-values'];
  for (const [key, extension] of [
    ['x-enum-descriptions', described],
    ['x-istio-deprecated-values', deprecated],
  ] as const) {
    if (extension === undefined) continue;
    if (!values) {
      problems.push(`${where}: ${key} on a field without enum`);
      continue;
    }
    for (const value of Object.keys(extension as object)) {
      if (!values.includes(value)) problems.push(`${where}: ${key} names ${value}, not an enum value`);
    }
  }
  for (const info of Object.values((deprecated ?? {}) as Record<string, { replacement?: string }>)) {
    if (info.replacement !== undefined && !values?.includes(info.replacement)) {
      problems.push(`${where}: deprecated value replacement ${info.replacement} is not an enum value`);
    }
  }
  if (node.default !== undefined && values && !values.includes(node.default)) {
    problems.push(`${where}: default ${JSON.stringify(node.default)} is not an enum value`);
  }
}

function resolves(node: JsonSchema, path: string[], deref: (n: JsonSchema) => JsonSchema): boolean {
  let current: JsonSchema | undefined = deref(node);
  for (const segment of path) {
    current = current?.properties?.[segment];
    if (!current) return false;
    current = deref(current);
  }
  return true;
}
