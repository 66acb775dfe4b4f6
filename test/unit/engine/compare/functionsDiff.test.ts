/**
 * The functions diff on a hand-made case: five iterations a side, CPU profile rows given as the
 * profile importer would hand them, every expected number worked out by hand beside it.
 *
 * Baseline iterations run 10 s, treatment iterations 20 s, so every cost is divided by its own
 * wall-clock: ms of CPU per second.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FunctionRow } from '../../../../engine/profile';
import type { RunModel } from '../../../../engine/soak';
import { compareSides, functionsDiff, iterationMetrics } from '../../../../engine/compare';
import { parseFunctionMetric } from '../../../../engine/compare/functionsDiff';

const CWD = '/work/app';

function fn(
  name: string,
  file: string,
  line: number,
  selfMs: number,
  totalMs = selfMs,
): FunctionRow {
  return {
    name,
    file: `${CWD}/${file}`,
    line,
    column: 1,
    selfMs,
    totalMs,
    selfPct: 0,
    totalPct: 0,
    samples: 0,
    totalSamples: 0,
  };
}

function iteration(label: string, wallMs: number, functions: FunctionRow[]) {
  const start = Date.UTC(2026, 11, 6, 12, 0, 0);
  const run: RunModel = {
    dir: `/runs/${label}`,
    name: label,
    present: ['run.json'],
    missing: [],
    manifest: {
      startTime: new Date(start).toISOString(),
      endTime: new Date(start + wallMs).toISOString(),
      cwd: CWD,
      status: 'completed',
    },
    diagnostics: [],
  };
  return iterationMetrics({ run, functions });
}

const five = [0, 1, 2, 3, 4];
// Baseline, 10 s each:
//   encode (src/codec.ts:10)   self 1,000 ms → 100 ms/s
//   hashLoop (src/hash.ts)     self   500 ms →  50 ms/s
//   oldSlow (src/old.ts)       self   300 ms →  30 ms/s (gone in the treatment)
//   handle (src/a.ts)          self   100 ms →  10 ms/s
//   handle (src/b.ts)          self   100 ms →  10 ms/s
//   main (src/main.ts)         self 0, total 2,000 ms → 200 ms/s
const baseline = five.map((k) =>
  iteration(`run-${k + 1}`, 10_000, [
    fn('encode', 'src/codec.ts', 10, 1000),
    fn('hashLoop', 'src/hash.ts', 5, 500),
    fn('oldSlow', 'src/old.ts', 1, 300),
    fn('handle', 'src/a.ts', 3, 100),
    fn('handle', 'src/b.ts', 3, 100),
    fn('main', 'src/main.ts', 1, 0, 2000),
  ]),
);
// Treatment, 20 s each:
//   encode moved to line 14    self 2,000 ms → 100 ms/s (same per second: no change)
//   hashLoop                   self 3,000 + 20k ms → 150 + k ms/s (k = 0…4)
//   newHot (src/new.ts)        self   400 ms →  20 ms/s (absent from the baseline)
//   handle (src/a.ts)          self   200 ms →  10 ms/s
//   handle (src/b.ts)          self 1,000 ms →  50 ms/s
//   main                       self 0, total 8,000 ms → 400 ms/s
const treatment = five.map((k) =>
  iteration(`run-${k + 1}`, 20_000, [
    fn('encode', 'src/codec.ts', 14, 2000),
    fn('hashLoop', 'src/hash.ts', 5, 3000 + 20 * k),
    fn('newHot', 'src/new.ts', 1, 400),
    fn('handle', 'src/a.ts', 3, 200),
    fn('handle', 'src/b.ts', 3, 1000),
    fn('main', 'src/main.ts', 1, 0, 8000),
  ]),
);

const near = (actual: number, expected: number, what: string): void =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);

describe('functions diff', () => {
  const c = compareSides(baseline, treatment);
  const diff = functionsDiff(c.functions);

  it('ranks self-CPU regressions per second of wall-clock, a new function with its whole cost', () => {
    // hashLoop: differences (150 + j) − 50 = 100 + j over 25 pairs → median 102 ms/s, +204 %.
    // handle (src/b.ts): 50 − 10 = +40 ms/s. newHot: 20 − 0 (absent = 0) = +20 ms/s.
    assert.deepEqual(
      diff.self.regressions.map((r) => [r.name, r.file]),
      [
        ['hashLoop', 'src/hash.ts'],
        ['handle', 'src/b.ts'],
        ['newHot', 'src/new.ts'],
      ],
    );
    const [hash, b, hot] = diff.self.regressions;
    near(hash.baseline, 50, 'hashLoop baseline median');
    near(hash.treatment, 152, 'hashLoop treatment median (150…154)');
    near(hash.change, 102, 'hashLoop shift');
    near(hash.changePct!, 204, 'hashLoop shift %');
    assert.deepEqual(hash.n, [5, 5]);
    assert.equal(hash.verdict, 'worse');
    near(b.change, 40, 'handle (b.ts) shift');
    near(hot.baseline, 0, 'newHot baseline (absent)');
    near(hot.change, 20, 'newHot shift');
    assert.equal(hot.changePct, null); // baseline median 0: no percentage
  });

  it('lists a function gone from the treatment as an improvement', () => {
    // oldSlow: 0 − 30 = −30 ms/s.
    assert.deepEqual(
      diff.self.improvements.map((r) => [r.name, r.change]),
      [['oldSlow', -30]],
    );
  });

  it('matches by name and file: a moved function is one function, same names in two files are two', () => {
    // encode at line 10 and at line 14 is one function with 100 ms/s on both sides: no change.
    const encode = c.functions.filter((m) => m.name.startsWith('function:encode '));
    assert.deepEqual(
      encode.map((m) => m.name),
      ['function:encode (src/codec.ts):self', 'function:encode (src/codec.ts):total'].filter((n) =>
        encode.some((m) => m.name === n),
      ),
    );
    assert.equal(encode.length, 2);
    for (const m of encode) near(m.change, 0, m.name);
    // handle in src/a.ts (10 → 10 ms/s) is not a regression; handle in src/b.ts is.
    assert.ok(!diff.self.regressions.some((r) => r.file === 'src/a.ts'));
  });

  it('ranks total-CPU regressions apart from self', () => {
    // main: total 200 → 400 ms/s (+200) with no self time; then hashLoop +102, handle b +40,
    // newHot +20 (their totals equal their self times).
    assert.deepEqual(
      diff.total.regressions.map((r) => [r.name, Math.round(r.change)]),
      [
        ['main', 200],
        ['hashLoop', 102],
        ['handle', 40],
        ['newHot', 20],
      ],
    );
    assert.ok(!diff.self.regressions.some((r) => r.name === 'main'));
  });

  it('reads metric ids back, names with parentheses included', () => {
    assert.deepEqual(parseFunctionMetric('function:get (x) (src/a.ts):self'), {
      name: 'get (x)',
      file: 'src/a.ts',
      kind: 'self',
    });
    assert.deepEqual(parseFunctionMetric('function:(anonymous) (src/a.ts):total'), {
      name: '(anonymous)',
      file: 'src/a.ts',
      kind: 'total',
    });
    assert.deepEqual(parseFunctionMetric('function:(garbage collector):self'), {
      name: '(garbage collector)',
      file: '',
      kind: 'self',
    });
  });
});
