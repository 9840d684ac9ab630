import { isTemplatedString } from '../parse/helm';
import { keyText } from '../parse/access';
import { asKubernetesScalar } from '../parse/kubernetesYaml';
import { evaluateRule, keyVerdict, ruleShortcut } from './cel/environment';
import { toCelValue, UNKNOWN } from './cel/toCel';
import type { Span, YMap, YNode, YPair, YScalar, YSeq } from '../parse/types';
import { closestValue, didYouMean } from './suggest';
import type { JsonType, SchemaNode } from './node';
import type { RuleShortcut } from './cel/shortcuts';
import type { CelRuleSpec } from './types';

/** Why a value does not fit its schema; the `schema` rule turns these into messages. */
export type SchemaProblemId =
  | 'unknownField'
  | 'notInVersion'
  | 'type'
  | 'durationUnit'
  | 'enum'
  | 'required'
  | 'requiredEmpty'
  | 'oneOfConflict'
  | 'oneOfMissing'
  | 'duration'
  | 'pattern'
  | 'range'
  | 'length'
  | 'itemCount'
  | 'propertyCount'
  | 'duplicateKey'
  | 'duplicateItem'
  | 'nullItem'
  | 'cel'
  | 'newerField'
  | 'newerValue';

export interface SchemaProblem {
  readonly id: SchemaProblemId;
  readonly span: Span;
  readonly data: Readonly<Record<string, string | number>>;
  /** A single-span replacement that obviously fixes the problem. */
  readonly fix?: { readonly title: string; readonly span: Span; readonly newText: string };
  /** Set when the problem is only informational (a field newer than the target release). */
  readonly severity?: 'info';
}

export interface ValidateOptions {
  /** `istio.targetVersion` (`1.24`): fields added later are reported as info. */
  readonly targetVersion?: string;
}

/**
 * Checks a resource's YAML tree against its kind's schema. Each problem points at the key or
 * value at fault and is reported once: a value of the wrong type, an unknown field or a duplicate
 * key is not looked into. Helm-templated keys and values are not judged, and an object holding
 * templates is not told what it lacks. Deprecated fields are valid here (`deprecated-field` owns
 * them); YAML nulls are valid everywhere (the API server prunes them), except for required fields.
 */
export function validateResource(
  node: YNode,
  root: SchemaNode,
  version: string,
  text: string,
  report: (p: SchemaProblem) => void,
  options: ValidateOptions = {},
): void {
  new Validator(version, text, report, hasTemplateActions(text, node), options.targetVersion).value(
    node,
    root,
    undefined,
    'resource',
    0,
  );
}

/**
 * Whether the resource's own text holds `{{` (only then can values be masked templates). Its span,
 * not the whole file: a file of many resources was scanned once per resource, quadratically.
 */
function hasTemplateActions(text: string, node: YNode): boolean {
  return text.slice(node.span.start, node.span.end).includes('{{');
}

/** `apiVersion` and `kind` are judged by the caller, which knows every kind (not only this one's values). */
const JUDGED_BY_CALLER = new Set(['apiVersion', 'kind']);

const MAX_DEPTH = 100;
const MAX_LISTED = 8;

class Validator {
  /** Only Helm templates have masked values; other files skip looking for them. */
  private readonly helm: boolean;
  /** Problems reported so far: CEL rules are not run on a value that already has one. */
  private problems = 0;

  constructor(
    private readonly version: string,
    private readonly text: string,
    /**
     * Kept as a field and called from a method: an arrow function made here, closing over the
     * caller's callback (and through it the resource's tree), kept every validated tree alive
     * across young-generation collections, which then copied and promoted them (6-14 MB per
     * worker's share of the large corpus, and twice the scavenge time).
     */
    private readonly sink: (p: SchemaProblem) => void,
    helm: boolean,
    private readonly targetVersion: string | undefined,
  ) {
    this.helm = helm;
  }

  private report(p: SchemaProblem): void {
    if (p.severity === undefined) this.problems++;
    this.sink(p);
  }

