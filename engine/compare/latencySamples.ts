/**
 * Raw latency samples: `latency/<metric>.txt`, one value in milliseconds per line (blank lines
 * and `#` comments skipped). Percentiles come only from such raw values — never estimated from
 * avg and max — by linear interpolation between closest ranks (numpy's default 'linear' method,
 * Hyndman & Fan type 7), so a p99 of 1000 values is the one a user gets from numpy or R.
 */
import { EngineDiagnostic, warningAt } from '../diagnostics';

export function parseLatencySamples(
  text: string,
  file: string,
): { values: number[]; diagnostics: EngineDiagnostic[] } {
  const values: number[] = [];
  const diagnostics: EngineDiagnostic[] = [];
  let bad = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const v = Number(line);
    if (Number.isFinite(v) && v >= 0) values.push(v);
    else if (++bad <= 10)
      diagnostics.push(
        warningAt(file, `'${line.slice(0, 40)}' is not a latency; line left out`, {
          line: i + 1,
          column: 1,
          expected: 'one non-negative number of milliseconds per line',
        }),
      );
  });
  if (bad > 10)
    diagnostics.push(warningAt(file, `${bad - 10} more bad lines left out`, { line: 1 }));
  return { values, diagnostics };
}

/** The q-th percentile (0–100) of values, linear interpolation (numpy 'linear'). */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const h = ((s.length - 1) * q) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

export const LATENCY_PERCENTILES: ReadonlyArray<readonly [string, number]> = [
  ['p50', 50],
  ['p90', 90],
  ['p99', 99],
  ['p999', 99.9],
];
