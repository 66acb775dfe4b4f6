/**
 * The statistics against reference values computed independently: scipy 1.17.1 / numpy and a
 * brute-force enumeration (test/fixtures/compare/scipy-1.17.1/make_reference.py, which says how
 * each number was made), plus small cases worked by hand below.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { mannWhitneyU, smallestP, iterationsNeeded } from '../../../../engine/compare/rankTest';
import { hodgesLehmann } from '../../../../engine/compare/shift';
import { benjaminiHochberg } from '../../../../engine/compare/fdr';
import { normalQuantile, normalUpperTail } from '../../../../engine/compare/normal';
import { uDistribution } from '../../../../engine/compare/uDistribution';
import { percentile } from '../../../../engine/compare/latencySamples';

interface Reference {
  utest: Array<{ name: string; x: number[]; y: number[]; u: number; p: number; method: string }>;
  hl: Array<{
    name: string;
    alpha: number;
    x: number[];
    y: number[];
    shift: number;
    ciLow: number | null;
    ciHigh: number | null;
  }>;
  bh: Array<{ p: number[]; q: number[] }>;
  normal: Array<{ z?: number; sf?: number; p?: number; ppf?: number }>;
}

const ref = JSON.parse(
  readFileSync(
    path.join(__dirname, '../../../fixtures/compare/scipy-1.17.1/reference.json'),
    'utf8',
  ),
) as Reference;

const close = (actual: number, expected: number, rel = 1e-9, what = ''): void =>
  assert.ok(
    actual === expected || Math.abs(actual - expected) <= rel * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} ≠ ${expected}`,
  );

test('exact U distribution by hand: m = n = 2 has C(4,2) = 6 orderings, U = 0,1,2,2,3,4', () => {
  // Orderings of xxyy: xxyy U=4, xyxy 3, xyyx 2, yxxy 2, yxyx 1, yyxx 0 → counts 1,1,2,1,1.
  const d = uDistribution(2, 2);
  assert.equal(d.orderings, 6);
  [1 / 6, 2 / 6, 4 / 6, 5 / 6, 1].forEach((c, u) => close(d.cdf[u], c, 1e-12, `cdf[${u}]`));
});

test('the small-sample trap: 5 a side cannot go below 2/252, 3 a side cannot reach 0.05', () => {
  close(smallestP(5, 5), 2 / 252, 1e-12, '5v5'); // C(10,5) = 252
  close(smallestP(3, 3), 2 / 20, 1e-12, '3v3'); // C(6,3) = 20 → 0.1
  close(smallestP(1, 1), 1, 1e-12, '1v1'); // 2/C(2,1) = 1
  assert.deepEqual(iterationsNeeded(1, 1, 0.05), [4, 4]); // 2/C(8,4) = 2/70 ≈ 0.029; 3v3: 0.1
  assert.deepEqual(iterationsNeeded(3, 5, 0.05), [3, 5]); // 2/C(8,3) = 2/56 ≈ 0.036 ≤ 0.05
  assert.deepEqual(iterationsNeeded(2, 9, 0.05), [2, 9]); // 2/C(11,2) = 2/55 ≈ 0.036
  assert.deepEqual(iterationsNeeded(1, 2, 0.01), [5, 5]); // 2/C(10,5) ≈ 0.0079; 4v4: 0.029
  // Fully separated 5 v 5 reaches exactly that smallest p.
  close(mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]).p, 2 / 252, 1e-12, 'separated');
});

test('ties inside one side keep the exact test; a tie across the sides does not', () => {
  // Two baseline iterations at the same millisecond: however the tie is broken, every baseline
  // value is below every treatment value, so U = 0 and p = 2 / C(8,4) = 2/70, as untied.
  const inside = mannWhitneyU([812, 812, 815, 820], [900, 905, 905, 910]);
  assert.equal(inside.u, 16);
  assert.equal(inside.method, 'exact');
  close(inside.p, 2 / 70, 1e-12, 'ties inside one side');
  // 820 in both: U of x = 15.5 (15 pairs x < y, plus ½ for the 820 pair), and breaking the tie
  // either way gives 15 or 16 — no exact distribution applies, so the approximation is used.
  const across = mannWhitneyU([812, 812, 815, 820], [820, 905, 905, 910]);
  assert.equal(across.u, 15.5);
  assert.equal(across.method, 'normal');
  assert.equal(across.crossTies, true);
});

test('Mann-Whitney U matches scipy.stats.mannwhitneyu', () => {
  assert.ok(ref.utest.length >= 9);
  for (const c of ref.utest) {
    const r = mannWhitneyU(c.x, c.y);
    assert.equal(r.u, c.u, `${c.name}: U`);
    assert.equal(r.method, c.method, `${c.name}: method`);
    close(r.p, c.p, 1e-9, `${c.name}: p`);
  }
});

test('Hodges-Lehmann shift and interval match the brute-force enumeration', () => {
  assert.ok(ref.hl.length >= 10);
  for (const c of ref.hl) {
    const r = hodgesLehmann(c.x, c.y, c.alpha);
    close(r.shift, c.shift, 1e-9, `${c.name}@${c.alpha}: shift`);
    close(r.ciLow, c.ciLow ?? -Infinity, 1e-9, `${c.name}@${c.alpha}: low`);
    close(r.ciHigh, c.ciHigh ?? Infinity, 1e-9, `${c.name}@${c.alpha}: high`);
  }
});

test('Hodges-Lehmann interval by hand: 5 v 5 separated by 10 at 95 %', () => {
  // Differences y−x for x=10..14, y=20..24: 6×1, 7×2, 8×3, 9×4, 10×5, 11×4, 12×3, 13×2, 14×1.
  // P(U ≤ 2) = 4/252 ≤ 0.025 < P(U ≤ 3) = 7/252, so k = 3: [D(3), D(23)] = [7, 13]; coverage
  // 1 − 8/252 ≈ 0.968.
  const r = hodgesLehmann([10, 11, 12, 13, 14], [20, 21, 22, 23, 24]);
  assert.deepEqual([r.shift, r.ciLow, r.ciHigh], [10, 7, 13]);
  close(r.coverage, 1 - 8 / 252, 1e-12, 'coverage');
});

test('Benjamini-Hochberg matches scipy.stats.false_discovery_control', () => {
  for (const c of ref.bh) {
    const q = benjaminiHochberg(c.p);
    c.q.forEach((e, i) => close(q[i], e, 1e-12, `q[${i}]`));
  }
  // By hand: p = 0.01, 0.02 (k = 2): q = min(0.02·2/2, …) = 0.02 for both; 0.01·2/1 = 0.02.
  assert.deepEqual(benjaminiHochberg([0.01, 0.02]), [0.02, 0.02]);
});

test('normal tail and quantile match scipy.stats.norm', () => {
  for (const c of ref.normal) {
    if (c.z !== undefined && c.sf !== undefined)
      close(normalUpperTail(c.z), c.sf, 1e-9, `sf(${c.z})`);
    if (c.p !== undefined && c.ppf !== undefined)
      close(normalQuantile(c.p), c.ppf, 1e-9, `ppf(${c.p})`);
  }
});

test('latency percentiles match numpy.percentile (linear) on 1001 raw values', () => {
  const r = (
    ref as unknown as { percentile: Array<{ values: number[]; q: number[]; expected: number[] }> }
  ).percentile[0];
  r.q.forEach((q, i) => close(percentile(r.values, q), r.expected[i], 1e-12, `p${q}`));
});