  /** `keySpan` is the key holding the value (undefined for list items and the root). */
  value(node: YNode | null, schema: SchemaNode, keySpan: Span | undefined, name: string, depth: number): void {
    if (!node || node.kind === 'alias' || depth > MAX_DEPTH) return;
    if (schema.freeForm) {
      this.duplicatesOnly(node, depth);
      return;
    }
    const before = this.problems;
    this.shape(node, schema, keySpan, name, depth);
    if (this.problems === before && schema.celRules.length > 0) this.cel(node, schema, keySpan, name);
  }

  private shape(node: YNode, schema: SchemaNode, keySpan: Span | undefined, name: string, depth: number): void {
    // Judge what Kubernetes stores (YAML 1.1 readings; the `yaml11-scalar` rule says when it differs).
    const k8s = asKubernetesScalar(node, this.text);
    if (k8s || node.kind === 'scalar') {
      this.scalar(k8s ?? (node as YScalar), schema, name);
      return;
    }
    const actual: JsonType = node.kind === 'map' ? 'object' : 'array';
    const types = schema.types;
    if (types.length > 0 && !types.includes(actual)) {
      this.report({
        id: 'type',
        span: anchorOf(node, keySpan),
        data: { field: name, expected: describeTypes(schema), actual: actual === 'object' ? 'a map' : 'a list' },
      });
      return;
    }
    if (node.kind === 'map') this.object(node, schema, keySpan, name, depth);
    else if (node.kind === 'seq') this.array(node, schema, keySpan, name, depth);
  }

  /** The CRD's CEL rules on this value, as the API server evaluates them. */
  private cel(node: YNode, schema: SchemaNode, keySpan: Span | undefined, name: string): void {
    if (this.helm && this.text.slice(node.span.start, node.span.end).includes('{{')) return;
    // Built on first need: most rules on most objects pass on what their shortcut reads. (A map
    // Kubernetes reads as a string, `[001:db8::]`, is a string to the rules.)
    let self: unknown = NOT_BUILT;
    const map = node.kind === 'map' && !asKubernetesScalar(node, this.text) ? node : undefined;
    for (const rule of schema.celRules) {
      const facts = factsOf(rule);
      if (facts.transition) continue; // transition rules need the stored object
      if (map && facts.shortcut && passesByShortcut(rule.rule, facts.shortcut, map, this.text)) continue;
      if (self === NOT_BUILT) self = toCelValue(node, schema, this.text);
      if (self === UNKNOWN) return;
      if (typeof self === 'string' && facts.shortcut?.kind === 'lacks' && !self.includes(facts.shortcut.text)) continue;
      if (evaluateRule(rule.rule, self) !== false) continue;
      this.report({
        id: 'cel',
        span: fieldPathSpan(node, rule.fieldPath) ?? anchorOf(node, keySpan),
        data: { field: name, message: rule.message ?? `failed rule: ${rule.rule}` },
      });
    }
  }

  private scalar(node: YScalar, schema: SchemaNode, name: string): void {
    const v = node.value;
    if (v === null) return;
    if (this.helm && typeof v === 'string' && isTemplatedString(v)) return;
    const types = schema.types;
    const actual = typeOfScalar(v);
    if (types.length > 0 && !scalarFits(actual, types, schema.intOrString)) {
      this.wrongScalarType(node, schema, name, actual);
      return;
    }
    if (!schema.hasEnumValue(v)) {
      const allowed = (schema.enumValues ?? []).map(String);
      const best = typeof v === 'string' ? closestValue(v, allowed) : undefined;
      this.report({
        id: 'enum',
        span: node.span,
        data: { field: name, value: String(v), allowed: listed(allowed) },
        fix:
          best !== undefined
            ? { title: `Replace with ${best}`, span: node.span, newText: requote(node, best) }
            : undefined,
      });
      return;
    }
    if (typeof v === 'string') {
      const since = schema.valueSince(v);
      if (since && this.olderTarget(since))
        this.report({
          id: 'newerValue',
          span: node.span,
          severity: 'info',
          data: { field: name, value: v, since, target: this.targetVersion ?? '' },
        });
      this.string(node, v, schema, name);
    } else if (typeof v === 'number') this.number(node, v, schema, name);
  }

  /** Whether `istio.targetVersion` is set and older than `since`. */
  private olderTarget(since: string): boolean {
    return this.targetVersion !== undefined && this.targetVersion !== '' && compareMinor(this.targetVersion, since) < 0;
  }

