/**
 * The fuzz test's check for slowness: is the cost of a growing input linear in its growth? It has
 * no clock limit: every rung of the ladder is judged, by a ratio of ratios that stays steady under
 * load, and a rise too quick to time is followed to larger inputs until it can be.
 *
 * A growing mutant (a repeated segment, a long run) is imported with none, 1/16, 1/8, 1/4, 1/2
 * and all of its growth (the rungs). Three measures make the costs comparable on a shared 2-core
 * machine whose load changes by the second:
 * - CPU time of this process, not wall-clock time: time spent waiting for a core while other
 *   processes run is not counted.
 * - Each import is followed by a linear reference pass over the same characters (encoding them
 *   and reading every byte; repeated over a small input, so it is long enough to measure), and
 *   the import's cost is counted in characters of that pass:
 *   `work = importMs × chars / referenceMs`. A machine that runs slower for a moment (another
 *   process sharing the cache or the core's other thread) slows both, and the ratio stays.
 * - Only the cost the growth adds is judged: on each part between two rungs, the marginal cost per
 *   character added (`Δwork / Δchars`). A fixed cost (the fixture around the growth) cancels, so
 *   a small rung is judged as strictly as a big one. Linear work has the same marginal cost on
 *   every part; quadratic work has twice that of the part before (three times on the second, from
 *   1/16 to 1/8, after the first from none to 1/16 of equal size).
 * Each rung is run once on the way up. When the newest part's marginal cost is over `limit`
 * times the part before's, the five inputs below it are measured again in `repeats` rounds, each
 * taking the least of its runs (noise in the CPU time of deterministic work only ever adds). A
 * marginal cost still rising over the limit three times in a row (over four parts) is a failure:
 * quadratic work doubles its marginal cost on every part, while crossing a cache size or a
 * collector's threshold raises it on one. The ladder stops at the first failure, so a quadratic
 * importer is caught on a small input instead of being run whole (a 10^6-character name through
 * the old 0x pattern: minutes).
 */

export interface GrowthOptions {
  /** Largest accepted ratio of one part's marginal cost per character to the part before's. */
  readonly limit: number;
  /** Rounds over a suspect rise's five inputs when they are looked at again. */
  readonly repeats: number;
}

export interface GrowthVerdict {
  /** Characters of the five inputs judged (four parts of growth between them). */
  readonly chars: readonly number[];
  /** Marginal cost per added character of each part, in reference characters. */
  readonly marginal: readonly number[];
  /** CPU ms of the import on the five inputs (the least of the runs when measured again). */
  readonly importMs: readonly number[];
  readonly linear: boolean;
}

/** CPU time of this process (all its threads: garbage collection is the import's work too), ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * A linear pass over the characters: what reading them costs on this machine at this moment
 * (UTF-8 encoding, then one look at every byte). Its result is returned so it is not optimised
 * away.
 */
export function referencePass(input: string): number {
  const bytes = new TextEncoder().encode(input);
  let h = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    h = (h * 31 + b) | 0;
    if (b === 0x2c || b === 0x0a) h ^= i;
  }
  return h;
}

/**
 * Characters the reference pass reads per measurement at least (repeating itself over a small
 * input): about a quarter of a millisecond here, so the clock's microsecond is a small part of it.
 * A count of work, not a time limit.
 */
const REFERENCE_CHARS = 1 << 18;

/** Runs of each rung on the way up: a rise they show is measured again before it counts. */
const QUICK_RUNS = 1;

/** A rung's import cost in reference characters, how far a run may be off it, its CPU ms. */
interface Work {
  readonly chars: number;
  readonly noise: number;
  readonly importMs: number;
}

/**
 * `input` repeated `times` times as one flat string. The reference pass reads a small input
 * repeated rather than calling itself once per copy: a call's fixed cost (an encoder's buffer) would
 * otherwise weigh more per character on small rungs than on large ones and bend every ratio of a
 * ladder (a quadratic's 2× per part read as 1.6×). `repeat` makes a rope, which a first read
 * flattens: the UTF-8 round trip flattens it here, outside the timed pass.
 */
