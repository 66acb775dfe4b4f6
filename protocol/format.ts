/**
 * How a number is written, on every face: the panel, `perflens report` (text and Markdown) and
 * the copied Markdown tables. It lives in protocol/ because the webview may import nothing else,
 * and one copy is what keeps "1,594.5 ms" the same wherever it is shown. Imports nothing.
 */

/**
 * Thousands separators, at most `digits` decimals (trailing zeros dropped); `–` when not finite.
 */
export function formatNumber(n: number, digits = 1): string {
  if (!Number.isFinite(n)) return '–';
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** Thousands separators and exactly `digits` decimals, so a column lines up; `–` when absent. */
export function formatFixed(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  return n.toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

/** A whole number with thousands separators; `–` when absent. */
export function formatInteger(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n)
    ? '–'
    : Math.round(n).toLocaleString('en-US');
}

/**
 * A duration, on every face: milliseconds under a second (never "0.0 s"), seconds with one
 * decimal under a minute, minutes and seconds under an hour, then hours and minutes (a 48-hour
 * soak is "48 h 2 min", not "172,920 s"). `–` when absent.
 */
export function formatDuration(ms: number | undefined | null): string {
  if (ms === undefined || ms === null || !Number.isFinite(ms)) return '–';
  if (ms < 999.95) return `${formatFixed(ms, 1)} ms`;
  if (ms < 59_950) return `${formatFixed(ms / 1000, 1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  const minutes = Math.round(ms / 60_000);
  return `${formatInteger(Math.floor(minutes / 60))} h ${minutes % 60} min`;
}

/** What a profile's costs are counted in: `ms`, `bytes`, or the callgrind event's name. */
export function costUnit(f: { unit: string; weightLabel?: string }): string {
  return f.unit === 'ms' ? 'ms' : f.unit === 'bytes' ? 'bytes' : (f.weightLabel ?? 'events');
}

/** A self/total cost with its unit; sample-count profiles show the sample count instead. */
export function formatCost(
  f: { unit: string; weightLabel?: string },
  cost: number | null,
  /** null for evented profiles (no samples): a unitless one shows its weight instead. */
  samples: number | null,
): string {
  if (f.unit === 'samples') return formatFixed(samples ?? cost, 0);
  return f.unit === 'ms' ? `${formatFixed(cost, 1)} ms` : `${formatFixed(cost, 0)} ${costUnit(f)}`;
}

/**
 * A measured value with as many digits as it can honestly carry: thousands separators from 1,000,
 * then 0, 1 or 2 decimals, and two significant digits under 1 (comparison medians).
 */
export function formatSignificant(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString('en-US');
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  return x === 0 ? '0' : x.toPrecision(2);
}

/** A change with its sign (`+1.5`, `−0.032`, a true minus sign), digits as formatSignificant. */
export function formatSigned(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '+∞' : '−∞';
  const a = Math.abs(x);
  const s =
    a >= 100 ? a.toFixed(0) : a >= 10 ? a.toFixed(1) : a >= 1 ? a.toFixed(2) : a.toPrecision(2);
  return `${x < 0 ? '−' : '+'}${s}`;
}

/** A signed percentage change (`+12.5 %`); `n/a` when there is no baseline to divide by. */
export function formatSignedPct(x: number | null): string {
  return x === null ? 'n/a' : `${formatSigned(x)} %`;
}