  private wrongScalarType(node: YScalar, schema: SchemaNode, name: string, actual: ScalarType): void {
    const v = node.value;
    if (schema.format === 'duration' && typeof v === 'number' && node.style === 'plain') {
      const fixed = `${v}s`;
      this.report({
        id: 'durationUnit',
        span: node.span,
        data: { field: name, value: String(v), fixed },
        fix: { title: `Write ${fixed}`, span: node.span, newText: fixed },
      });
      return;
    }
    const source = this.text.slice(node.span.start, node.span.end);
    // A plain `1.0` or `true` where a string is expected: quoting keeps exactly what was written.
    const quote =
      schema.types.includes('string') && node.style === 'plain' && !source.includes('"') && !source.includes('\n');
    this.report({
      id: 'type',
      span: node.span,
      data: { field: name, expected: describeTypes(schema), actual: describeScalar(actual) },
      fix: quote ? { title: `Quote it: "${source}"`, span: node.span, newText: `"${source}"` } : undefined,
    });
  }

  private string(node: YScalar, v: string, schema: SchemaNode, name: string): void {
    if (schema.format === 'duration') {
      const re = schema.patternRegExp;
      if (re && !re.test(v)) this.report({ id: 'duration', span: node.span, data: { field: name, value: v } });
      return;
    }
    const re = schema.patternRegExp;
    if (re && !re.test(v)) {
      this.report({ id: 'pattern', span: node.span, data: { field: name, value: v, pattern: schema.pattern ?? '' } });
      return;
    }
    const { minLength, maxLength } = schema;
    if (minLength === undefined && maxLength === undefined) return;
    const length = [...v].length;
    if ((minLength !== undefined && length < minLength) || (maxLength !== undefined && length > maxLength)) {
      this.report({
        id: 'length',
        span: node.span,
        data: { field: name, length, limit: bounds(minLength, maxLength, 'characters') },
      });
    }
  }

  private number(node: YScalar, v: number, schema: SchemaNode, name: string): void {
    const { minimum, maximum } = schema;
    if ((minimum !== undefined && v < minimum) || (maximum !== undefined && v > maximum)) {
      this.report({
        id: 'range',
        span: node.span,
        data: { field: name, value: v, limit: bounds(minimum, maximum, '') },
      });
    }
  }

  private array(seq: YSeq, schema: SchemaNode, keySpan: Span | undefined, name: string, depth: number): void {
    const { minItems, maxItems } = schema;
    const count = seq.items.length;
    if ((minItems !== undefined && count < minItems) || (maxItems !== undefined && count > maxItems)) {
      this.report({
        id: 'itemCount',
        span: anchorOf(seq, keySpan),
        data: { field: name, count, limit: bounds(minItems, maxItems, 'items') },
      });
    }
    const items = schema.items;
    if (!items) return;
    const itemName = `${name}[]`;
    for (const item of seq.items) {
      // Nothing prunes a null list item: the API server rejects it ("must be of type object").
      if (isNullItem(item) && items.types.length > 0) {
        const span = item && item.span.end > item.span.start ? item.span : anchorOf(seq, keySpan);
        this.report({ id: 'nullItem', span, data: { field: itemName, expected: describeTypes(items) } });
        continue;
      }
      if (item) this.value(item, items, undefined, itemName, depth + 1);
    }
    const keys = schema.listKeys;
    if (keys) this.duplicateItems(seq, keys, itemName);
  }

  /** `x-kubernetes-list-type: map` (items identified by their keys) or `set` (by value). */
  private duplicateItems(seq: YSeq, keys: readonly string[], name: string): void {
    const seen = new Set<string>();
    for (const item of seq.items) {
      const id = item ? itemIdentity(item, keys) : undefined;
      if (id === undefined) continue;
      if (seen.has(id)) {
        const first =
          keys[0] !== undefined && item?.kind === 'map' ? item.items.find(p => keyText(p) === keys[0]) : undefined;
        this.report({
          id: 'duplicateItem',
          span: first?.value?.span ?? item!.span,
          data: { field: name, keys: keys.length > 0 ? keys.join(', ') : 'value', value: id },
        });
      }
      seen.add(id);
    }
  }

