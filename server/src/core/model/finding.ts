import type { Span } from '../parse/types';
import type { Severity } from '../settings';

/**
 * What rules report, as plain data: findings, their related locations and quick-fixes. Here rather
 * than in rules/ because file summaries (index/) hold findings too.
 */

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

export interface FileEdit {
  readonly file: string;
  readonly edits: readonly TextEdit[];
}

export interface FixContext {
  /** Current text of any workspace file (open editors win over disk). */
  readonly readText: (file: string) => string | undefined;
}

/**
 * A quick-fix. Fixes that only touch the reporting file carry their edits; fixes that edit another
 * file compute them when asked, against that file's current text.
 */
export interface Fix {
  readonly title: string;
  readonly isPreferred?: boolean;
  readonly edits?: readonly FileEdit[];
  readonly compute?: (ctx: FixContext) => readonly FileEdit[] | undefined;
}

export interface RelatedInfo {
  readonly file: string;
  readonly span: Span;
  readonly message: string;
}

export interface Finding {
  readonly ruleId: string;
  /** The rule's default severity; user settings are applied when findings are reported. */
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly span: Span;
  readonly resourceId?: string;
  readonly related?: readonly RelatedInfo[];
  readonly fixes?: readonly Fix[];
  readonly tags?: readonly ('unnecessary' | 'deprecated')[];
}
