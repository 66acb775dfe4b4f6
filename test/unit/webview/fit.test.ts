import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeFit, leastSquares } from '../../../webview/logic/fit';

describe('least squares for the Scaling tab', () => {
  it('matches a hand computation', () => {
    // x 1..4, y 2,4,5,4: mean x 2.5, mean y 3.75
    // Sxy = (−1.5)(−1.75) + (−0.5)(0.25) + (0.5)(1.25) + (1.5)(0.25) = 3.5; Sxx = 5; Syy = 4.75
    // slope = 3.5 / 5 = 0.7; intercept = 3.75 − 0.7 × 2.5 = 2; R² = 3.5² / (5 × 4.75) = 0.51579
    const f = leastSquares([1, 2, 3, 4], [2, 4, 5, 4]);
    assert.equal(f.n, 4);
    assert.ok(Math.abs(f.slope - 0.7) < 1e-12);
    assert.ok(Math.abs(f.intercept - 2) < 1e-12);
    assert.ok(Math.abs(f.r2 - 12.25 / 23.75) < 1e-12);
  });

  it('says it plainly, and says when it cannot tell', () => {
    // y = 3x exactly: R² 1
    assert.equal(
      describeFit('flushToIpfs time', 'flushToIpfs.blocks', leastSquares([1, 2, 3], [3, 6, 9])),
      'flushToIpfs time grows ~linearly with flushToIpfs.blocks, R² 1.00 (3 windows).',
    );
    assert.match(describeFit('y', 'x', leastSquares([1, 2], [1, 2])), /Too few windows \(2\)/);
    assert.match(describeFit('y', 'x', leastSquares([2, 2, 2], [1, 2, 3])), /x does not vary/);
    assert.match(
      describeFit('y', 'x', leastSquares([1, 2, 3, 4], [1, -1, 1, -1])),
      /does not follow x linearly, R² 0\.20/,
    );
  });
});