  private object(map: YMap, schema: SchemaNode, keySpan: Span | undefined, name: string, depth: number): void {
    const present = new Keys();
    let templated = false;
    let merges = false;
    for (const pair of map.items) {
      const key = keyText(pair);
      if (key === undefined) continue;
      if (key === '<<') {
        merges = true;
        continue;
      }
      if (this.helm) {
        if (isTemplatedString(key)) {
          templated = true;
          continue;
        }
        if (isTemplatedValue(pair.value)) templated = true;
      }
      const pairKeySpan = pair.key?.span ?? pair.span;
      if (present.has(key)) {
        this.report({ id: 'duplicateKey', span: pairKeySpan, data: { key } });
        continue;
      }
      present.set(key, pair);
      if (depth === 0 && JUDGED_BY_CALLER.has(key)) continue;
      const child = schema.property(key);
      if (child) {
        if (!child.servedIn(this.version)) {
          this.report({
            id: 'notInVersion',
            span: pairKeySpan,
            data: { field: key, version: this.version, versions: (child.versions ?? []).join(', ') },
          });
          continue;
        }
        if (depth === 0 && key === 'spec' && isNull(pair.value) && child.isObject) {
          // `spec:` with nothing after it: the API server does not prune it ("must be of type object").
          this.report({ id: 'type', span: pairKeySpan, data: { field: key, expected: 'an object', actual: 'null' } });
          continue;
        }
        const since = child.since;
        if (since && this.olderTarget(since))
          this.report({
            id: 'newerField',
            span: pairKeySpan,
            severity: 'info',
            data: { field: key, since, target: this.targetVersion ?? '' },
          });
        this.value(pair.value, child, pairKeySpan, key, depth + 1);
        continue;
      }
      const extra = schema.additional;
      if (extra === false) {
        this.unknownField(pair, key, pairKeySpan, schema, name);
        continue;
      }
      if (extra === true) this.duplicatesOnly(pair.value, depth + 1);
      else this.value(pair.value, extra, pairKeySpan, key, depth + 1);
    }
    // Merge keys and templates may supply fields the analysis cannot see: judge only what is written.
    if (merges || templated) return;
    if (
      schema.required.length === 0 &&
      schema.oneOf.length === 0 &&
      schema.minProperties === undefined &&
      schema.maxProperties === undefined
    )
      return;
    const anchor = anchorOf(map, keySpan);
    this.requiredFields(present, schema, anchor, name);
    for (const group of schema.oneOf) this.oneOf(present, group.fields, group.required, group.message, anchor);
    const { minProperties, maxProperties } = schema;
    const count = present.size;
    if (
      (minProperties !== undefined && count < minProperties) ||
      (maxProperties !== undefined && count > maxProperties)
    ) {
      this.report({
        id: 'propertyCount',
        span: anchor,
        data: { field: name, count, limit: bounds(minProperties, maxProperties, 'entries') },
      });
    }
  }

  private unknownField(pair: YPair, key: string, keySpan: Span, schema: SchemaNode, name: string): void {
    const candidates = schema.propertyNames.filter(p => schema.property(p)?.servedIn(this.version));
    const suggestion = didYouMean(key, candidates);
    const keyNode = pair.key?.kind === 'scalar' ? pair.key : undefined;
    this.report({
      id: 'unknownField',
      span: keySpan,
      data: { field: key, parent: schema.title ?? name, hint: suggestion ? ` Did you mean '${suggestion}'?` : '' },
      fix:
        suggestion && keyNode
          ? { title: `Rename to ${suggestion}`, span: keyNode.span, newText: requote(keyNode, suggestion) }
          : undefined,
    });
  }

  private requiredFields(present: Keys, schema: SchemaNode, anchor: Span, name: string): void {
    const missing: string[] = [];
    for (const field of schema.required) {
      const pair = present.get(field);
      if (!pair) missing.push(field);
      else if (isNull(pair.value))
        this.report({ id: 'requiredEmpty', span: pair.key?.span ?? pair.span, data: { field } });
    }
    if (missing.length > 0) {
      this.report({
        id: 'required',
        span: anchor,
        data: { parent: name, fields: missing.join(', '), s: missing.length > 1 ? 's' : '' },
      });
    }
  }

