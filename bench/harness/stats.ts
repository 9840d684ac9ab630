/** Percentiles and table printing for the benchmarks. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export interface Row {
  readonly name: string;
  readonly values: readonly number[];
  readonly unit: string;
  /** The bar the issue sets, for the "goal" column. */
  readonly goal?: string;
}

const fmt = (n: number) => (Number.isNaN(n) ? '–' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

export function table(rows: readonly Row[]): string {
  const header = ['measure', 'n', 'median', 'p95', 'p99', 'unit', 'goal'];
  const lines = rows.map(r => [
    r.name,
    String(r.values.length),
    fmt(median(r.values)),
    fmt(percentile(r.values, 95)),
    fmt(percentile(r.values, 99)),
    r.unit,
    r.goal ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map(l => l[i].length)));
  const row = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 || i >= 5 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [
    row(header),
    `|${widths.map((w, i) => (i === 0 || i >= 5 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...lines.map(row),
  ].join('\n');
}
