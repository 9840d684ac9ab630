import * as assert from 'assert';
import {
  validationDocuments as documents,
  validationErrors as errorsOf,
  validationFiles,
} from '../../harness/istioValidationDocuments';

/**
 * Istio's own CRD-versus-webhook test data (pkg/config/validation/testdata/crds): every document of
 * a `*-invalid.yaml` file is rejected by Istio with the error in its `_err` key; every document of a
 * `*-valid.yaml` file is accepted. Each document is checked alone, as its own file, with its `_err`
 * line turned into a comment (it is test metadata, not part of the resource).
 */

const files = validationFiles();

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
