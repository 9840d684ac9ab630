import type { Span } from '../parse/types';
import type { SchemaRegistry } from '../schema/registry';
import type { AnalysisSettings } from '../settings';
import type { FeatureContext } from './types';

/**
 * Completion's data types, apart from completion.ts so that completionValues.ts (which completion.ts
 * calls) can use them without the two modules importing each other.
 */

/** What completion reads: the index (workspace values), the schemas and the analysis settings. */
export interface CompletionContext extends FeatureContext {
  readonly schemas: SchemaRegistry;
  readonly settings: AnalysisSettings;
  /** Whole-document templates, offered where a new document starts (documentStart.ts). */
  readonly snippets?: readonly DocumentSnippet[];
}

export type CompletionKind = 'property' | 'value' | 'enum' | 'reference' | 'kind' | 'apiVersion' | 'label' | 'snippet';

/** A completion as plain data; lsp/completion.ts turns it into an LSP CompletionItem. */
export interface Completion {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  /** Items are shown in this order (the editor's fuzzy match ranks first). */
  readonly sortText: string;
  readonly filterText?: string;
  /** Replaces `span` with `newText`; a snippet when `snippet` (tab stops `$1`, `${1|a,b|}`, `$0`). */
  readonly edit: { readonly span: Span; readonly newText: string };
  readonly snippet: boolean;
  readonly deprecated?: boolean;
  /** Ask for completion again after inserting (the value of a `key: ` just inserted has choices). */
  readonly retrigger?: boolean;
}

export interface CompletionResult {
  readonly items: readonly Completion[];
  /** More items exist than were sent: the editor asks again as the user types. */
  readonly isIncomplete: boolean;
}

/** A whole-document template (snippets/istio.code-snippets), read by the host. */
export interface DocumentSnippet {
  readonly name: string;
  /** `istio-vs`, `istio-dr`…: what is typed to find it. */
  readonly prefix: string;
  readonly description: string;
  /** VS Code snippet syntax, starting at column 0. */
  readonly body: string;
}
