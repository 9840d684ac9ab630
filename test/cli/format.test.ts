import * as assert from 'assert';
import { formatText, type FlatFinding } from '../../server/src/cli/format';
import type { CheckResult } from '../../server/src/cli/check';
import type { Severity } from '../../server/src/core/settings';

const finding = (severity: Severity): FlatFinding => ({
  file: 'a.yaml',
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 2,
  severity,
  rule: 'r',
  message: 'm',
});
const result: CheckResult = { files: [], fileCount: 2, resourceCount: 3, missing: [] };

describe('CLI summary line', () => {
  it("counts problems as VS Code's Problems panel does: hints apart, not as infos", () => {
    const text = formatText(
      ['error', 'warning', 'info', 'hint', 'hint'].map(s => finding(s as Severity)),
      result,
    );
    assert.strictEqual(
      text.trim().split('\n').at(-1),
      '3 problems (1 error, 1 warning, 1 info) and 2 hints in 2 files, 3 resources.',
    );
    assert.strictEqual(
      formatText([], result).trim(),
      '0 problems (0 errors, 0 warnings, 0 infos) in 2 files, 3 resources.',
    );
  });
});
