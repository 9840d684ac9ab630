import { Analyzer } from '../../server/src/core/analysis/analyzer';
import type { ReportedFinding } from '../../server/src/core/analysis/report';
import { offsetToLineCol } from '../../server/src/core/parse/lineIndex';
import type { Rule } from '../../server/src/core/rules/types';
import type { SchemaRegistry } from '../../server/src/core/schema/registry';
import { loadSchemas } from '../../server/src/host/schemaLoader';
import { GlobSet } from '../../server/src/host/glob';
import type { GlobCompiler } from '../../server/src/core/index/placements';
import { DEFAULT_SETTINGS, type AnalysisSettings, type ReportSettings } from '../../server/src/core/settings';
import { WS, type Expectation, type Fixture } from './fixture';

export interface AnalyzeOptions {
  readonly settings?: Partial<AnalysisSettings>;
  readonly report?: ReportSettings;
  readonly rules?: readonly Rule[];
  /** Defaults to the shipped schemas, loaded as the server and the CLI load them; null for none. */
  readonly schemas?: SchemaRegistry | null;
}

/** Indexes every file of a fixture in one batch, as the CLI does. */
export function analyzeFixture(fixture: Fixture | Map<string, string>, options: AnalyzeOptions = {}): Analyzer {
  const files = fixture instanceof Map ? fixture : fixture.files;
  const analyzer = new Analyzer(
    { ...DEFAULT_SETTINGS, ...options.settings },
    options.rules,
    (id, e) => {
      throw new Error(`rule ${id} threw: ${(e as Error)?.stack ?? String(e)}`);
    },
    options.schemas === null ? undefined : (options.schemas ?? loadSchemas()),
    fixtureGlobs,
  );
  analyzer.setCrossFileEnabled(false);
  analyzer.update([...files].map(([file, text]) => ({ file, text })));
  analyzer.setCrossFileEnabled(true);
  return analyzer;
}

/** Globs of the `environments` setting, relative to the fixture workspace (/ws), as the server matches them. */
export const fixtureGlobs: GlobCompiler = patterns => {
  const set = new GlobSet(patterns);
  return file => file.startsWith(`${WS}/`) && set.matches(file.slice(WS.length + 1));
};

export interface PlacedFinding extends Expectation {
  readonly message: string;
  readonly finding: ReportedFinding;
}

/** Every reported finding of every file, with 0-based line/columns like expectations. */
export function placedFindings(
  analyzer: Analyzer,
  files: Iterable<string>,
  report: ReportSettings = { rules: {} },
): PlacedFinding[] {
  const out: PlacedFinding[] = [];
  for (const file of files) {
    const summary = analyzer.index.file(file);
    if (!summary) continue;
    for (const f of analyzer.report(file, report)) {
      const start = offsetToLineCol(summary.lineStarts, f.span.start);
      const end = offsetToLineCol(summary.lineStarts, f.span.end);
      out.push({
        file,
        line: start.line,
        startCol: start.character,
        endCol: end.line === start.line ? end.character : Number.POSITIVE_INFINITY,
        ruleId: f.ruleId,
        message: f.message,
        finding: f,
      });
    }
  }
  return out;
}

export function describeFinding(f: Expectation & { message?: string }): string {
  const name = f.file.replace(/^\/ws\//, '');
  return `${name}:${f.line + 1}:${f.startCol + 1}-${f.endCol === Number.POSITIVE_INFINITY ? '…' : f.endCol + 1} ${f.ruleId}${f.message ? ` "${f.message}"` : ''}`;
}
