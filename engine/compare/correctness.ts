/**
 * Correctness of a comparison, before any speed: do the treatment's iterations fail more often
 * than the baseline's?
 *
 * Counted per failing assertion (its text with the numbers ignored, so `FAIL balances differ by
 * 2` and `… by 3` are one) and for bad exits: how many iterations of each side fail it.
 *
 * - A failure the baseline never shows and the treatment does is a correctness failure however
 *   rare (the users' rule: nothing new may fail) — `newFailures` / `newBadExits`.
 * - A failure both sides show counts against the treatment when its share of failing iterations
 *   is higher and a one-sided Fisher exact test says so at alpha: 5/5 against 1/5 gives
 *   p = 6/252 ≈ 0.024, a failure (`moreFailures`). A higher share the test cannot tell from chance
 *   (2/5 against 1/5: p = 0.5) is neither a failure nor "ok": with that few iterations nobody can
 *   tell whether the treatment fails more often, so the correctness is `inconclusive`
 *   (`unclearFailures`) — never silently passed, never claimed.
 */
import { fisherGreater } from './fisherExact';
import type { IterationMetrics } from './metricTypes';

export interface SideCorrectness {
  readonly iterations: number;
  readonly pass: number;
  readonly fail: number;
  readonly failedIterations: number;
  readonly badExits: number;
}

/** One failure both sides are counted on, where the treatment's share is the higher. */
export interface FailureShare {
  /** The failing line as the treatment first printed it, or `bad exit`. */
  readonly what: string;
  readonly baseline: { readonly failing: number; readonly iterations: number };
  readonly treatment: { readonly failing: number; readonly iterations: number };
  /** One-sided Fisher exact p that the treatment fails more often (1 when new: not tested). */
  readonly p: number;
  /** new: never in the baseline; more: more often (p ≤ alpha); unclear: cannot tell. */
  readonly decision: 'new' | 'more' | 'unclear';
}

export interface CorrectnessResult {
  readonly verdict: 'ok' | 'failed-correctness' | 'inconclusive';
  readonly baseline: SideCorrectness;
  readonly treatment: SideCorrectness;
  /** Failing assertions in the treatment that the baseline never shows (numbers normalised). */
  readonly newFailures: string[];
  /** Bad exits in the treatment when the baseline had none. */
  readonly newBadExits: string[];
  /** Failures both sides show that the treatment shows in more of its iterations (Fisher). */
  readonly moreFailures: string[];
  /** Failures the treatment shows in a higher share of iterations, too few to tell. */
  readonly unclearFailures: string[];
  /** Every failure whose treatment share is higher, counted per side. */
  readonly shares: FailureShare[];
}

const normaliseFailure = (t: string): string => t.replace(/\d+(\.\d+)?/g, '#').trim();

function sideCorrectness(its: readonly IterationMetrics[]): SideCorrectness {
  return {
    iterations: its.length,
    pass: its.reduce((a, i) => a + i.correctness.pass, 0),
    fail: its.reduce((a, i) => a + i.correctness.fail, 0),
    failedIterations: its.filter((i) => i.correctness.fail > 0).length,
    badExits: its.filter((i) => i.correctness.exit === 'failed').length,
  };
}

/** Per normalised failure text: the iterations failing it, and the treatment's first spelling. */
function failingIterations(
  its: readonly IterationMetrics[],
): Map<string, { n: number; text: string }> {
  const out = new Map<string, { n: number; text: string }>();
  for (const i of its) {
    const seen = new Set<string>();
    for (const f of i.correctness.failures) {
      const key = normaliseFailure(f);
      if (seen.has(key)) continue;
      seen.add(key);
      const e = out.get(key);
      if (e) e.n++;
      else out.set(key, { n: 1, text: f });
    }
  }
  return out;
}

/** `FAIL balances differ by 2 — 5/5 vs 1/5 iterations (one-sided Fisher exact p = 0.024)` */
export function shareText(s: FailureShare): string {
  const counts =
    `${s.treatment.failing}/${s.treatment.iterations} vs ` +
    `${s.baseline.failing}/${s.baseline.iterations} iterations`;
  return s.decision === 'new'
    ? `${s.what} — ${counts}`
    : `${s.what} — ${counts} (one-sided Fisher exact p = ${s.p.toPrecision(2)})`;
}

function share(
  what: string,
  t: number,
  tN: number,
  b: number,
  bN: number,
  alpha: number,
): FailureShare | undefined {
  if (tN === 0 || t / tN <= (bN === 0 ? 0 : b / bN)) return undefined;
  const p = b === 0 ? 1 : fisherGreater(t, tN, b, bN);
  const decision = b === 0 ? 'new' : p <= alpha ? 'more' : 'unclear';
  return {
    what,
    baseline: { failing: b, iterations: bN },
    treatment: { failing: t, iterations: tN },
    p,
    decision,
  };
}

export function compareCorrectness(
  base: readonly IterationMetrics[],
  treat: readonly IterationMetrics[],
  alpha = 0.05,
): CorrectnessResult {
  const baseFails = failingIterations(base);
  const treatFails = failingIterations(treat);
  const newFailures = [
    ...new Set(
      treat.flatMap((i) =>
        i.correctness.failures
          .filter((f) => !baseFails.has(normaliseFailure(f)))
          .map((f) => `${i.label}: ${f}`),
      ),
    ),
  ];
  // A FAIL count without captured text (over the 50 kept) still counts when the baseline has none.
  if (newFailures.length === 0 && base.every((i) => i.correctness.fail === 0))
    for (const i of treat)
      if (i.correctness.fail > 0)
        newFailures.push(`${i.label}: ${i.correctness.fail} failing assertion(s)`);
  const shares: FailureShare[] = [];
  for (const [key, t] of treatFails) {
    const s = share(t.text, t.n, treat.length, baseFails.get(key)?.n ?? 0, base.length, alpha);
    if (s) shares.push(s);
  }
  const bad = (its: readonly IterationMetrics[]): IterationMetrics[] =>
    its.filter((i) => i.correctness.exit === 'failed');
  const exits = share(
    'bad exit',
    bad(treat).length,
    treat.length,
    bad(base).length,
    base.length,
    alpha,
  );
  if (exits) shares.push(exits);
  const newBadExits =
    bad(base).length === 0
      ? bad(treat).map((i) => `${i.label}: ${i.correctness.exitDetail ?? 'failed'}`)
      : [];
  const moreFailures = shares.filter((s) => s.decision === 'more').map(shareText);
  const unclearFailures = shares.filter((s) => s.decision === 'unclear').map(shareText);
  const failed = newFailures.length + newBadExits.length + moreFailures.length > 0;
  return {
    verdict: failed ? 'failed-correctness' : unclearFailures.length > 0 ? 'inconclusive' : 'ok',
    baseline: sideCorrectness(base),
    treatment: sideCorrectness(treat),
    newFailures,
    newBadExits,
    moreFailures,
    unclearFailures,
    shares,
  };
}
