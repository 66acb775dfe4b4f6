/**
 * Step 2 of a V8 cpuprofile's model: `samples` and `timeDeltas` → one stack node and one weight
 * per sample, compacted in place (samples at the root itself or at a missing node dropped,
 * weights clamped to finite non-negative ms), and counts of what was wrong, for the warnings.
 *
 * The weights stay in µs, in the deltas' own array (Int32 when the deltas are: 4 bytes a sample),
 * and the model divides by 1000 where it reads them (sampleWeights.ts): `next / 1000` there is
 * the very number computed here before, so every weight and sum is bit for bit the same.
 *
 * Sample `i` stands for the time until the next sample (`timeDeltas[i + 1]`), the last one for the
 * time until `endTime`, like DevTools' `CPUProfileDataModel`. Times are microseconds.
 */
import { warningAt } from '../../diagnostics';
import type { ProfileBuilder } from '../builder';
import type { NumberArray } from './v8CpuprofileNumbers';
import type { RawCpuProfile } from './v8CpuprofileScanner';

/** One sample standing for more than a day is not a measurement (a corrupt delta or clock). */
export const MAX_SAMPLE_MS = 86_400_000;

/**
 * Samples per call of the hot loop: a small function called often is optimized by V8 after a
 * few calls, while one call over millions of samples runs on-stack-replaced code, 2-3× slower
 * for a one-shot import (measured: 9M samples, 70 ms in one call, 30 ms in calls of 4096).
 */
const BLOCK = 4096;

/** The running state of the pass: where it is, what it kept, what it found wrong. */
export class SampleTally {
  kept = 0;
  total = 0;
  /** startUs plus the deltas summed in order. */
  t: number;
  negative = 0;
  firstNegative = -1;
  /** Read when found: the deltas array may become the weights (and be overwritten) afterwards. */
  firstNegativeDelta: number | undefined = undefined;
  missing = 0;
  firstMissing = -1;
  firstMissingId = 0;
  tooLong = 0;
  firstTooLong = -1;

  constructor(
    readonly stacks: Int32Array | Uint16Array,
    /** µs; made Float64 (`widen`) the first time a weight is not an int32. */
    public weights: Int32Array | Float64Array,
    startUs: number,
  ) {
    this.t = startUs;
  }
}

/**
 * A sample's weight in µs from the delta after it: `next` clamped to a finite non-negative value,
 * 0 (and counted) when it stands for more than a day — exactly where `next / 1000` (the weight in
 * ms) would have been clamped.
 */
function clampedUs(next: number, s: SampleTally, i: number): number {
  const us = next > 0 ? next : 0; // NaN too
  if (us / 1000 > MAX_SAMPLE_MS) {
    s.tooLong++;
    if (s.firstTooLong < 0) s.firstTooLong = i;
    return 0;
  }
  return us;
}

/**
 * Samples [from, to) where both timeDeltas[i] and timeDeltas[i + 1] exist: stack node per sample
 * (dropping the root itself, -1, and missing ids, -2) and weight = the next delta in ms, clamped.
 * Index i (and i + 1) is read before slot kept <= i is written, so `stacks` may alias `samples`
 * and `weights` may alias `timeDeltas`.
 */
function compactBlock(
  samples: NumberArray,
  timeDeltas: Int32Array | Float64Array,
  idToStack: Int32Array,
  s: SampleTally,
  from: number,
  to: number,
): void {
  // The weights are Int32 only when the deltas are (every `next` here is one of them).
  const { stacks, weights } = s;
  const maxId = idToStack.length - 1;
  let kept = s.kept;
  let total = s.total;
  let t = s.t;
  let d = timeDeltas[from];
  for (let i = from; i < to; i++) {
    const next = timeDeltas[i + 1];
    if (d < 0) {
      s.negative++;
      if (s.firstNegative < 0) {
        s.firstNegative = i;
        s.firstNegativeDelta = d;
      }
    }
    t += d;
    const id = samples[i];
    // A fractional id reads `undefined` (not a node): it is missing, not node 0.
    const node = id >= 0 && id <= maxId ? (idToStack[id] ?? -2) : -2;
    if (node >= 0) {
      const us = clampedUs(next, s, i);
      stacks[kept] = node;
      weights[kept] = us;
      kept++;
      total += us / 1000;
    } else if (node === -2) {
      s.missing++;
      if (s.firstMissing < 0) {
        s.firstMissing = i;
        s.firstMissingId = id;
      }
    }
    d = next;
  }
  s.kept = kept;
  s.total = total;
  s.t = t;
}

/**
 * The general path, one sample at a time: deltas past the end of `timeDeltas` are `fallbackUs`,
 * the last sample lasts until `endTime`, and ids are looked up in the map when they are sparse.
 */
function compactTail(
  raw: RawCpuProfile,
  nodeOf: Map<number, number>,
  idToStack: Int32Array | undefined,
  fallbackUs: number,
  s: SampleTally,
  from: number,
): void {
  const { samples, timeDeltas } = raw;
  const count = samples.length;
  const deltaCount = timeDeltas.length;
  const maxId = idToStack ? idToStack.length - 1 : 0;
  for (let i = from; i < count; i++) {
    const d = i < deltaCount ? timeDeltas[i] : i === 0 ? 0 : fallbackUs;
    if (d < 0) {
      s.negative++;
      if (s.firstNegative < 0) {
        s.firstNegative = i;
        s.firstNegativeDelta = i < deltaCount ? timeDeltas[i] : undefined;
      }
    }
    s.t += d;
    const next =
      i + 1 < count
        ? i + 1 < deltaCount
          ? timeDeltas[i + 1]
          : fallbackUs
        : raw.endTime !== undefined
          ? raw.endTime - s.t
          : fallbackUs;
    const id = samples[i];
    let node: number;
    if (idToStack) node = id >= 0 && id <= maxId ? (idToStack[id] ?? -2) : -2;
    else node = nodeOf.get(id) ?? -2;
    if (node === -2) {
      s.missing++;
      if (s.firstMissing < 0) {
        s.firstMissing = i;
        s.firstMissingId = id;
      }
    } else if (node >= 0) {
      const us = clampedUs(next, s, i);
      // The tail's intervals may be fractional (a mean, or endTime minus a sum): Float64 then.
      if ((us | 0) !== us && s.weights instanceof Int32Array) s.weights = widen(s.weights);
      s.stacks[s.kept] = node;
      s.weights[s.kept] = us;
      s.kept++;
      s.total += us / 1000;
    }
  }
}

