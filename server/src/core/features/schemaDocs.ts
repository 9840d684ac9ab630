import { istioKind } from '../model/kinds';
import type { SchemaNode } from '../schema/node';
import type { KindInfo } from '../schema/registry';
import type { JsonValue } from '../schema/types';

/**
 * Markdown for schema fields and kinds, shared by hover and completion documentation: type,
 * description, allowed values, default, deprecation and replacement, version gates, docs link.
 */

/** A short type label: `string`, `duration`, `Destination`, `HTTPRoute[]`, `map<string, string>`. */
export function typeLabel(node: SchemaNode): string {
  if (node.isAnything || node.freeForm) return 'any';
  if (node.intOrString) return 'integer | string';
  const types = node.types;
  if (types.includes('array')) {
    const items = node.items;
    return items ? `${typeLabel(items)}[]` : 'list';
  }
  if (types.includes('object')) {
    const extra = node.additional;
    if (node.propertyNames.length === 0 && typeof extra === 'object') return `map<string, ${typeLabel(extra)}>`;
    return node.title ?? 'object';
  }
  if (node.format === 'duration') return 'duration';
  if (node.enumValues) return 'enum';
  return types.length > 0 ? types.join(' | ') : 'any';
}

export interface FieldDocOptions {
  /** The field is required by the object holding it. */
  readonly required?: boolean;
  /** The document's API version, to say when a field is not part of it. */
  readonly version?: string;
  /** Leave out the heading line (completion items show name and type themselves). */
  readonly noHeading?: boolean;
  /** The message holding the field (`HTTPRoute`), named in the heading. */
  readonly parent?: string;
}

export function fieldDoc(name: string, node: SchemaNode, options: FieldDocOptions = {}): string {
  const parts: string[] = [];
  if (!options.noHeading)
    parts.push(
      `**${name}** · \`${typeLabel(node)}\`${options.required ? ' · required' : ''}${options.parent && options.parent !== 'ObjectMeta' ? ` · in ${options.parent}` : ''}`,
    );
  const description = node.markdownDescription;
  if (description) parts.push(escapePlaceholders(description));
  const values = enumDoc(node);
  if (values) parts.push(values);
  const dflt = node.defaultValue;
  if (dflt !== undefined) parts.push(`Default: \`${formatValue(dflt)}\``);
  if (node.format === 'duration') parts.push('Written as a number with a unit: `500ms`, `5s`, `1m30s`, `1h`.');
  const range = rangeText(node.minimum, node.maximum);
  if (range) parts.push(range);
  const examples = node.examples;
  if (examples && examples.length > 0) parts.push(`Examples: ${examples.map(e => `\`${formatValue(e)}\``).join(', ')}`);
  if (node.deprecated) {
    const replacement = node.replacement ? ` Use \`${node.replacement}\` instead.` : '';
    const message = node.deprecationMessage ?? 'Deprecated.';
    parts.push(`**Deprecated.** ${message}${message.includes(node.replacement ?? '\u0000') ? '' : replacement}`);
  }
  const versions = node.versions;
  if (versions) {
    const missing = options.version && !versions.includes(options.version) ? ` — not part of ${options.version}` : '';
    parts.push(`Served in ${versions.join(', ')} only${missing}.`);
  }
  if (node.releaseChannel) {
    parts.push(`Release channel: \`${node.releaseChannel}\` — not in the GA (v1) reference, but still served.`);
  }
  if (node.docUrl) parts.push(`[Istio reference](${node.docUrl})`);
  return parts.join('\n\n');
}

/** Allowed values with their descriptions, deprecated ones marked. */
export function enumDoc(node: SchemaNode): string | undefined {
  const values = node.enumValues;
  if (!values || values.length === 0) return undefined;
  const lines = values.map(v => {
    const s = String(v);
    const desc = node.enumDescription(s);
    const dep = node.deprecatedValue(s);
    const depText = dep ? ` *(deprecated${dep.replacement ? `: use \`${dep.replacement}\`` : ''})*` : '';
    return `- \`${s}\`${desc ? ` — ${desc}` : ''}${depText}`;
  });
  return `Allowed values:\n${lines.join('\n')}`;
}

export function enumValueDoc(node: SchemaNode, value: string): string {
  const parts = [`\`${value}\``];
  const desc = node.enumDescription(value);
  if (desc) parts.push(desc);
  const dep = node.deprecatedValue(value);
  if (dep)
    parts.push(`**Deprecated.** ${dep.message ?? ''}${dep.replacement ? ` Use \`${dep.replacement}\`.` : ''}`.trim());
  if (node.defaultValue === value) parts.push('This is the default.');
  return parts.join('\n\n');
}

/** A kind: description, served versions and the release that serves v1, docs link. */
export function kindDoc(info: KindInfo, version?: string): string {
  const parts = [`**${info.kind}** · \`${info.group}\``];
  if (info.description) parts.push(info.description);
  parts.push(
    `Served versions: ${info.versions.map(v => (v === info.preferredVersion ? `\`${v}\` (preferred)` : `\`${v}\``)).join(', ')}`,
  );
  const since = istioKind(info.group, info.kind)?.v1Since;
  if (since) parts.push(`\`v1\` is served since Istio ${since}.`);
  if (version && !info.versions.includes(version)) parts.push(`\`${version}\` is not served for ${info.kind}.`);
  else if (version && version !== info.preferredVersion)
    parts.push(`\`${version}\` is superseded by \`${info.preferredVersion}\`.`);
  if (info.docUrl) parts.push(`[Istio reference](${info.docUrl})`);
  return parts.join('\n\n');
}

/** `0–100`, `at least 1`, `at most 65535`, as a person would write it. */
export function rangeText(min: number | undefined, max: number | undefined): string | undefined {
  if (min !== undefined && max !== undefined) return `Allowed values: ${min}–${max}.`;
  if (min !== undefined) return `At least ${min}.`;
  if (max !== undefined) return `At most ${max}.`;
  return undefined;
}

const HTML_TAGS = new Set([
  'a',
  'b',
  'i',
  'p',
  'br',
  'em',
  'strong',
  'code',
  'pre',
  'ul',
  'ol',
  'li',
  'sup',
  'sub',
  'hr',
]);

/**
 * `<TRUST_DOMAIN>/ns/<NAMESPACE>` in Istio's docs are placeholders, which markdown renderers take
 * for HTML tags and drop ("/ns//sa/"): escaped outside code spans. Real tags and autolinks stay.
 */
export function escapePlaceholders(markdown: string): string {
  return markdown
    .split(/(```[\s\S]*?```|`[^`\n]*`)/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/<([A-Za-z_][\w.-]*)>/g, (m, name: string) => (HTML_TAGS.has(name) ? m : `\\<${name}\\>`)),
    )
    .join('');
}

function formatValue(v: JsonValue): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}
