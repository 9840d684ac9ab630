import { type JsonSchema, jsonEqual } from './jsonSchema';
import { DOC_URL_KEY, MESSAGE_KEY } from './messages';

/** Keywords that describe a message's shape; everything else (docs, deprecation …) belongs to the field using it. */
const MESSAGE_LEVEL = new Set<string>([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'minProperties',
  'maxProperties',
  'not',
  'anyOf',
  'allOf',
  MESSAGE_KEY,
  'x-istio-oneof',
  'x-kubernetes-preserve-unknown-fields',
]);

/**
 * Moves every node named after a proto message into `$defs`, leaving `{ $ref, …field keywords }`
 * at each use. Every message becomes a definition, even when used once, so overlays and the
 * language server find a message in one place whatever kind or path it is reached by.
 *
 * `messageUrl` gives the reference URL for a message's own anchor.
 */
export function extractDefinitions(
  resource: JsonSchema,
  messageUrl: (message: string) => string,
): Record<string, JsonSchema> {
  const byMessage = new Map<string, JsonSchema>();
  visitPostOrder(resource, node => {
    const message = node[MESSAGE_KEY];
    if (typeof message !== 'string') return;
    const definition: JsonSchema = {};
    for (const key of Object.keys(node) as (keyof JsonSchema & string)[]) {
      if (!MESSAGE_LEVEL.has(key)) continue;
      (definition as Record<string, unknown>)[key] = node[key];
      delete (node as Record<string, unknown>)[key];
    }
    const url = messageUrl(message);
    definition.title = message.split('.').slice(1).join('.');
    definition[DOC_URL_KEY] = url;
    const known = byMessage.get(message);
    if (known && !jsonEqual(known, definition)) {
      throw new Error(`${message} has different shapes at different paths; map one of them to another message`);
    }
    byMessage.set(message, definition);
    if (node[DOC_URL_KEY] === url) delete node[DOC_URL_KEY];
    node.$ref = message;
  });
  const names = definitionNames([...byMessage.keys()]);
  visitPostOrder(resource, node => {
    if (node.$ref !== undefined && byMessage.has(node.$ref)) node.$ref = `#/$defs/${names.get(node.$ref)}`;
  });
  for (const definition of byMessage.values()) {
    visitPostOrder(definition, node => {
      if (node.$ref !== undefined && byMessage.has(node.$ref)) node.$ref = `#/$defs/${names.get(node.$ref)}`;
    });
  }
  return Object.fromEntries([...byMessage].map(([message, definition]) => [names.get(message) as string, definition]));
}

/** `networking.HTTPRoute` → `HTTPRoute`, unless two packages' messages share that name in one file. */
function definitionNames(messages: string[]): Map<string, string> {
  const short = (m: string): string => m.split('.').slice(1).join('.');
  const counts = new Map<string, number>();
  for (const m of messages) counts.set(short(m), (counts.get(short(m)) ?? 0) + 1);
  return new Map(messages.map(m => [m, (counts.get(short(m)) ?? 0) > 1 ? m : short(m)]));
}

function visitPostOrder(node: JsonSchema, visit: (node: JsonSchema) => void): void {
  for (const child of Object.values(node.properties ?? {})) visitPostOrder(child, visit);
  if (node.items) visitPostOrder(node.items, visit);
  if (typeof node.additionalProperties === 'object') visitPostOrder(node.additionalProperties, visit);
  visit(node);
}
