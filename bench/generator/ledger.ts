/**
 * Planted defects are marked in the generated text with an invisible token at the end of the line
 * holding the node; the token is stripped when the file is rendered and its line number recorded.
 * Positions therefore stay right however the surrounding documents are arranged.
 */
export interface Defect {
  readonly rule: string;
  readonly file: string;
  readonly line: number;
  readonly note: string;
}

const MARK = '\u0001';
const MARK_RE = new RegExp(`${MARK}(\\d+)${MARK}`, 'g');

interface Pending {
  readonly rule: string;
  readonly note: string;
  placed?: { file: string; line: number };
}

export class Ledger {
  private readonly pending: Pending[] = [];

  /** A token to append to the line of the node the finding points at. */
  mark(rule: string, note: string): string {
    this.pending.push({ rule, note });
    return `${MARK}${this.pending.length - 1}${MARK}`;
  }

  /** Rules marked in these lines (to write the `# planted:` comment above the document). */
  rulesIn(lines: readonly string[]): string[] {
    const rules = new Set<string>();
    for (const line of lines) {
      if (!line.includes(MARK)) continue;
      for (const m of line.matchAll(MARK_RE)) rules.add(this.pending[Number(m[1])]!.rule);
    }
    return [...rules].sort();
  }

  /** Strips tokens from a rendered file's lines, recording where each one was. */
  place(file: string, lines: string[]): void {
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (!line.includes(MARK)) continue;
      lines[i] = line.replace(MARK_RE, (_, id: string) => {
        const p = this.pending[Number(id)]!;
        if (p.placed) throw new Error(`defect ${id} (${p.rule}) rendered twice`);
        p.placed = { file, line: i + 1 };
        return '';
      });
    }
  }

  /** All defects, sorted by file, line, rule; throws if one was marked but never written. */
  defects(): Defect[] {
    const out: Defect[] = this.pending.map((p, id) => {
      if (!p.placed) throw new Error(`defect ${id} (${p.rule}: ${p.note}) was never written`);
      return { rule: p.rule, file: p.placed.file, line: p.placed.line, note: p.note };
    });
    return out.sort((a, b) => cmp(a.file, b.file) || a.line - b.line || cmp(a.rule, b.rule));
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
