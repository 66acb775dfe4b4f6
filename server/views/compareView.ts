/**
 * `perflens/compare`: two sides → verdict, Markdown and the Compare view's data, in the language
 * server (both sides may be many iterations with CPU profiles; the extension host never parses
 * them).
 */
import type { Compare } from '../../protocol/server';
import {
  FlameSide,
  OverTimeCollector,
  compareData,
  compareSides,
  diffFlame,
  loadSide,
  type Comparison,
} from '../../engine/compare';

/** The answer, and the comparison itself when one could be made (the lenses show its changes). */
export async function compareView(
  p: Compare.Params,
): Promise<{ result: Compare.Result; comparison?: Comparison }> {
  const flames = { baseline: new FlameSide(), treatment: new FlameSide() };
  const collector = new OverTimeCollector();
  // Noisy iterations left out of the statistics are left out of the flame and charts too.
  const excludeNoisy = p.excludeNoisy === true;
  const [b, t] = await Promise.all([
    loadSide(p.baseline, {
      excludeNoisy,
      flame: flames.baseline,
      overTime: { collector, side: 'baseline' },
    }),
    loadSide(p.treatment, {
      excludeNoisy,
      flame: flames.treatment,
      overTime: { collector, side: 'treatment' },
    }),
  ]);
  const error = b.error ? `baseline ${b.error}` : t.error ? `treatment ${t.error}` : undefined;
  if (error)
    return {
      result: {
        verdict: '',
        reason: error,
        exitCode: 2,
        markdown: '',
        iterations: { baseline: b.iterations.length, treatment: t.iterations.length },
        error,
      },
    };
  const c = compareSides(b.iterations, t.iterations, {
    alpha: p.alpha,
    threshold: p.threshold,
    excludeNoisy,
  });
  const flame = diffFlame(flames.baseline, flames.treatment);
  const overTime = collector.result();
  const data = {
    ...compareData(c, p.baseline, p.treatment),
    ...(flame ? { flame } : {}),
    ...(overTime ? { overTime } : {}),
  };
  return {
    result: {
      verdict: c.verdict,
      reason: c.reason,
      exitCode: data.exitCode,
      markdown: data.markdown,
      iterations: c.iterations,
      data,
    },
    comparison: c,
  };
}
