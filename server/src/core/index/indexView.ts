import type { Resource } from '../model/types';
import type { FileSummary } from './fileSummary';
import type { Lookup } from './lookup';
import type { Tables } from './tables';

/**
 * What editor features read of the index: every file and object, and the lookups of one
 * environment. The WorkspaceIndex is the view of its first environment (of the only one,
 * usually); `view(name)` gives another's, so that hover and completion in a file shared by
 * several environments can describe each.
 */
export interface IndexView {
  /** The environment this view describes; undefined for the only one. */
  readonly environment: string | undefined;
  readonly rootNamespace: string;
  readonly tables: Tables;
  file(file: string): FileSummary | undefined;
  resource(id: string): Resource | undefined;
  lookup(track?: (key: string) => void): Lookup;
  /** Environments in which the file's objects are placed, sorted (all of them for a shared file). */
  environmentsOf(file: string): (string | undefined)[];
  /** The view of another environment. */
  view(environment: string | undefined): IndexView;
}
