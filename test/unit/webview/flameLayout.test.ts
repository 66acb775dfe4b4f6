import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diffColour, flameLayout, relativeChange } from '../../../webview/compare/flameLayout';
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
  gone: [false, false, false, false, false],
  treatmentTotal: 500,
  baselineTotal: 325,
  goneTotal: 0,
  omitted: 0,
  iterations: [2, 2],
};

// The same with frames only the baseline has: main → oldFn (100) → parse (40), both gone, after
// main's other children; and a gone top-level frame oldTimer (25) after gc.
const withGone: DiffFlame = {
  unit: 'ms CPU/s',
  names: ['main', 'hot', 'cold', 'newFn', 'oldFn', 'parse', 'gc', 'oldTimer'],
  files: ['', '', '', '', '', '', '', ''],
  parent: [-1, 0, 0, 0, 0, 4, -1, -1],
  treatment: [425, 300, 50, 50, 0, 0, 75, 0],
  treatmentSelf: [25, 300, 50, 50, 0, 0, 75, 0],
  baseline: [350, 100, 100, 0, 100, 40, 75, 25],
  baselineSelf: [50, 100, 100, 0, 60, 40, 75, 25],
  gone: [false, false, false, false, true, true, false, true],
  treatmentTotal: 500,
  baselineTotal: 450,
  goneTotal: 125,
  omitted: 0,
  iterations: [2, 2],
};

const at = (l: ReturnType<typeof flameLayout>, i: number) => [
  l.rects[i].depth,
  +l.rects[i].x0.toFixed(4),
  +l.rects[i].x1.toFixed(4),
];

describe('differential flame layout', () => {
  it('places children inside their parent, widths by share of the treatment total', () => {
    const l = flameLayout(flame);
    assert.equal(l.scale, 500);
    // Total 500: main 0…0.85; hot 0…0.6; cold 0.6…0.7; newFn 0.7…0.8; gc 0.85…1.
    assert.deepEqual(at(l, 0), [0, 0, 0.85]);
    assert.deepEqual(at(l, 1), [1, 0, 0.6]);
    assert.deepEqual(at(l, 2), [1, 0.6, 0.7]);
    assert.deepEqual(at(l, 3), [1, 0.7, 0.8]);
    assert.deepEqual(at(l, 4), [0, 0.85, 1]);
    assert.deepEqual(l.goneColumns, []);
  });

  it('draws frames gone in the treatment at their baseline width, room kept in their callers', () => {
    const l = flameLayout(withGone);
    // The width stands for the treatment's 500 plus the gone frames' baseline: oldFn 100 under
    // main and oldTimer 25 on top (parse is inside oldFn) → 625 ms CPU/s.
    assert.equal(l.scale, 625);
    // main spans its 425 + oldFn's 100 = 525 → 0…0.84; hot 300 → 0…0.48; cold 50 → 0.48…0.56;
    // newFn 50 → 0.56…0.64; oldFn 100 → 0.64…0.8; parse 40 inside it → 0.64…0.704; main's own
    // 25 is the gap 0.8…0.84; gc 75 → 0.84…0.96; oldTimer 25 → 0.96…1.
    assert.deepEqual(at(l, 0), [0, 0, 0.84]);
    assert.deepEqual(at(l, 1), [1, 0, 0.48]);
    assert.deepEqual(at(l, 2), [1, 0.48, 0.56]);
    assert.deepEqual(at(l, 3), [1, 0.56, 0.64]);
    assert.deepEqual(at(l, 4), [1, 0.64, 0.8]);
    assert.deepEqual(at(l, 5), [2, 0.64, 0.704]);
    assert.deepEqual(at(l, 6), [0, 0.84, 0.96]);
    assert.deepEqual(at(l, 7), [0, 0.96, 1]);
    // Above oldFn, main's row is room kept (0.64…0.8): main's coloured part is 0.84 − 0.16 =
    // 0.68 = 425 / 625, its treatment CPU. parse (not topmost) and oldTimer (top) keep none.
    assert.deepEqual(
      l.goneColumns.map((c) => [c.depth, +c.x0.toFixed(4), +c.x1.toFixed(4)]),
      [[0, 0.64, 0.8]],
    );
    assert.deepEqual(l.goneBelow, [100, 0, 0, 0, 0, 0, 0, 0]);
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
