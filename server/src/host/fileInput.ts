import type { FileInput } from '../core/analysis/analyzer';
import { skipped } from '../core/analysis/analyzeFile';
import type { FileSummary } from '../core/index/fileSummary';
import type { AnalysisSettings } from '../core/settings';
import { analyzeFile } from '../core/analysis/analyzeFile';
import { localRules, ALL_RULES } from '../core/rules/index';
import { readYamlFile, readYamlFileSync, type FileStamp, type ReadResult } from './readFile';
import { loadSchemas } from './schemaLoader';

/**
 * One file read from disk and analysed on its own, as the analyzer takes it: a summary, a
 * deletion (the file vanished or is not worth indexing), or a "skipped" note for an Istio file
 * that cannot be read as YAML text. Runs on the main thread or in a worker.
 */
export function toInput(
  file: string,
  read: ReadResult,
  settings: AnalysisSettings,
  log: (m: string) => void,
): DiskInput {
  const input = analyzed(file, read, settings, log);
  return read.stamp ? { ...input, stamp: read.stamp } : input;
}

/** A FileInput built from a read of the disk, with the stamp of what was read (for the index cache). */
export type DiskInput = FileInput & { readonly stamp?: FileStamp };

function analyzed(file: string, read: ReadResult, settings: AnalysisSettings, log: (m: string) => void): FileInput {
  if (read.ok)
    return {
      file,
      summary: analyzeFile(file, read.text, {
        settings,
        rules: LOCAL_RULES,
        schemas: loadSchemas(log),
        onRuleError: (id, e) => log(`Rule ${id} failed on ${file}: ${String(e)}`),
      }),
    };
  if (read.missing) return { file, deleted: true };
  log(`Not analysing ${file}: ${read.reason}`);
  if (!read.looksIstio) return { file, deleted: true };
  return { file, summary: skippedSummary(file, `File not analysed: ${read.reason}.`) };
}

export async function readInput(
  file: string,
  settings: AnalysisSettings,
  log: (m: string) => void,
): Promise<DiskInput> {
  return toInput(file, await readYamlFile(file), settings, log);
}

export function readInputSync(file: string, settings: AnalysisSettings, log: (m: string) => void): DiskInput {
  return toInput(file, readYamlFileSync(file), settings, log);
}

const LOCAL_RULES = localRules(ALL_RULES);

export function skippedSummary(file: string, message: string): FileSummary {
  return {
    file,
    lineStarts: [0],
    resources: [],
    directives: [],
    findings: [skipped(file, message)],
    hasIstio: true,
    brokenDocs: [],
  };
}
