/**
 * The Over time and Scaling tables copied as Markdown, through the engine's one formatter.
 * Small hand-made data; the expected lines are written out by hand.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { overTimeMarkdown, scalingMarkdown } from '../../../webview/tabs/markdownTables';
import { leastSquares } from '../../../webview/logic/fit';
import { markdownDocument } from '../../../engine/format/markdownTable';
import type { CounterSeries, SourceData } from '../../../protocol/sourceData';

const d = { basis: 'Source: /runs/r1 (run)' } as SourceData;
const series: CounterSeries = {
  process: 0,
  timesMs: [500, 1000, 1500],
  lines: [3, 9, 15],
  counts: { 'a|b': [1, 2, 3] },
  totalMs: { 'a|b': [10, 20.5, 30] },
};

describe('Over time and Scaling as Markdown', () => {
  it('Over time: one row per window of what is charted, numbers right-aligned, | escaped', () => {
    const md = markdownDocument([
      overTimeMarkdown(d, 'alice', series, ['a|b'], 'total ms per window', [[10, 20.5, 30]], 500),
    ]);
    assert.equal(
      md,
      [
        '### Counters per window: alice',
        '',
        'Source: /runs/r1 (run)',
        '',
        '| Window | End (s since start) | Log line | a\\|b (total ms per window) |',
        '| ---: | ---: | ---: | ---: |',
        '| 1 | 0.50 | 3 | 10 |',
        '| 2 | 1 | 9 | 20.50 |',
        '| 3 | 1.50 | 15 | 30 |',
        '',
        'One row per counter dump of alice (500 ms windows; each dump resets the counters).',
        '',
      ].join('\n'),
    );
  });

  it('Scaling: the fit (X, Y, slope, intercept, R², windows, sentence) and its points', () => {
    // y = 2x + 1 exactly: slope 2, intercept 1, R² 1, 3 windows
    const pairs = [
      [1, 3],
      [2, 5],
      [3, 7],
    ] as const;
    const fit = leastSquares([1, 2, 3], [3, 5, 7]);
    const md = markdownDocument(
      scalingMarkdown(d, 'alice', 'x.count', 'y.totalMs', fit, 'y grows linearly', pairs),
    );
    assert.match(md, /^\| X \| Y \| Slope \| Intercept \| R² \| Windows \|$/m);
    assert.match(md, /^\| :--- \| :--- \| ---: \| ---: \| ---: \| ---: \|$/m);
    assert.match(md, /^\| x\.count \| y\.totalMs \| 2\.0000 \| 1\.0000 \| 1\.0000 \| 3 \|$/m);
    assert.match(md, /^y grows linearly$/m);
    assert.match(md, /over 3 dump windows of alice/);
    assert.match(md, /^\| 2 \| 5 \|$/m);
  });
});
