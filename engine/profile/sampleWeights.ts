/**
 * Per-sample weights as the model stores them: sample `i` weighs `values[i] / divisor` in the
 * model's unit.
 *
 * Why not always a Float64Array of the weights: a V8 cpuprofile's weights are its time deltas,
 * integer microseconds, and a long soak's profile has tens of millions of them. Kept as Int32 µs
 * with divisor 1000 they take 4 bytes a sample instead of 8 (a 94 MB profile: 35 MB less at its
 * peak). Division (not multiplication by 0.001) keeps every weight bit for bit the ms value the
 * importer computed before; x / 1 is x, so divisor 1 is exact too.
 */
export interface SampleWeights {
  /** Raw values, finite and non-negative; Int32 only when every value is an int32. */
  readonly values: Float64Array | Int32Array;
  /** 1 (values are the weights), or 1000 (values are µs of a ms weight). */
  readonly divisor: number;
}

/** Sample `i`'s weight in the model's unit. */
export function weightAt(w: SampleWeights, i: number): number {
  return w.values[i] / w.divisor;
}

/** Every weight in the model's unit, as one new array (tests, exports; not the hot paths). */
export function weightsInUnit(w: SampleWeights): Float64Array {
  const out = new Float64Array(w.values.length);
  const { values, divisor } = w;
  for (let i = 0; i < out.length; i++) out[i] = values[i] / divisor;
  return out;
}
