import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { analyzeFixture, placedFindings, type PlacedFinding } from './analyze';
import { WS } from './fixture';

/** Istio's CRD-versus-webhook test data (pkg/config/validation/testdata/crds), vendored. */
export const VALIDATION_DOCS = path.join(__dirname, '..', '..', '..', 'third_party', 'istio', 'validation');

export interface UpstreamDocument {
  readonly file: string;
  readonly index: number;
  /** The error Istio rejects the document with (`_err`); undefined in a `*-valid.yaml` file. */
  readonly err?: string;
  readonly text: string;
}

/** The files of the test data, `*-valid.yaml` and `*-invalid.yaml`. */
export function validationFiles(): string[] {
  return fs.readdirSync(VALIDATION_DOCS).filter(f => f.endsWith('.yaml'));
}

/**
 * The documents of one file, each with its `_err` line turned into a comment (it is test metadata,
 * not part of the resource). Split on document markers at the start of a line, as Istio's
 * yml.SplitString does.
 */
export function validationDocuments(file: string): UpstreamDocument[] {
  const text = fs.readFileSync(path.join(VALIDATION_DOCS, file), 'utf8');
  const out: UpstreamDocument[] = [];
  for (const chunk of text.split(/^---[ \t]*$/m)) {
    const value: unknown = parseDocument(chunk).toJS();
    if (!value || typeof value !== 'object') continue;
    const err = (value as Record<string, unknown>)['_err'];
    out.push({
      file,
      index: out.length,
      err: typeof err === 'string' ? err : undefined,
      text: chunk.replace(/^_err:/m, '# _err:'),
    });
  }
  return out;
}

/** The error findings of one document analysed alone, as its own file. */
export function validationErrors(doc: UpstreamDocument): PlacedFinding[] {
  const file = `${WS}/${doc.file.replace(/\.yaml$/, '')}-${doc.index}.yaml`;
  const files = new Map([[file, doc.text]]);
  return placedFindings(analyzeFixture(files), files.keys()).filter(f => f.finding.severity === 'error');
}