  private oneOf(
    present: Keys,
    fields: readonly string[],
    required: boolean,
    message: string | undefined,
    anchor: Span,
  ): void {
    // The field written first stands; the ones after it are the conflict.
    const set = present.keys().filter(k => fields.includes(k));
    if (set.length > 1) {
      for (const extra of set.slice(1)) {
        const pair = present.get(extra)!;
        this.report({
          id: 'oneOfConflict',
          span: pair.key?.span ?? pair.span,
          data: { field: extra, first: set[0], fields: fields.join(', '), why: message ? ` ${message}` : '' },
        });
      }
    } else if (set.length === 0 && required) {
      this.report({
        id: 'oneOfMissing',
        span: anchor,
        data: { fields: fields.join(', '), why: message ? ` ${message}` : '' },
      });
    }
  }

  /** Duplicate keys are wrong everywhere, also where the schema allows anything. */
  private duplicatesOnly(node: YNode | null, depth: number): void {
    if (!node || depth > MAX_DEPTH) return;
    if (node.kind === 'seq') {
      for (const item of node.items) this.duplicatesOnly(item, depth + 1);
      return;
    }
    if (node.kind !== 'map') return;
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = keyText(pair);
      if (key === undefined || key === '<<' || isTemplatedString(key)) continue;
      if (seen.has(key)) {
        this.report({ id: 'duplicateKey', span: pair.key?.span ?? pair.span, data: { key } });
        continue;
      }
      seen.add(key);
      this.duplicatesOnly(pair.value, depth + 1);
    }
  }
}

/**
 * The keys of one map. Maps hold a handful of keys, where a linear scan beats hashing, and one is
 * built per YAML map of every resource in the workspace.
 */
class Keys {
  private readonly names: string[] = [];
  private readonly pairs: YPair[] = [];

  get size(): number {
    return this.names.length;
  }

  has(key: string): boolean {
    return this.names.includes(key);
  }

  get(key: string): YPair | undefined {
    const i = this.names.indexOf(key);
    return i === -1 ? undefined : this.pairs[i];
  }

  /** Keys in the order they are written. */
  keys(): readonly string[] {
    return this.names;
  }

  set(key: string, pair: YPair): void {
    this.names.push(key);
    this.pairs.push(pair);
  }
}

type ScalarType = 'string' | 'integer' | 'number' | 'boolean';

function typeOfScalar(v: string | number | boolean): ScalarType {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  return Number.isInteger(v) ? 'integer' : 'number';
}

function scalarFits(actual: ScalarType, types: readonly JsonType[], intOrString: boolean): boolean {
  if (types.includes(actual)) return true;
  if (actual === 'integer' && types.includes('number')) return true;
  return intOrString && (actual === 'integer' || actual === 'string');
}

function describeTypes(schema: SchemaNode): string {
  if (schema.intOrString) return 'an integer or a string';
  const names = schema.types.map(t =>
    t === 'object'
      ? schema.additional instanceof Object
        ? 'a map'
        : 'an object'
      : t === 'array'
        ? 'a list'
        : t === 'integer'
          ? 'an integer'
          : `a ${t}`,
  );
  return names.join(' or ');
}

function describeScalar(actual: ScalarType): string {
  return actual === 'integer' ? 'a number' : `a ${actual}`;
}

/**
 * Where a problem with a whole value is shown: a scalar or a one-line flow collection itself,
 * otherwise the key holding it (or, for list items, their first key), never a whole block.
 */
export function anchorOf(node: YNode | null, keySpan: Span | undefined): Span {
  if (node && (node.kind === 'scalar' || ((node.kind === 'map' || node.kind === 'seq') && node.flow && !keySpan)))
    return node.span;
  if (keySpan) return keySpan;
  if (node?.kind === 'map') {
    const first = node.items[0];
    if (first) return first.key?.span ?? first.span;
  }
  if (node?.kind === 'seq') {
    const first = node.items[0];
    if (first) return anchorOf(first, undefined);
  }
  return node ? { start: node.span.start, end: Math.min(node.span.end, node.span.start + 1) } : { start: 0, end: 0 };
}

const NOT_BUILT: unique symbol = Symbol('not built');

/**
 * Whether a rule certainly passes on a map, from the fields it is set (cel/shortcuts.ts). A field
 * counts as set as toCelValue builds `self`: null values are pruned. False means "evaluate it".
 */