function flatRepeat(input: string, times: number): string {
  if (times <= 1) return input;
  return Buffer.from(input.repeat(times), 'utf8').toString('utf8');
}

/**
 * Runs each input through `run` and then the reference pass, `times` rounds in turn. The cost is
 * taken from the least runs: noise in the CPU time of deterministic work only ever adds (a
 * neighbour on the core's other thread, a collection that fell into this run), so the least run is
 * the closest to the work itself, and rounds in turn let a slow moment hit every input alike. How
 * far the next least run is from it is the noise of this rung, measured here and now.
 */
function measure(run: (input: string) => void, inputs: readonly string[], times: number): Work[] {
  const imp: number[][] = inputs.map(() => []);
  const ref: number[][] = inputs.map(() => []);
  let sink = 0;
  for (let t = 0; t < times; t++)
    for (let k = 0; k < inputs.length; k++) {
      let began = cpuMs();
      run(inputs[k]);
      imp[k].push(cpuMs() - began);
      // Passes enough for a measurable time on small inputs; the cost of one is their mean.
      const passes = Math.ceil(REFERENCE_CHARS / Math.max(inputs[k].length, 1));
      const repeated = flatRepeat(inputs[k], passes);
      began = cpuMs();
      sink ^= referencePass(repeated);
      ref[k].push((cpuMs() - began) / passes);
    }
  if (sink === 0.5)
    throw new Error('unreachable: keeps the reference pass from being optimised away');
  // A pass over a few characters can read 0 ms; a microsecond is the clock's resolution.
  const inRefChars = (ms: number, refMs: number, chars: number): number =>
    (ms * chars) / Math.max(refMs, 0.001);
  return inputs.map((input, k) => {
    const imps = [...imp[k]].sort((a, b) => a - b);
    const refs = [...ref[k]].sort((a, b) => a - b);
    const least = inRefChars(imps[0], refs[0], input.length);
    // How well the least run is known: how far the next least is (one run: not known).
    const next = imps.length > 1 ? inRefChars(imps[1], refs[1], input.length) : least;
    return { chars: least, noise: Math.abs(next - least), importMs: imps[0] };
  });
}

/**
 * CPU ms the largest of a verdict's imports must take for a rise to count. Below it the marginal
 * costs are a few hundredths of a millisecond apart, and JIT tiers and the CPU clock's grain decide
 * them (CI saw 0.0 → 0.3 ms judged quadratic: a legacy cpuprofile whose same growth measured
 * 3.9–6.2 ns per character, linear, from 1 MB to 4 MB). Such a rise is followed to larger inputs
 * (`beyond`, up to 2^MAX_EXTENSIONS times the growth), where quadratic work takes milliseconds.
 */
const MIN_JUDGED_MS = 5;
const MAX_EXTENSIONS = 6;

/** Parts of growth whose marginal costs must each rise over the limit for a failure. */
const RISING_PARTS = 4;

/**
 * Rungs `k - 4` … `k`: four parts of growth between five inputs. Not linear when each part's
 * marginal cost is over `limit` times the part before's and the first part's cost is above the
 * noise of its two rungs (a part that cost nothing measurable says nothing about the next). Three
 * rises in a row, not one: a single rise is what a cache size or a collector's threshold makes.
 */
function judgeParts(
  rungs: readonly string[],
  work: readonly Work[],
  k: number,
  limit: number,
): GrowthVerdict {
  const first = k - RISING_PARTS;
  const idx = Array.from({ length: RISING_PARTS + 1 }, (_, n) => first + n);
  const part = (i: number, sign: -1 | 0 | 1): number =>
    (work[i + 1].chars - work[i].chars + sign * (work[i].noise + work[i + 1].noise)) /
    (rungs[i + 1].length - rungs[i].length);
  let linear = !(part(first, -1) > 0);
  for (let i = first + 1; i < k && !linear; i++)
    if (!(part(i, 0) > limit * part(i - 1, 0))) linear = true;
  return {
    chars: idx.map((i) => rungs[i].length),
    marginal: idx.slice(0, -1).map((i) => part(i, 0)),
    importMs: idx.map((i) => work[i].importMs),
    linear,
  };
}

