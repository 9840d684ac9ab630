import * as assert from 'assert';
import { expandSnippet } from '../../client/src/snippets/snippetSyntax';
import {
  completion,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from '../../server/src/core/features/completion';
import { hover, type HoverResult } from '../../server/src/core/features/hover';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { loadSchemas } from '../../server/src/host/schemaLoader';
import { loadSnippets } from '../../server/src/host/snippetLoader';
import { plainFileRefs } from '../../server/src/core/features/fileRefs';
import type { AnalyzeOptions } from './analyze';
import { featureFixture, type FeatureFixture } from './features';

export interface Completed extends FeatureFixture {
  readonly result: CompletionResult | undefined;
  /** Items in the order the editor shows them (by sortText, then label). */
  readonly items: readonly Completion[];
  readonly labels: readonly string[];
  readonly cc: CompletionContext;
}

/** Completion at the fixture's `$0`, with the workspace of the fixture's other files indexed. */
export function completeAt(
  code: string | readonly string[],
  options: AnalyzeOptions & { trigger?: string } = {},
): Completed {
  const f = featureFixture(code, options);
  const cc: CompletionContext = {
    ...f.fc,
    schemas: loadSchemas(),
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
    snippets: loadSnippets(),
  };
  const text = f.fixture.files.get(f.file) ?? '';
  const result = completion(cc, f.file, text, f.offset, options.trigger);
  const items = [...(result?.items ?? [])].sort((a, b) =>
    a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : a.label < b.label ? -1 : 1,
  );
  return { ...f, result, items, labels: items.map(i => i.label), cc };
}

/** The cursor file's text after accepting `label` (snippet tab stops expanded to their defaults). */
export function accept(c: Completed, label: string): string {
  const item = c.items.find(i => i.label === label);
  assert.ok(item, `no completion "${label}" among: ${c.labels.join(', ')}`);
  const text = c.fixture.files.get(c.file) ?? '';
  const inserted = item.snippet ? expandSnippet(item.edit.newText) : item.edit.newText;
  return text.slice(0, item.edit.span.start) + inserted + text.slice(item.edit.span.end);
}

/** Hover at the fixture's `$0`. */
export function hoverAt(
  code: string | readonly string[],
  options: AnalyzeOptions = {},
): (HoverResult & { text: string }) | undefined {
  const f = featureFixture(code, options);
  const cc: CompletionContext = {
    ...f.fc,
    schemas: loadSchemas(),
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
  };
  const text = f.fixture.files.get(f.file) ?? '';
  const found = hover(cc, f.file, text, f.offset);
  // File references are links the LSP layer rewrites (lsp/fileLinks.ts); here they read as paths.
  return found
    ? { ...found, contents: plainFileRefs(found.contents), text: text.slice(found.span.start, found.span.end) }
    : undefined;
}
