import * as assert from 'assert';
import {
  validationDocuments as documents,
  validationErrors as errorsOf,
  validationFiles,
} from '../../harness/istioValidationDocuments';

/**
 * Istio's CRD-versus-webhook test data (pkg/config/validation/testdata/crds), against the `schema`
 * rule alone: the current CRDs' structure and CEL rules. Every valid document must get no error,
 * and every invalid one is rejected by the CRD (Istio's test runs both the CRD and the webhook;
 * each of these documents fails the CRD already). `ISTIO_LS_PRINT_PAIRS=1` prints Istio's error
 * beside ours. Each document is checked alone, its `_err` line (test metadata) made a comment.
 */

const files = validationFiles();

describe("Istio's validation documents against the CRD schemas and CEL rules", () => {
  it('no valid document gets an error', () => {
    const all = files.filter(f => f.endsWith('-valid.yaml')).flatMap(documents);
    assert.strictEqual(all.length, 35);
    const wrong = all.flatMap(doc =>
      errorsOf(doc).map(e => `${doc.file}#${doc.index} ${e.line + 1}:${e.startCol + 1} [${e.ruleId}] ${e.message}`),
    );
    assert.deepStrictEqual(wrong, []);
  });

  it('the invalid documents the CRDs reject get a schema error that says why', () => {
    const all = files.filter(f => f.endsWith('-invalid.yaml')).flatMap(documents);
    assert.strictEqual(all.length, 77);
    const missed: string[] = [];
    const lines: string[] = [];
    for (const doc of all) {
      const schemaErrors = errorsOf(doc).filter(e => e.ruleId === 'schema');
      const key = `${doc.file}#${doc.index}`;
      if (schemaErrors.length === 0) missed.push(key);
      lines.push(`${key}\n    _err: ${doc.err}\n    ours: ${schemaErrors.map(e => e.message).join(' | ') || '(none)'}`);
    }
    if (process.env['ISTIO_LS_PRINT_PAIRS']) console.log(lines.join('\n'));
    assert.deepStrictEqual(missed, []);
  });
});