function passesByShortcut(rule: string, shortcut: RuleShortcut, map: YMap, text: string): boolean {
  switch (shortcut.kind) {
    case 'guard':
      return shortcut.fields.every(f => !isSet(map, f, text));
    case 'atMostOne': {
      let set = 0;
      for (const f of shortcut.fields) if (isSet(map, f, text)) set++;
      return set <= 1;
    }
    case 'lacks':
      return false;
    case 'eachKey':
      return map.items.every(pair => {
        const key = keyText(pair);
        return key === undefined || keyVerdict(rule, key) === true;
      });
  }
}

/** What the check needs to know of a CRD rule, worked out once per rule (schema nodes keep their rule objects). */
interface RuleFacts {
  /** Mentions `oldSelf`: a transition rule, which needs the stored object. */
  readonly transition: boolean;
  readonly shortcut: RuleShortcut | undefined;
}

function factsOf(rule: CelRuleSpec): RuleFacts {
  let facts = ruleFacts.get(rule);
  if (!facts) {
    const transition = rule.rule.includes('oldSelf');
    facts = { transition, shortcut: transition ? undefined : ruleShortcut(rule.rule) };
    ruleFacts.set(rule, facts);
  }
  return facts;
}

const ruleFacts = new WeakMap<CelRuleSpec, RuleFacts>();

function isSet(map: YMap, field: string, text: string): boolean {
  for (const pair of map.items) {
    if (keyText(pair) !== field) continue;
    const v = pair.value;
    if (v && !(v.kind === 'scalar' && v.value === null && !asKubernetesScalar(v, text))) return true;
  }
  return false;
}

/** `fieldPath: .a.b` of a CRD rule: the key it names, when written. */
function fieldPathSpan(node: YNode, fieldPath: string | undefined): Span | undefined {
  if (!fieldPath) return undefined;
  let at: YNode | null = node;
  let span: Span | undefined;
  for (const step of fieldPath.split('.').filter(Boolean)) {
    if (at?.kind !== 'map') return span;
    const pair: YPair | undefined = at.items.find(p => keyText(p) === step);
    if (!pair) return span;
    span = pair.key?.span ?? pair.span;
    at = pair.value;
  }
  return span;
}

/** Orders Istio minor releases: `1.9` < `1.30`. */
function compareMinor(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am !== bm ? am - bm : an - bn;
}

function isNullItem(item: YNode | null): boolean {
  return !item || (item.kind === 'scalar' && item.value === null && item.style === 'plain');
}

/** What identifies a list item for `x-kubernetes-list-type` (undefined: unknown, e.g. templated). */
function itemIdentity(item: YNode, keys: readonly string[]): string | undefined {
  if (keys.length === 0) return item.kind === 'scalar' && item.value !== null ? String(item.value) : undefined;
  if (item.kind !== 'map') return undefined;
  const values: string[] = [];
  for (const k of keys) {
    const v = item.items.find(p => keyText(p) === k)?.value;
    if (v?.kind !== 'scalar' || v.value === null || (typeof v.value === 'string' && isTemplatedString(v.value)))
      return undefined;
    values.push(String(v.value));
  }
  return values.join(', ');
}

function isNull(node: YNode | null): boolean {
  return !node || (node.kind === 'scalar' && node.value === null);
}

function isTemplatedValue(node: YNode | null): boolean {
  return !!node && node.kind === 'scalar' && typeof node.value === 'string' && isTemplatedString(node.value);
}

function requote(node: YScalar, value: string): string {
  const q = node.style === 'double' ? '"' : node.style === 'single' ? "'" : '';
  return `${q}${value}${q}`;
}

function listed(values: readonly string[]): string {
  return values.length <= MAX_LISTED
    ? values.join(', ')
    : `${values.slice(0, MAX_LISTED).join(', ')}, … (${values.length} values)`;
}

function bounds(min: number | undefined, max: number | undefined, unit: string): string {
  const u = unit ? ` ${unit}` : '';
  if (min !== undefined && max !== undefined) return `between ${min} and ${max}${u}`;
  if (min !== undefined) return `at least ${min}${u}`;
  return `at most ${max}${u}`;
}
