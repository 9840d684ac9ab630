import { parseYamlFile } from '../parse/parseFile';
import { hidesTemplatedContent } from '../parse/helm';
import { forgetEmbeddedDocuments } from '../embedded/documents';
import type { ParsedDocument, YNode } from '../parse/types';
import { isOwnGroup, kindKey } from '../model/kinds';
import { summarizeDocument, type SummarizedObject } from '../model/summarize';
import type { Resource } from '../model/types';
import type { FileSummary } from '../index/fileSummary';
import { BUILTIN_IDS, BUILTIN_META } from '../rules/support/builtin';
import { toFinding, type Finding, type LocalRule, type LocalRuleContext } from '../rules/types';
import type { AnalysisSettings } from '../settings';
import type { SchemaRegistry } from '../schema/registry';

export interface AnalyzeFileOptions {
  readonly settings: AnalysisSettings;
  readonly rules: readonly LocalRule[];
  readonly onRuleError?: (ruleId: string, error: unknown) => void;
  /** false forces the `yaml` package's parse (the differential tests compare both paths). */
  readonly fastParse?: boolean;
  /** Istio's API schemas, for the `schema` rule (loaded by the host). */
  readonly schemas?: SchemaRegistry;
}

/** Per file, syntax errors beyond this many are noise: the first ones are the ones to fix. */
const MAX_SYNTAX_FINDINGS = 10;

/**
 * Everything that can be known from one file alone: its summaries, YAML syntax errors (not for
 * Helm templates) and the findings of single-resource rules. Never throws.
 */
export function analyzeFile(file: string, text: string, options: AnalyzeFileOptions): FileSummary {
  const parsed = parseYamlFile(file, text, { fast: options.fastParse });
  const findings: Finding[] = [];
  const resources: Resource[] = [];
  const objects: SummarizedObject[] = [];
  const brokenDocs: number[] = [];
  if (parsed.fatal) {
    const looksIstio = looksOwn(text);
    if (looksIstio) findings.push(skipped(file, `File not analysed: ${parsed.fatal}.`));
    return {
      file,
      lineStarts: parsed.lineStarts,
      resources,
      directives: parsed.directives,
      findings,
      hasIstio: looksIstio,
      brokenDocs,
    };
  }
  const templatedDocs = new Set<number>();
  for (const doc of parsed.docs) {
    const broken = doc.errors.length > 0;
    // A Helm document that does not parse once its actions are masked is not indexed at all.
    if (broken && parsed.isHelm) continue;
    if (broken) brokenDocs.push(doc.index);
    if (doc.templated) templatedDocs.add(doc.index);
    for (const o of summarizeDocument(file, doc, text)) {
      resources.push(o.resource);
      if (!broken) objects.push(o);
    }
  }
  const hasIstio = resources.some(r => isOwnGroup(r.group)) || (brokenDocs.length > 0 && looksOwn(text));
  if (hasIstio && !parsed.isHelm) findings.push(...syntaxFindings(file, parsed.docs));
  for (const o of objects) findings.push(...runLocalRules(o, text, templatedDocs.has(o.resource.docIndex), options));
  forgetEmbeddedDocuments();
  return {
    file,
    lineStarts: parsed.lineStarts,
    resources,
    directives: parsed.directives,
    findings,
    hasIstio,
    brokenDocs,
  };
}

export function skipped(file: string, message: string): Finding {
  return {
    ruleId: BUILTIN_IDS.fileSkipped,
    severity: BUILTIN_META['file-skipped'].defaultSeverity,
    message,
    file,
    span: { start: 0, end: 0 },
  };
}

function syntaxFindings(file: string, docs: readonly ParsedDocument[]): Finding[] {
  const out: Finding[] = [];
  for (const doc of docs) {
    // The first error of a document is the real one; the rest are usually its consequences.
    const first = doc.errors[0];
    if (!first || out.length >= MAX_SYNTAX_FINDINGS) continue;
    out.push({
      ruleId: BUILTIN_IDS.yamlSyntax,
      severity: BUILTIN_META['yaml-syntax'].defaultSeverity,
      message: first.message,
      file,
      span: first.span,
    });
  }
  return out;
}

function runLocalRules(o: SummarizedObject, text: string, templated: boolean, options: AnalyzeFileOptions): Finding[] {
  const out: Finding[] = [];
  const { resource } = o;
  const rules = rulesForKind(options.rules, resource.group, resource.kind);
  if (rules.length === 0) return out;
  const isTemplated = templated ? (node: YNode | null | undefined) => hidesTemplatedContent(text, node) : () => false;
  // One context per object: rules run one after another, and most objects meet dozens of rules.
  let current: LocalRule | undefined;
  const ctx: LocalRuleContext = {
    resource,
    node: o.node,
    text,
    settings: options.settings,
    schemas: options.schemas,
    isTemplated,
    report: r => out.push(toFinding(current!, resource, r)),
  };
  for (const rule of rules) {
    current = rule;
    try {
      rule.check(ctx);
    } catch (e) {
      options.onRuleError?.(rule.id, e);
    }
  }
  return out;
}

/**
 * The rules of `rules` that apply to a kind, in their order, worked out once per list and kind:
 * every object of the workspace meets the whole list otherwise, and most rules are for other kinds.
 */
function rulesForKind(rules: readonly LocalRule[], group: string, kind: string): readonly LocalRule[] {
  let tables = rulesByKind.get(rules);
  if (!tables) rulesByKind.set(rules, (tables = { own: new Map(), other: new Map() }));
  // A kind key names Istio's kinds without their group: `*` applies to them, not to namesakes.
  const own = isOwnGroup(group);
  const byKind = own ? tables.own : tables.other;
  const key = kindKey(group, kind);
  let list = byKind.get(key);
  if (!list) {
    list = rules.filter(rule => rule.meta.kinds.includes(key) || (own && rule.meta.kinds.includes('*')));
    byKind.set(key, list);
  }
  return list;
}

const rulesByKind = new WeakMap<
  readonly LocalRule[],
  { readonly own: Map<string, readonly LocalRule[]>; readonly other: Map<string, readonly LocalRule[]> }
>();

/**
 * `*` stands for every Istio and Gateway API kind; other kinds must be named, Gateway API ones by
 * their kind key (`gateway.networking.k8s.io/HTTPRoute`), so that `Gateway` means Istio's.
 */
export function appliesTo(kinds: readonly string[], resource: Resource): boolean {
  if (kinds.includes(kindKey(resource.group, resource.kind))) return true;
  return kinds.includes('*') && isOwnGroup(resource.group);
}

/** Text that mentions an Istio or Gateway API apiVersion: worth reporting when it cannot be read. */
export function looksOwn(text: string): boolean {
  return text.includes('istio.io/') || text.includes('gateway.networking.k8s.io/');
}