/** The weights as Float64 (a new array: the Int32 one may still be the deltas being read). */
function widen(weights: Int32Array): Float64Array {
  return Float64Array.from(weights);
}

/** Node id → stack node as a flat array when ids are dense (they are: V8 numbers them 1..n). */
function denseLookup(nodeOf: Map<number, number>): Int32Array | undefined {
  let maxId = 0;
  for (const id of nodeOf.keys()) if (id > maxId) maxId = id;
  if (maxId >= 4 * nodeOf.size + 1024) return undefined;
  const idToStack = new Int32Array(maxId + 1).fill(-2);
  for (const [id, node] of nodeOf) idToStack[id] = node;
  return idToStack;
}

/**
 * The interval given to samples past the end of `timeDeltas` (a truncated file): the span over
 * the sample count when start and end are known, else the mean of the deltas there are.
 */
function fallbackInterval(fileName: string, raw: RawCpuProfile, b: ProfileBuilder): number {
  const { samples, timeDeltas } = raw;
  const count = samples.length;
  if (timeDeltas.length > count)
    b.warn(
      warningAt(
        fileName,
        `'samples' has ${count} entries but 'timeDeltas' has ${timeDeltas.length}; the extra deltas were ignored`,
        { expected: 'arrays of equal length' },
      ),
    );
  if (timeDeltas.length >= count) return 0;
  let known = 0;
  for (let i = 1; i < timeDeltas.length; i++) known += Math.max(0, timeDeltas[i]);
  const fallbackUs =
    raw.startTime !== undefined && raw.endTime !== undefined && count > 0
      ? (raw.endTime - raw.startTime) / count
      : timeDeltas.length > 1
        ? known / (timeDeltas.length - 1)
        : 0;
  b.warn(
    warningAt(
      fileName,
      `${count - timeDeltas.length} of ${count} samples have no time delta; each was given the mean interval (${(fallbackUs / 1000).toFixed(3)} ms)`,
      { expected: "one 'timeDeltas' entry per sample" },
    ),
  );
  return fallbackUs;
}

/** Every sample into `b` (the scanner's `samples` array is reused in place), with warnings. */
export function addCpuSamples(
  fileName: string,
  raw: RawCpuProfile,
  nodeOf: Map<number, number>,
  b: ProfileBuilder,
): void {
  const fallbackUs = fallbackInterval(fileName, raw, b);
  const { samples, timeDeltas } = raw;
  const count = samples.length;
  const idToStack = denseLookup(nodeOf);
  // Both arrays are the scanner's and reused in place: stack node i is written over sample id
  // i' >= i, weight i over delta i' >= i, each after it was read (see compactBlock).
  // Uint16 ids stay Uint16 stack nodes: one stack node per profile node at most, so they fit when
  // the nodes do (checked again here: the scanner only saw the node count so far).
  const stacks =
    samples instanceof Int32Array || (samples instanceof Uint16Array && nodeOf.size <= 0x10000)
      ? samples
      : new Int32Array(count);
  const weights = timeDeltas.length >= count ? timeDeltas : new Int32Array(count);
  const tally = new SampleTally(stacks, weights, raw.startTime ?? 0);
  // Fast section: both this sample's and the next one's delta are known — all but the last
  // sample of a well-formed profile.
  const fastEnd = Math.min(count - 1, timeDeltas.length - 1);
  let from = 0;
  if (idToStack && fastEnd > 0) {
    for (; from < fastEnd; from += BLOCK)
      compactBlock(samples, timeDeltas, idToStack, tally, from, Math.min(fastEnd, from + BLOCK));
    from = fastEnd;
  }
  compactTail(raw, nodeOf, idToStack, fallbackUs, tally, from);
  b.adoptCompactedSamples(tally.stacks, tally.weights, tally.kept, tally.total, 1000);
  warnSamples(fileName, raw, tally, b);
}

function warnSamples(
  fileName: string,
  raw: RawCpuProfile,
  s: SampleTally,
  b: ProfileBuilder,
): void {
  const count = raw.samples.length;
  if (s.missing > 0)
    b.warn(
      warningAt(
        fileName,
        `${s.missing} of ${count} samples point at node ids not in 'nodes' (first: samples[${s.firstMissing}] = ${s.firstMissingId}); they were dropped`,
        { expected: "sample ids that appear in 'nodes'" },
      ),
    );
  if (s.negative > 0)
    b.warn(
      warningAt(
        fileName,
        `${s.negative} negative time deltas (first: timeDeltas[${s.firstNegative}] = ${s.firstNegativeDelta}); the samples before them were given 0 ms`,
        { expected: 'non-negative microsecond deltas' },
      ),
    );
  if (s.tooLong > 0)
    b.warn(
      warningAt(
        fileName,
        `${s.tooLong} samples stand for more than a day each (first: samples[${s.firstTooLong}]); their time was left out`,
        { expected: `time deltas under ${MAX_SAMPLE_MS * 1000} µs` },
      ),
    );
}
