import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { alignIterations, flaggedSpans } from '../../../webview/compare/overTimeSeries';

describe('Compare view series', () => {
  it('aligns iterations with their own x on one axis, null where one has no point', () => {
    // Baseline windows end at 5, 10, 15 s; the treatment's at 5 and 12 s.
    assert.deepEqual(
      alignIterations(
        [
          [5, 10, 15],
          [5, 12],
        ],
        [
          [100, 200, 50],
          [50, null],
        ],
      ),
      [
        [5, 10, 12, 15],
        [100, 200, null, 50],
        [50, null, null, null],
      ],
    );
  });

  it('turns flagged machine rows into merged spans since the row before', () => {
    // Rows at 5, 10, 15, 20, 25 s; 10 and 15 flagged → 5…15; 25 flagged → 20…25.
    assert.deepEqual(flaggedSpans([5, 10, 15, 20, 25], [false, true, true, false, true]), [
      [5, 15],
      [20, 25],
    ]);
    // The first row flagged covers one interval back, not before 0.
    assert.deepEqual(flaggedSpans([3, 8], [true, false]), [[0, 3]]);
    assert.deepEqual(flaggedSpans([], []), []);
  });
});
