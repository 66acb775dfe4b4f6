/** Numbers as the panel shows them: thousands separators, fixed decimals per column, units beside. */
export function fmt(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  return n.toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

export function fmtInt(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n)
    ? '–'
    : Math.round(n).toLocaleString('en-US');
}

/** A duration: seconds with one decimal, or milliseconds under a second (never "0.0 s"). */
export function fmtSeconds(ms: number | undefined): string {
  if (ms === undefined) return '–';
  return ms < 1000 ? `${fmt(ms, 1)} ms` : `${fmt(ms / 1000, 1)} s`;
}

/** The last two path segments (`…/src/work.js`): short enough for a column; the title has all. */
export function shortFile(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts.length > 2 ? `…/${parts.slice(-2).join('/')}` : file;
}

/** What a profile's costs are counted in: `ms`, `bytes`, or the callgrind event's name. */
export function costUnit(f: { unit: string; weightLabel?: string }): string {
  return f.unit === 'ms' ? 'ms' : f.unit === 'bytes' ? 'bytes' : (f.weightLabel ?? 'events');
}

/** A self/total cost with its unit; sample-count profiles show the sample count instead. */
export function fmtCost(
  f: { unit: string; weightLabel?: string },
  cost: number | null,
  samples: number,
): string {
  if (f.unit === 'samples') return fmt(samples, 0);
  return f.unit === 'ms' ? `${fmt(cost, 1)} ms` : `${fmt(cost, 0)} ${costUnit(f)}`;
}
