/**
 * engine/inline/baselineChange.ts: which metric of a comparison a lensed function's change
 * comes from — its lead counter's, else its CPU total from the functions diff, found by name
 * and by the diff's run-relative file being a trailing part of the document's path.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Comparison, MetricComparison } from '../../../../engine/compare';
import { BaselineIndex, baselineChange } from '../../../../engine/inline/baselineChange';
import type { SourceFunction } from '../../../../engine/source/sourceFunctions';

const metric = (name: string, group: MetricComparison['group']): MetricComparison => ({
  name,
  group,
  unit: 'ms',
  better: 'lower',
  primary: false,
  baseline: { n: 5, median: 10, values: [] },
  treatment: { n: 5, median: 5, values: [] },
  change: -5,
  changePct: -50,
  ci: [-6, -4],
  ciPct: [-60, -40],
  p: 0.008,
  q: 0.02,
  verdict: 'better',
  detectable: { pct: null, power: 0.8, alpha: 0.05, noisePct: null, scale: null, needed: [] },
});

const comparison = {
  alpha: 0.05,
  counters: [
    metric('counter:orbitdb.putEntry:total', 'counter'),
    metric('counter:blocks:count', 'counter'),
  ],
  functions: [
    metric('function:encode (src/store.ts):total', 'function'),
    metric('function:encode (src/store.ts):self', 'function'),
    metric('function:Other.encode (lib/other.ts):total', 'function'),
    metric('function:put (src/a.ts):total', 'function'),
    metric('function:Store.put (src/a.ts):total', 'function'),
  ],
} as unknown as Comparison;

const fn = (name: string, owner?: string): SourceFunction => ({
  name,
  ...(owner ? { owner } : {}),
  anonymous: false,
  line: 1,
  column: 1,
  endLine: 2,
  endColumn: 1,
  counterCalls: [],
});

const timer = {
  name: 'orbitdb.putEntry',
  count: 1,
  totalMs: 1,
  avgMs: 1,
  maxMs: 1,
  ratePerSec: 1,
  kind: 'timer' as const,
  shareOfWallClock: 0,
};

describe('baselineChange', () => {
  const index = new BaselineIndex(comparison);

  it("takes the lead counter's metric first (a timer's total)", () => {
    const c = baselineChange(index, '/w/src/store.ts', fn('encode'), timer);
    assert.equal(c?.basis, 'orbitdb.putEntry total');
    assert.equal(c?.metric.name, 'counter:orbitdb.putEntry:total');
    assert.equal(c?.alpha, 0.05);
  });

  it('else the CPU total of the function with that name in a file ending the document path', () => {
    assert.equal(
      baselineChange(index, '/w/src/store.ts', fn('encode'), undefined)?.metric.name,
      'function:encode (src/store.ts):total',
    );
    // lib/other.ts's encode is another file; a file that only ends in the same letters is not a
    // match.
    assert.equal(
      baselineChange(index, '/w/lib/other.ts', fn('encode'), undefined)?.metric.name,
      'function:Other.encode (lib/other.ts):total',
    );
    assert.equal(baselineChange(index, '/w/xsrc/store.ts', fn('encode'), undefined), undefined);
  });

  it('a lead counter the comparison does not have falls back to the CPU total', () => {
    // `orbitdb.other` was measured on one side only (not in `counters`): the lens shows the
    // function's CPU total change instead, with the comparison's alpha.
    const c = baselineChange(index, '/w/src/store.ts', fn('encode'), {
      ...timer,
      name: 'orbitdb.other',
    });
    assert.equal(c?.basis, 'CPU total');
    assert.equal(c?.metric.name, 'function:encode (src/store.ts):total');
    assert.equal(c?.metric.change, -5);
    assert.equal(c?.alpha, 0.05);
    // A count's lead metric is its count: `blocks` is a counter of kind count → counter:blocks:count.
    const count = baselineChange(index, '/w/src/store.ts', fn('encode'), {
      ...timer,
      name: 'blocks',
      kind: 'count' as const,
    });
    assert.equal(count?.basis, 'blocks count');
    assert.equal(count?.metric.name, 'counter:blocks:count');
  });

  it('two candidates: the one qualified by the owner, else none (never a guess)', () => {
    assert.equal(
      baselineChange(index, '/w/src/a.ts', fn('put', 'Store'), undefined)?.metric.name,
      'function:Store.put (src/a.ts):total',
    );
    assert.equal(baselineChange(index, '/w/src/a.ts', fn('put'), undefined), undefined);
  });
});
