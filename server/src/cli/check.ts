import type { LineStarts } from '../core/parse/lineIndex';
import { promises as fs } from 'fs';
import * as path from 'path';
import { Analyzer } from '../core/analysis/analyzer';
import { kustomizationsFirst } from '../core/model/extract/kustomization';
import type { ReportedFinding } from '../core/analysis/report';
import { DEFAULT_SETTINGS, type AnalysisSettings } from '../core/settings';
import { environmentGlobs } from '../host/environmentGlobs';
import { environmentsOf } from '../host/settings';
import { walkYamlFiles } from '../host/fileWalker';
import { FileScope } from '../host/glob';
import { hostFileKey } from '../host/paths';
import { summarizeWithCache } from '../host/cachedSummaries';
import { IndexCache } from '../host/indexCache';
import { warmStart } from '../host/warmStart';
import { loadSchemas } from '../host/schemaLoader';
import { timing } from '../host/timings';
import type { CheckOptions } from './args';

export interface CheckedFile {
  readonly file: string;
  readonly lineStarts: LineStarts;
  readonly findings: readonly ReportedFinding[];
}

export interface CheckResult {
  readonly files: readonly CheckedFile[];
  readonly fileCount: number;
  readonly resourceCount: number;
  readonly missing: readonly string[];
}

/** Runs the same engine as the language server over paths on disk, in one batch. */
export async function runCheck(
  options: CheckOptions,
  cwd: string,
  log: (m: string) => void = () => undefined,
): Promise<CheckResult> {
  const settings: AnalysisSettings = {
    rootNamespace: options.rootNamespace ?? DEFAULT_SETTINGS.rootNamespace,
    defaultNamespace: options.defaultNamespace ?? DEFAULT_SETTINGS.defaultNamespace,
    targetVersion: options.targetVersion,
    environments: environmentsOf(options.environments),
  };
  // Read while the tree is walked.
  const opening = options.cache ? IndexCache.open(path.resolve(cwd, options.cache), settings, [cwd], log) : undefined;
  const files = new Set<string>();
  const missing: string[] = [];
  // Built once: a bad --exclude pattern is reported once, and the others still apply.
  const scope = new FileScope([], options.exclude, log);
  for (const p of options.paths) {
    const abs = path.resolve(cwd, p);
    const st = await fs.stat(abs).catch(() => undefined);
    if (!st) missing.push(p);
    else if (st.isDirectory()) for (const f of await walkYamlFiles(abs, { scope, log })) files.add(f);
    else files.add(hostFileKey(abs));
  }
  const analyzer = new Analyzer(
    settings,
    undefined,
    (id, e) => log(`rule ${id} failed: ${String(e)}`),
    loadSchemas(log),
    environmentGlobs(() => [cwd]),
  );
  analyzer.setCrossFileEnabled(false);
  // Kustomizations first, so the files they list are indexed in their namespace straight away.
  const list = kustomizationsFirst([...files].sort());
  timing(`walked ${list.length} files`);
  const cache = await opening;
  const warm = cache && (await warmStart(list, cache, { analyzer, settings, log, changed: () => undefined }));
  if (!warm) {
    await summarizeWithCache(list, cache, {
      settings,
      log,
      onBatch: inputs => {
        analyzer.update(inputs);
      },
    });
    timing(`summarised and indexed ${analyzer.index.resourceCount} resources`);
    analyzer.setCrossFileEnabled(true);
    timing('ran cross-file rules');
  }
  await cache?.save(analyzer, true);
  const report = { rules: options.rules };
  const out: CheckedFile[] = [];
  for (const file of analyzer.filesWithFindings()) {
    const findings = analyzer.report(file, report);
    const summary = analyzer.index.file(file);
    if (findings.length > 0 && summary) out.push({ file, lineStarts: summary.lineStarts, findings });
  }
  return { files: out, fileCount: list.length, resourceCount: analyzer.index.resourceCount, missing };
}
