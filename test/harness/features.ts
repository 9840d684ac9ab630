import type { Analyzer } from '../../server/src/core/analysis/analyzer';
import type { FeatureContext, Location } from '../../server/src/core/features/types';
import type { WorkspaceIndex } from '../../server/src/core/index/workspaceIndex';
import { offsetToLineCol, computeLineStarts } from '../../server/src/core/parse/lineIndex';
import type { Span } from '../../server/src/core/parse/types';
import { analyzeFixture, type AnalyzeOptions } from './analyze';
import { dedent } from './dedent';
import { parseFixture, WS, type Fixture } from './fixture';

export interface FeatureFixture {
  readonly fixture: Fixture;
  readonly analyzer: Analyzer;
  readonly fc: FeatureContext & { readonly index: WorkspaceIndex };
  readonly file: string;
  readonly offset: number;
}

/**
 * A fixture indexed as a workspace, with the cursor (`$0`) a feature is asked about. Parts are
 * dedented one by one, so shared snippets can be written at any indentation.
 */
export function featureFixture(code: string | readonly string[], options: AnalyzeOptions = {}): FeatureFixture {
  const fixture = parseFixture(typeof code === 'string' ? code : code.map(dedent).join('\n'));
  const analyzer = analyzeFixture(fixture, options);
  const fc = { index: analyzer.index, readText: (f: string) => fixture.files.get(f) };
  const cursor = fixture.cursor ?? { file: [...fixture.files.keys()][0], offset: 0 };
  return { fixture, analyzer, fc, file: cursor.file, offset: cursor.offset };
}

/** `path:line text` (1-based line) with the text the span covers: readable in assertions. */
export function describeSpan(files: ReadonlyMap<string, string>, file: string, span: Span): string {
  const text = files.get(file) ?? '';
  const { line } = offsetToLineCol(computeLineStarts(text), span.start);
  return `${file.startsWith(`${WS}/`) ? file.slice(WS.length + 1) : file}:${line + 1} ${text.slice(span.start, span.end)}`;
}

export function describeLocations(files: ReadonlyMap<string, string>, locations: readonly Location[]): string[] {
  return locations.map(l => describeSpan(files, l.file, l.span)).sort();
}
