import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diffColour, flameRects, relativeChange } from '../../../webview/compare/flameLayout';
import type { DiffFlame } from '../../../protocol/compareView';

// main (425) → hot (300), cold (50), newFn (50); a second top-level frame gc (75).
const flame: DiffFlame = {
  unit: 'ms CPU/s',
  names: ['main', 'hot', 'cold', 'newFn', 'gc'],
  files: ['', '', '', '', ''],
  parent: [-1, 0, 0, 0, -1],
  treatment: [425, 300, 50, 50, 75],
  treatmentSelf: [25, 300, 50, 50, 75],
  baseline: [250, 100, 100, 0, 75],
  baselineSelf: [50, 100, 100, 0, 75],
  treatmentTotal: 500,
  baselineTotal: 325,
  omitted: 0,
  iterations: [2, 2],
};

describe('differential flame layout', () => {
  it('places children inside their parent, widths by share of the treatment total', () => {
    const r = flameRects(flame);
    const at = (i: number) => [r[i].depth, +r[i].x0.toFixed(4), +r[i].x1.toFixed(4)];
    // Total 500: main 0…0.85; hot 0…0.6; cold 0.6…0.7; newFn 0.7…0.8; gc 0.85…1.
    assert.deepEqual(at(0), [0, 0, 0.85]);
    assert.deepEqual(at(1), [1, 0, 0.6]);
    assert.deepEqual(at(2), [1, 0.6, 0.7]);
    assert.deepEqual(at(3), [1, 0.7, 0.8]);
    assert.deepEqual(at(4), [0, 0.85, 1]);
  });

  it('colours by relative change: red slower, blue faster, grey the same', () => {
    // hot: (300 − 100) / 300 = 2/3 → 200 + 2/3·(230 − 200) = 220, 200 − 2/3·150 = 100,
    // 200 − 2/3·160 = 93.3 → 93.
    assert.equal(relativeChange(100, 300), 2 / 3);
    assert.deepEqual(diffColour(100, 300), [220, 100, 93]);
    // cold: (50 − 100) / 100 = −0.5 → 200 − 0.5·150 = 125, 200 − 0.5·90 = 155, 200 + 0.5·30 = 215.
    assert.deepEqual(diffColour(100, 50), [125, 155, 215]);
    // newFn: new in the treatment → +1 → full red; gc unchanged → neutral.
    assert.deepEqual(diffColour(0, 50), [230, 50, 40]);
    assert.deepEqual(diffColour(75, 75), [200, 200, 200]);
    assert.deepEqual(diffColour(0, 0), [200, 200, 200]);
  });
});
