import type { FileEdit, Fix, FixContext, TextEdit } from '../rules/types';
import type { ReportedFinding } from './report';

/** The edits of a fix, computed now if the fix edits another file. */
export function resolveFix(fix: Fix, ctx: FixContext): readonly FileEdit[] | undefined {
  try {
    return fix.edits ?? fix.compute?.(ctx);
  } catch {
    // A fix that cannot be computed against the current text is simply not offered.
    return undefined;
  }
}

/**
 * Merges several fixes into one edit per file. Overlapping edits are dropped, never merged: the
 * first fix wins and the dropped one is still offered after the user re-runs.
 */
export function mergeEdits(all: readonly (readonly FileEdit[])[]): FileEdit[] {
  const byFile = new Map<string, TextEdit[]>();
  for (const fileEdits of all) {
    for (const { file, edits } of fileEdits) {
      const list = byFile.get(file) ?? [];
      const fits = edits.every(e => list.every(x => !overlaps(x, e)));
      if (fits) list.push(...edits);
      byFile.set(file, list);
    }
  }
  return [...byFile].map(([file, edits]) => ({ file, edits: edits.sort((a, b) => a.span.start - b.span.start) }));
}

/** The preferred fix of every finding (optionally of one rule), merged: LSP `source.fixAll.istio`. */
export function fixAll(findings: readonly ReportedFinding[], ctx: FixContext, ruleId?: string): FileEdit[] {
  const chosen: (readonly FileEdit[])[] = [];
  for (const f of findings) {
    if (ruleId && f.ruleId !== ruleId) continue;
    const fix = f.fixes?.find(x => x.isPreferred);
    if (!fix) continue;
    const edits = resolveFix(fix, ctx);
    if (edits) chosen.push(edits);
  }
  return mergeEdits(chosen);
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.span.start === a.span.end && b.span.start === b.span.end) return a.span.start === b.span.start;
  return a.span.start < b.span.end && b.span.start < a.span.end;
}
