import type { Span } from '../parse/types';

/** Kinds of outline entries; the LSP layer maps them to symbol kinds. */
export type OutlineKind = 'resource' | 'host' | 'gateway' | 'route' | 'destination' | 'subset' | 'server' | 'port';

export interface OutlineSymbol {
  readonly name: string;
  readonly detail?: string;
  readonly kind: OutlineKind;
  /** The whole entry; contains `selectionSpan` and every child's span. */
  readonly span: Span;
  /** What to reveal and highlight: the entry's name. */
  readonly selectionSpan: Span;
  readonly children: readonly OutlineSymbol[];
}
