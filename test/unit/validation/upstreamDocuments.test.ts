import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { analyzeFixture, placedFindings, type PlacedFinding } from '../../harness/analyze';
import { WS } from '../../harness/fixture';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const DOCS = path.join(ROOT, 'third_party', 'istio', 'validation');

/**
 * Istio's own CRD-versus-webhook test data (pkg/config/validation/testdata/crds): every document of
 * a `*-invalid.yaml` file is rejected by Istio with the error in its `_err` key; every document of a
 * `*-valid.yaml` file is accepted. Each document is checked alone, as its own file, with its `_err`
 * line turned into a comment (it is test metadata, not part of the resource).
 */
interface UpstreamDocument {
  readonly file: string;
  readonly index: number;
  readonly err?: string;
  readonly text: string;
}

function documents(file: string): UpstreamDocument[] {
  const text = fs.readFileSync(path.join(DOCS, file), 'utf8');
  const out: UpstreamDocument[] = [];
  // Split on document markers at the start of a line, as Istio's yml.SplitString does.
  for (const chunk of text.split(/^---[ \t]*$/m)) {
    const doc = parseDocument(chunk);
    const value: unknown = doc.toJS();
    if (!value || typeof value !== 'object') continue;
    const err = (value as Record<string, unknown>)._err;
    out.push({
      file,
      index: out.length,
      err: typeof err === 'string' ? err : undefined,
      text: chunk.replace(/^_err:/m, '# _err:'),
    });
  }
  return out;
}

function errorsOf(doc: UpstreamDocument): PlacedFinding[] {
  const file = `${WS}/${doc.file.replace(/\.yaml$/, '')}-${doc.index}.yaml`;
  const files = new Map([[file, doc.text]]);
  return placedFindings(analyzeFixture(files), files.keys()).filter(f => f.finding.severity === 'error');
}

const files = fs.readdirSync(DOCS).filter(f => f.endsWith('.yaml'));

describe("Istio's validation documents (third_party/istio/validation)", () => {
  describe('every invalid document gets an error', () => {
    const all = files.filter(f => f.endsWith('-invalid.yaml')).flatMap(documents);
    it(`has the ${all.length} documents of Istio's test data`, () => assert.strictEqual(all.length, 77));
    for (const doc of all) {
      const key = `${doc.file}#${doc.index}`;
      it(`${key}: ${doc.err}`, () => {
        const errors = errorsOf(doc);
        console.log(
          `    _err: ${doc.err}\n    ours: ${errors.map(e => `[${e.ruleId}] ${e.message}`).join(' | ') || '(none)'}`,
        );
        assert.ok(errors.length > 0, 'no error finding');
      });
    }
  });
  describe('no valid document gets an error', () => {
    const all = files.filter(f => f.endsWith('-valid.yaml')).flatMap(documents);
    it(`has the ${all.length} documents of Istio's test data`, () => assert.strictEqual(all.length, 35));
    for (const doc of all) {
      const key = `${doc.file}#${doc.index}`;
      it(key, () => {
        const errors = errorsOf(doc);
        const shown = errors.map(e => `${e.line + 1}:${e.startCol + 1} [${e.ruleId}] ${e.message}`);
        assert.deepStrictEqual(shown, []);
      });
    }
  });
});
