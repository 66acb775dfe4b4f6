/**
 * One-sided Fisher exact test against scipy 1.17.1:
 * `scipy.stats.fisher_exact([[tFail, tN - tFail], [bFail, bN - bFail]], alternative='greater')`.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { fisherGreater } from '../../../../engine/compare/fisherExact';

const SCIPY: ReadonlyArray<readonly [number, number, number, number, number]> = [
  [5, 5, 1, 5, 0.02380952380952381], // by hand: 6/252
  [2, 5, 1, 5, 0.5], // by hand: (105 + 21)/252
  [4, 5, 1, 5, 0.1031746031746032],
  [3, 10, 0, 10, 0.10526315789473684],
  [5, 10, 1, 10, 0.07043343653250773],
];

it('fisherGreater matches scipy.stats.fisher_exact(alternative="greater")', () => {
  for (const [t, tN, b, bN, p] of SCIPY)
    assert.ok(Math.abs(fisherGreater(t, tN, b, bN) - p) < 1e-12, `${t}/${tN} vs ${b}/${bN}`);
});
