import { BoundedMemo } from '../util/boundedMemo';
import type { Span, YNode } from '../parse/types';
import type { Resource } from '../model/types';
import type { AnalysisSettings, Severity } from '../settings';
import type { Lookup } from '../index/lookup';
import type { Finding, RelatedInfo, Fix } from '../model/finding';
import type { SchemaRegistry } from '../schema/registry';

export type { FileEdit, Finding, Fix, FixContext, RelatedInfo, TextEdit } from '../model/finding';

export interface RuleMeta {
  readonly description: string;
  readonly defaultSeverity: Severity;
  /** Cross-file rules read the workspace index and are re-run when what they read changes. */
  readonly crossFile: boolean;
  readonly fixable: boolean;
  /**
   * The code of the `istioctl analyze` message for the same problem (e.g. 'IST0101'), where one
   * exists; several, comma-separated, when istioctl reports the cases under different codes. From
   * istio/istio pkg/config/analysis/msg/messages.yaml; only where the meaning really matches.
   */
  readonly istioctl?: string;
  /** Kinds the rule looks at; the engine calls it only for these. */
  readonly kinds: readonly string[];
  /**
   * The rule only has something to say about objects defined more than once in their
   * environment (copies of one identity): the engine calls it only for those. (Copies of an object
   * that changes are always re-checked.)
   */
  readonly onlyForCopies?: boolean;
  readonly messages: Readonly<Record<string, string>>;
}

export interface Report {
  readonly span: Span;
  readonly messageId: string;
  /**
   * This finding's severity when it differs from the rule's default (a rule that is surer of some
   * findings than of others); a user's setting for the rule still wins.
   */
  readonly severity?: Severity;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly related?: readonly RelatedInfo[];
  readonly fixes?: readonly Fix[];
  readonly tags?: readonly ('unnecessary' | 'deprecated')[];
}

interface BaseContext {
  readonly resource: Resource;
  readonly settings: AnalysisSettings;
  report(report: Report): void;
}

/** Single-resource rules see the resource's YAML tree and its file's text. */
export interface LocalRuleContext extends BaseContext {
  readonly node: YNode;
  readonly text: string;
  /** Istio's API schemas, when the host loaded them (the `schema` rule does nothing without). */
  readonly schemas?: SchemaRegistry;
  /**
   * True when template actions (`{{ }}`, in a Helm chart or any other file) may hide or change
   * what `node` holds: a check that judges what the node lacks must then stay silent. Always
   * false outside templated documents.
   */
  isTemplated(node: YNode | null | undefined): boolean;
}

/** Cross-file rules see summaries through a lookup that records what they depend on. */
export interface CrossFileRuleContext extends BaseContext {
  readonly index: Lookup;
}

export interface LocalRule {
  readonly id: string;
  readonly meta: RuleMeta & { readonly crossFile: false };
  check(ctx: LocalRuleContext): void;
}

export interface CrossFileRule {
  readonly id: string;
  readonly meta: RuleMeta & { readonly crossFile: true };
  check(ctx: CrossFileRuleContext): void;
}

export type Rule = LocalRule | CrossFileRule;

export const DOCS_BASE_URL = 'https://github.com/istio-ls/istio-ls/blob/main/docs/rules/';

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

export function formatMessage(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  // Every finding of the workspace formats its message: a template is split at its `{key}`
  // placeholders once (literal text at even indexes, keys at odd ones), not matched again each time.
  const parts = templateParts.get(template, splitTemplate);
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i];
    out += (data && key in data ? String(data[key]) : `{${key}}`) + parts[i + 1];
  }
  return out;
}

/** Templates are the rules' messages (a few hundred); the bound is for anything else. */
const templateParts = new BoundedMemo<string, readonly string[]>(4096);

function splitTemplate(template: string): string[] {
  const parts: string[] = [];
  const placeholder = /\{(\w+)\}/g;
  let last = 0;
  for (let m = placeholder.exec(template); m; m = placeholder.exec(template)) {
    parts.push(template.slice(last, m.index), m[1]);
    last = m.index + m[0].length;
  }
  parts.push(template.slice(last));
  return parts;
}

/** The finding a rule's report becomes, for the resource it was checking. */
export function toFinding(rule: Rule, resource: Resource, r: Report): Finding {
  return {
    ruleId: rule.id,
    severity: r.severity ?? rule.meta.defaultSeverity,
    message: formatMessage(rule.meta.messages[r.messageId] ?? r.messageId, r.data),
    file: resource.file,
    span: r.span,
    resourceId: resource.id,
    related: r.related,
    fixes: r.fixes,
    tags: r.tags,
  };
}