/**
 * Climbs `inputs` (growing: none, 1/16, …, all of the growth) from the smallest, judging the
 * parts of growth as soon as each rung is measured; returns the first verdict that is not linear,
 * and how many rungs were judged. Inputs of equal length (a growth of a few units, rounded up)
 * count once.
 *
 * Not linear means a marginal cost that rises over the limit three times in a row, measured
 * again (a rise on the newest part is what has it measured again): quadratic work doubles its
 * marginal cost on every part, while a part that crosses a cache size or a collector's threshold
 * raises it on one (seen: 2–8× on one part of sub-millisecond imports, then flat; such imports
 * also wobble between 4 and 8 ns per character from one size to the next), and a first part
 * measured before the code was warm looks cheap. When a rise is on the last part, `beyond` gives
 * one more input (twice the growth, then four times, …) to confirm it: a rise among imports under
 * MIN_JUDGED_MS is never concluded, only followed to inputs large enough to time.
 */
export function climbLadder(
  run: (input: string) => void,
  inputs: readonly string[],
  o: GrowthOptions,
  beyond?: (factor: number) => string,
): { readonly failed?: GrowthVerdict; readonly judged: number; readonly last?: GrowthVerdict } {
  const rungs = inputs.filter((x, k) => k === 0 || x.length > inputs[k - 1].length);
  const work: Work[] = [];
  let judged = 0;
  let extensions = 0;
  /** A verdict was not linear, but on imports too quick to time: follow the growth further. */
  let suspect = false;
  let last: GrowthVerdict | undefined;
  /** One more rung, twice the growth of the last one beyond the inputs (2×, 4×, … the growth). */
  const extend = (): boolean => {
    if (!beyond || extensions >= MAX_EXTENSIONS) return false;
    const next = beyond(2 ** ++extensions);
    if (next.length <= rungs[rungs.length - 1].length) return false;
    rungs.push(next);
    return true;
  };
  for (let k = 0; k < rungs.length; k++) {
    work.push(measure(run, [rungs[k]], QUICK_RUNS)[0]);
    if (k < RISING_PARTS) continue;
    judged++;
    let v = judgeParts(rungs, work, k, o.limit);
    last = v;
    const m = (x: GrowthVerdict, back: number): number => x.marginal[x.marginal.length - back];
    const rises = (x: GrowthVerdict): boolean => m(x, 1) > o.limit * m(x, 2);
    // Rising over the four parts as a whole: a single run's noise can hide the newest part's rise
    // while the trend shows; measured again too (linear work rarely rises this way).
    const trends = (x: GrowthVerdict): boolean => m(x, 1) > o.limit * o.limit * m(x, 4);
    if (rises(v) || trends(v)) {
      // The newest part costs more per character than the one before: the five inputs again, in
      // rounds, before anything is concluded.
      const again = measure(run, rungs.slice(k - RISING_PARTS, k + 1), o.repeats);
      work.splice(k - RISING_PARTS, RISING_PARTS + 1, ...again);
      v = judgeParts(rungs, work, k, o.limit);
      last = v;
      // A rise among imports too quick to time is followed to larger inputs, not concluded.
      if (!v.linear && Math.max(...v.importMs) >= MIN_JUDGED_MS) return { failed: v, judged };
      if (!v.linear) suspect = true;
    }
    if (v.linear && Math.max(...v.importMs) >= MIN_JUDGED_MS) suspect = false;
    // The last rung: a rise, or a suspect seen below, is confirmed on a larger input (each
    // extension doubles the growth, so it costs about what the last input did), until the
    // imports are long enough to judge.
    if (k === rungs.length - 1 && (rises(v) || suspect)) extend();
  }
  return { judged, last };
}
