import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Span } from '../parse/types';

/** What the navigation features read: the index, and the current text of files (open editors first). */
export interface FeatureContext {
  readonly index: WorkspaceIndex;
  readonly readText: (file: string) => string | undefined;
}

/** A place in a workspace file, as offsets into the text the index last saw of it. */
export interface Location {
  readonly file: string;
  readonly span: Span;
}
