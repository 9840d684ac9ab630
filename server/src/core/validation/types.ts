import { asMap, asScalar, asSeq, deref, get, pairOf } from '../parse/access';
import { isTemplatedString } from '../parse/helm';
import type { Span, YNode } from '../parse/types';

/**
 * What Istio's validating webhook (istio/istio pkg/config/validation) rejects that no CRD schema
 * says: each kind's checks report through this sink, in Istio's words turned into a sentence.
 */
export interface Rejections {
  /** `why` completes "Istio would reject this <kind>: …". */
  reject(span: Span, why: string): void;
  /** True when template actions may hide or change what `node` holds: checks of what is missing stay silent. */
  isTemplated(node: YNode | null | undefined): boolean;
}

/** The checks of one kind: `object` is the whole resource (for metadata), `spec` its spec if any. */
export type KindValidator = (object: YNode, spec: YNode | undefined, out: Rejections) => void;

/** A present key and its value (null values included, unlike `get`). */
export interface Field {
  readonly keySpan: Span;
  readonly value: YNode | undefined;
}

export function field(node: YNode | null | undefined, key: string): Field | undefined {
  const pair = pairOf(node, key);
  const k = asScalar(pair?.key);
  if (!pair || !k) return undefined;
  return { keySpan: k.span, value: deref(pair.value) };
}

/** True when `field(node, key)` would find the key (without making the Field). */
export function hasField(node: YNode | null | undefined, key: string): boolean {
  const pair = pairOf(node, key);
  return !!pair && !!asScalar(pair.key);
}

/** A plain string value (not templated); numbers and booleans as Kubernetes would refuse them are skipped. */
export function text(node: YNode | null | undefined): { value: string; span: Span } | undefined {
  const s = asScalar(node);
  if (!s || typeof s.value !== 'string' || isTemplatedString(s.value)) return undefined;
  return { value: s.value, span: s.span };
}

/** An integer value, written as a number. */
export function int(node: YNode | null | undefined): { value: number; span: Span } | undefined {
  const s = asScalar(node);
  if (!s || typeof s.value !== 'number' || !Number.isInteger(s.value)) return undefined;
  return { value: s.value, span: s.span };
}

/** Items of a sequence, nulls kept (as undefined) so that checks can name them. */
export function seqItems(node: YNode | null | undefined): (YNode | undefined)[] {
  return asSeq(node)?.items.map(i => deref(i) ?? undefined) ?? [];
}

/** True when the node is a non-empty sequence. */
export function nonEmptySeq(node: YNode | null | undefined): boolean {
  return (asSeq(node)?.items.length ?? 0) > 0;
}

/** True when the node is a map with at least one entry. */
export function nonEmptyMap(node: YNode | null | undefined): boolean {
  return (asMap(node)?.items.length ?? 0) > 0;
}

/** Where to point when something is missing from the whole object: its `kind` value. */
export function kindSpan(object: YNode): Span {
  return asScalar(get(object, 'kind'))?.span ?? { start: 0, end: 0 };
}

export function isNull(node: YNode | null | undefined): boolean {
  const s = asScalar(node);
  return !node || (!!s && s.value === null);
}
