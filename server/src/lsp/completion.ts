import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  InsertTextMode,
  type CompletionItem,
  type CompletionList,
  type CompletionParams,
} from 'vscode-languageserver';
import {
  completion as complete,
  type Completion,
  type CompletionContext,
  type CompletionKind,
} from '../core/features/completion';
import { computeLineStarts, type LineStarts } from '../core/parse/lineIndex';
import { SchemaRegistry } from '../core/schema/registry';
import { cursorOf, featureContext, type ServerContext } from './context';
import { loadSnippets } from '../host/snippetLoader';
import { toRange } from './convert';
import { linkFiles } from './fileLinks';

const KIND: Readonly<Record<CompletionKind, CompletionItemKind>> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  reference: CompletionItemKind.Reference,
  kind: CompletionItemKind.Class,
  apiVersion: CompletionItemKind.Module,
  label: CompletionItemKind.Value,
  snippet: CompletionItemKind.Snippet,
};

/** `:` and a space open value lists, `-` starts list items, `/` continues `namespace/` gateway names. */
export const COMPLETION_TRIGGERS = [':', ' ', '-', '/'];

/** Re-opens the suggestion list after `key: ` is inserted, when the value has choices. */
const RETRIGGER = { title: 'Suggest values', command: 'editor.action.triggerSuggest' };

/** textDocument/completion: schema keys and values, workspace hosts, subsets, gateways and labels. */
export function completion(ctx: ServerContext, params: CompletionParams): CompletionList | null {
  const cursor = cursorOf(ctx, params);
  if (!cursor) return null;
  const text = ctx.documents.get(params.textDocument.uri)?.getText() ?? ctx.host.readText(cursor.file);
  if (text === undefined) return null;
  const result = complete(schemaContext(ctx), cursor.file, text, cursor.offset, params.context?.triggerCharacter);
  if (!result) return null;
  const lineStarts = computeLineStarts(text);
  const lineCache = new Map<string, LineStarts | undefined>();
  return {
    isIncomplete: result.isIncomplete,
    items: result.items.map(i => toCompletionItem(i, lineStarts, ctx, lineCache)),
  };
}

export function schemaContext(ctx: ServerContext): CompletionContext {
  const { analyzer } = ctx.host;
  return {
    ...featureContext(ctx),
    schemas: analyzer.schemas ?? EMPTY,
    settings: analyzer.analysisSettings,
    snippets: loadSnippets(),
  };
}

const EMPTY = new SchemaRegistry([]);

function toCompletionItem(
  c: Completion,
  lineStarts: LineStarts,
  ctx: ServerContext,
  lineCache: Map<string, LineStarts | undefined>,
): CompletionItem {
  return {
    label: c.label,
    kind: KIND[c.kind],
    detail: c.detail,
    documentation: c.documentation
      ? { kind: 'markdown', value: linkFiles(ctx, c.documentation, lineCache) }
      : undefined,
    sortText: c.sortText,
    filterText: c.filterText,
    textEdit: { range: toRange(lineStarts, c.edit.span), newText: c.edit.newText },
    insertTextFormat: c.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    // Inserted text carries its own indentation (absolute columns): the editor must not add more.
    insertTextMode: InsertTextMode.asIs,
    tags: c.deprecated ? [CompletionItemTag.Deprecated] : undefined,
    command: c.retrigger ? RETRIGGER : undefined,
  };
}
