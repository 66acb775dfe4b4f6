/**
 * The fuzz test's check for slowness, as a ratio rather than a clock limit. A growing mutant (a
 * repeated segment, a long run) is timed at 1/16, 1/8, 1/4 and 1/2 of its growth and then whole,
 * moments apart in one process (a loaded machine slows them alike): each step doubles the growth,
 * so linear work takes about twice as long per step and quadratic work four times. The ladder
 * stops at the first step over the limit, so a quadratic importer is caught on a small input in
 * seconds instead of being run whole (a 10^6-character name through the old 0x pattern: minutes).
 * A step over the limit is measured again, best of `bestOf` each (load only ever adds time),
 * before it counts; steps whose larger side is under `floorMs` are too quick to judge.
 */

export interface GrowthOptions {
  /** Largest accepted ratio between the times of two inputs, the second with twice the growth. */
  readonly limit: number;
  /** Runs per side when a first ratio is over the limit. */
  readonly bestOf: number;
  /** Below this many ms for the larger input, timer resolution and one GC decide: not judged. */
  readonly floorMs: number;
}

export interface GrowthVerdict {
  /** ms on the smaller and on the larger input of the step judged. */
  readonly onceMs: number;
  readonly twiceMs: number;
  /** Characters of the two inputs. */
  readonly onceChars: number;
  readonly twiceChars: number;
  readonly linear: boolean;
}

/**
 * Judges one step: `twice` has twice the growth of `once`; their first timings are given.
 * Over the limit, both are measured again (best of `bestOf`) before the verdict.
 */
export function judgeStep(
  timeOf: (input: string) => number,
  once: string,
  twice: string,
  o: GrowthOptions,
  onceMs: number,
  twiceMs: number,
): GrowthVerdict {
  let a = onceMs;
  let b = twiceMs;
  const over = (): boolean => b >= o.floorMs && b > o.limit * a;
  if (over()) {
    const best = (x: string): number =>
      Math.min(...Array.from({ length: o.bestOf }, () => timeOf(x)));
    a = best(once);
    b = best(twice);
  }
  return {
    onceMs: a,
    twiceMs: b,
    onceChars: once.length,
    twiceChars: twice.length,
    linear: !over(),
  };
}

/**
 * Times `inputs` (each with twice the growth of the one before) from the smallest, judging each
 * step; returns the first step that is not linear, or the last input's time when all are.
 */
export function growthLadder(
  timeOf: (input: string) => number,
  inputs: readonly string[],
  o: GrowthOptions,
): { readonly failed?: GrowthVerdict; readonly lastMs: number } {
  let prev = timeOf(inputs[0]);
  for (let i = 1; i < inputs.length; i++) {
    const t = timeOf(inputs[i]);
    const v = judgeStep(timeOf, inputs[i - 1], inputs[i], o, prev, t);
    if (!v.linear) return { failed: v, lastMs: t };
    prev = t;
  }
  return { lastMs: prev };
}
