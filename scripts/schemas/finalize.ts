import { type JsonSchema, type OneOfGroup } from './jsonSchema';

/**
 * Last pass over a resource and its definitions: closes objects and spells the `x-istio-oneof`
 * groups in standard JSON Schema, so that a generic validator (yaml-language-server, ajv) reaches
 * the same verdict the language server does with its friendlier messages.
 */
export function finalize(resource: JsonSchema): void {
  const definitions = resource.$defs ?? {};
  visit(resource, node => {
    closeObject(node);
    const name = node.$ref?.startsWith('#/$defs/') ? node.$ref.slice('#/$defs/'.length) : undefined;
    encodeOneOfGroups(node, name === undefined ? [] : (definitions[name]?.['x-istio-oneof'] ?? []));
  });
}

/**
 * Istio's CRDs prune unknown fields and `kubectl apply` rejects them (strict field validation), so
 * a field the schema does not know is a mistake — unless the object is declared free-form.
 */
function closeObject(node: JsonSchema): void {
  if (!node.properties || node.additionalProperties !== undefined) return;
  if (node['x-kubernetes-preserve-unknown-fields']) return;
  node.additionalProperties = false;
}

/**
 * At most one field of each group (`not` any pair), and at least one of each required group.
 * At a `$ref` use site, pairs the referenced message already excludes are not repeated.
 */
function encodeOneOfGroups(node: JsonSchema, inherited: OneOfGroup[]): void {
  const groups = node['x-istio-oneof'];
  if (!groups) return;
  if (groups.length === 0) {
    delete node['x-istio-oneof'];
    return;
  }
  const pairs: JsonSchema[] = [];
  const known = new Set(inherited.map(fieldKey));
  for (const group of groups.filter(g => !known.has(fieldKey(g)))) {
    group.fields.forEach((a, i) => group.fields.slice(i + 1).forEach(b => pairs.push({ required: [a, b] })));
  }
  if (pairs.length > 0) node.not = { anyOf: pairs };
  const atLeastOne = groups.filter(g => g.required).map(g => ({ anyOf: g.fields.map(f => ({ required: [f] })) }));
  if (atLeastOne.length === 1 && atLeastOne[0]) node.anyOf = atLeastOne[0].anyOf;
  else if (atLeastOne.length > 1) node.allOf = atLeastOne;
}

function fieldKey(group: OneOfGroup): string {
  return [...group.fields].sort().join('|');
}

function visit(node: JsonSchema, fn: (node: JsonSchema) => void): void {
  fn(node);
  for (const child of Object.values(node.properties ?? {})) visit(child, fn);
  for (const child of Object.values(node.$defs ?? {})) visit(child, fn);
  if (node.items) visit(node.items, fn);
  if (typeof node.additionalProperties === 'object') visit(node.additionalProperties, fn);
}
