/**
 * Ordinary least squares for the Scaling tab: y ≈ slope·x + intercept, with R² (the share of
 * y's variance the line explains). A dozen lines — smaller than any statistics library.
 */
export interface Fit {
  readonly n: number;
  readonly slope: number;
  readonly intercept: number;
  /** NaN when y does not vary (nothing to explain) or fewer than 2 distinct x. */
  readonly r2: number;
}

export function leastSquares(xs: readonly number[], ys: readonly number[]): Fit {
  const n = Math.min(xs.length, ys.length);
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += xs[i];
    sy += ys[i];
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (n < 2 || sxx === 0) return { n, slope: NaN, intercept: NaN, r2: NaN };
  const slope = sxy / sxx;
  return { n, slope, intercept: my - slope * mx, r2: syy === 0 ? NaN : (sxy * sxy) / (sxx * syy) };
}

/** The plain sentence under the chart. */
export function describeFit(yName: string, xName: string, fit: Fit): string {
  if (fit.n < 3) return `Too few windows (${fit.n}) to say how ${yName} depends on ${xName}.`;
  if (!Number.isFinite(fit.slope))
    return `${xName} does not vary across the ${fit.n} windows; nothing to fit.`;
  if (!Number.isFinite(fit.r2)) return `${yName} does not vary across the ${fit.n} windows.`;
  const r2 = fit.r2.toFixed(2);
  const dir = fit.slope >= 0 ? 'grows' : 'falls';
  if (fit.r2 >= 0.8) return `${yName} ${dir} ~linearly with ${xName}, R² ${r2} (${fit.n} windows).`;
  if (fit.r2 >= 0.5)
    return (
      `${yName} loosely ${dir} with ${xName}, R² ${r2} (${fit.n} windows): other things ` +
      `matter too.`
    );
  return `${yName} does not follow ${xName} linearly, R² ${r2} (${fit.n} windows).`;
}
