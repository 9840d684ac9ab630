import type { IndexView } from '../index/indexView';
import type { Span } from '../parse/types';

/**
 * What the navigation features read: the index (the view of one environment), and the current
 * text of files (open editors first).
 */
export interface FeatureContext {
  readonly index: IndexView;
  readonly readText: (file: string) => string | undefined;
}

/** A place in a workspace file, as offsets into the text the index last saw of it. */
export interface Location {
  readonly file: string;
  readonly span: Span;
}
