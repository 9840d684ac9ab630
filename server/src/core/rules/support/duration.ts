/**
 * Istio durations as written in YAML: Go's `time.ParseDuration` syntax, a sequence of decimal
 * numbers with a unit each (`1h2m3.5s`, `100ms`, `1.5s`). Istio's CRDs validate the same syntax.
 */

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/** Milliseconds, or undefined when the text is not a duration (or is negative). */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (s === '0') return 0;
  if (s === '') return undefined;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < s.length) {
    const start = PART.lastIndex;
    const m = PART.exec(s);
    if (!m || m.index !== start) return undefined;
    total += Number(m[1]) * UNIT_MS[m[2]];
  }
  return total;
}

/** The shortest natural spelling: `90s` -> `90s`, `120000` -> `2m`, `1500` -> `1.5s`, `250` -> `250ms`. */
export function formatDuration(ms: number): string {
  const rounded = Math.round(ms);
  if (rounded <= 0) return '0s';
  if (rounded % 3_600_000 === 0) return `${rounded / 3_600_000}h`;
  if (rounded % 60_000 === 0) return `${rounded / 60_000}m`;
  if (rounded % 1000 === 0) return `${rounded / 1000}s`;
  if (rounded > 1000 && rounded % 100 === 0) return `${rounded / 1000}s`;
  return `${rounded}ms`;
}
