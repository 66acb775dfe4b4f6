/**
 * The secondary family's level: alpha under 10 iterations a side, strict from 10; with `strictFamily`
 * (engine/compare/familyLevel.ts) what the primaries' exact tests leave unused of alpha, so that
 * A against A claims anything at most about alpha of the time; and what each does to the
 * verdicts of secondaries (by hand below).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareSides, type IterationMetrics, type MetricValue } from '../../../../engine/compare';
import { familyLevel, strictByDefault } from '../../../../engine/compare/familyLevel';

const close = (actual: number, expected: number, what: string): void =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `${what}: ${actual} ≠ ${expected}`);

function iteration(label: string, values: Record<string, number>): IterationMetrics {
  const metrics = new Map<string, MetricValue>();
  for (const [id, value] of Object.entries(values))
    metrics.set(id, {
      id,
      group: id === 'wall-clock' ? 'wall-clock' : 'counter',
      unit: 'ms',
      better: 'lower',
      value,
    });
  return {
    dir: label,
    label,
    correctness: { pass: 1, fail: 0, failures: [], exit: 'ok' },
    metrics,
    problems: [],
  };
}

describe('the secondary family level', () => {
  it('alpha less what the primaries can reach, with a floor of alpha/50', () => {
    // 5 v 5: reachable 8/252 (U ≤ 2: 1 + 1 + 2 of 252 orderings, doubled) → 0.05 − 0.031746.
    close(familyLevel(0.05, [[5, 5]]), 0.05 - 8 / 252, '5v5');
    // 10 v 10: reachable 2·P(U ≤ 23) = 0.04325705254497824 (a separate count of the U
    // distribution by the recursion f(m,n,u) = f(m,n−1,u−m) + f(m−1,n,u), in Python).
    close(familyLevel(0.05, [[10, 10]]), 0.05 - 0.04325705254497824, '10v10');
    // 3 v 3 cannot reach 0.05 at all: the primary never claims, the family has all of alpha.
    close(familyLevel(0.05, [[3, 3]]), 0.05, '3v3');
    // Two 5 v 5 primaries use 0.063 > 0.05; past 50 a side the normal approximation reaches 0.05.
    close(
      familyLevel(0.05, [
        [5, 5],
        [5, 5],
      ]),
      0.001,
      'two primaries',
    );
    close(familyLevel(0.05, [[60, 60]]), 0.001, '60v60');
  });

  it('5 a side: both secondaries flagged at alpha; strict, the one at 8/252 no longer', () => {
    // Wall-clock interleaved (no difference). Counter a fully separated: p = 2/252 = 0.0079.
    // Counter b with two inversions (1160 > 1100, 1160 > 1150): U = 2 → p = 2·4/252 = 0.0317.
    // BH over k = 2: q_a = 0.0079·2/1 = 0.0159, q_b = 0.0317·2/2 = 0.0317.
    // Family level 0.05 − 8/252 = 0.01825: a flagged (worse), b same. At 0.05 both are flagged.
    const b = [0, 1, 2, 3, 4].map((i) =>
      iteration(`b${i}`, {
        'wall-clock': 100_000 + 2000 * i,
        'counter:a:total': 1000 + 10 * i,
        'counter:b:total': [1000, 1010, 1020, 1030, 1160][i],
      }),
    );
    const t = [0, 1, 2, 3, 4].map((i) =>
      iteration(`t${i}`, {
        'wall-clock': 101_000 + 2000 * i,
        'counter:a:total': 1100 + 10 * i,
        'counter:b:total': [1100, 1150, 1170, 1180, 1190][i],
      }),
    );
    const byDefault = compareSides(b, t);
    close(byDefault.familyAlpha, 0.05, 'default familyAlpha');
    assert.equal(byDefault.verdict, 'no-difference');
    const d = (name: string) => byDefault.metrics.find((x) => x.name === name)!;
    assert.equal(d('counter:a:total').verdict, 'worse');
    assert.equal(d('counter:b:total').verdict, 'worse');

    const c = compareSides(b, t, { strictFamily: true });
    close(c.familyAlpha, 0.05 - 8 / 252, 'familyAlpha');
    assert.equal(c.verdict, 'no-difference');
    const m = (name: string) => c.metrics.find((x) => x.name === name)!;
    close(m('counter:a:total').q!, (2 * 2) / 252, 'q a');
    close(m('counter:b:total').q!, 8 / 252, 'q b');
    assert.equal(m('counter:a:total').verdict, 'worse');
    assert.equal(m('counter:b:total').verdict, 'same');
    // A secondary's smallest detectable change is at the family level ÷ k.
    close(m('counter:b:total').detectable.alpha, (0.05 - 8 / 252) / 2, 'detectable alpha');
  });

  it('by default: at alpha under 10 iterations a side, strict from 10 (the rule)', () => {
    assert.equal(strictByDefault([[5, 5]]), false);
    assert.equal(strictByDefault([[9, 12]]), false);
    assert.equal(strictByDefault([[10, 10]]), true);
    assert.equal(
      strictByDefault([
        [10, 10],
        [12, 9],
      ]),
      false,
    );
    assert.equal(strictByDefault([]), false);
    // Wall-clock interleaved, no change; one counter — the same sides at 9 and at 10 a side.
    const sides = (n: number): [IterationMetrics[], IterationMetrics[]] => [
      Array.from({ length: n }, (_, i) =>
        iteration(`b${i}`, { 'wall-clock': 100_000 + 2000 * i, 'counter:a:total': 1000 + i }),
      ),
      Array.from({ length: n }, (_, i) =>
        iteration(`t${i}`, { 'wall-clock': 101_000 + 2000 * i, 'counter:a:total': 1000 + i }),
      ),
    ];
    close(compareSides(...sides(9)).familyAlpha, 0.05, '9 a side: alpha');
    // 10 v 10: alpha − 2·P(U ≤ 23) = 0.05 − 0.04325705254497824 (the Python count above; scipy's
    // exact mannwhitneyu gives the same largest p ≤ 0.05 at 10 v 10).
    close(compareSides(...sides(10)).familyAlpha, 0.05 - 0.04325705254497824, '10 a side: strict');
    // Either way can be asked for.
    close(compareSides(...sides(10), { strictFamily: false }).familyAlpha, 0.05, 'asked: alpha');
    close(
      compareSides(...sides(5), { strictFamily: true }).familyAlpha,
      0.05 - 8 / 252,
      'asked: strict',
    );
  });
});
