import { type JsonSchema } from './jsonSchema';
import { walkSchema } from './paths';

/** `schemas/overlays/messages.json`: which proto message each JSON path is, and where it is documented. */
export interface MessagesOverlay {
  /** Reference page per `group/Kind`. */
  pages: Record<string, string>;
  /** Reference page per message id prefix, for messages documented on another kind's page. */
  homes: Record<string, string>;
  /** Proto field names that are not the snake_case of the JSON name. */
  fieldAnchors: Record<string, string>;
  /** Per `group/Kind`: JSON path (from the resource root) → message id (`<package>.<Message>`). */
  kinds: Record<string, Record<string, string>>;
}

export const MESSAGE_KEY = 'x-istio-message';
export const DOC_URL_KEY = 'x-istio-doc-url';

/**
 * Names the proto message of every object node and links every field to its istio.io anchor.
 * The explicit path table is extended by what it implies: once `spec.trafficPolicy` is a
 * `TrafficPolicy` whose `connectionPool` is a `ConnectionPoolSettings`, every other
 * `TrafficPolicy` gets the same, in any kind, so each message's children are listed only once.
 */
export class MessageCatalog {
  private readonly children = new Map<string, Map<string, string>>();
  /** Message id → the page it was documented on, to catch a message shared without a `homes` entry. */
  private readonly pageOf = new Map<string, string>();

  constructor(private readonly overlay: MessagesOverlay) {
    for (const paths of Object.values(overlay.kinds)) this.learnChildren(paths);
  }

  pageFor(kindKey: string): string {
    const page = this.overlay.pages[kindKey];
    if (!page) throw new Error(`messages.json: no reference page for ${kindKey}`);
    return page;
  }

  /** Sets `x-istio-message` on the resource's object nodes and `x-istio-doc-url` on its fields. */
  annotate(resource: JsonSchema, kindKey: string): void {
    const explicit = this.overlay.kinds[kindKey] ?? {};
    const assigned = new Map<string, string>();
    walkSchema(resource, (node, path) => {
      const message = explicit[path] ?? this.implied(assigned, path);
      if (message === undefined) return;
      if (!node.properties && !node['x-kubernetes-preserve-unknown-fields']) {
        throw new Error(`messages.json: ${kindKey} ${path} is mapped to ${message} but is not an object`);
      }
      node[MESSAGE_KEY] = message;
      assigned.set(path, message);
    });
    for (const path of Object.keys(explicit)) {
      if (!assigned.has(path)) throw new Error(`messages.json: ${kindKey} has no path ${path}`);
    }
    const kindPage = this.pageFor(kindKey);
    const spec = resource.properties?.['spec'];
    if (spec) {
      spec[DOC_URL_KEY] = kindPage;
      this.linkFields(spec, kindPage, kindPage);
    }
  }

  /** The reference URL of a message itself (`…/virtual-service/#HTTPRoute`). */
  messageUrl(message: string, kindPage: string): string {
    return `${this.homePage(message, kindPage)}#${anchorName(message)}`;
  }

  private linkFields(node: JsonSchema, kindPage: string, fallback: string): void {
    const message = node[MESSAGE_KEY];
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      const url =
        typeof message === 'string'
          ? `${this.homePage(message, kindPage)}#${anchorName(message)}-${this.protoFieldName(name)}`
          : fallback;
      child[DOC_URL_KEY] = url;
      this.linkInner(child, kindPage, url);
    }
  }

  private linkInner(node: JsonSchema, kindPage: string, url: string): void {
    this.linkFields(node, kindPage, url);
    for (const inner of [
      node.items,
      typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined,
    ]) {
      if (!inner) continue;
      const message = inner[MESSAGE_KEY];
      if (typeof message === 'string') inner[DOC_URL_KEY] = this.messageUrl(message, kindPage);
      this.linkInner(inner, kindPage, url);
    }
  }

  private homePage(message: string, kindPage: string): string {
    let best: string | undefined;
    for (const prefix of Object.keys(this.overlay.homes)) {
      if ((message === prefix || message.startsWith(`${prefix}.`)) && (!best || prefix.length > best.length))
        best = prefix;
    }
    const page = best ? (this.overlay.homes[best] as string) : kindPage;
    const seen = this.pageOf.get(message);
    if (seen !== undefined && seen !== page) {
      throw new Error(`messages.json: ${message} is used on ${seen} and ${page}; add it to "homes"`);
    }
    this.pageOf.set(message, page);
    return page;
  }

  private protoFieldName(jsonName: string): string {
    return this.overlay.fieldAnchors[jsonName] ?? jsonName.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`);
  }

  private implied(assigned: Map<string, string>, path: string): string | undefined {
    // Walk up to the nearest named ancestor and look the remainder up in what it is known to hold.
    // Array items and map values carry their own path (`a.b[]`), so cutting at dots finds them.
    for (let cut = path.lastIndexOf('.'); cut > 0; cut = path.lastIndexOf('.', cut - 1)) {
      const parent = assigned.get(path.slice(0, cut));
      const child = parent === undefined ? undefined : this.children.get(parent)?.get(path.slice(cut + 1));
      if (child !== undefined) return child;
    }
    return undefined;
  }

  private learnChildren(paths: Record<string, string>): void {
    for (const [path, message] of Object.entries(paths)) {
      for (const [other, child] of Object.entries(paths)) {
        if (!other.startsWith(`${path}.`)) continue;
        const relative = other.slice(path.length + 1);
        const table = this.children.get(message) ?? new Map<string, string>();
        this.children.set(message, table);
        const known = table.get(relative);
        if (known !== undefined && known !== child) {
          throw new Error(`messages.json: ${message}.${relative} is both ${known} and ${child}`);
        }
        table.set(relative, child);
      }
    }
  }
}

/** `networking.ConnectionPoolSettings.TCPSettings` → `ConnectionPoolSettings-TCPSettings`. */
export function anchorName(message: string): string {
  return message.split('.').slice(1).join('-');
}
