/**
 * What a comparison could have seen, in words — the one sentence behind both `no-difference`
 * ("with 5 a side and 7.1 % noise, changes under ~17 % could not be seen; ~14 a side would see
 * 10 %") and `inconclusive` ("with 2 a side no change could be seen: p ≤ 0.05 needs 4
 * baseline and 4 treatment iterations"), so the two say the same about iterations.
 */
import type { Detectable } from './detectable';

export interface SensitivityInput {
  readonly baselineN: number;
  readonly treatmentN: number;
  readonly detectable: Detectable;
  /** Iterations [baseline, treatment] before the test can reach alpha at all. */
  readonly needed?: readonly [number, number];
  /** Practical threshold as a fraction. */
  readonly threshold: number;
}

/** 17 → "17", 4.25 → "4.3", 0.512 → "0.51": two significant figures, never exponent form. */
const approx = (x: number): string => (x >= 10 ? String(Math.round(x)) : String(+x.toPrecision(2)));

function sides(m: number, n: number): string {
  return m === n ? `${m} a side` : `${m} vs ${n} iterations`;
}

/** The 10 % change when it is out of reach, else the practical threshold when that is. */
function nextTarget(d: Detectable, threshold: number): string | undefined {
  const floor = d.pct ?? Infinity;
  const target = d.needed
    .filter((x) => x.pct < floor && x.pct >= threshold * 100)
    .sort((a, b) => b.pct - a.pct)[0];
  return target && `~${target.perSide} a side would see ${approx(target.pct)} %`;
}

export function sensitivitySentence(s: SensitivityInput): string {
  const d = s.detectable;
  const who = sides(s.baselineN, s.treatmentN);
  const next = nextTarget(d, s.threshold);
  if (d.pct === null) {
    const reach = s.needed
      ? `: p ≤ ${+d.alpha.toPrecision(3)} needs ${s.needed[0]} baseline and ` +
        `${s.needed[1]} treatment iterations`
      : d.why
        ? ` (${d.why})`
        : '';
    const noise = d.noisePct ? `at the ${approx(d.noisePct)} % noise seen, ` : '';
    return `with ${who} no change could be seen${reach}${next ? `; ${noise}${next}` : ''}`;
  }
  const noise = d.noisePct !== null ? ` and ${approx(d.noisePct)} % noise` : '';
  return (
    `with ${who}${noise}, changes under ~${approx(d.pct)} % could not be seen` +
    (next ? `; ${next}` : '')
  );
}
